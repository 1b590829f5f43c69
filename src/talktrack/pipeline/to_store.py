"""A run that ends in the store: incremental, idempotent, one transaction per batch of documents.

The steps are those of `to_ledger` (see `steps`); what differs is where
the records go and where the run looks things up. Already stored texts are
skipped before they are parsed; a near-duplicate's original may be stored
(found through its LSH band keys) or read earlier in the run; an undated
document's anchor is the median date of the whole store once everything
read before it is stored. A batch of new documents is parsed and extracted,
then written in one transaction (`store.write.write_batch`). Once a run has
stored `settle_docs` documents since it last settled (checked after each
batch), and at the end of the run, the pending documents are settled into
the cross-document record in a transaction of their own (see
`talktrack.store.settle`). A run killed mid-batch loses that batch only;
running it again skips what is stored (a document's id is the hash of its
text), settles what the killed run left pending and finishes the job.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import TypedDict, Unpack

from datasketch import MinHash
from sqlalchemy import Connection, Engine

from talktrack.model import Document, Reject
from talktrack.pipeline.collector import fewer_collections
from talktrack.pipeline.dedupe import band_keys, best_original, minhash, signature_bytes, signature_from_bytes
from talktrack.pipeline.parallel import Extracted, Workers, executor
from talktrack.pipeline.steps import copied_layers, copy_notice, extract_in_parts, mark_copies, read_documents, repeat_notice
from talktrack.settings import Settings
from talktrack.store.database import writing
from talktrack.store.rows import chunks
from talktrack.store.write import (
    document_events, document_source, record_rejects, save_signatures, settle_pending, signatures_sharing, store_anchor,
    stored_ids, write_batch,
)

MAX_WAITING = 2048  # documents waiting for an anchor (see `store_anchor`) held at most, then anchored on the store so far
SETTLE_DOCS = 1024  # documents stored between two settlings of the record


@dataclass
class IngestReport:
    """What one ingest did: documents stored, repeats skipped, inputs rejected."""

    stored: int = 0
    repeated: int = 0
    rejected: int = 0
    near_duplicates: int = 0
    notices: list[str] = field(default_factory=list)


class IngestOptions(TypedDict, total=False):
    """How `ingest` runs, as `ingest_documents` takes it."""

    batch_docs: int
    settle_docs: int
    on_reject: Callable[[Reject], None] | None
    on_stored: Callable[[int], None] | None
    on_progress: Callable[[int], None] | None
    workers: Workers


def ingest(
    engine: Engine,
    paths: Iterable[str],
    settings: Settings,
    *,
    published: str | None = None,
    outlet: str | None = None,
    **options: Unpack[IngestOptions],
) -> IngestReport:
    """Read, extract and store the articles in `paths`; return what was done.

    Already stored texts are skipped before they are parsed; near-duplicates
    of stored or earlier articles are linked to them and not parsed (setting
    near_duplicates). The `options` are those of `ingest_documents`.
    """
    return ingest_documents(
        engine,
        lambda rejected, repeated: read_documents(paths, settings, published=published, outlet=outlet, on_reject=rejected, on_repeat=repeated),
        settings, **options,
    )


def ingest_documents(
    engine: Engine,
    read: Callable[[Callable[[Reject], None], Callable[[Document, str], None]], Iterable[Document]],
    settings: Settings,
    *,
    batch_docs: int = 256,
    settle_docs: int = SETTLE_DOCS,
    on_reject: Callable[[Reject], None] | None = None,
    on_stored: Callable[[int], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
    workers: Workers = Workers(),
) -> IngestReport:
    """Store the documents `read(on_reject, on_repeat)` yields (`ingest` reads files; the API's write passes one).

    Documents go in `batch_docs` to a transaction. `on_stored` gets the
    number of documents of each committed batch; `on_progress` gets 1 for
    each input done with (extracted, found already stored, or rejected), for
    a progress bar that moves as the parse does. `workers` runs the parse on
    worker processes or a Dask cluster; the store ends the same. The record
    is settled every `settle_docs` documents and at the end: the same record
    whatever the number, a smaller one shows documents in it sooner and
    costs more.
    """
    run = _Ingest(engine, settings, batch_docs, settle_docs, on_reject, on_stored, on_progress)
    documents = run.screened(read(run.rejected, run.repeated))
    with fewer_collections(), executor(workers) as (submit, window):
        for part in extract_in_parts(documents, settings, submit, window, run.anchor, MAX_WAITING):
            run.store(part)
        settle_pending(engine, settings)  # also what an interrupted run or another writer left pending
    run.finish()
    return run.report


class _Ingest:
    """One ingest's state: its report, the rejects not yet recorded, the near-duplicate index, what waits to be settled."""

    def __init__(
        self,
        engine: Engine,
        settings: Settings,
        batch_docs: int,
        settle_docs: int,
        on_reject: Callable[[Reject], None] | None,
        on_stored: Callable[[int], None] | None,
        on_progress: Callable[[int], None] | None,
    ) -> None:
        self.engine = engine
        self.settings = settings
        self.batch_docs = batch_docs
        self.settle_docs = settle_docs
        self.on_reject = on_reject
        self.on_stored = on_stored
        self.on_progress = on_progress
        self.report = IngestReport()
        self.rejects: list[Reject] = []  # recorded with the next batch
        self.copies = StoredNearDuplicates(settings.near_duplicates) if settings.near_duplicates else None
        self.unsettled = 0  # documents this run stored since it last settled

    def tick(self) -> None:
        if self.on_progress:
            self.on_progress(1)

    def rejected(self, reject: Reject) -> None:
        self.report.rejected += 1
        self.rejects.append(reject)
        self.tick()
        if self.on_reject:
            self.on_reject(reject)

    def repeated(self, document: Document, first: str) -> None:
        self.report.repeated += 1
        self.report.notices.append(repeat_notice(document, first))
        self.tick()

    def screened(self, documents: Iterable[Document]) -> Iterator[Document]:
        """Yield the documents not yet stored, each marked as a near-duplicate or not."""
        for batch in chunks(documents, self.batch_docs):
            with self.engine.connect() as conn:
                new = self.not_stored(batch, stored_ids(conn, (d.id for d in batch)))
                yield from mark_copies(new, partial(self.copies.original_of, conn) if self.copies is not None else None)

    def not_stored(self, batch: Iterable[Document], known: set[str]) -> Iterator[Document]:
        """Yield the documents of `batch` not in `known`, counting the others as repeats."""
        for document in batch:
            if document.id in known:
                self.report.repeated += 1
                self.tick()
            else:
                yield document

    def anchor(self) -> str | None:
        """Return the anchor of the documents that wait: the median date of the store, read now."""
        with self.engine.connect() as conn:
            return store_anchor(conn)

    def ticking(self, extracted: Iterable[Extracted]) -> Iterator[Extracted]:
        for item in extracted:
            self.tick()
            yield item

    def store(self, extracted: Iterable[Extracted]) -> None:
        """Write the extracted documents in batches of one transaction each, settling every `settle_docs`."""
        for batch in chunks(self.ticking(extracted), self.batch_docs):
            with writing(self.engine) as conn:
                # another ingest may have stored some of these since they were read: the check is inside
                # the write transaction, which holds the store's write lock from its start (see `writing`)
                already = stored_ids(conn, (d.id for d, _ in batch))
                if already:
                    self.report.repeated += len(already)
                    batch = [(d, found) for d, found in batch if d.id not in already]
                if batch:
                    write_batch(conn, _with_copies(conn, batch), self.settings)
                for document, _ in batch:
                    if document.duplicate_of:
                        self.report.near_duplicates += 1
                        self.report.notices.append(copy_notice(document, document_source(conn, document.duplicate_of)))
                if self.copies is not None:
                    self.copies.save(conn, [d.id for d, _ in batch if not d.duplicate_of])
                record_rejects(conn, self.rejects)
            self.rejects.clear()
            self.report.stored += len(batch)
            if self.on_stored and batch:
                self.on_stored(len(batch))
            self.unsettled += len(batch)
            if self.unsettled >= self.settle_docs:  # in a transaction of its own: the batch is committed whatever becomes of it
                settle_pending(self.engine, self.settings)
                self.unsettled = 0

    def finish(self) -> None:
        """Record the rejects read after the last batch."""
        if self.rejects:
            with writing(self.engine) as conn:
                record_rejects(conn, self.rejects)


def _with_copies(conn: Connection, batch: Sequence[Extracted]) -> list[Extracted]:
    """Return `batch` with each near-duplicate given its original's events (the original stored, or earlier in the batch)."""
    in_batch = {d.id: (d, found) for d, found in batch}
    out = []
    for document, found in batch:
        if document.duplicate_of:
            if document.duplicate_of in in_batch:
                original, original_found = in_batch[document.duplicate_of]
                text, events = original.text, original_found.events
            else:
                text, events = document_events(conn, document.duplicate_of)
            found = copied_layers(document, text, events)
        out.append((document, found))
    return out


class StoredNearDuplicates:
    """Tell whether an article nearly copies one in the store or one read earlier in this run.

    Stored originals are found through their LSH band keys (table
    signature_bands), so a check reads a few rows whatever the size of the
    store; originals of this run not yet committed are compared directly.
    """

    def __init__(self, threshold: float) -> None:
        self.threshold = threshold
        self.pending: dict[str, tuple[MinHash, set[str]]] = {}  # uncommitted originals and their band keys

    def original_of(self, conn: Connection, document: Document) -> str | None:
        """Return the id of the original `document` nearly copies, or None (it is then an original)."""
        signature = minhash(document.text)
        keys = band_keys(signature, self.threshold)
        stored = [(doc_id, signature_from_bytes(values)) for doc_id, values in signatures_sharing(conn, keys)]
        shared = set(keys)
        # not yet committed originals pass the same band-key filter stored ones do
        pending = [(i, sig) for i, (sig, their) in self.pending.items() if shared & their]
        best = best_original(signature, [*stored, *pending], self.threshold)
        if best is None:
            self.pending[document.id] = (signature, shared)
            return None
        return best[0]

    def save(self, conn: Connection, doc_ids: Iterable[str]) -> None:
        """Store the signatures of originals committed with this batch."""
        saved = []
        for doc_id in doc_ids:
            if doc_id in self.pending:
                signature, keys = self.pending.pop(doc_id)
                saved.append((doc_id, signature_bytes(signature), keys))
        save_signatures(conn, saved)
