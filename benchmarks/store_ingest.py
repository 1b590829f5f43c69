"""Ingest throughput into the store, against a one-shot extract of the same generated articles.

    python benchmarks/store_ingest.py --docs 400 [--db URL]

Prints documents/s of `extract_ledger` and of `ingest` into a fresh store
(SQLite in a temporary folder unless --db names an empty database), their
ratio, the time of a second ingest of the same files (all skipped), and of
one more article added to the full store (incremental resolution).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.corpus import write_corpus  # noqa: E402
from talktrack.pipeline import extract_ledger, ingest  # noqa: E402
from talktrack.settings import Settings  # noqa: E402
from talktrack.store import connect  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=400)
    parser.add_argument("--db", default=None)
    args = parser.parse_args()
    settings = Settings(gazetteers=(Path("examples/gazetteer.yaml"),))
    with tempfile.TemporaryDirectory() as tmp:
        files = write_corpus(Path(tmp) / "corpus", args.docs + 1)
        last, files = files[-1], files[:-1]
        paths = [str(p) for p in files]
        extract_ledger(paths[:5], settings)  # load the model outside the timings
        t0 = time.perf_counter()
        extract_ledger(paths, settings)
        t_extract = time.perf_counter() - t0
        engine = connect(args.db or str(Path(tmp) / "record.db"))
        t0 = time.perf_counter()
        report = ingest(engine, paths, settings)
        t_ingest = time.perf_counter() - t0
        t0 = time.perf_counter()
        ingest(engine, paths, settings)
        t_again = time.perf_counter() - t0
        t0 = time.perf_counter()
        ingest(engine, [str(last)], settings)
        t_one = time.perf_counter() - t0
    n = report.stored
    print(f"documents: {n} stored of {len(paths)}")
    print(f"extract (one shot) : {len(paths) / t_extract:7.1f} docs/s ({t_extract:.1f} s)")
    print(f"ingest into store  : {n / t_ingest:7.1f} docs/s ({t_ingest:.1f} s)")
    print(f"ratio ingest/extract: {t_extract / t_ingest:.2f}")
    print(f"second ingest of the same files: {t_again:.1f} s (all skipped before parsing)")
    print(f"one more article into the full store: {t_one:.2f} s")


if __name__ == "__main__":
    main()
