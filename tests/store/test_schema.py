"""The store's schema: every link between rows a foreign key both databases enforce, every table a primary key,
JSON as UTF-8 text, and migration 0006 upgrading a store of the schema before it with its rows."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import Engine, cast, exc, func, insert, inspect, select, text
from sqlalchemy.types import Text

from talktrack.query.record import Record
from talktrack.store import connect
from talktrack.store import tables as t
from talktrack.store.database import _migrations, migrating, writing
from tests.conftest import BACKENDS, fresh_database
from tests.store.test_store import canonical

# (table, column) -> (parent table, parent column): every reference from one row to another
LINKS = {
    ("documents", "duplicate_of"): ("documents", "id"),
    ("mentions", "doc_id"): ("documents", "id"),
    ("mentions", "entity_id"): ("entities", "id"),
    ("timexes", "doc_id"): ("documents", "id"),
    ("topics", "parent"): ("topics", "id"),
    ("topic_mentions", "doc_id"): ("documents", "id"),
    ("topic_mentions", "topic"): ("topics", "id"),
    ("statements", "doc_id"): ("documents", "id"),
    ("statements", "speaker_id"): ("entities", "id"),
    ("statement_topics", "statement_id"): ("statements", "id"),
    ("statement_topics", "topic"): ("topics", "id"),
    ("raw_events", "doc_id"): ("documents", "id"),
    ("event_participants", "event_id"): ("events", "id"),
    ("event_participants", "entity_id"): ("entities", "id"),
    ("event_topics", "event_id"): ("events", "id"),
    ("event_topics", "topic"): ("topics", "id"),
    ("entity_keys", "entity_id"): ("entities", "id"),
    ("signatures", "doc_id"): ("documents", "id"),
    ("signature_bands", "doc_id"): ("signatures", "doc_id"),
    ("pending_documents", "doc_id"): ("documents", "id"),
}
PAIRS = {  # link tables: the pair they link is their primary key
    "statement_topics": ["statement_id", "topic"], "event_topics": ["event_id", "topic"],
    "entity_keys": ["entity_id", "key"], "signature_bands": ["key", "doc_id"], "event_participants": ["event_id", "position"],
}
SEFCOVIC = "Maroš Šefčovič"


def store_of(backend: str, sample_stores: dict[str, str]) -> str:
    if backend not in sample_stores:
        pytest.skip("no PostgreSQL server: `make test` starts one (tools/testdb), or set TALKTRACK_TEST_PG")
    return sample_stores[backend]


def assert_keys(engine: Engine) -> None:
    """Assert that the store has exactly the foreign keys of LINKS and a primary key on every table."""
    schema = inspect(engine)
    found = {
        (table, fk["constrained_columns"][0]): (fk["referred_table"], fk["referred_columns"][0])
        for table in t.metadata.tables for fk in schema.get_foreign_keys(table)
    }
    assert found == LINKS
    for table in t.metadata.tables:
        assert schema.get_pk_constraint(table)["constrained_columns"], table
    for table, pair in PAIRS.items():
        assert sorted(schema.get_pk_constraint(table)["constrained_columns"]) == sorted(pair)


@pytest.mark.parametrize("backend", BACKENDS)
def test_every_link_is_a_foreign_key_the_database_enforces(backend: str, sample_stores: dict[str, str]):
    engine = connect(store_of(backend, sample_stores))
    assert_keys(engine)
    with engine.connect() as conn:
        doc_id = conn.scalar(select(t.documents.c.id).limit(1))
        key = conn.execute(select(t.entity_keys).limit(1)).mappings().one()
    refused = [
        (t.timexes, {"doc_id": "doc-not-stored", "start": 0, "end": 3, "text": "May", "type": "DATE", "value": "2029-05"}),
        (t.mentions, {"doc_id": doc_id, "start": 0, "end": 3, "text": "Li", "type": "person", "name": "Li", "titles": [],
                      "entity_id": "person:not-stored"}),
        (t.statement_topics, {"statement_id": "st-not-stored", "topic": "tariffs"}),
        (t.entity_keys, dict(key)),  # the same link twice
    ]
    for table, row in refused:
        with pytest.raises(exc.IntegrityError):
            with writing(engine) as conn:
                conn.execute(insert(table), [row])
    engine.dispose()


def copy_store(source: Engine, target: Engine) -> None:
    """Copy every row of `source` into the empty store `target`, each row after the rows it refers to."""
    with source.connect() as src, writing(target) as dst:
        for table in [*t.metadata.sorted_tables, t.search_items]:
            rows = [dict(r._mapping) for r in src.execute(select(table))]
            if table is t.documents:
                rows.sort(key=lambda r: r["duplicate_of"] is not None)  # originals before their copies
            if table is t.topics:
                parent = {r["id"]: r["parent"] for r in rows}
                rows.sort(key=lambda r: len(list(_ancestors(r["id"], parent))))
            if rows:
                dst.execute(insert(table), rows)


def _ancestors(topic: str, parent: dict[str, Any]) -> Any:
    while parent.get(topic):
        topic = parent[topic]
        yield topic


def raw_json(conn: Any, table: str, column: str, where: str, **params: Any) -> str:
    return str(conn.execute(text(f"SELECT CAST({column} AS TEXT) FROM {table} WHERE {where}"), params).scalar())


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_store_of_schema_0005_is_upgraded_with_its_rows_keys_and_json_as_text(
    backend: str, sample_stores: dict[str, str], tmp_path: Path
):
    """Migration 0006 keeps every row, moves statements' written speaker out of the second JSON copy, adds the keys,
    empties or removes what pointed at nothing, and rewrites escaped JSON as UTF-8 text."""
    source = connect(store_of(backend, sample_stores))
    url = fresh_database(backend, tmp_path)
    engine = connect(url)
    copy_store(source, engine)
    expected = canonical(Record(source).ledger())
    source.dispose()
    config = _migrations()
    with migrating(engine) as conn:  # back to the store talktrack 0005 made
        config.attributes["connection"] = conn
        command.downgrade(config, "0005")
    assert "raw" in {c["name"] for c in inspect(engine).get_columns("statements")} and not inspect(engine).get_foreign_keys("mentions")
    json_value = ":v" if backend == "sqlite" else "CAST(:v AS JSON)"
    with engine.begin() as conn:  # what a 0005 store may hold: escaped JSON, rows pointing at nothing, a link twice
        conn.execute(text(f"INSERT INTO entities (id, name, type, aliases, titles) VALUES ('person:sefcovic', :name, 'person', {json_value}, {json_value.replace(':v', ':w')})"),
                     {"name": SEFCOVIC, "v": json.dumps([SEFCOVIC]), "w": json.dumps([{"title": "Commissioner"}])})
        top = conn.scalar(text("SELECT max(id) FROM mentions")) + 1
        doc_id = conn.scalar(text("SELECT min(id) FROM documents"))
        conn.execute(text("INSERT INTO mentions (id, doc_id, start, \"end\", text, type, name, titles, entity_id) "
                          f"VALUES (:id, :doc, 0, 2, 'Li', 'person', 'Li', {json_value}, 'person:not-stored')"), {"id": top, "doc": doc_id, "v": "[]"})
        conn.execute(text("INSERT INTO timexes (id, doc_id, start, \"end\", text, type, value) VALUES (:id, 'doc-not-stored', 0, 3, 'May', 'DATE', '2029-05')"),
                     {"id": conn.scalar(text("SELECT max(id) FROM timexes")) + 1})
        conn.execute(text("INSERT INTO statement_topics SELECT * FROM statement_topics WHERE statement_id = (SELECT min(statement_id) FROM statement_topics)"))
        assert "\\u0161" in raw_json(conn, "entities", "aliases", "id = 'person:sefcovic'")
        written = {r.id: json.loads(r.raw) if isinstance(r.raw, str) else r.raw for r in conn.execute(text("SELECT id, raw FROM statements"))}
        counts = {table: conn.scalar(select(func.count()).select_from(text(table))) for table in t.metadata.tables}
    engine.dispose()

    engine = connect(url)  # opening upgrades
    assert Record(engine).status().schema_version == "0006"
    assert_keys(engine)
    with engine.connect() as conn:
        after = {table: conn.scalar(select(func.count()).select_from(text(table))) for table in t.metadata.tables}
        assert after == counts | {"timexes": counts["timexes"] - 1, "statement_topics": counts["statement_topics"] - 1}
        assert conn.scalar(select(t.mentions.c.entity_id).where(t.mentions.c.id == top)) is None
        assert SEFCOVIC in raw_json(conn, "entities", "aliases", "id = 'person:sefcovic'")
        assert not conn.scalar(select(func.count()).select_from(t.statements).where(cast(t.statements.c.record, Text).contains("\\u", autoescape=True)))
        rows = conn.execute(select(t.statements.c.id, t.statements.c.written_speaker, t.statements.c.written_side)).all()
    assert {r.id: (r.written_speaker, r.written_side) for r in rows} == {i: (w["speaker_name"], w["speaker_side"]) for i, w in written.items()}
    assert any(w["speaker_name"] != r.speaker_name for w, r in ((written[s.id], s) for s in Record(engine).ledger().statements))
    upgraded = canonical(Record(engine).ledger())
    assert [e for e in upgraded["entities"] if e["id"] == "person:sefcovic"][0]["name"] == SEFCOVIC
    upgraded["entities"] = [e for e in upgraded["entities"] if e["id"] != "person:sefcovic"]
    assert upgraded == expected
    with writing(engine) as conn:  # and talktrack writes JSON as UTF-8 text
        conn.execute(t.entities.update().where(t.entities.c.id == "person:sefcovic").values(aliases=["Šefčovič"]))
        assert '["Šefčovič"]' == raw_json(conn, "entities", "aliases", "id = 'person:sefcovic'")
    engine.dispose()


FIRST = """Valdoria, Ostrevia hold tariff talks in Vienna - Harbor Wire

