"""Ingest into the store: incremental, idempotent, one transaction per batch of documents.

A batch of new documents is parsed and extracted, then written with the
part of the cross-document record it touches, in one transaction: the
entities sharing a name key with its mentions are re-resolved with all
their mentions, the statements they speak are re-linked, and the event
blocks its events fall in are re-merged. Nothing else is rewritten, so the
cost of a batch follows what it touches, not the size of the store. A run
killed mid-batch loses that batch only; running it again skips what is
stored (a document's id is the hash of its text) and finishes the job.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from itertools import islice
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, delete, insert, select, update

from talktrack.codec import decode, encode
from talktrack.errors import message
from talktrack.extract.topics import load_taxonomy
from talktrack.model import Document, Entity, Event, Mention, Reject, Span, Statement, Title
from talktrack.resolve.rounds import entities_by_span
from talktrack.resolve import block_of, link_speakers, merge_events, name_keys, resolve_entities
from talktrack.settings import Settings
from talktrack.store import tables as t

T = TypeVar("T")
CHUNK = 500  # ids per IN (...) list, well under every database's parameter limit


@dataclass
class IngestReport:
    """What one ingest did: documents stored, repeats skipped, inputs rejected."""

    stored: int = 0
    repeated: int = 0
    rejected: int = 0
    notices: list[str] = field(default_factory=list)


def chunks(items: Iterable[T], size: int = CHUNK) -> Iterator[list[T]]:
    """Yield `items` in lists of at most `size`."""
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


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
    if rejects:
        conn.execute(
            insert(t.rejects),
            [{"source": r.source, "code": r.code, "message": r.message, "line": r.line, "at": _now()} for r in rejects],
        )


def ingest(
    engine: Engine,
    paths: Iterable[str],
    settings: Settings,
    *,
    published: str | None = None,
    outlet: str | None = None,
    batch_docs: int = 64,
    on_reject: Callable[[Reject], None] | None = None,
    on_stored: Callable[[int], None] | None = None,
) -> IngestReport:
    """Read, extract and store the articles in `paths`; return what was done.

    Already stored texts are skipped before they are parsed. `on_stored` gets
    the number of documents of each committed batch (for progress bars).
    """
    from talktrack.run import extract_documents, read_documents  # loads spaCy: only when ingesting

    report = IngestReport()
    pending_rejects: list[Reject] = []

    def rejected(reject: Reject) -> None:
        report.rejected += 1
        pending_rejects.append(reject)
        if on_reject:
            on_reject(reject)

    def repeated(document: Document, first: str) -> None:
        report.repeated += 1
        report.notices.append(message("TT160", path=document.source, first=first))

    def new_documents() -> Iterator[Document]:
        docs = read_documents(paths, settings, published=published, outlet=outlet, on_reject=rejected, on_repeat=repeated)
        for batch in chunks(docs, batch_docs):
            with engine.connect() as conn:
                known = stored_ids(conn, (d.id for d in batch))
            for document in batch:
                if document.id in known:
                    report.repeated += 1
                else:
                    yield document

    for batch in chunks(extract_documents(new_documents(), settings), batch_docs):
        with engine.begin() as conn:
            write_batch(conn, batch, settings)
            record_rejects(conn, pending_rejects)
        pending_rejects.clear()
        report.stored += len(batch)
        if on_stored:
            on_stored(len(batch))
    if pending_rejects:
        with engine.begin() as conn:
            record_rejects(conn, pending_rejects)
    return report


def write_batch(conn: Connection, batch: Sequence[tuple[Document, dict[str, list[Any]]]], settings: Settings) -> None:
    """Store a batch of extracted documents and re-resolve the part of the record they touch."""
    layers: dict[str, list[Any]] = defaultdict(list)
    for document, found in batch:
        for name, records in found.items():
            layers[name].extend(records)
    _insert_documents(conn, [d for d, _ in batch])
    _insert_layers(conn, layers, settings)
    affected = _resolve_entities(conn, layers.get("entities", []), settings)
    statements: list[Statement] = layers.get("statements", [])
    _insert_statements(conn, statements)
    _relink_statements(conn, affected, {st.id for st in statements})
    _merge_events(conn, layers.get("events", []), affected)


def _insert_documents(conn: Connection, documents: Sequence[Document]) -> None:
    now = _now()
    conn.execute(
        insert(t.documents),
        [
            {
                "id": d.id, "source": d.source, "title": d.title, "outlet": d.outlet, "url": d.url,
                "published": d.published, "published_basis": d.published_basis, "text": d.text,
                "sections": encode(d.sections), "warnings": list(d.warnings), "duplicate_of": None, "ingested_at": now,
            }
            for d in documents
        ],
    )
    conn.execute(
        insert(t.search_items),
        [{"kind": "document", "record_id": d.id, "doc_id": d.id, "title": d.title or "", "body": d.text} for d in documents],
    )


def _insert_layers(conn: Connection, layers: dict[str, list[Any]], settings: Settings) -> None:
    """Store what each document gives on its own: time expressions, topic words and raw events."""
    if layers.get("timexes"):
        conn.execute(insert(t.timexes), [encode(x) | {"range": list(x.range) if x.range else None} for x in layers["timexes"]])
    mentions = layers.get("topics", [])
    if mentions:
        conn.execute(insert(t.topic_mentions), [encode(m) for m in mentions])
        taxonomy = load_taxonomy(settings.taxonomy)
        used = {a for m in mentions for a in taxonomy.lineage(m.topic)}
        known = set(conn.scalars(select(t.topics.c.id)))
        new = [taxonomy.topics[i] for i in used - known if i in taxonomy.topics]
        if new:
            conn.execute(insert(t.topics), [encode(topic) for topic in new])
    if layers.get("events"):
        conn.execute(
            insert(t.raw_events),
            [{"doc_id": e.evidence[0].doc_id if e.evidence else "", "block": block_of(e), "record": encode(e)} for e in layers["events"]],
        )


def _insert_statements(conn: Connection, statements: list[Statement]) -> None:
    """Store new statements linked to their speakers (entities are resolved by now), keeping the raw form too.

    The search index keeps the speaker as the article wrote it; queries show the resolved name.
    """
    if not statements:
        return
    linked = link_speakers(statements, entities_for_docs(conn, {st.doc_id for st in statements}))
    conn.execute(insert(t.statements), [_statement_row(done, raw) for done, raw in zip(linked, statements)])
    conn.execute(insert(t.statement_topics), [{"statement_id": st.id, "topic": x} for st in statements for x in st.topics])
    conn.execute(
        insert(t.search_items),
        [{"kind": "statement", "record_id": st.id, "doc_id": st.doc_id, "title": st.speaker_name, "body": st.content} for st in statements],
    )


def _statement_row(linked: Statement, raw: Statement) -> dict[str, Any]:
    return {
        "id": linked.id, "doc_id": linked.doc_id, "start": linked.start, "end": linked.end, "content": linked.content,
        "kind": linked.kind, "speaker_name": linked.speaker_name, "speaker_id": linked.speaker_id,
        "speaker_side": linked.speaker_side, "date": linked.date, "topics": list(linked.topics),
        "record": encode(linked), "raw": encode(raw),
    }


def _mention(row: Any) -> Mention:
    titles = tuple(Title(x["title"], x.get("organization")) for x in row.titles or [])
    return Mention(row.doc_id, row.start, row.end, row.text, row.type, row.name, row.key, row.country, titles)


def _resolve_entities(conn: Connection, new: list[Mention], settings: Settings) -> set[str]:
    """Re-resolve the entities sharing a name key with `new` mentions; return the ids replaced or created."""
    keys = {k for m in new for k in name_keys(m)}
    affected: set[str] = set()
    for part in chunks(sorted(keys)):
        affected.update(conn.scalars(select(t.entity_keys.c.entity_id).where(t.entity_keys.c.key.in_(part))))
    old: list[tuple[int, str, Mention]] = []
    for part in chunks(sorted(affected)):
        rows = conn.execute(select(t.mentions).where(t.mentions.c.entity_id.in_(part)))
        old.extend((row.id, row.entity_id, _mention(row)) for row in rows)
    entities = resolve_entities([m for _, _, m in old] + new, settings)
    _unique_ids(entities)
    owner = {(s.doc_id, s.start, s.end): e.id for e in entities for s in e.mentions}
    for part in chunks(sorted(affected)):
        conn.execute(delete(t.entities).where(t.entities.c.id.in_(part)))
        conn.execute(delete(t.entity_keys).where(t.entity_keys.c.entity_id.in_(part)))
    if entities:
        conn.execute(
            insert(t.entities),
            [{"id": e.id, "name": e.name, "type": e.type, "country": e.country, "aliases": e.aliases, "titles": encode(e.titles)} for e in entities],
        )
        keys_of: dict[str, set[str]] = defaultdict(set)
        for _, _, m in old:
            keys_of[owner[(m.doc_id, m.start, m.end)]].update(name_keys(m))
        for m in new:
            keys_of[owner[(m.doc_id, m.start, m.end)]].update(name_keys(m))
        conn.execute(insert(t.entity_keys), [{"entity_id": e, "key": k} for e, ks in keys_of.items() for k in sorted(ks)])
    moved: dict[str, list[int]] = defaultdict(list)
    for row_id, was, m in old:
        now = owner[(m.doc_id, m.start, m.end)]
        if now != was:
            moved[now].append(row_id)
    for entity_id, mention_rows in moved.items():
        for rows_part in chunks(mention_rows):
            conn.execute(update(t.mentions).where(t.mentions.c.id.in_(rows_part)).values(entity_id=entity_id))
    if new:
        conn.execute(
            insert(t.mentions),
            [encode(m) | {"titles": encode(m.titles), "entity_id": owner[(m.doc_id, m.start, m.end)]} for m in new],
        )
    return affected | {e.id for e in entities}


def _unique_ids(entities: list[Entity]) -> None:
    """Give entities that resolve to one id (two unrelated people called "Li") distinct ids, in a stable order."""
    seen: dict[str, int] = {}
    for e in sorted(entities, key=lambda e: (e.id, min(((s.doc_id, s.start) for s in e.mentions), default=("", 0)))):
        n = seen.get(e.id, 0) + 1
        seen[e.id] = n
        if n > 1:
            e.id = f"{e.id}-{n}"


def entities_for_docs(conn: Connection, doc_ids: Iterable[str]) -> list[Entity]:
    """Return the entities mentioned in `doc_ids`, each with its mentions in those documents only."""
    spans: dict[str, list[Span]] = defaultdict(list)
    for part in chunks(sorted(set(doc_ids))):
        rows = conn.execute(select(t.mentions.c.doc_id, t.mentions.c.start, t.mentions.c.end, t.mentions.c.entity_id).where(t.mentions.c.doc_id.in_(part)))
        for row in rows:
            if row.entity_id:
                spans[row.entity_id].append(Span(row.doc_id, row.start, row.end))
    out: list[Entity] = []
    for part in chunks(sorted(spans)):
        for row in conn.execute(select(t.entities).where(t.entities.c.id.in_(part))):
            out.append(Entity(row.id, row.name, row.type, list(row.aliases), row.country, [], spans[row.id]))
    return out


def _relink_statements(conn: Connection, affected: set[str], fresh: set[str]) -> None:
    """Re-link the stored statements spoken by re-resolved entities (not the `fresh` ones, linked on insert)."""
    rows: list[Any] = []
    for part in chunks(sorted(affected)):
        rows.extend(conn.execute(select(t.statements.c.id, t.statements.c.raw).where(t.statements.c.speaker_id.in_(part))))
    raw = {row.id: decode(Statement, row.raw) for row in rows if row.id not in fresh}
    if not raw:
        return
    linked = link_speakers(raw.values(), entities_for_docs(conn, {s.doc_id for s in raw.values()}))
    for st in linked:
        conn.execute(
            update(t.statements)
            .where(t.statements.c.id == st.id)
            .values(speaker_id=st.speaker_id, speaker_name=st.speaker_name, speaker_side=st.speaker_side, record=encode(st))
        )


def _merge_events(conn: Connection, new: list[Event], affected: set[str]) -> None:
    """Re-merge the event blocks that new events fall in or whose participants were re-resolved."""
    blocks = {block_of(e) for e in new}
    for part in chunks(sorted(affected)):
        ids = select(t.event_participants.c.event_id).where(t.event_participants.c.entity_id.in_(part))
        blocks.update(conn.scalars(select(t.events.c.block).where(t.events.c.id.in_(ids))))
    raw: dict[str, list[Event]] = defaultdict(list)
    for part in chunks(sorted(blocks)):
        for row in conn.execute(select(t.raw_events.c.block, t.raw_events.c.record).where(t.raw_events.c.block.in_(part))):
            raw[row.block].append(decode(Event, row.record))
    for part in chunks(sorted(blocks)):
        old = select(t.events.c.id).where(t.events.c.block.in_(part))
        conn.execute(delete(t.event_participants).where(t.event_participants.c.event_id.in_(old)))
        conn.execute(delete(t.event_topics).where(t.event_topics.c.event_id.in_(old)))
        conn.execute(delete(t.events).where(t.events.c.block.in_(part)))
    if not raw:
        return
    everything = [e for block in raw.values() for e in block]
    docs = {s.doc_id for e in everything for s in e.evidence} | {p.mention.doc_id for e in everything for p in e.participants if p.mention}
    index = entities_by_span(entities_for_docs(conn, docs))
    merged = [(block, e) for block in sorted(raw) for e in merge_events(raw[block], index=index)]
    taken: set[str] = set()
    for part in chunks([e.id for _, e in merged]):
        taken.update(conn.scalars(select(t.events.c.id).where(t.events.c.id.in_(part))))
    rows: list[dict[str, Any]] = []
    people: list[dict[str, Any]] = []
    topics: list[dict[str, Any]] = []
    for block, event in merged:
        base, n = event.id, 1
        while event.id in taken:
            n += 1
            event.id = f"{base}-{n}"
        taken.add(event.id)
        rows.append({
            "id": event.id, "type": event.type, "start": event.start, "end": event.end, "place": event.place,
            "status": event.status, "block": block, "record": encode(event),
        })
        people.extend({"event_id": event.id, "entity_id": p.entity_id, "name": p.name, "side": p.side, "role": p.role} for p in event.participants)
        topics.extend({"event_id": event.id, "topic": x} for x in event.topics)
    conn.execute(insert(t.events), rows)
    if people:
        conn.execute(insert(t.event_participants), people)
    if topics:
        conn.execute(insert(t.event_topics), topics)
