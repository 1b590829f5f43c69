"""Settle the record: resolve the documents an ingest stored into entities, linked statements and merged events.

An ingest batch stores what each document gives on its own and lists the
documents as pending (table pending_documents). Settling takes every
pending document at once: the entities sharing a name key with their
mentions are re-resolved with all their mentions, the statements those
entities speak are re-linked, and the event blocks their events fall in are
re-merged. A name or block that a thousand pending documents touch is
resolved once rather than once per batch, which keeps the cost of an ingest
linear in what it adds. Settling is one transaction; a run killed before
it leaves the documents pending, and the next ingest settles them.

What a settle adds to the record or changes in it (new events and
statements, status changes, deadlines moved or passed) is logged in the
same transaction (talktrack.store.changes).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from sqlalchemy import Connection, delete, select, tuple_

from talktrack.codec import decode, encode
from talktrack.model import Entity, Event, Mention, Span, Statement, Title
from talktrack.resolve import link_speakers, merge_events, name_keys, resolve_entities
from talktrack.resolve.rounds import entities_by_span
from talktrack.settings import Settings
from talktrack.store import changes as log
from talktrack.store import tables as t
from talktrack.store.rows import CHUNK, chunks, insert_rows, update_rows

LINK_DOCS = 128  # documents whose statements are linked and stored at a time: the settle's memory does not grow with their number


def settle(conn: Connection, settings: Settings) -> int:
    """Resolve every pending document into the record, in the caller's write transaction; return how many there were."""
    docs = sorted(conn.scalars(select(t.pending_documents.c.doc_id)))
    if not docs:
        return 0
    at, latest_before = log.now(), log.settled_latest(conn)
    new: list[tuple[int, Mention]] = []
    blocks: set[str] = set()
    for part in chunks(docs):
        mentions = select(t.mentions).where(t.mentions.c.doc_id.in_(part), t.mentions.c.entity_id.is_(None))
        new.extend((row.id, _mention(row)) for row in conn.execute(mentions))
        blocks.update(conn.scalars(select(t.raw_events.c.block).where(t.raw_events.c.doc_id.in_(part))))
    new.sort(key=lambda pair: pair[0])  # the order the documents were stored in
    changed, moved_docs, owners, removed = _resolve_entities(conn, new, settings)
    # the entity of each mention of the settled documents, which the statements' speakers link to
    placed: dict[str, dict[str, list[Span]]] = defaultdict(lambda: defaultdict(list))
    for _, m in new:
        placed[m.doc_id][owners[_span(m)]].append(Span(m.doc_id, m.start, m.end))
    del new, owners
    fresh: set[str] = set()
    for part in chunks(docs, LINK_DOCS):  # a statement's speaker is one of its own document's mentions
        said = select(t.pending_documents.c.statements).where(t.pending_documents.c.doc_id.in_(part)).order_by(t.pending_documents.c.doc_id)
        statements = [decode(Statement, raw) for found in conn.scalars(said) for raw in found]
        speakers = _entities_with(conn, _merged(placed.pop(doc_id, {}) for doc_id in part))
        linked = _insert_statements(conn, statements, speakers)
        log.log(conn, log.statement_rows(conn, linked, at))
        fresh.update(st.id for st in statements)
    _relink_statements(conn, changed, moved_docs, fresh)
    before, after = _merge_events(conn, blocks, changed, moved_docs)
    for part in chunks(sorted(removed)):  # nothing refers to them now: their mentions, statements and events moved on
        conn.execute(delete(t.entities).where(t.entities.c.id.in_(part)))
    for part in chunks(docs):
        conn.execute(delete(t.pending_documents).where(t.pending_documents.c.doc_id.in_(part)))
    log.log(conn, log.event_rows(conn, before, after, at, (latest_before, log.settled_latest(conn))))
    return len(docs)


def _mention(row: Any) -> Mention:
    titles = tuple(Title(x["title"], x.get("organization")) for x in row.titles or [])
    return Mention(row.doc_id, row.start, row.end, row.text, row.type, row.name, row.key, row.country, titles)


def _span(m: Mention) -> tuple[str, int, int]:
    return (m.doc_id, m.start, m.end)


def _merged(parts: Iterable[dict[str, list[Span]]]) -> dict[str, list[Span]]:
    """Return the mentions of each entity in `parts` (entity id -> mentions) together."""
    out: dict[str, list[Span]] = defaultdict(list)
    for part in parts:
        for entity_id, spans in part.items():
            out[entity_id].extend(spans)
    return out


