"""Throughput and memory of talktrack against a bare spaCy parse of the same texts, in one run.

Usage: python benchmarks/throughput.py [--docs 2000] [--workers 2] [--copies 0.0]
       python benchmarks/throughput.py --real DIR [--first 60] [--runs 3]

With --real, on the first N .txt files (by name) of a folder of real
articles: the whole `talktrack extract` command against a process that
loads the same spaCy model and runs a bare `nlp.pipe` over the same texts,
each in a fresh process. After one unmeasured run of each (the disk cache),
they alternate `--runs` times, which side goes first changing every run. It
prints every run, the median of each column, the speed ratio (bare seconds /
extract seconds) and the peak memory ratio (extract's max RSS / the bare
parse's). Both sides count their Python start, imports and model load, as a
user running either would.

Without --real, for a generated corpus (benchmarks/corpus.py):
- documents/s of a bare `nlp.pipe` of the configured model over the texts;
- documents/s of the full ingest (read, repair, parse, extract, resolve,
  write to a fresh SQLite store), single process, and their ratio;
- documents/s of the same ingest with `--workers N` and the speed-up. Each
  side counts its start: the workers import the pipeline and load the spaCy
  model inside the run, so the single-process time it is compared with adds
  its own import and load (which the ratio to the bare parse leaves out, as
  the bare parse does);
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
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.corpus import EXAMPLES, write_corpus  # noqa: E402
from talktrack.settings import Settings  # noqa: E402

T = TypeVar("T")


def _settings(copies: float) -> Settings:
    return Settings(gazetteers=(EXAMPLES.parent / "gazetteer.yaml",), near_duplicates=0.8 if copies else 0.0)


class Run(NamedTuple):
    seconds: float  # the ingest, model loads excluded
    load_seconds: float  # importing the pipeline and loading the spaCy model here (none with workers: they load their own)
    stored: int
    near_duplicates: int
    peak_mb: float


def _ingest(paths: list[str], db: str, workers: int, copies: float) -> Run:
    settings = _settings(copies)
    load_s = 0.0
    if workers == 1:
        # what a worker does before its first batch: import the pipeline and load the model. It is not
        # ingest work for the ratio (the bare parse does not time spaCy's load either), but a run with
        # workers pays it inside, so the speed-up counts it on both sides
        start = time.perf_counter()
        from talktrack.nlp import load_nlp
        from talktrack.pipeline.parallel import extract_documents  # noqa: F401

        load_nlp(settings)
        load_s = time.perf_counter() - start
    from talktrack.ingest.language import load_identifier
    from talktrack.pipeline import Workers, ingest
    from talktrack.store import connect

    load_identifier()  # the main process loads the language model in either case
    engine = connect(db)
    start = time.perf_counter()
    report = ingest(engine, paths, settings, workers=Workers(workers))
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return Run(elapsed, load_s, report.stored, report.near_duplicates, peak)


def in_fresh_process(func: Callable[..., T], *args: Any) -> T:
    """Return `func(*args)` run in a new process, so its peak memory and model load are its own."""
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(func, *args).result()


def run_ingest(paths: list[str], db: str, workers: int, copies: float) -> Run:
    """Ingest `paths` into a fresh store `db` in a new process."""
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


_BARE = """
import sys
from pathlib import Path
import spacy
nlp = spacy.load(sys.argv[1])
texts = [Path(p).read_text(encoding="utf-8") for p in sys.argv[3:]]
for _ in nlp.pipe(texts, batch_size=int(sys.argv[2])):
    pass
