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

from datasketch import MinHash
from sqlalchemy import Connection, Engine, Table, delete, func, insert, select, tuple_, update

from talktrack.codec import decode, encode
from talktrack.collector import fewer_collections
from talktrack.dedupe import band_keys, best_original, copy_events, minhash, signature_bytes, signature_from_bytes
from talktrack.errors import message
from talktrack.extract.published import waits_for_anchor, with_anchor
from talktrack.extract.topics import load_taxonomy
from talktrack.model import Document, Entity, Event, Mention, Reject, Span, Statement, Title
from talktrack.parallel import Workers, executor, extract_all
from talktrack.resolve.rounds import entities_by_span
from talktrack.resolve import block_of, link_speakers, merge_events, name_keys, resolve_entities
from talktrack.settings import Settings
from talktrack.store import tables as t
from talktrack.store.database import writing

T = TypeVar("T")
CHUNK = 500  # ids per IN (...) list, well under every database's parameter limit
MAX_WAITING = 2048  # documents waiting for an anchor (see `store_anchor`) held at most, then anchored on the store so far


@dataclass
class IngestReport:
    """What one ingest did: documents stored, repeats skipped, inputs rejected."""

    stored: int = 0
    repeated: int = 0
    rejected: int = 0
    near_duplicates: int = 0
    notices: list[str] = field(default_factory=list)


def chunks(items: Iterable[T], size: int = CHUNK) -> Iterator[list[T]]:
    """Yield `items` in lists of at most `size`."""
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


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


