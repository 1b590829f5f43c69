"""Read stored records back as the model's objects, and the whole record as a Ledger."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import Connection, func, select

from talktrack.codec import decode
from talktrack.model import Document, Entity, Event, Ledger, Reject, Section, Span, Statement, Timex, Title, Topic, TopicMention
from talktrack.store import tables as t


def document_from_row(row: Any) -> Document:
    """Return the Document of a `documents` row."""
    return Document(
        id=row.id, text=row.text, source=row.source, title=row.title, outlet=row.outlet, url=row.url,
        published=row.published, published_basis=row.published_basis,
        sections=[decode(Section, s) for s in row.sections], warnings=list(row.warnings), duplicate_of=row.duplicate_of,
    )


def pending_count(conn: Connection) -> int:
    """Return how many stored documents wait to be settled into the record (see `talktrack.store.settle`)."""
    return conn.scalar(select(func.count()).select_from(t.pending_documents)) or 0


def load_entities(conn: Connection, where: Any = None) -> list[Entity]:
    """Return entities (all, or those matching `where` on the entities table) with all their mentions."""
    query = select(t.entities).order_by(t.entities.c.type, t.entities.c.name, t.entities.c.id)
    if where is not None:
        query = query.where(where)
    out = {
        row.id: Entity(row.id, row.name, row.type, list(row.aliases), row.country, [decode(Title, x) for x in row.titles], [])
        for row in conn.execute(query)
    }
    spans = select(t.mentions.c.entity_id, t.mentions.c.doc_id, t.mentions.c.start, t.mentions.c.end).order_by(
        t.mentions.c.doc_id, t.mentions.c.start
    )
    if where is not None:
        spans = spans.where(t.mentions.c.entity_id.in_(list(out)))
    for row in conn.execute(spans):
        if row.entity_id in out:
            out[row.entity_id].mentions.append(Span(row.doc_id, row.start, row.end))
    return list(out.values())


def load_ledger(conn: Connection) -> Ledger:
    """Return the record in the store as one Ledger, in the order `talktrack extract` gives.

    Documents waiting for a settle are left out with their time expressions
    and topic words: their people, statements and events are not in it yet.
    """
    ledger = Ledger()
    waiting = select(t.pending_documents.c.doc_id)  # stored, not settled: not in the record yet (see `pending_count`)
    documents = select(t.documents).where(t.documents.c.id.not_in(waiting))
    ledger.documents = [document_from_row(r) for r in conn.execute(documents.order_by(t.documents.c.ingested_at, t.documents.c.source, t.documents.c.id))]
    ledger.entities = load_entities(conn)
    ledger.timexes = [
        Timex(r.doc_id, r.start, r.end, r.text, r.type, r.value, tuple(r.range) if r.range else None)
        for r in conn.execute(select(t.timexes).where(t.timexes.c.doc_id.not_in(waiting)).order_by(t.timexes.c.doc_id, t.timexes.c.start, t.timexes.c.id))
    ]
    ledger.statements = [decode(Statement, r) for r in conn.scalars(select(t.statements.c.record).order_by(t.statements.c.doc_id, t.statements.c.start))]
    ledger.topic_mentions = [
        TopicMention(r.doc_id, r.start, r.end, r.topic)
        for r in conn.execute(
            select(t.topic_mentions).where(t.topic_mentions.c.doc_id.not_in(waiting)).order_by(t.topic_mentions.c.doc_id, t.topic_mentions.c.start, t.topic_mentions.c.id)
        )
    ]
    ledger.topics = [Topic(r.id, r.label, r.parent) for r in conn.execute(select(t.topics).order_by(t.topics.c.id))]
    ledger.events = sorted(
        (decode(Event, r) for r in conn.scalars(select(t.events.c.record))),
        key=lambda e: (e.start or "9999", e.type, e.place or "", e.id),
    )
    ledger.rejects = [Reject(r.source, r.code, r.message, r.line) for r in conn.execute(select(t.rejects).order_by(t.rejects.c.id))]
    return ledger


def statements_by_doc(ledger: Ledger) -> dict[str, list[Statement]]:
    """Return the ledger's statements grouped by document."""
    out: dict[str, list[Statement]] = defaultdict(list)
    for st in ledger.statements:
        out[st.doc_id].append(st)
    return out