def _resolve_entities(
    conn: Connection, pending: list[tuple[int, Mention]], settings: Settings
) -> tuple[set[str], set[str], dict[tuple[str, int, int], str], set[str]]:
    """Re-resolve the entities sharing a name key with the `pending` mentions (row id, mention) and store what changed.

    Return the ids of entities whose identity changed (created, removed,
    renamed, re-typed, another country, mentions gained from or lost to
    another entity), the documents whose stored mentions changed entity
    (only statements and events that refer to those need linking again),
    the entity each pending mention now belongs to, by its span, and the
    ids of the entities that are no more. An entity that merely gains
    mentions of new documents ("China" in every article) changes nothing
    already stored, so the cost follows what the pending documents change,
    not the size of the store.

    New entities are stored before the mentions and keys that refer to
    them; an entity that is no more is left for the caller to delete once
    the statements and events that name it are linked anew (foreign keys).
    """
    row_of = {_span(m): row_id for row_id, m in pending}
    new, attached = _attach_known_places(conn, [m for _, m in pending])
    keys = {k for m in new for k in name_keys(m)}
    affected: set[str] = set()
    for part in chunks(sorted(keys)):
        affected.update(conn.scalars(select(t.entity_keys.c.entity_id).where(t.entity_keys.c.key.in_(part))))
    old: list[tuple[int, str, Mention]] = []
    before: dict[str, tuple[Any, ...]] = {}
    for part in chunks(sorted(affected)):
        rows = conn.execute(select(t.mentions).where(t.mentions.c.entity_id.in_(part)))
        old.extend((row.id, row.entity_id, _mention(row)) for row in rows)
        for row in conn.execute(select(t.entities).where(t.entities.c.id.in_(part))):
            before[row.id] = (row.name, row.type, row.country, list(row.aliases), row.titles)
    entities = resolve_entities([m for _, _, m in old] + new, settings)
    _unique_ids(entities)
    after = {e.id: (e.name, e.type, e.country, list(e.aliases), encode(e.titles)) for e in entities}
    owner = {(s.doc_id, s.start, s.end): e.id for e in entities for s in e.mentions}
    rewritten = sorted(i for i in before.keys() | after.keys() if before.get(i) != after.get(i))
    stored = [{"id": i, "name": a[0], "type": a[1], "country": a[2], "aliases": a[3], "titles": a[4]}
              for i in rewritten if (a := after.get(i)) is not None]
    insert_rows(conn, t.entities, [r for r in stored if r["id"] not in before])
    update_rows(conn, t.entities, "id", [r for r in stored if r["id"] in before])
    for part in chunks(sorted(affected)):
        conn.execute(delete(t.entity_keys).where(t.entity_keys.c.entity_id.in_(part)))
    keys_of: dict[str, set[str]] = defaultdict(set)
    for m in [m for _, _, m in old] + new:
        keys_of[owner[_span(m)]].update(name_keys(m))
    insert_rows(conn, t.entity_keys, [{"entity_id": e, "key": k} for e, ks in keys_of.items() for k in sorted(ks)])
    changed = {i for i in rewritten if before.get(i, (None,) * 3)[:3] != after.get(i, (None,) * 3)[:3]}
    moved_docs: set[str] = set()
    assigned: list[dict[str, Any]] = []
    for row_id, was, m in old:
        now = owner[_span(m)]
        if now != was:
            assigned.append({"id": row_id, "entity_id": now})
            changed.update((was, now))
            moved_docs.add(m.doc_id)
    owners = {_span(m): owner[_span(m)] for m in new} | {_span(m): entity_id for m, entity_id in attached}
    assigned += [{"id": row_of[span], "entity_id": entity_id} for span, entity_id in owners.items()]
    update_rows(conn, t.mentions, "id", assigned)
    return changed, moved_docs, owners, set(before) - set(after)


