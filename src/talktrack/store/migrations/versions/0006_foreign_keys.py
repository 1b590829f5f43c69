"""Foreign keys and primary keys everywhere; statements stored once; JSON as UTF-8 text.

- Every reference from one row to another becomes a foreign key (named
  fk_<table>_<column>): documents <- mentions, timexes, topic mentions,
  statements, raw events, signatures, pending documents and a copy's
  `duplicate_of`; entities <- mentions, entity keys, statements' speakers,
  event participants; topics <- topic mentions, statement and event topics,
  a topic's parent; events <- event participants and topics; statements <-
  statement topics; signatures <- signature bands. The change log keeps no
  key: it names records that later settles may replace.
- The link tables get the primary key of the pair they link; event
  participants get their place in the event (`position`) for theirs.
- Statements keep one JSON copy, `record` (speaker linked), and the
  speaker's words and side as the document gave them (`written_speaker`,
  `written_side`), which is all that differed in the second copy, `raw`.
- JSON written with \\u escapes for non-ASCII characters is written again
  as UTF-8 text ("Šefčovič", not "\\u0160ef\\u010dovi\\u010d").

Rows that point at nothing cannot keep a foreign key: a reference that may
be empty is emptied, a row that cannot be without its parent is removed,
and a topic named but missing from `topics` is added under its id. A store
that talktrack wrote has none of these. SQLite runs this with foreign key
enforcement off, as its documentation prescribes for rebuilding tables, and
checks every key before it commits (talktrack.store.database.upgrade).

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

PAGE = 1000

# (table, column, parent table, parent column, may be empty), parents before children: SQLite rebuilds a table to
# add a key, and a table is rebuilt before any table that refers to it gets its key
REFERENCES = [
    ("documents", "duplicate_of", "documents", "id", True),
    ("topics", "parent", "topics", "id", True),
    ("mentions", "doc_id", "documents", "id", False),
    ("mentions", "entity_id", "entities", "id", True),
    ("timexes", "doc_id", "documents", "id", False),
    ("topic_mentions", "doc_id", "documents", "id", False),
    ("topic_mentions", "topic", "topics", "id", False),
    ("statements", "doc_id", "documents", "id", False),
    ("statements", "speaker_id", "entities", "id", True),
    ("statement_topics", "statement_id", "statements", "id", False),
    ("statement_topics", "topic", "topics", "id", False),
    ("raw_events", "doc_id", "documents", "id", False),
    ("event_participants", "event_id", "events", "id", False),
    ("event_participants", "entity_id", "entities", "id", True),
    ("event_topics", "event_id", "events", "id", False),
    ("event_topics", "topic", "topics", "id", False),
    ("entity_keys", "entity_id", "entities", "id", False),
    ("signatures", "doc_id", "documents", "id", False),
    ("signature_bands", "doc_id", "signatures", "doc_id", False),
    ("pending_documents", "doc_id", "documents", "id", False),
]
LINKS = {  # link tables and the pair that becomes their primary key
    "statement_topics": ("statement_id", "topic"),
    "event_topics": ("event_id", "topic"),
    "entity_keys": ("entity_id", "key"),
    "signature_bands": ("key", "doc_id"),
}
JSON_COLUMNS = {
    "documents": ("id", ["sections", "warnings"]),
    "mentions": ("id", ["titles"]),
    "entities": ("id", ["aliases", "titles"]),
    "timexes": ("id", ["range"]),
    "statements": ("id", ["topics", "record"]),
    "raw_events": ("id", ["record"]),
    "events": ("id", ["record"]),
    "pending_documents": ("doc_id", ["statements"]),
    "changes": ("id", ["sides", "topics"]),
}


def _fk(table: str, column: str) -> str:
    return f"fk_{table}_{column}"


def _column(name: str) -> sa.ColumnClause[Any]:
    return sa.column(name)


def _table(name: str, *columns: str) -> sa.TableClause:
    return sa.table(name, *(_column(c) for c in columns))


def upgrade() -> None:
    conn = op.get_bind()
    _add_missing_topics(conn)
    _clear_dangling(conn)
    for table, pair in LINKS.items():
        _drop_repeats(conn, table, pair)
    _statements_written_form(conn)
    conn.execute(sa.text("DELETE FROM event_participants"))  # numbered anew from the events' records below
    tables = list(dict.fromkeys(table for table, *_ in REFERENCES))
    for table in tables:
        with op.batch_alter_table(table) as batch:
            if table == "statements":
                batch.alter_column("written_speaker", existing_type=sa.Text(), nullable=False)
                batch.drop_column("raw")
            if table == "event_participants":
                batch.add_column(sa.Column("position", sa.Integer(), nullable=False))
                batch.create_primary_key("pk_event_participants", ["event_id", "position"])
            if table in LINKS:
                batch.create_primary_key(f"pk_{table}", list(LINKS[table]))
            for child, column, parent, key, _ in REFERENCES:
                if child == table:
                    batch.create_foreign_key(_fk(child, column), parent, [column], [key])
    _number_participants(conn)
    _json_as_utf8(conn)


def downgrade() -> None:
    conn = op.get_bind()
    with op.batch_alter_table("statements") as batch:
        batch.add_column(sa.Column("raw", sa.JSON(), nullable=True))
    statements = _table("statements", "id", "record", "written_speaker", "written_side", "raw")
    for rows in _pages(conn, statements, "id", ["record", "written_speaker", "written_side"]):
        conn.execute(
            statements.update().where(statements.c.id == sa.bindparam("b_id")).values(raw=_json_param(conn, "b_raw")),
            [{"b_id": r.id, "b_raw": _dumps(_written(_loads(r.record), r.written_speaker, r.written_side))} for r in rows],
        )
    for table in reversed(list(dict.fromkeys(table for table, *_ in REFERENCES))):
        with op.batch_alter_table(table) as batch:
            for child, column, *_ in REFERENCES:
                if child == table:
                    batch.drop_constraint(_fk(child, column), type_="foreignkey")
            if table in LINKS or table == "event_participants":
                batch.drop_constraint(f"pk_{table}", type_="primary")
            if table == "event_participants":
                batch.drop_column("position")
            if table == "statements":
                batch.alter_column("raw", existing_type=sa.JSON(), nullable=False)
                batch.drop_column("written_speaker")
                batch.drop_column("written_side")


def _add_missing_topics(conn: sa.Connection) -> None:
    """Add under its own id each topic that a row names and `topics` lacks."""
    topics = _table("topics", "id", "label", "parent")
    known = set(conn.scalars(sa.select(topics.c.id)))
    named: set[str] = set()
    for table, column in (("topic_mentions", "topic"), ("statement_topics", "topic"), ("event_topics", "topic"), ("topics", "parent")):
        named.update(v for v in conn.scalars(sa.select(_column(column)).select_from(sa.table(table)).distinct()) if v)
    missing = sorted(named - known)
    if missing:
        conn.execute(topics.insert(), [{"id": i, "label": i, "parent": None} for i in missing])


def _clear_dangling(conn: sa.Connection) -> None:
    """Empty the references that point at nothing, or remove their rows where the reference is required."""
    for child, column, parent, key, optional in REFERENCES:
        ref = _column(column)
        dangling = sa.and_(ref.is_not(None), ref.not_in(sa.select(_column(key)).select_from(sa.table(parent))))
        if optional:
            conn.execute(sa.update(sa.table(child, ref)).where(dangling).values({column: None}))
        else:
            conn.execute(sa.delete(sa.table(child, ref)).where(dangling))  # parents come first: their own orphans are gone


def _drop_repeats(conn: sa.Connection, table: str, pair: tuple[str, str]) -> None:
    """Keep one row of each pair a link table repeats: the pair becomes its primary key."""
    a, b = _column(pair[0]), _column(pair[1])
    repeated = conn.execute(sa.select(a, b).select_from(sa.table(table)).group_by(a, b).having(sa.func.count() > 1)).all()
    link = _table(table, *pair)
    for x, y in repeated:
        conn.execute(sa.delete(link).where(link.c[pair[0]] == x, link.c[pair[1]] == y))
        conn.execute(link.insert().values({pair[0]: x, pair[1]: y}))


def _statements_written_form(conn: sa.Connection) -> None:
    """Keep from each statement's `raw` copy what differs from `record`: the speaker's words and side as written."""
    op.add_column("statements", sa.Column("written_speaker", sa.Text(), nullable=True))
    op.add_column("statements", sa.Column("written_side", sa.String(length=8), nullable=True))
    statements = _table("statements", "id", "raw", "written_speaker", "written_side")
    update = statements.update().where(statements.c.id == sa.bindparam("b_id"))
    for rows in _pages(conn, statements, "id", ["raw"]):
        written = [(r.id, _loads(r.raw)) for r in rows]
        conn.execute(
            update.values(written_speaker=sa.bindparam("b_speaker"), written_side=sa.bindparam("b_side")),
            [{"b_id": i, "b_speaker": raw.get("speaker_name") or "", "b_side": raw.get("speaker_side")} for i, raw in written],
        )


def _written(record: dict[str, Any], speaker: str, side: str | None) -> dict[str, Any]:
    """Return a statement's record as its document gave it (the `raw` form before this migration)."""
    return record | {"speaker_name": speaker, "speaker_id": None, "speaker_side": side}


