"""Ingest into the store: incremental, idempotent, one transaction per batch of documents.

A batch of new documents is parsed and extracted, then written in one
transaction: what each document gives on its own (text, mentions, time
expressions, topic words, raw events, statements as written) and its place
in the list of pending documents, with its statements. Once a run has
stored `settle_docs` documents since it last settled (checked after each
batch), and at the end of the run, the pending documents are settled into
the cross-document record in a transaction of their own (see
`talktrack.store.settle`): entities, statements with their speakers,
merged events. A run killed mid-batch loses that batch only; running it again skips
what is stored (a document's id is the hash of its text), settles what the
killed run left pending and finishes the job.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from datasketch import MinHash
from sqlalchemy import Connection, Engine, delete, func, insert, select

from talktrack.codec import decode, encode
from talktrack.collector import fewer_collections
from talktrack.dedupe import band_keys, best_original, copy_events, minhash, signature_bytes, signature_from_bytes
from talktrack.errors import message
from talktrack.extract.published import waits_for_anchor, with_anchor
from talktrack.extract.topics import load_taxonomy
from talktrack.model import Document, Event, Reject
from talktrack.parallel import Workers, executor, extract_all
from talktrack.resolve import block_of
from talktrack.settings import Settings
from talktrack.store import tables as t
from talktrack.store.database import writing
from talktrack.store.read import pending_count
from talktrack.store.rows import chunks, insert_rows
from talktrack.store.settle import settle

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


def store_anchor(conn: Connection) -> str | None:
    """Return the median publication date of the stored originals: the anchor of a yearless dateline.

    The lower median, read with one indexed query; None for a store with no dated document.
    """
    dated = (func.length(t.documents.c.published) >= 10) & (t.documents.c.duplicate_of.is_(None))  # whole dates only
    count = conn.scalar(select(func.count()).select_from(t.documents).where(dated)) or 0
    if not count:
        return None
    query = select(t.documents.c.published).where(dated).order_by(t.documents.c.published).offset((count - 1) // 2).limit(1)
    found = conn.scalar(query)
    return found[:10] if found else None


def _now() -> datetime:
    return datetime.now(timezone.utc)


def stored_ids(conn: Connection, ids: Iterable[str]) -> set[str]:
    """Return those of `ids` whose documents are already in the store."""
    found: set[str] = set()
    for part in chunks(ids):
        found.update(conn.scalars(select(t.documents.c.id).where(t.documents.c.id.in_(part))))
    return found


def record_rejects(conn: Connection, rejects: Sequence[Reject]) -> None:
    """Store rejected inputs, replacing what an earlier run said about the same source and line."""
    for r in rejects:
        conn.execute(delete(t.rejects).where(t.rejects.c.source == r.source, t.rejects.c.line.is_(r.line) if r.line is None else t.rejects.c.line == r.line))
    insert_rows(conn, t.rejects, [{"source": r.source, "code": r.code, "message": r.message, "line": r.line, "at": _now()} for r in rejects])


def ingest(
    engine: Engine,
    paths: Iterable[str],
    settings: Settings,
    *,
    published: str | None = None,
    outlet: str | None = None,
    batch_docs: int = 256,
    settle_docs: int = SETTLE_DOCS,
    on_reject: Callable[[Reject], None] | None = None,
    on_stored: Callable[[int], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
    workers: Workers = Workers(),
) -> IngestReport:
    """Read, extract and store the articles in `paths`; return what was done.

    Already stored texts are skipped before they are parsed; near-duplicates
    of stored or earlier articles are linked to them and not parsed (setting
    near_duplicates). `on_stored` gets the number of documents of each
    committed batch; `on_progress` gets 1 for each input done with (extracted,
    found already stored, or rejected), for a progress bar that moves as the
    parse does. `workers` runs the parse on worker
    processes or a Dask cluster; the store ends the same. The record is
    settled every `settle_docs` documents and at the end: the same record
    whatever the number, a smaller one shows documents in it sooner and
    costs more.
    """
    from talktrack.run import read_documents  # loads spaCy: only when ingesting

    return ingest_documents(
        engine,
        lambda rejected, repeated: read_documents(paths, settings, published=published, outlet=outlet, on_reject=rejected, on_repeat=repeated),
        settings, batch_docs=batch_docs, settle_docs=settle_docs, on_reject=on_reject, on_stored=on_stored,
        on_progress=on_progress, workers=workers,
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
    """Store the documents `read(on_reject, on_repeat)` yields, as `ingest` does for files (the API's writes use it)."""
    report = IngestReport()
    pending_rejects: list[Reject] = []

    def tick() -> None:
        if on_progress:
            on_progress(1)

    def rejected(reject: Reject) -> None:
        report.rejected += 1
        pending_rejects.append(reject)
        tick()
        if on_reject:
            on_reject(reject)

    def repeated(document: Document, first: str) -> None:
        report.repeated += 1
        report.notices.append(message("TT160", path=document.source, first=first))
        tick()

    def ticking(extracted: Iterable[tuple[Document, dict[str, list[Any]]]]) -> Iterator[tuple[Document, dict[str, list[Any]]]]:
        for item in extracted:
            tick()
            yield item

    copies = StoredNearDuplicates(settings.near_duplicates) if settings.near_duplicates else None
    waiting: list[Document] = []  # dated only by a yearless dateline: extracted after the rest, anchored on the store
    waiting_ids: set[str] = set()
    exhausted = False
    unsettled = 0  # documents this run stored since it last settled

    def screened() -> Iterator[Document]:
        """Yield the documents not yet stored, each marked as a near-duplicate or not."""
        for batch in chunks(read(rejected, repeated), batch_docs):
            with engine.connect() as conn:
                known = stored_ids(conn, (d.id for d in batch))
                for document in batch:
                    if document.id in known:
                        report.repeated += 1
                        tick()
                        continue
                    if copies is not None:
                        document.duplicate_of = copies.original_of(conn, document)
                    yield document

    source = screened()

    def segment() -> Iterator[Document]:
        """Yield documents until MAX_WAITING of them wait for an anchor (or the input ends), setting those aside.

        The boundary falls after a given document whatever the batch sizes
        and workers, and everything before it is stored before the waiting
        ones are anchored, so the record does not depend on how the run is split.
        """
        nonlocal exhausted
        for document in source:
            if waits_for_anchor(document, waiting_ids):
                waiting.append(document)
                waiting_ids.add(document.id)
                if len(waiting) >= MAX_WAITING:
                    return
                continue
            yield document
        exhausted = True

    def anchored(conn: Connection) -> list[Document]:
        out = with_anchor(waiting, store_anchor(conn))
        waiting.clear()
        waiting_ids.clear()
        return out

    def store(extracted: Iterable[tuple[Document, dict[str, list[Any]]]]) -> None:
        nonlocal unsettled
        for batch in chunks(ticking(extracted), batch_docs):
            with writing(engine) as conn:
                # another ingest may have stored some of these since they were read: the check is inside
                # the write transaction, which holds the store's write lock from its start (see `writing`)
                already = stored_ids(conn, (d.id for d, _ in batch))
                if already:
                    report.repeated += len(already)
                    batch = [(d, found) for d, found in batch if d.id not in already]
                if batch:
                    write_batch(conn, batch, settings)
                for document, _ in batch:
                    if document.duplicate_of:
                        report.near_duplicates += 1
                        report.notices.append(message("TT161", path=document.source, first=_source(conn, document.duplicate_of)))
                if copies is not None:
                    copies.save(conn, [d.id for d, _ in batch if not d.duplicate_of])
                record_rejects(conn, pending_rejects)
            pending_rejects.clear()
            report.stored += len(batch)
            if on_stored and batch:
                on_stored(len(batch))
            unsettled += len(batch)
            if unsettled >= settle_docs:  # in a transaction of its own: the batch is committed whatever becomes of it
                settle_pending(engine, settings)
                unsettled = 0

    with fewer_collections(), executor(workers) as (submit, window):
        while not exhausted:
            store(extract_all(segment(), settings, submit, window))
            if waiting:  # after everything before them is stored: the anchor is the median of the whole store
                with engine.connect() as conn:
                    rest = anchored(conn)
                store(extract_all(rest, settings, submit, window))
        settle_pending(engine, settings)  # also what an interrupted run or another writer left pending
    if pending_rejects:
        with writing(engine) as conn:
            record_rejects(conn, pending_rejects)
    return report


def settle_pending(engine: Engine, settings: Settings) -> int:
    """Settle the documents waiting in the store into the record, in one transaction; return how many.

    The write lock is taken only when some document waits.
    """
    with engine.connect() as conn:
        if not pending_count(conn):
            return 0
    with writing(engine) as conn:
        return settle(conn, settings)


def write_batch(conn: Connection, batch: Sequence[tuple[Document, dict[str, list[Any]]]], settings: Settings) -> None:
    """Store a batch of extracted documents, each with what it gives on its own, as pending (see `settle`)."""
    layers: dict[str, list[Any]] = defaultdict(list)
    texts = {d.id: d.text for d, _ in batch}
    for document, found in batch:
        if document.duplicate_of:
            found = {"events": _copied_events(conn, document, layers.get("events", []), texts)}
        for name, records in found.items():
            layers[name].extend(records)
    _insert_documents(conn, [d for d, _ in batch])
    _insert_layers(conn, layers, settings)
    said: dict[str, list[Any]] = defaultdict(list)
    for st in layers.get("statements", []):
        said[st.doc_id].append(encode(st))
    insert_rows(conn, t.pending_documents, [{"doc_id": d.id, "statements": said.get(d.id, [])} for d, _ in batch])


def _insert_documents(conn: Connection, documents: Sequence[Document]) -> None:
    now = _now()
    conn.execute(
        insert(t.documents),
        [
            {
                "id": d.id, "source": d.source, "title": d.title, "outlet": d.outlet, "url": d.url,
                "published": d.published, "published_basis": d.published_basis, "text": d.text,
                "sections": encode(d.sections), "warnings": list(d.warnings), "duplicate_of": d.duplicate_of, "ingested_at": now,
            }
            for d in documents
        ],
    )
    conn.execute(
        insert(t.search_items),
        [{"kind": "document", "record_id": d.id, "doc_id": d.id, "title": d.title or "", "body": d.text} for d in documents],
    )


def _source(conn: Connection, doc_id: str) -> str:
    return conn.scalar(select(t.documents.c.source).where(t.documents.c.id == doc_id)) or doc_id


def _copied_events(conn: Connection, copy: Document, batch_events: list[Event], texts: dict[str, str]) -> list[Event]:
    """Return the events of `copy`'s original (stored, or earlier in this batch) with evidence from the copy."""
    original = copy.duplicate_of or ""
    if original in texts:
        events = [e for e in batch_events if e.evidence and e.evidence[0].doc_id == original]
        text = texts[original]
    else:
        rows = conn.scalars(select(t.raw_events.c.record).where(t.raw_events.c.doc_id == original).order_by(t.raw_events.c.id))
        events = [decode(Event, r) for r in rows]
        text = conn.scalar(select(t.documents.c.text).where(t.documents.c.id == original)) or ""
    return copy_events(events, text, copy.id, copy.text)


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
        ids = sorted(set(conn.scalars(select(t.signature_bands.c.doc_id).where(t.signature_bands.c.key.in_(keys)))))
        stored = [(row.doc_id, signature_from_bytes(row.hashvalues)) for part in chunks(ids)
                  for row in conn.execute(select(t.signatures).where(t.signatures.c.doc_id.in_(part)).order_by(t.signatures.c.doc_id))]
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
        rows = [(i, *self.pending.pop(i)) for i in doc_ids if i in self.pending]
        insert_rows(conn, t.signatures, [{"doc_id": i, "hashvalues": signature_bytes(sig)} for i, sig, _ in rows])
        insert_rows(conn, t.signature_bands, [{"key": k, "doc_id": i} for i, _, keys in rows for k in sorted(keys)])


def _insert_layers(conn: Connection, layers: dict[str, list[Any]], settings: Settings) -> None:
    """Store what each document gives on its own: name mentions, time expressions, topic words and raw events.

    Its statements wait with the pending document: they are stored when the settle links their speakers.
    """
    insert_rows(conn, t.mentions, [encode(m) | {"titles": encode(m.titles), "entity_id": None} for m in layers.get("entities", [])])
    insert_rows(conn, t.timexes, [encode(x) | {"range": list(x.range) if x.range else None} for x in layers.get("timexes", [])])
    mentions = layers.get("topics", [])
    if mentions:  # the topics first, each after its parent: the mentions refer to them
        taxonomy = load_taxonomy(settings.taxonomy)
        used = {a for m in mentions for a in taxonomy.lineage(m.topic)}
        known = set(conn.scalars(select(t.topics.c.id)))
        new = sorted(used - known, key=lambda i: (len(taxonomy.lineage(i)), i))
        insert_rows(conn, t.topics, [encode(taxonomy.topics[i]) for i in new])
        insert_rows(conn, t.topic_mentions, [encode(m) for m in mentions])
    insert_rows(
        conn, t.raw_events,
        [{"doc_id": e.evidence[0].doc_id if e.evidence else "", "block": block_of(e), "record": encode(e)} for e in layers.get("events", [])],
    )