def _attach_known_places(conn: Connection, new: list[Mention]) -> tuple[list[Mention], list[tuple[Mention, str]]]:
    """Split off the mentions of countries and places that can only join the one stored entity of their name.

    A country or place entity's record follows from its name alone (same
    name, same country, no aliases, no titles), so another mention of it
    changes nothing stored, and re-resolving its thousands of mentions each
    time would make ingest quadratic. That holds while the name's key
    belongs to that one entity and no pending mention gives the name
    another type (an "Oslo" organization calls for the place-or-organization
    vote): those go through full re-resolution.
    """
    candidates = [m for m in new if m.type in ("country", "place")]
    if not candidates:
        return new, []
    types_of: dict[str, set[str]] = defaultdict(set)
    for m in new:
        for k in name_keys(m):
            types_of[k].add(m.type)
    owners: dict[str, set[str]] = defaultdict(set)
    keys = sorted({k for m in candidates for k in name_keys(m)})
    for part in chunks(keys):
        for row in conn.execute(select(t.entity_keys.c.key, t.entity_keys.c.entity_id).where(t.entity_keys.c.key.in_(part))):
            owners[row.key].add(row.entity_id)
    single = {k: next(iter(ids)) for k, ids in owners.items() if len(ids) == 1}
    known: dict[str, Any] = {}
    for part in chunks(sorted(set(single.values()))):
        known.update((row.id, row) for row in conn.execute(select(t.entities).where(t.entities.c.id.in_(part))))
    rest: list[Mention] = []
    attached: list[tuple[Mention, str]] = []
    for m in new:
        (key,) = name_keys(m) if m.type != "person" else ("",)
        entity = known.get(single.get(key, ""))
        if (
            m.type in ("country", "place") and entity is not None and types_of[key] == {m.type}
            and entity.type == m.type and entity.name == m.name and entity.country == m.country and not m.titles
        ):
            attached.append((m, entity.id))
        else:
            rest.append(m)
    return rest, attached


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
    return _entities_with(conn, spans)


