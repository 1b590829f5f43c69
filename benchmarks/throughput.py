"""Throughput and memory of `talktrack ingest` against a bare spaCy parse of the same texts, in one run.

Usage: python benchmarks/throughput.py [--docs 2000] [--workers 2] [--copies 0.0]

Prints, for a generated corpus (benchmarks/corpus.py):
- documents/s of a bare `nlp.pipe` of the configured model over the texts;
- documents/s of the full ingest (read, repair, parse, extract, resolve,
  write to a fresh SQLite store), single process, and their ratio;
- documents/s of the same ingest with `--workers N` and the speed-up;
- peak memory (max RSS) of the single-process ingest at 1x (docs/5) and 5x
  (docs) the input.
Each ingest runs in a fresh process, so its peak memory is its own. Timings
are wall-clock on this machine; the bare parse is single process too.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.corpus import EXAMPLES, write_corpus  # noqa: E402
from talktrack.settings import Settings  # noqa: E402

T = TypeVar("T")


def _settings(copies: float) -> Settings:
    return Settings(gazetteers=(EXAMPLES.parent / "gazetteer.yaml",), near_duplicates=0.8 if copies else 0.0)


def _ingest(paths: list[str], db: str, workers: int, copies: float) -> tuple[float, int, int, float]:
    from talktrack.ingest.language import load_identifier
    from talktrack.nlp import load_nlp
    from talktrack.parallel import Workers
    from talktrack.store import connect, ingest

    settings = _settings(copies)
    load_nlp(settings)  # the model loads are not ingest work: the bare parse does not time spaCy's either
    load_identifier()
    engine = connect(db)
    start = time.perf_counter()
    report = ingest(engine, paths, settings, workers=Workers(workers))
    elapsed = time.perf_counter() - start
    return elapsed, report.stored, report.near_duplicates, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def in_fresh_process(func: Callable[..., T], *args: Any) -> T:
    """Return `func(*args)` run in a new process, so its peak memory and model load are its own."""
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(func, *args).result()


def run_ingest(paths: list[str], db: str, workers: int, copies: float) -> tuple[float, int, int, float]:
    """Ingest `paths` into a fresh store `db`; return seconds, stored, near-duplicates, peak RSS MB."""
    return in_fresh_process(_ingest, paths, db, workers, copies)


def _bare(texts: list[str], model: str, batch_size: int) -> float:
    import spacy

    nlp = spacy.load(model)
    list(nlp.pipe(texts[:50], batch_size=batch_size))  # warm-up
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return time.perf_counter() - start


def run_bare(texts: list[str], model: str, batch_size: int) -> float:
    """Return the seconds a bare `nlp.pipe` takes over `texts`."""
    return in_fresh_process(_bare, texts, model, batch_size)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--copies", type=float, default=0.0, help="share of syndicated near-copies in the corpus")
    args = parser.parse_args()
    settings = _settings(args.copies)
    from talktrack.ingest import read_inputs
    from talktrack.model import Document

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        paths = [str(p) for p in write_corpus(corpus, args.docs, copies=args.copies)]
        texts = [d.text for d in read_inputs(paths, settings) if isinstance(d, Document)]
        words = sum(len(t.split()) for t in texts)
        n = len(texts)
        print(f"documents: {n}, words: {words}, model: {settings.spacy_model}, cores: {os.cpu_count()}")

        bare_s = run_bare(texts, settings.spacy_model, settings.batch_size)
        print(f"bare nlp.pipe          : {n / bare_s:7.1f} docs/s {words / bare_s:9.0f} words/s ({bare_s:.1f} s)")

        one_s, stored, copies, peak_5x = run_ingest(paths, str(Path(tmp) / "one.db"), 1, args.copies)
        print(f"ingest, 1 process      : {n / one_s:7.1f} docs/s {words / one_s:9.0f} words/s ({one_s:.1f} s; "
              f"{stored} stored, {copies} near-duplicates)")
        print(f"ratio ingest/bare parse: {bare_s / one_s:.2f}")

        many_s, _, _, _ = run_ingest(paths, str(Path(tmp) / "many.db"), args.workers, args.copies)
        print(f"ingest, {args.workers} workers      : {n / many_s:7.1f} docs/s ({many_s:.1f} s)")
        print(f"speed-up {args.workers} workers over 1: {one_s / many_s:.2f}")

        small = paths[: max(1, args.docs // 5)]
        _, _, _, peak_1x = run_ingest(small, str(Path(tmp) / "small.db"), 1, args.copies)
        print(f"peak RSS, 1 process    : {peak_1x:.0f} MB at 1x ({len(small)} docs), {peak_5x:.0f} MB at 5x ({n} docs): "
              f"{100 * (peak_5x / peak_1x - 1):+.1f}%")


if __name__ == "__main__":
    main()
