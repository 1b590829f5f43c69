"""Consistency checks on an SQLite store, read with the plain sqlite3 module (no talktrack code in the way).

`check_store` is what a store must satisfy after any crash, kill or race:
the file is intact, no document is stored twice, every stored document has
all of its own layers (a batch is written all-or-nothing), every document is
settled into the cross-document record or listed as pending, and nothing in
that record (entities, events, search rows) points at what is not there.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from pathlib import Path
from typing import Any

# rows one document gives on its own, keyed by doc_id
OWN_LAYERS = ("mentions", "timexes", "topic_mentions", "statements")

# (what, SQL returning offending rows)
ORPHANS = [
    ("layer rows of a document that is not stored",
     " UNION ALL ".join(f"SELECT '{t}', doc_id FROM {t} WHERE doc_id NOT IN (SELECT id FROM documents)"
                        for t in (*OWN_LAYERS, "raw_events", "search_items", "signatures"))),
    ("documents without their search row",
     "SELECT id FROM documents WHERE id NOT IN (SELECT record_id FROM search_items WHERE kind = 'document')"),
    ("search rows repeated", "SELECT record_id, count(*) FROM search_items GROUP BY kind, record_id HAVING count(*) > 1"),
    ("statements of a document waiting to be settled",
     "SELECT id FROM statements WHERE doc_id IN (SELECT doc_id FROM pending_documents)"),
    ("statements without their search row",
     "SELECT id FROM statements WHERE id NOT IN (SELECT record_id FROM search_items WHERE kind = 'statement')"),
    ("statement search rows without a statement",
     "SELECT record_id FROM search_items WHERE kind = 'statement' AND record_id NOT IN (SELECT id FROM statements)"),
    ("copies of a document that is not stored",
     "SELECT id FROM documents WHERE duplicate_of IS NOT NULL AND duplicate_of NOT IN (SELECT id FROM documents)"),
    ("mentions of an entity that is not stored",
     "SELECT id, entity_id FROM mentions WHERE entity_id IS NOT NULL AND entity_id NOT IN (SELECT id FROM entities)"),
    ("mentions without an entity outside the documents waiting to be settled",
     "SELECT id, doc_id FROM mentions WHERE entity_id IS NULL AND doc_id NOT IN (SELECT doc_id FROM pending_documents)"),
    ("pending rows of a document that is not stored", "SELECT doc_id FROM pending_documents WHERE doc_id NOT IN (SELECT id FROM documents)"),
    ("entities without mentions", "SELECT id FROM entities WHERE id NOT IN (SELECT entity_id FROM mentions WHERE entity_id IS NOT NULL)"),
    ("entity keys of no entity", "SELECT entity_id FROM entity_keys WHERE entity_id NOT IN (SELECT id FROM entities)"),
    ("statements spoken by an entity that is not stored",
     "SELECT id FROM statements WHERE speaker_id IS NOT NULL AND speaker_id NOT IN (SELECT id FROM entities)"),
    ("statement topics of no statement", "SELECT statement_id FROM statement_topics WHERE statement_id NOT IN (SELECT id FROM statements)"),
    ("participants of no event", "SELECT event_id FROM event_participants WHERE event_id NOT IN (SELECT id FROM events)"),
    ("participants that are not stored entities",
     "SELECT event_id, entity_id FROM event_participants WHERE entity_id IS NOT NULL AND entity_id NOT IN (SELECT id FROM entities)"),
    ("event topics of no event", "SELECT event_id FROM event_topics WHERE event_id NOT IN (SELECT id FROM events)"),
    ("events of a block with no raw events", "SELECT id FROM events WHERE block NOT IN (SELECT block FROM raw_events)"),
    ("raw-event blocks of settled documents with no merged event",
     "SELECT DISTINCT block FROM raw_events WHERE block NOT IN (SELECT block FROM events) AND doc_id NOT IN (SELECT doc_id FROM pending_documents)"),
    ("LSH bands of no signature", "SELECT doc_id FROM signature_bands WHERE doc_id NOT IN (SELECT doc_id FROM signatures)"),
    ("signatures of a copy", "SELECT doc_id FROM signatures WHERE doc_id IN (SELECT id FROM documents WHERE duplicate_of IS NOT NULL)"),
    ("topics of mentions not in the topics table",
     "SELECT DISTINCT topic FROM topic_mentions WHERE topic NOT IN (SELECT id FROM topics)"),
]


def layer_counts(db: Path) -> dict[str, dict[str, int]]:
    """Return, per document id, how many rows of each of its own layers the store holds."""
    with sqlite3.connect(db) as conn:
        out: dict[str, dict[str, int]] = {d: {} for (d,) in conn.execute("SELECT id FROM documents")}
        for table in OWN_LAYERS:
            for doc_id, n in conn.execute(f"SELECT doc_id, count(*) FROM {table} GROUP BY doc_id"):
                out.setdefault(doc_id, {})[table] = n
        # a pending document's statements wait with it, and are stored when it is settled
        for doc_id, n in conn.execute("SELECT doc_id, json_array_length(statements) FROM pending_documents WHERE json_array_length(statements) > 0"):
            out.setdefault(doc_id, {})["statements"] = out.get(doc_id, {}).get("statements", 0) + n
    conn.close()
    return out


def check_store(db: Path, reference: dict[str, dict[str, int]] | None = None) -> set[str]:
    """Assert that the store `db` is consistent; return the sources of its documents.

    With `reference` (layer_counts of a store built without interruption),
    every stored document must hold exactly the rows it holds there.
    """
    if not db.exists():
        return set()
    conn = sqlite3.connect(db, timeout=60)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "alembic_version" not in tables:
            # killed before the first migration committed: it is one transaction, so nothing is there
            assert not tables, f"half a schema: {sorted(tables)}"
            return set()
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [(_head(),)]
        conn.execute("INSERT INTO search_items(search_items) VALUES ('integrity-check')")  # FTS5: raises when damaged
        conn.rollback()
        sources = Counter(s for (s,) in conn.execute("SELECT source FROM documents"))
        assert not [s for s, n in sources.items() if n > 1], f"documents stored twice: {sources.most_common(3)}"
        for what, sql in ORPHANS:
            bad = _rows(conn, sql)
            assert not bad, f"{what}: {bad[:5]}"
    finally:
        conn.close()
    if reference is not None:
        stored = layer_counts(db)
        wrong = {d: (stored[d], reference.get(d)) for d in stored if stored[d] != reference.get(d)}
        assert not wrong, f"documents stored without all their layers (stored, expected): {list(wrong.items())[:3]}"
    return set(sources)


def _rows(conn: sqlite3.Connection, sql: str) -> list[tuple[object, ...]]:
    return conn.execute(sql).fetchall()


def _head() -> str:
    from alembic.script import ScriptDirectory

    from talktrack.store.database import _migrations

    head = ScriptDirectory.from_config(_migrations()).get_current_head()
    assert head
    return head


def _deep_sorted(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _deep_sorted(v) for k, v in value.items()}
    if isinstance(value, list):
        return sorted((_deep_sorted(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))
    return value


def order_free(ledger: dict[str, Any]) -> dict[str, Any]:
    """`ledger` (canonical_ledger's) without what depends on the order articles were stored in.

    merge_events keeps the status of the first report of an event in its
    block (ties of its sort key keep input order) and lists evidence and
    participants in input order; two ingests of the same articles in other
    orders differ there and nowhere else.
    """
    out = dict(ledger)
    out["events"] = _deep_sorted([{k: v for k, v in e.items() if k not in ("status", "conflicts")} for e in ledger["events"]])
    return out


def canonical_ledger(db: str) -> dict[str, Any]:
    """The store's whole record as a ledger dict with every list in a fixed order (what `export --format json` gives)."""
    import talktrack
    from tests.store.test_store import canonical

    record = talktrack.open(db)
    try:
        return canonical(record.ledger())
    finally:
        record.close()
