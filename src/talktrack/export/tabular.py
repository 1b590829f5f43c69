"""Tables of a record for pandas and spreadsheets: one CSV or Parquet file per layer.

Each layer (documents, entities, mentions, statements, events, participants,
evidence, timexes, topics) is one file whose rows keep their document id and
character offsets back into the text.

Parquet files are written with a fixed schema (`SCHEMAS`), whatever the data:
two exports, or an export of an empty store, read together
(`pandas.read_parquet([a, b])`). Lists are lists, counts are integers,
confidences are floats, and a date is a date: a value that may be partial
("2025-05") is kept as written and given its first and last calendar day
beside it (`start_first`, `end_last`); how each date was reached is beside it
too (`date_basis`, `start_basis`, `end_basis`: docs/confidence.md).
CSV has no types: lists are joined with "; ", and a cell that a spreadsheet
would run as a formula (it starts with =, +, -, @, a tab or a carriage return)
gets a leading apostrophe, as OWASP advises for CSV exports.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa

from talktrack.event_records import first_day, last_day
from talktrack.export.ledger import SCHEMA_ID
from talktrack.model import Ledger

_TEXT, _INT, _DATE, _LIST, _FLOAT = pa.string(), pa.int64(), pa.date32(), pa.list_(pa.string()), pa.float64()


def _fields(**columns: pa.DataType) -> pa.Schema:
    return pa.schema([pa.field(name, kind) for name, kind in columns.items()])


SCHEMAS: dict[str, pa.Schema] = {
    "documents": _fields(id=_TEXT, source=_TEXT, title=_TEXT, outlet=_TEXT, url=_TEXT, published=_DATE,
                         published_basis=_TEXT, chars=_INT),
    "entities": _fields(id=_TEXT, name=_TEXT, type=_TEXT, country=_TEXT, aliases=_LIST, titles=_LIST, mentions=_INT),
    "mentions": _fields(entity_id=_TEXT, doc_id=_TEXT, start=_INT, end=_INT, text=_TEXT),
    "statements": _fields(id=_TEXT, doc_id=_TEXT, start=_INT, end=_INT, date=_TEXT, date_first=_DATE, date_last=_DATE,
                          speaker=_TEXT, speaker_id=_TEXT, side=_TEXT, kind=_TEXT, cue=_TEXT, via=_LIST, topics=_LIST,
                          content=_TEXT, date_basis=_TEXT, speaker_confidence=_FLOAT, speaker_method=_TEXT),
    "events": _fields(id=_TEXT, type=_TEXT, start=_TEXT, end=_TEXT, start_first=_DATE, end_last=_DATE, place=_TEXT,
                      status=_TEXT, title=_TEXT, plover=_TEXT, action=_TEXT, outcome=_TEXT, topics=_LIST, reports=_INT,
                      conflicts=_LIST, start_basis=_TEXT, end_basis=_TEXT, place_basis=_TEXT, confidence=_FLOAT, method=_TEXT),
    "participants": _fields(event_id=_TEXT, entity_id=_TEXT, name=_TEXT, side=_TEXT, role=_TEXT),
    "evidence": _fields(record_id=_TEXT, doc_id=_TEXT, start=_INT, end=_INT),
    "timexes": _fields(doc_id=_TEXT, start=_INT, end=_INT, text=_TEXT, type=_TEXT, value=_TEXT, range_start=_TEXT,
                       range_end=_TEXT),
    "topics": _fields(id=_TEXT, label=_TEXT, parent=_TEXT),
    # measures over time (a store's export only): one row per measure with its state on the export's date,
    # and one per step of its history
    "measures": _fields(id=_TEXT, kind=_TEXT, name=_TEXT, topic=_TEXT, topics=_LIST, sides=_LIST, on=_DATE, state=_TEXT,
                        since=_TEXT, since_first=_DATE, since_stated=pa.bool_(), expiry=_TEXT, expiry_last=_DATE,
                        expiry_stated=pa.bool_(), confidence=_FLOAT),
    "measure_steps": _fields(measure_id=_TEXT, step=_INT, date=_TEXT, date_first=_DATE, date_basis=_TEXT, change=_TEXT,
                             state=_TEXT, status=_TEXT, expiry=_TEXT, previous_expiry=_TEXT, moved_to=_TEXT, sides=_LIST,
                             event_id=_TEXT, summary=_TEXT, doc_ids=_LIST, confidence=_FLOAT),
    # who held which role when (a store's export only), read from the stored mentions
    "roles": _fields(role=_TEXT, side=_TEXT, holder_id=_TEXT, holder=_TEXT, first=_DATE, last=_DATE, documents=_INT,
                     doc_ids=_LIST),
}
MEASURE_TABLES = ("measures", "measure_steps")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _day(value: str | None) -> date | None:
    """Return a full date ("2025-05-12") as a date; anything else (None, "2025-05") as None."""
    try:
        return date.fromisoformat(value) if value and len(value) == 10 else None
    except ValueError:
        return None


def ledger_tables(ledger: Ledger) -> dict[str, list[dict[str, Any]]]:
    """Return the ledger as flat tables (lists of rows), one per layer, with the columns of `SCHEMAS`."""
    docs = {d.id: d for d in ledger.documents}
    return {
        "documents": [
            {"id": d.id, "source": d.source, "title": d.title, "outlet": d.outlet, "url": d.url, "published": _day(d.published),
             "published_basis": d.published_basis, "chars": len(d.text)}
            for d in ledger.documents
        ],
        "entities": [
            {"id": e.id, "name": e.name, "type": e.type, "country": e.country, "aliases": list(e.aliases),
             "titles": [t.title + (f" ({t.organization})" if t.organization else "") for t in e.titles],
             "mentions": len(e.mentions)}
            for e in ledger.entities
        ],
        "mentions": [
            {"entity_id": e.id, "doc_id": m.doc_id, "start": m.start, "end": m.end,
             "text": docs[m.doc_id].text[m.start : m.end] if m.doc_id in docs else None}
            for e in ledger.entities for m in e.mentions
        ],
        "statements": [
            {"id": s.id, "doc_id": s.doc_id, "start": s.start, "end": s.end, "date": s.date, "date_first": first_day(s.date),
             "date_last": last_day(s.date), "speaker": s.speaker_name, "speaker_id": s.speaker_id, "side": s.speaker_side,
             "kind": s.kind, "cue": s.cue, "via": list(s.via), "topics": list(s.topics), "content": s.content,
             "date_basis": s.date_basis, "speaker_confidence": s.speaker_confidence, "speaker_method": s.speaker_method}
            for s in ledger.statements
        ],
        "events": [
            {"id": e.id, "type": e.type, "start": e.start, "end": e.end, "start_first": first_day(e.start),
             "end_last": last_day(e.end or e.start), "place": e.place, "status": e.status, "title": e.title,
             "plover": e.plover, "action": e.action, "outcome": e.outcome, "topics": list(e.topics),
             "reports": len({s.doc_id for s in e.evidence}), "conflicts": list(e.conflicts), "start_basis": e.start_basis,
             "end_basis": e.end_basis, "place_basis": e.place_basis, "confidence": e.confidence, "method": e.method}
            for e in ledger.events
        ],
        "participants": [
            {"event_id": e.id, "entity_id": p.entity_id, "name": p.name, "side": p.side, "role": p.role}
            for e in ledger.events for p in e.participants
        ],
        "evidence": [
            {"record_id": e.id, "doc_id": s.doc_id, "start": s.start, "end": s.end} for e in ledger.events for s in e.evidence
        ],
        "timexes": [
            {"doc_id": x.doc_id, "start": x.start, "end": x.end, "text": x.text, "type": x.type, "value": x.value,
             "range_start": x.range[0] if x.range else None, "range_end": x.range[1] if x.range else None}
            for x in ledger.timexes
        ],
        "topics": [{"id": t.id, "label": t.label, "parent": t.parent} for t in ledger.topics],
    }


def csv_cell(value: Any) -> Any:
    """Return a value as a CSV cell: lists joined with "; ", text that a spreadsheet would run as a formula defused."""
    if isinstance(value, list):
        value = "; ".join(value)
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def measure_tables(measures: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Return the rows of the measures and measure_steps tables from measures as plain dicts (`codec.encode` of
    `query.results.Measure`, as `talktrack export` passes them)."""
    rows: list[dict[str, Any]] = []
    steps: list[dict[str, Any]] = []
    for m in measures:
        rows.append({
            "id": m["id"], "kind": m["kind"], "name": m["name"], "topic": m.get("topic"), "topics": list(m.get("topics") or []),
            "sides": list(m.get("sides") or []), "on": _day(m.get("on")), "state": m.get("state"), "since": m.get("since"),
            "since_first": first_day(m.get("since")), "since_stated": bool(m.get("since_stated")), "expiry": m.get("expiry"),
            "expiry_last": last_day(m.get("expiry")), "expiry_stated": bool(m.get("expiry_stated")),
            "confidence": m.get("confidence"),
        })
        for n, e in enumerate(m.get("history") or []):
            steps.append({
                "measure_id": m["id"], "step": n, "date": e.get("date"), "date_first": first_day(e.get("date")),
                "date_basis": e.get("date_basis"), "change": e.get("change"), "state": e.get("state"),
                "status": e.get("status"), "expiry": e.get("expiry"), "previous_expiry": e.get("previous_expiry"),
                "moved_to": e.get("moved_to"), "sides": list(e.get("sides") or []), "event_id": e.get("event_id"),
                "summary": e.get("summary"), "doc_ids": sorted({ev["doc_id"] for ev in e.get("evidence") or [] if ev.get("doc_id")}),
                "confidence": e.get("confidence"),
            })
    return {"measures": rows, "measure_steps": steps}


