"""Exports of a stored record: tables for pandas (CSV, Parquet), PLOVER event records, iCalendar.

The JSON export is the ledger itself (export.ledger). The tabular exports
write one file per layer (documents, entities, mentions, statements, events,
participants, timexes, topics) so they load straight into pandas; every
row keeps its document id and character offsets back into the text.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from talktrack.export.ledger import SCHEMA_ID
from talktrack.model import Event, Ledger
from talktrack.query.evidence import sentence_bounds

_DAY = 10  # len("YYYY-MM-DD")


def ledger_tables(ledger: Ledger) -> dict[str, list[dict[str, Any]]]:
    """Return the ledger as flat tables (lists of rows), one per layer."""
    docs = {d.id: d for d in ledger.documents}
    return {
        "documents": [
            {"id": d.id, "source": d.source, "title": d.title, "outlet": d.outlet, "url": d.url, "published": d.published,
             "published_basis": d.published_basis, "chars": len(d.text)}
            for d in ledger.documents
        ],
        "entities": [
            {"id": e.id, "name": e.name, "type": e.type, "country": e.country, "aliases": "; ".join(e.aliases),
             "titles": "; ".join(t.title + (f" ({t.organization})" if t.organization else "") for t in e.titles),
             "mentions": len(e.mentions)}
            for e in ledger.entities
        ],
        "mentions": [
            {"entity_id": e.id, "doc_id": m.doc_id, "start": m.start, "end": m.end, "text": docs[m.doc_id].text[m.start : m.end] if m.doc_id in docs else None}
            for e in ledger.entities for m in e.mentions
        ],
        "statements": [
            {"id": s.id, "doc_id": s.doc_id, "start": s.start, "end": s.end, "date": s.date, "speaker": s.speaker_name,
             "speaker_id": s.speaker_id, "side": s.speaker_side, "kind": s.kind, "cue": s.cue, "via": "; ".join(s.via),
             "topics": "; ".join(s.topics), "content": s.content}
            for s in ledger.statements
        ],
        "events": [
            {"id": e.id, "type": e.type, "start": e.start, "end": e.end, "place": e.place, "status": e.status,
             "title": e.title, "plover": e.plover, "action": e.action, "outcome": e.outcome, "topics": "; ".join(e.topics),
             "reports": len({s.doc_id for s in e.evidence}), "conflicts": "; ".join(e.conflicts)}
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


def write_tables(ledger: Ledger, folder: Path, fmt: str) -> list[Path]:
    """Write one CSV or Parquet file per layer into `folder`; return the files written."""
    import pandas

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, rows in ledger_tables(ledger).items():
        frame = pandas.DataFrame(rows)
        path = folder / f"{name}.{fmt}"
        if fmt == "csv":
            frame.to_csv(path, index=False)
        else:
            frame.to_parquet(path, index=False)
        written.append(path)
    (folder / "schema.txt").write_text(f"{SCHEMA_ID}\n", encoding="utf-8")
    return written


def plover_records(ledger: Ledger) -> Iterator[dict[str, Any]]:
    """Yield one PLOVER-style event record per event that has a PLOVER type.

    `actor` and `recipient` are the two sides' leads (side codes in
    `*_country`); `source_text` is the first evidence sentence, and
    `talktrack` keeps what PLOVER has no field for.
    """
    docs = {d.id: d for d in ledger.documents}
    for e in ledger.events:
        if not e.plover:
            continue
        sides: dict[str, list[str]] = {}
        for p in e.participants:
            if p.side:
                sides.setdefault(p.side, []).append(p.name)
        order = sorted(sides, key=lambda s: -len(sides[s]))
        actor, recipient = (order + [None, None])[:2]
        first = e.evidence[0] if e.evidence else None
        text = None
        if first and first.doc_id in docs:
            a, b = sentence_bounds(docs[first.doc_id].text, first.start, first.end)
            text = docs[first.doc_id].text[a:b]
        yield {
            "id": e.id,
            "event_type": e.plover,
            "event_date": e.start,
            "actor": "; ".join(sides[actor]) if actor else None,
            "actor_country": actor,
            "recipient": "; ".join(sides[recipient]) if recipient else None,
            "recipient_country": recipient,
            "location": e.place,
            "context": list(e.topics),
            "source_text": text,
            "sources": sorted({docs[s.doc_id].url or docs[s.doc_id].source or s.doc_id for s in e.evidence if s.doc_id in docs}),
            "talktrack": {"type": e.type, "status": e.status, "end": e.end, "action": e.action, "outcome": e.outcome, "schema": SCHEMA_ID},
        }


def plover_jsonl(ledger: Ledger) -> str:
    """Return the PLOVER records as JSON Lines."""
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in plover_records(ledger))


def _ics_text(value: str) -> str:
    """Escape a TEXT value per RFC 5545 (backslash, semicolon, comma, newline)."""
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Fold a content line at 75 octets, continuation lines starting with a space (RFC 5545 3.1)."""
    out: list[str] = []
    current = b""
    for ch in line:
        b = ch.encode("utf-8")
        if len(current) + len(b) > (75 if not out else 74):
            out.append(current.decode("utf-8"))
            current = b""
        current += b
    out.append(current.decode("utf-8"))
    return "\r\n ".join(out)


def _summary(e: Event) -> str:
    leads = ", ".join(p.name for p in e.participants if p.role == "lead")
    what = e.title or (f"{e.type} in {e.place}" if e.place else e.type)
    if e.action:
        what += f" ({e.action})"
    return what + (f": {leads}" if leads else "")


def ics_calendar(ledger: Ledger, stamp: str = "19700101T000000Z") -> str:
    """Return an iCalendar file with every event dated to the day: rounds, visits, deadlines."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//talktrack//talktrack.ledger/1//EN", "CALSCALE:GREGORIAN"]
    for e in ledger.events:
        if not e.start or len(e.start) != _DAY or (e.end and len(e.end) != _DAY):
            continue
        try:
            first = date.fromisoformat(e.start)
            last = date.fromisoformat(e.end) if e.end else first
        except ValueError:
            continue
        description = f"{e.type}, {e.status}; topics: {', '.join(e.topics) or 'none'}; talktrack id {e.id}"
        lines += [
            "BEGIN:VEVENT",
            f"UID:{e.id}@talktrack",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{first:%Y%m%d}",
            f"DTEND;VALUE=DATE:{max(first, last) + timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{_ics_text(_summary(e))}",
            f"DESCRIPTION:{_ics_text(description)}",
            f"CATEGORIES:{_ics_text(e.type.upper())}",
        ]
        if e.place:
            lines.append(f"LOCATION:{_ics_text(e.place)}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)