def entities_for_spans(conn: Connection, spans: Iterable[tuple[str, int, int]]) -> list[Entity]:
    """Return the entities of the mentions at `spans` (doc id, start, end), each with those mentions only.

    Merging a block of events needs the entities of its participants' mentions
    alone; reading every mention of the block's documents read ten times as many rows.
    """
    found: dict[str, list[Span]] = defaultdict(list)
    span = tuple_(t.mentions.c.doc_id, t.mentions.c.start, t.mentions.c.end)
    for part in chunks(sorted(set(spans)), CHUNK // 3):
        rows = conn.execute(select(t.mentions.c.doc_id, t.mentions.c.start, t.mentions.c.end, t.mentions.c.entity_id).where(span.in_(part)))
        for row in rows:
            if row.entity_id:
                found[row.entity_id].append(Span(row.doc_id, row.start, row.end))
    return _entities_with(conn, found)


def _entities_with(conn: Connection, spans: dict[str, list[Span]]) -> list[Entity]:
    """Return the stored entities named by the keys of `spans`, each with those mentions."""
    out: list[Entity] = []
    for ids in chunks(sorted(spans)):
        for row in conn.execute(select(t.entities).where(t.entities.c.id.in_(ids))):
            out.append(Entity(row.id, row.name, row.type, list(row.aliases), row.country, [], spans[row.id]))
    return out


def _insert_statements(conn: Connection, raw: list[Statement], speakers: list[Entity]) -> list[Statement]:
    """Store the statements of settled documents, speakers linked to the `speakers` entities, with the speaker as written.

    The search index keeps the speaker as the article wrote it; queries show
    the resolved name. Return the linked statements.
    """
    if not raw:
        return []
    linked = link_speakers(raw, speakers)
    insert_rows(conn, t.statements, [_statement_row(done, given) for done, given in zip(linked, raw)])
    insert_rows(conn, t.statement_topics, [{"statement_id": st.id, "topic": x} for st in raw for x in dict.fromkeys(st.topics)])
    insert_rows(
        conn, t.search_items,
        [{"kind": "statement", "record_id": st.id, "doc_id": st.doc_id, "title": st.speaker_name, "body": st.content} for st in raw],
    )
    return linked


def _statement_row(linked: Statement, raw: Statement) -> dict[str, Any]:
    return {
        "id": linked.id, "doc_id": linked.doc_id, "start": linked.start, "end": linked.end, "content": linked.content,
        "kind": linked.kind, "speaker_name": linked.speaker_name, "speaker_id": linked.speaker_id,
        "speaker_side": linked.speaker_side, "date": linked.date, "topics": list(linked.topics),
        "record": encode(linked), "written_speaker": raw.speaker_name, "written_side": raw.speaker_side,
    }


def _as_written(row: Any) -> Statement:
    """Return a stored statement as its document gave it: the record with the speaker as written, not linked.

    Linking sets only the speaker's id, name and side (`link_speakers`), so
    the record and the speaker as written are the whole statement as written.
    """
    return replace(decode(Statement, row.record), speaker_id=None, speaker_name=row.written_speaker, speaker_side=row.written_side)


def _relink_statements(conn: Connection, changed: set[str], moved_docs: set[str], fresh: set[str]) -> None:
    """Re-link the stored statements spoken by changed entities or in documents whose mentions moved.

    The `fresh` statements, those of the documents being settled, were linked when they were stored.
    """
    rows: list[Any] = []
    columns = (t.statements.c.id, t.statements.c.record, t.statements.c.written_speaker, t.statements.c.written_side)
    for part in chunks(sorted(changed)):
        rows.extend(conn.execute(select(*columns).where(t.statements.c.speaker_id.in_(part))))
    for part in chunks(sorted(moved_docs)):  # a speaker mention that was a place may now be an organization
        rows.extend(conn.execute(select(*columns).where(t.statements.c.doc_id.in_(part))))
    raw = [_as_written(row) for row in {row.id: row for row in rows if row.id not in fresh}.values()]
    if not raw:
        return
    update_rows(
        conn, t.statements, "id",
        [{"id": st.id, "speaker_id": st.speaker_id, "speaker_name": st.speaker_name, "speaker_side": st.speaker_side, "record": encode(st)}
         for st in _linked(conn, raw)],
    )


def _linked(conn: Connection, raw: list[Statement]) -> list[Statement]:
    """Return `raw` statements with their speakers linked to the stored entities of their documents' mentions."""
    return link_speakers(raw, entities_for_docs(conn, {st.doc_id for st in raw}))


def _merge_events(conn: Connection, blocks: set[str], changed: set[str], moved_docs: set[str]) -> tuple[list[Event], list[Event]]:
    """Re-merge the event `blocks` of the settled documents, those whose participants changed, and those of documents whose mentions moved.

    Return the events of those blocks before and after, which the change log compares.
    """
    blocks = set(blocks)
    for part in chunks(sorted(changed)):
        ids = select(t.event_participants.c.event_id).where(t.event_participants.c.entity_id.in_(part))
        blocks.update(conn.scalars(select(t.events.c.block).where(t.events.c.id.in_(ids))))
    for part in chunks(sorted(moved_docs)):
        blocks.update(conn.scalars(select(t.raw_events.c.block).where(t.raw_events.c.doc_id.in_(part))))
    raw: dict[str, list[Event]] = defaultdict(list)
    for part in chunks(sorted(blocks)):
        for row in conn.execute(select(t.raw_events.c.block, t.raw_events.c.record).where(t.raw_events.c.block.in_(part)).order_by(t.raw_events.c.id)):
            raw[row.block].append(decode(Event, row.record))
    before = [decode(Event, r) for part in chunks(sorted(blocks)) for r in conn.scalars(select(t.events.c.record).where(t.events.c.block.in_(part)))]
    for part in chunks(sorted(blocks)):
        old = select(t.events.c.id).where(t.events.c.block.in_(part))
        conn.execute(delete(t.event_participants).where(t.event_participants.c.event_id.in_(old)))
        conn.execute(delete(t.event_topics).where(t.event_topics.c.event_id.in_(old)))
        conn.execute(delete(t.events).where(t.events.c.block.in_(part)))
    if not raw:
        return before, []
    everything = [e for block in raw.values() for e in block]
    spans = {(p.mention.doc_id, p.mention.start, p.mention.end) for e in everything for p in e.participants if p.mention}
    index = entities_by_span(entities_for_spans(conn, spans))  # participants link by their mention
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
        people.extend(
            {"event_id": event.id, "position": n, "entity_id": p.entity_id, "name": p.name, "side": p.side, "role": p.role}
            for n, p in enumerate(event.participants)
        )
        topics.extend({"event_id": event.id, "topic": x} for x in dict.fromkeys(event.topics))
    insert_rows(conn, t.events, rows)
    insert_rows(conn, t.event_participants, people)
    insert_rows(conn, t.event_topics, topics)
    return before, [e for _, e in merged]
