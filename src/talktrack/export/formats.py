"""Exports of a stored record as PLOVER event records and as an iCalendar file.

The JSON export is the ledger itself (export.ledger); the tables for pandas
and spreadsheets are export.tabular.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from talktrack.export.ledger import SCHEMA_ID
from talktrack.model import Event, Ledger
from talktrack.query.evidence import sentence_bounds

_DAY = 10  # len("YYYY-MM-DD")


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