"""


class Timed(NamedTuple):
    seconds: float  # wall clock of the whole process
    cpu: float  # its user and system CPU seconds (steadier than the wall clock on a busy machine)
    peak_mb: float  # its max RSS


def timed_process(argv: list[str]) -> Timed:
    """Run `argv` to the end with its output discarded; return its wall time and its own peak memory."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert child.stderr is not None
    errors = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - start
    if child.returncode:
        raise SystemExit(f"{argv[0]} failed ({child.returncode}): {errors.decode(errors='replace')[-2000:]}")
    return Timed(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def talktrack_command() -> list[str]:
    """Return the command that runs the installed `talktrack` script of this interpreter's environment."""
    script = Path(sys.executable).with_name("talktrack")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from talktrack.cli.app import main; main()"]


def real_copy(folder: Path, first: int, runs: int) -> None:
    """Print the whole `talktrack extract` against a bare parse on the first `first` articles of `folder`."""
    settings = Settings()
    sources = sorted(folder.glob("*.txt"))[:first]  # plain text: the bare side reads each file as it is
    if not sources:
        raise SystemExit(f"{folder}: no .txt files")
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in sources)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp)
        for source in sources:
            shutil.copy(source, corpus / source.name)
        files = [str(corpus / p.name) for p in sources]
        bare_cmd = [sys.executable, "-c", _BARE, settings.spacy_model, str(settings.batch_size), *files]
        extract_cmd = [*talktrack_command(), "extract", str(corpus)]
        print(f"{folder}: first {len(sources)} files, {words} words, model {settings.spacy_model}, "
              f"batch {settings.batch_size}, cores {os.cpu_count()}")
        bare: list[Timed] = []
        whole: list[Timed] = []
        timed_process(bare_cmd), timed_process(extract_cmd)  # warm-up: the files and the model in the disk cache
        for run in range(1, runs + 1):
            if run % 2:
                bare.append(timed_process(bare_cmd))
                whole.append(timed_process(extract_cmd))
            else:
                whole.append(timed_process(extract_cmd))
                bare.append(timed_process(bare_cmd))
            print(f"run {run}: bare parse {_line(bare[-1])} | talktrack extract {_line(whole[-1])}")
    b, w = (Timed(*(statistics.median(column) for column in zip(*side))) for side in (bare, whole))
    print(f"median: bare parse {_line(b)} | talktrack extract {_line(w)}")
    print(f"speed ratio (bare / extract): {b.seconds / w.seconds:.2f} wall clock, {b.cpu / w.cpu:.2f} CPU; "
          f"memory ratio (extract / bare): {w.peak_mb / b.peak_mb:.2f}")


def _line(t: Timed) -> str:
    return f"{t.seconds:6.2f} s ({t.cpu:6.2f} s CPU) {t.peak_mb:5.0f} MB"


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--copies", type=float, default=0.0, help="share of syndicated near-copies in the corpus")
    parser.add_argument("--real", type=Path, help="a folder of real articles: whole extract against a bare parse")
    parser.add_argument("--first", type=int, default=60, help="with --real: how many .txt files, first by name")
    parser.add_argument("--runs", type=int, default=3, help="with --real: runs of each side, alternating")
    args = parser.parse_args()
    if args.real:
        real_copy(args.real, args.first, args.runs)
        return
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

        one = run_ingest(paths, str(Path(tmp) / "one.db"), 1, args.copies)
        print(f"ingest, 1 process      : {n / one.seconds:7.1f} docs/s {words / one.seconds:9.0f} words/s ({one.seconds:.1f} s; "
              f"{one.stored} stored, {one.near_duplicates} near-duplicates)")
        print(f"ratio ingest/bare parse: {bare_s / one.seconds:.2f}")

        many = run_ingest(paths, str(Path(tmp) / "many.db"), args.workers, args.copies)
        print(f"ingest, {args.workers} workers      : {n / many.seconds:7.1f} docs/s ({many.seconds:.1f} s, their model loads included)")
        print(f"speed-up {args.workers} workers over 1: {(one.seconds + one.load_seconds) / many.seconds:.2f} "
              f"(1 process with its pipeline import and model load, {one.load_seconds:.1f} s)")

        small = run_ingest(paths[: max(1, args.docs // 5)], str(Path(tmp) / "small.db"), 1, args.copies)
        print(f"peak RSS, 1 process    : {small.peak_mb:.0f} MB at 1x ({small.stored} docs), {one.peak_mb:.0f} MB at 5x ({n} docs): "
              f"{100 * (one.peak_mb / small.peak_mb - 1):+.1f}%")


if __name__ == "__main__":
    main()