def insert_rows(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert `rows` into `table` in one statement; nothing for none (an empty list would insert one row of defaults)."""
    if rows:
        conn.execute(insert(table), rows)


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
    on_reject: Callable[[Reject], None] | None = None,
    on_stored: Callable[[int], None] | None = None,
    workers: Workers = Workers(),
) -> IngestReport:
    """Read, extract and store the articles in `paths`; return what was done.

    Already stored texts are skipped before they are parsed; near-duplicates
    of stored or earlier articles are linked to them and not parsed (setting
    near_duplicates). `on_stored` gets the number of documents of each
    committed batch (for progress bars). `workers` runs the parse on worker
    processes or a Dask cluster; the store ends the same.
    """
    from talktrack.run import read_documents  # loads spaCy: only when ingesting

    return ingest_documents(
        engine,
        lambda rejected, repeated: read_documents(paths, settings, published=published, outlet=outlet, on_reject=rejected, on_repeat=repeated),
        settings, batch_docs=batch_docs, on_reject=on_reject, on_stored=on_stored, workers=workers,
    )


def ingest_documents(
    engine: Engine,
    read: Callable[[Callable[[Reject], None], Callable[[Document, str], None]], Iterable[Document]],
    settings: Settings,
    *,
    batch_docs: int = 256,
    on_reject: Callable[[Reject], None] | None = None,
    on_stored: Callable[[int], None] | None = None,
    workers: Workers = Workers(),
) -> IngestReport:
    """Store the documents `read(on_reject, on_repeat)` yields, as `ingest` does for files (the API's writes use it)."""
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

    copies = StoredNearDuplicates(settings.near_duplicates) if settings.near_duplicates else None
    waiting: list[Document] = []  # dated only by a yearless dateline: extracted after the rest, anchored on the store
    waiting_ids: set[str] = set()
    exhausted = False

    def screened() -> Iterator[Document]:
        """Yield the documents not yet stored, each marked as a near-duplicate or not."""
        for batch in chunks(read(rejected, repeated), batch_docs):
            with engine.connect() as conn:
                known = stored_ids(conn, (d.id for d in batch))
                for document in batch:
                    if document.id in known:
                        report.repeated += 1
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
        for batch in chunks(extracted, batch_docs):
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

    with fewer_collections(), executor(workers) as (submit, window):
        while not exhausted:
            store(extract_all(segment(), settings, submit, window))
            if waiting:  # after everything before them is stored: the anchor is the median of the whole store
                with engine.connect() as conn:
                    rest = anchored(conn)
                store(extract_all(rest, settings, submit, window))
    if pending_rejects:
        with writing(engine) as conn:
            record_rejects(conn, pending_rejects)
    return report


def write_batch(conn: Connection, batch: Sequence[tuple[Document, dict[str, list[Any]]]], settings: Settings) -> None:
    """Store a batch of extracted documents and re-resolve the part of the record they touch."""
    layers: dict[str, list[Any]] = defaultdict(list)
    texts = {d.id: d.text for d, _ in batch}
    for document, found in batch:
        if document.duplicate_of:
            found = {"events": _copied_events(conn, document, layers.get("events", []), texts)}
        for name, records in found.items():
            layers[name].extend(records)
    _insert_documents(conn, [d for d, _ in batch])
    _insert_layers(conn, layers, settings)
    changed, moved_docs = _resolve_entities(conn, layers.get("entities", []), settings)
    statements: list[Statement] = layers.get("statements", [])
    _insert_statements(conn, statements)
    _relink_statements(conn, changed, moved_docs, {st.id for st in statements})
    _merge_events(conn, layers.get("events", []), changed, moved_docs)


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
    """Store what each document gives on its own: time expressions, topic words and raw events."""
    insert_rows(conn, t.timexes, [encode(x) | {"range": list(x.range) if x.range else None} for x in layers.get("timexes", [])])
    mentions = layers.get("topics", [])
    if mentions:
        insert_rows(conn, t.topic_mentions, [encode(m) for m in mentions])
        taxonomy = load_taxonomy(settings.taxonomy)
        used = {a for m in mentions for a in taxonomy.lineage(m.topic)}
        known = set(conn.scalars(select(t.topics.c.id)))
        new = [taxonomy.topics[i] for i in used - known if i in taxonomy.topics]
        insert_rows(conn, t.topics, [encode(topic) for topic in new])
    insert_rows(
        conn, t.raw_events,
        [{"doc_id": e.evidence[0].doc_id if e.evidence else "", "block": block_of(e), "record": encode(e)} for e in layers.get("events", [])],
    )


def _insert_statements(conn: Connection, statements: list[Statement]) -> None:
    """Store new statements linked to their speakers (entities are resolved by now), keeping the raw form too.

    The search index keeps the speaker as the article wrote it; queries show the resolved name.
    """
    if not statements:
        return
    linked = link_speakers(statements, entities_for_docs(conn, {st.doc_id for st in statements}))
    conn.execute(insert(t.statements), [_statement_row(done, raw) for done, raw in zip(linked, statements)])
    insert_rows(conn, t.statement_topics, [{"statement_id": st.id, "topic": x} for st in statements for x in st.topics])
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


def _resolve_entities(conn: Connection, new: list[Mention], settings: Settings) -> tuple[set[str], set[str]]:
    """Re-resolve the entities sharing a name key with `new` mentions and store what changed.

    Return the ids of entities whose identity changed (created, removed,
    renamed, re-typed, another country, mentions gained from or lost to
    another entity) and the documents whose stored mentions changed entity:
    only statements and events that refer to those need linking again. An
    entity that merely gains mentions of new documents ("China" in every
    article) changes nothing already stored, so the cost of a batch follows
    what it changes, not the size of the store.
    """
    new, attached = _attach_known_places(conn, new)
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
    for part in chunks([i for i in rewritten if i in before]):
        conn.execute(delete(t.entities).where(t.entities.c.id.in_(part)))
    insert_rows(
        conn, t.entities,
        [{"id": i, "name": a[0], "type": a[1], "country": a[2], "aliases": a[3], "titles": a[4]}
         for i in rewritten if (a := after.get(i)) is not None],
    )
    for part in chunks(sorted(affected)):
        conn.execute(delete(t.entity_keys).where(t.entity_keys.c.entity_id.in_(part)))
    keys_of: dict[str, set[str]] = defaultdict(set)
    for m in [m for _, _, m in old] + new:
        keys_of[owner[(m.doc_id, m.start, m.end)]].update(name_keys(m))
    insert_rows(conn, t.entity_keys, [{"entity_id": e, "key": k} for e, ks in keys_of.items() for k in sorted(ks)])
    moved: dict[str, list[int]] = defaultdict(list)
    changed = {i for i in rewritten if before.get(i, (None,) * 3)[:3] != after.get(i, (None,) * 3)[:3]}
    moved_docs: set[str] = set()
    for row_id, was, m in old:
        now = owner[(m.doc_id, m.start, m.end)]
        if now != was:
            moved[now].append(row_id)
            changed.update((was, now))
            moved_docs.add(m.doc_id)
    for entity_id, mention_rows in moved.items():
        for rows_part in chunks(mention_rows):
            conn.execute(update(t.mentions).where(t.mentions.c.id.in_(rows_part)).values(entity_id=entity_id))
    insert_rows(
        conn, t.mentions,
        [encode(m) | {"titles": encode(m.titles), "entity_id": owner[(m.doc_id, m.start, m.end)]} for m in new]
        + [encode(m) | {"titles": encode(m.titles), "entity_id": entity_id} for m, entity_id in attached],
    )
    return changed, moved_docs


def _attach_known_places(conn: Connection, new: list[Mention]) -> tuple[list[Mention], list[tuple[Mention, str]]]:
    """Split off the mentions of countries and places that can only join the one stored entity of their name.

    A country or place entity's record follows from its name alone (same
    name, same country, no aliases, no titles), so another mention of it
    changes nothing stored, and re-resolving its thousands of mentions for
    each batch would make ingest quadratic. That holds while the name's key
    belongs to that one entity and no mention of the batch gives the name
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


def _relink_statements(conn: Connection, changed: set[str], moved_docs: set[str], fresh: set[str]) -> None:
    """Re-link the stored statements spoken by changed entities or in documents whose mentions moved.

    The `fresh` statements of this batch were linked on insert.
    """
    rows: list[Any] = []
    for part in chunks(sorted(changed)):
        rows.extend(conn.execute(select(t.statements.c.id, t.statements.c.raw).where(t.statements.c.speaker_id.in_(part))))
    for part in chunks(sorted(moved_docs)):  # a speaker mention that was a place may now be an organization
        rows.extend(conn.execute(select(t.statements.c.id, t.statements.c.raw).where(t.statements.c.doc_id.in_(part))))
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


def _merge_events(conn: Connection, new: list[Event], changed: set[str], moved_docs: set[str]) -> None:
    """Re-merge the event blocks that new events fall in, whose participants changed, or from documents whose mentions moved."""
    blocks = {block_of(e) for e in new}
    for part in chunks(sorted(changed)):
        ids = select(t.event_participants.c.event_id).where(t.event_participants.c.entity_id.in_(part))
        blocks.update(conn.scalars(select(t.events.c.block).where(t.events.c.id.in_(ids))))
    for part in chunks(sorted(moved_docs)):
        blocks.update(conn.scalars(select(t.raw_events.c.block).where(t.raw_events.c.doc_id.in_(part))))
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
        people.extend({"event_id": event.id, "entity_id": p.entity_id, "name": p.name, "side": p.side, "role": p.role} for p in event.participants)
        topics.extend({"event_id": event.id, "topic": x} for x in event.topics)
    insert_rows(conn, t.events, rows)
    insert_rows(conn, t.event_participants, people)
    insert_rows(conn, t.event_topics, topics)
