"""The per-document work (parse and extract), here or on worker processes or a Dask cluster, with the same results.

Parsing and extracting a document needs nothing but the document, and it is
nearly all of a run's cost, so that is what goes out: batches of documents
to `extract_batch` on N local processes (`--workers N`, the standard
library's process pool) or on a Dask distributed cluster (`--cluster
local:N` starts one here, `--scheduler ADDRESS` joins a running one).
Reading the inputs, the near-duplicate check, resolution across documents
and the store stay in the calling process. Results come back in input
order, whatever order the workers finish in, so a parallel run gives the
record a single process gives. At most `2 x workers` batches are in flight,
so memory does not grow with the input.

Each worker loads the spaCy model once and keeps it. On a cluster of other
machines, talktrack and the model must be installed on the workers, and
any gazetteer or taxonomy file the settings name must exist at the same
path there.
"""

from __future__ import annotations

import multiprocessing
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from typing import Any, Protocol

from talktrack.errors import message
from talktrack.extract import run_extractors
from talktrack.model import Document, Layers
from talktrack.nlp import parse_documents
from talktrack.pipeline.collector import fewer_collections
from talktrack.settings import Settings

Extracted = tuple[Document, Layers]
_LOCAL = re.compile(r"^local:(\d+)$")


class _Future(Protocol):
    def result(self) -> list[Extracted]: ...


Submit = Callable[[list[Document], Settings], _Future]


def extract_documents(documents: Iterable[Document], settings: Settings) -> Iterator[Extracted]:
    """Yield each document with its layers; an undated document gets the date its text implies (or TT154).

    A near-duplicate (`duplicate_of` set) is passed through with no layers: its
    original's records stand for it.
    """
    for document, doc in parse_documents(documents, settings):
        if document.duplicate_of:
            yield document, Layers()
            continue
        found = run_extractors(document, doc, settings)
        if not document.published and found.published:
            document.published, document.published_basis = found.published[0], "inferred"
            if document.anchor:
                document.warnings.append(message("TT157", year=document.published[:4]))
        elif not document.published:
            document.warnings.append(message("TT154"))
        yield document, found


def extract_batch(documents: list[Document], settings: Settings) -> list[Extracted]:
    """Parse and extract one batch; runs in a worker, which loads the model on its first batch."""
    with fewer_collections():
        return list(extract_documents(documents, settings))


@dataclass(frozen=True)
class Workers:
    """Where the per-document work runs: this process, N local processes, or a Dask cluster."""

    processes: int = 1
    cluster: str | None = None
    scheduler: str | None = None

    def __post_init__(self) -> None:
        if self.processes < 1:
            raise ValueError(f"workers must be at least 1, not {self.processes}")
        if self.cluster is not None and not _LOCAL.match(self.cluster):
            raise ValueError(f"cluster must be local:N (N worker processes), not {self.cluster!r}")
        if sum(x is not None for x in (self.cluster, self.scheduler)) + (self.processes > 1) > 1:
            raise ValueError("give one of --workers, --cluster and --scheduler")

    @property
    def count(self) -> int:
        """Return how many workers a local run starts (1 for a remote scheduler: it has its own)."""
        if self.cluster:
            return int(_LOCAL.match(self.cluster).group(1))  # type: ignore[union-attr]
        return self.processes

    @property
    def in_process(self) -> bool:
        """Return True when the work runs in this process."""
        return self.processes == 1 and self.cluster is None and self.scheduler is None


@contextmanager
def executor(workers: Workers) -> Iterator[tuple[Submit | None, int]]:
    """Yield a function that sends a batch to a worker (None: work here) and how many batches to keep in flight."""
    if workers.in_process:
        yield None, 0
    elif workers.cluster is None and workers.scheduler is None:
        # spawn, not fork: the parent may hold database connections and threads
        with ProcessPoolExecutor(max_workers=workers.processes, mp_context=multiprocessing.get_context("spawn")) as pool:
            yield (lambda batch, settings: pool.submit(extract_batch, batch, settings)), 2 * workers.processes
    else:
        with _dask_client(workers) as (client, size):
            yield (lambda batch, settings: client.submit(extract_batch, batch, settings, pure=False)), 2 * size


@contextmanager
def _dask_client(workers: Workers) -> Iterator[tuple[Any, int]]:
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - installed with talktrack
        raise RuntimeError("Dask distributed is not installed: pip install 'dask[distributed]'") from exc
    if workers.scheduler:
        with Client(workers.scheduler, timeout="30s") as client:
            size = max(1, len(client.scheduler_info().get("workers", {})))
            yield client, size
        return
    with LocalCluster(n_workers=workers.count, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with Client(cluster) as client:
            yield client, workers.count


def extract_all(documents: Iterable[Document], settings: Settings, submit: Submit | None = None, window: int = 0) -> Iterator[Extracted]:
    """Yield each document with its layers, in input order; with `submit`, the work runs on workers."""
    if submit is None:
        yield from extract_documents(documents, settings)
        return
    pending: deque[_Future] = deque()
    it = iter(documents)
    while batch := list(islice(it, settings.batch_size)):
        pending.append(submit(batch, settings))
        while len(pending) > max(1, window):
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()