def _number_participants(conn: sa.Connection) -> None:
    """Store each event's participants again from its record, numbered in the record's order."""
    events = _table("events", "id", "record")
    entities = _table("entities", "id")
    participants = _table("event_participants", "event_id", "position", "entity_id", "name", "side", "role")
    for rows in _pages(conn, events, "id", ["record"]):
        found = [
            {"event_id": r.id, "position": n, "entity_id": p.get("entity_id"), "name": p.get("name") or "", "side": p.get("side"), "role": p.get("role")}
            for r in rows for n, p in enumerate(_loads(r.record).get("participants") or [])
        ]
        named = sorted({p["entity_id"] for p in found if p["entity_id"]})
        known = set(conn.scalars(sa.select(entities.c.id).where(entities.c.id.in_(named)))) if named else set()
        for p in found:
            if p["entity_id"] not in known:
                p["entity_id"] = None
        if found:
            conn.execute(participants.insert(), found)


def _json_as_utf8(conn: sa.Connection) -> None:
    """Write again, as UTF-8 text, the JSON values stored with \\u escapes."""
    for table, (key, columns) in JSON_COLUMNS.items():
        for column in columns:
            text = sa.cast(_column(column), sa.Text)
            query = sa.select(_column(key).label("key"), text.label("value")).select_from(sa.table(table))
            escaped = query.where(text.contains("\\u", autoescape=True)).order_by(_column(key))
            rows = [(r.key, r.value) for r in conn.execute(escaped)]
            target = _table(table, key, column)
            statement = target.update().where(target.c[key] == sa.bindparam("b_key")).values({column: _json_param(conn, "b_value")})
            for start in range(0, len(rows), PAGE):
                part = rows[start : start + PAGE]
                conn.execute(statement, [{"b_key": k, "b_value": _dumps(json.loads(v))} for k, v in part])


def _pages(conn: sa.Connection, table: sa.TableClause, key: str, columns: list[str]) -> Iterator[list[Any]]:
    """Yield the rows of `table` (its `key` and `columns`) a page at a time, in key order."""
    last: Any = None
    while True:
        query = sa.select(table.c[key], *(table.c[c] for c in columns)).order_by(table.c[key]).limit(PAGE)
        if last is not None:
            query = query.where(table.c[key] > last)
        rows = list(conn.execute(query))
        if not rows:
            return
        yield rows
        last = rows[-1][0]


def _loads(value: Any) -> Any:
    """Return a JSON column's value: SQLite's driver gives its text, PostgreSQL's the value itself."""
    return json.loads(value) if isinstance(value, (str, bytes)) else value


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _json_param(conn: sa.Connection, name: str) -> Any:
    """A parameter that stores JSON text as it is: CAST(... AS JSON) on PostgreSQL, text on SQLite."""
    param = sa.bindparam(name, type_=sa.Text)
    return param if conn.dialect.name == "sqlite" else sa.cast(param, sa.JSON)