def role_rows(roles: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return the rows of the roles table from role tenures as plain dicts (`codec.encode` of `query.results.RoleTenure`)."""
    return [
        {"role": r["role"], "side": r.get("side"), "holder_id": r["holder_id"], "holder": r["holder"],
         "first": _day(r.get("first")), "last": _day(r.get("last")), "documents": r.get("documents"),
         "doc_ids": sorted({e["doc_id"] for e in r.get("evidence") or []})}
        for r in roles
    ]


def write_tables(
    ledger: Ledger, folder: Path, fmt: str, measures: list[dict[str, Any]] | None = None, roles: list[dict[str, Any]] | None = None
) -> list[Path]:
    """Write one CSV or Parquet file per layer into `folder` (made if missing); return the files written.

    With `measures` and `roles` (a store's export), the measures, their steps and the roles are three more tables.
    """
    import pyarrow.parquet as pq

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    tables = ledger_tables(ledger)
    if measures is not None:
        tables |= measure_tables(measures)
    if roles is not None:
        tables["roles"] = role_rows(roles)
    for name, rows in tables.items():
        schema = SCHEMAS[name]
        path = folder / f"{name}.{fmt}"
        if fmt == "csv":
            with path.open("w", encoding="utf-8", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(schema.names)
                writer.writerows([csv_cell(row[c]) for c in schema.names] for row in rows)
        else:
            pq.write_table(pa.Table.from_pylist(rows, schema=schema), path)
        written.append(path)
    (folder / "schema.txt").write_text(f"{SCHEMA_ID}\n", encoding="utf-8")
    return written
