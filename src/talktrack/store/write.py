"""Writing to the store: a batch of extracted documents, rejected inputs, near-duplicate signatures, a settle.

The functions here write the records they are given and read back what a
writer needs (which documents are stored, an original's events, the anchor
date); the run that reads, parses and extracts the documents and decides
what goes in which transaction is `talktrack.pipeline.to_store`. A batch is
stored with what each document gives on its own (text, mentions, time
expressions, topic words, raw events, statements as written), and its
documents are listed as pending until a settle (`talktrack.store.settle`)
brings them into the cross-document record.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import Connection, Engine, delete, func, insert, select

from talktrack.codec import decode, encode
from talktrack.model import Document, Event, Layers, Reject
from talktrack.resolve import block_of
from talktrack.settings import Settings
from talktrack.store import tables as t
from talktrack.store.database import writing
from talktrack.store.read import pending_count
from talktrack.store.rows import chunks, insert_rows
from talktrack.store.settle import settle
from talktrack.taxonomy import load_taxonomy


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


def settle_pending(engine: Engine, settings: Settings) -> int:
    """Settle the documents waiting in the store into the record, in one transaction; return how many.

    The write lock is taken only when some document waits.
    """
    with engine.connect() as conn:
        if not pending_count(conn):
            return 0
    with writing(engine) as conn:
        return settle(conn, settings)


def write_batch(conn: Connection, batch: Sequence[tuple[Document, Layers]], settings: Settings) -> None:
    """Store a batch of extracted documents, each with what it gives on its own, as pending (see `settle`)."""
    layers = Layers()
    for _, found in batch:
        layers.extend(found)
    _insert_documents(conn, [d for d, _ in batch])
    _insert_layers(conn, layers, settings)
    said: dict[str, list[Any]] = defaultdict(list)
    for st in layers.statements:
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


def document_source(conn: Connection, doc_id: str) -> str:
    """Return where a stored document was read from (its id when that is not known)."""
    return conn.scalar(select(t.documents.c.source).where(t.documents.c.id == doc_id)) or doc_id


def document_events(conn: Connection, doc_id: str) -> tuple[str, list[Event]]:
    """Return a stored document's text and the events it gave on its own (raw, before merging), in stored order."""
    rows = conn.scalars(select(t.raw_events.c.record).where(t.raw_events.c.doc_id == doc_id).order_by(t.raw_events.c.id))
    events = [decode(Event, r) for r in rows]
    return conn.scalar(select(t.documents.c.text).where(t.documents.c.id == doc_id)) or "", events


def signatures_sharing(conn: Connection, keys: Iterable[str]) -> list[tuple[str, bytes]]:
    """Return the stored near-duplicate signatures (document id, hash values) with any of the LSH band `keys`."""
    ids = sorted(set(conn.scalars(select(t.signature_bands.c.doc_id).where(t.signature_bands.c.key.in_(list(keys))))))
    return [(row.doc_id, row.hashvalues) for part in chunks(ids)
            for row in conn.execute(select(t.signatures).where(t.signatures.c.doc_id.in_(part)).order_by(t.signatures.c.doc_id))]


def save_signatures(conn: Connection, signatures: Sequence[tuple[str, bytes, Iterable[str]]]) -> None:
    """Store originals' near-duplicate signatures: (document id, hash values, LSH band keys) each."""
    insert_rows(conn, t.signatures, [{"doc_id": i, "hashvalues": values} for i, values, _ in signatures])
    insert_rows(conn, t.signature_bands, [{"key": k, "doc_id": i} for i, _, keys in signatures for k in sorted(keys)])


def _insert_layers(conn: Connection, layers: Layers, settings: Settings) -> None:
    """Store what each document gives on its own: name mentions, time expressions, topic words and raw events.

    Its statements wait with the pending document: they are stored when the settle links their speakers.
    """
    insert_rows(conn, t.mentions, [encode(m) | {"titles": encode(m.titles), "entity_id": None} for m in layers.entities])
    insert_rows(conn, t.timexes, [encode(x) | {"range": list(x.range) if x.range else None} for x in layers.timexes])
    mentions = layers.topics
    if mentions:  # the topics first, each after its parent: the mentions refer to them
        taxonomy = load_taxonomy(settings.taxonomy)
        used = {a for m in mentions for a in taxonomy.lineage(m.topic)}
        known = set(conn.scalars(select(t.topics.c.id)))
        new = sorted(used - known, key=lambda i: (len(taxonomy.lineage(i)), i))
        insert_rows(conn, t.topics, [encode(taxonomy.topics[i]) for i in new])
        insert_rows(conn, t.topic_mentions, [encode(m) for m in mentions])
    insert_rows(
        conn, t.raw_events,
        [{"doc_id": e.evidence[0].doc_id if e.evidence else "", "block": block_of(e), "record": encode(e)} for e in layers.events],
    )