VIENNA, March 3, 2029 (Harbor Wire) -- Valdorian negotiator Kostova met Ostrevian Trade Secretary Halvard Brekke in Vienna on Monday for talks on tariffs.

"We made progress on tariffs," Kostova told reporters in Vienna.
"""
SECOND = """Valdoria and Ostrevia hold second round of tariff talks - Harbor Wire

VIENNA, March 10, 2029 (Harbor Wire) -- Valdorian Trade Minister Mira Kostova met Ostrevian negotiators in Vienna on Tuesday for a second round of talks on tariffs.

Kostova said the tariff truce would hold until the summer.
"""


@pytest.mark.parametrize("backend", BACKENDS)
def test_an_entity_a_later_article_merges_away_goes_after_everything_that_named_it(backend: str, tmp_path: Path, settings):  # type: ignore[no-untyped-def]
    """"Kostova" alone is a person of her own until an article names Mira Kostova: the settle then moves her mentions,
    statements and event places to the full name and removes the bare one last, which the foreign keys require."""
    from talktrack.pipeline import ingest

    engine = connect(fresh_database(backend, tmp_path))
    for n, text_ in enumerate((FIRST, SECOND)):
        (tmp_path / f"a{n}.txt").write_text(text_, encoding="utf-8")
    ingest(engine, [str(tmp_path / "a0.txt")], settings)
    bare = Record(engine).ledger()
    kostova = next(e.id for e in bare.entities if e.name == "Kostova")
    assert any(st.speaker_id == kostova for st in bare.statements)
    assert any(p.entity_id == kostova for e in bare.events for p in e.participants)
    ingest(engine, [str(tmp_path / "a1.txt")], settings)
    full = Record(engine).ledger()
    mira = next(e.id for e in full.entities if e.name == "Mira Kostova")
    assert kostova not in {e.id for e in full.entities}
    assert {st.speaker_id for st in full.statements if st.speaker_name == "Mira Kostova"} == {mira} and len(full.statements) == 2
    assert {p.entity_id for e in full.events for p in e.participants} >= {mira} and kostova not in {
        p.entity_id for e in full.events for p in e.participants}
    with engine.connect() as conn:
        assert not conn.scalar(select(func.count()).select_from(t.entity_keys).where(t.entity_keys.c.entity_id == kostova))
    engine.dispose()
