"""Throughput of `talktrack extract` against a bare spaCy parse of the same texts, in one run.

Usage: python benchmarks/throughput.py [--docs 2000] [--batch-size 32]

Prints documents/s and words/s of (a) the bare `nlp.pipe` of the configured
model over the document texts and (b) the whole extract pipeline (read files,
repair, split, parse with talktrack's components, extract, resolve, ledger
dict), and their ratio. Timings are wall-clock on this machine, single process.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import spacy  # noqa: E402

from benchmarks.corpus import EXAMPLES, write_corpus  # noqa: E402
from talktrack.export.ledger import ledger_to_dict  # noqa: E402
from talktrack.ingest import read_inputs  # noqa: E402
from talktrack.model import Document  # noqa: E402
from talktrack.nlp import load_nlp  # noqa: E402
from talktrack.run import extract_ledger  # noqa: E402
from talktrack.settings import Settings  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--batch-size", type=int, default=32)
    args = parser.parse_args()
    settings = Settings(batch_size=args.batch_size, gazetteers=(EXAMPLES.parent / "gazetteer.yaml",))
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_corpus(Path(tmp), args.docs)
        texts = [d.text for d in read_inputs([tmp], settings) if isinstance(d, Document)]
        words = sum(len(t.split()) for t in texts)
        bare = spacy.load(settings.spacy_model)
        load_nlp(settings)  # both pipelines loaded before timing
        list(bare.pipe(texts[:50], batch_size=args.batch_size))  # warm-up

        start = time.perf_counter()
        for _ in bare.pipe(texts, batch_size=args.batch_size):
            pass
        bare_s = time.perf_counter() - start

        start = time.perf_counter()
        ledger = extract_ledger([tmp], settings)
        ledger_to_dict(ledger)
        full_s = time.perf_counter() - start
    n = len(texts)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"documents: {n} ({len(paths)} files), words: {words}, model: {settings.spacy_model}")
    print(f"bare nlp.pipe : {n / bare_s:8.1f} docs/s {words / bare_s:10.0f} words/s ({bare_s:.1f} s)")
    print(f"extract       : {n / full_s:8.1f} docs/s {words / full_s:10.0f} words/s ({full_s:.1f} s)")
    print(f"ratio extract/bare: {bare_s / full_s:.2f}")
    print(f"entities: {len(ledger.entities)}; peak RSS: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
