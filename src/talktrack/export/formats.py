"""Exports of a stored record as PLOVER event records and as an iCalendar file.

The JSON export is the ledger itself (export.ledger); the tables for pandas
and spreadsheets are export.tabular.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from typing import Any

from talktrack.export.ledger import SCHEMA_ID
from talktrack.model import Event, Ledger, Topic
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


_TYPE_LABELS = {"talks": "Talks", "call": "Call", "meeting": "Meeting", "summit": "Summit", "visit": "Visit",
                "briefing": "Briefing", "agreement": "Agreement", "threat": "Threat", "measure": "Measure",
                "deadline": "Deadline", "other": "Event"}
# RFC 5545 STATUS: what the text says took place is confirmed; what is planned or only proposed, tentative
_ICS_STATUS = {"occurred": "CONFIRMED", "scheduled": "TENTATIVE", "proposed": "TENTATIVE"}


def subject(e: Event, topics: dict[str, Topic]) -> str | None:
    """Return what an event is about in a few words: its action, else its most specific topic's label
    ("Tariff truce" rather than "Tariffs"), else None."""
    if e.action:
        return e.action

    def depth(topic_id: str) -> int:
        seen, topic = 0, topics.get(topic_id)
        while topic is not None and topic.parent and seen < 10:
            seen, topic = seen + 1, topics.get(topic.parent)
        return seen

    known = [t for t in e.topics if t in topics]
    return topics[max(known, key=depth)].label if known else None


def _summary(e: Event, topics: dict[str, Topic]) -> str:
    """Return a calendar line a reader recognizes: "Talks in Vienna (extended): Petra Will, Halvard Brekke",
    "Deadline: Tariff truce", "Briefing: Jonas Tamm"."""
    people = [p.name for p in e.participants if p.role == "lead"] or [p.name for p in e.participants]
    label = _TYPE_LABELS.get(e.type, e.type.capitalize())
    if e.title:
        what = e.title
    elif e.type == "deadline":
        what = f"{label}: {subject(e, topics) or 'date set'}"
    else:
        what = f"{label} in {e.place}" if e.place else label
    if e.action and e.type != "deadline":
        what += f" ({e.action})"
    return what + (f": {', '.join(people)}" if people else "")


def _ics_stamp(day: str) -> str:
    return day.replace("-", "") + "T000000Z"


def ics_calendar(ledger: Ledger, stamp: str | None = None) -> str:
    """Return an iCalendar file with every event dated to the day: rounds, visits, deadlines.

    DTSTAMP is when the file was made (`stamp`, default now, UTC). An event's
    UID is its talktrack id, stable across exports; SEQUENCE counts the
    reports after the first, so a calendar that imported it before takes the
    update, and LAST-MODIFIED is the publication date of the latest report.
    What is scheduled or proposed is TENTATIVE, what took place CONFIRMED.
    """
    stamp = stamp or datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    published = {d.id: d.published for d in ledger.documents if d.published}
    topics = {t.id: t for t in ledger.topics}
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//talktrack//talktrack.ledger/1//EN", "CALSCALE:GREGORIAN"]
    for e in ledger.events:
        if not e.start or len(e.start) != _DAY or (e.end and len(e.end) != _DAY):
            continue
        try:
            first = date.fromisoformat(e.start)
            last = date.fromisoformat(e.end) if e.end else first
        except ValueError:
            continue
        reports = {s.doc_id for s in e.evidence}
        latest = max((published[d][:_DAY] for d in reports if d in published), default=None)
        description = f"{e.type}, {e.status}; topics: {', '.join(e.topics) or 'none'}; talktrack id {e.id}"
        lines += [
            "BEGIN:VEVENT",
            f"UID:{e.id}@talktrack",
            f"DTSTAMP:{stamp}",
            f"SEQUENCE:{max(len(reports) - 1, 0)}",
            *([f"LAST-MODIFIED:{_ics_stamp(latest)}"] if latest else []),
            f"DTSTART;VALUE=DATE:{first:%Y%m%d}",
            f"DTEND;VALUE=DATE:{max(first, last) + timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{_ics_text(_summary(e, topics))}",
            f"DESCRIPTION:{_ics_text(description)}",
            f"CATEGORIES:{_ics_text(e.type.upper())}",
            *([f"STATUS:{_ICS_STATUS[e.status]}"] if e.status in _ICS_STATUS else []),
        ]
        if e.place:
            lines.append(f"LOCATION:{_ics_text(e.place)}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)
