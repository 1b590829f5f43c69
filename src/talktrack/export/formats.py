"""Exports of a stored record as PLOVER event records and as an iCalendar file.

The JSON export is the ledger itself (export.ledger); the tables for pandas
and spreadsheets are export.tabular.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from typing import Any

import pycountry

from talktrack.export.ledger import SCHEMA_ID
from talktrack.gazetteer import Gazetteer, load_gazetteer
from talktrack.labels import Labels, make_labels
from talktrack.model import Event, Ledger, Topic
from talktrack.places import city_country
from talktrack.query.evidence import sentence_bounds
from talktrack.datafiles import bundled_yaml

_DAY = 10  # len("YYYY-MM-DD")


@dataclass(frozen=True)
class PloverMap:
    """How talktrack's events become PLOVER records (data/plover.yaml)."""

    measure_actions: dict[str, tuple[str, str]]
    modes: dict[str, str]
    third_party_types: frozenset[str]
    default_contexts: dict[str, str]
    context_words: dict[str, str]  # a word of a topic -> its PLOVER context
    international: frozenset[str]


@lru_cache(maxsize=1)
def plover_map() -> PloverMap:
    """Return the bundled PLOVER mapping."""
    data = bundled_yaml("plover.yaml")
    words = {w: context for context, ws in data["contexts"].items() for w in ws}
    return PloverMap(
        {k: (v[0], v[1]) for k, v in data["measure_actions"].items()}, dict(data["modes"]),
        frozenset(data["third_party_types"]), dict(data["default_contexts"]), words, frozenset(data["international"]),
    )


def actor_code(side: str, pmap: PloverMap) -> tuple[str, str]:
    """Return a side's PLOVER actor code and sector: a state's ISO 3166 alpha-3 code and GOV ("CN" -> CHN),
    an international body's own code and IGO ("EU"); a code ISO does not know (a fictional or disputed
    state) is kept as written."""
    if side.upper() in pmap.international:
        return side.upper(), "IGO"
    country = pycountry.countries.get(alpha_2=side.upper()) if len(side) == 2 else None
    return (country.alpha_3 if country else side.upper()), "GOV"


def _contexts(e: Event, plover: str, topics: dict[str, Topic], pmap: PloverMap) -> list[str]:
    """Return the PLOVER contexts of an event from the words of its topics and their ancestors, in topic order;
    the event type's default context when no topic gives one."""
    found: list[str] = []
    for topic_id in e.topics:
        seen = 0
        topic = topics.get(topic_id)
        words = set(topic_id.split("_"))
        while topic is not None and seen < 10:
            words |= set(topic.id.split("_")) | {w.lower().strip(",.()") for w in topic.label.split()}
            topic, seen = topics.get(topic.parent or ""), seen + 1
        for word in sorted(words):
            context = pmap.context_words.get(word)
            if context and context not in found:
                found.append(context)
    default = pmap.default_contexts.get(plover)
    return found or ([default] if default else [])


def _plover_type(e: Event, pmap: PloverMap) -> tuple[str | None, str]:
    """Return the PLOVER event type and mode of an event."""
    if e.type == "measure" and e.action in pmap.measure_actions:
        return pmap.measure_actions[e.action]
    return e.plover, pmap.modes.get(e.type, "")


def plover_records(ledger: Ledger, gazetteer: Gazetteer | None = None) -> Iterator[dict[str, Any]]:
    """Yield one PLOVER event record per event that took place and has a PLOVER type.

    What is only scheduled or proposed has not happened and is left out (PLOVER
    codes events, not plans). `actor` and `recipient` are lists of PLOVER
    actors ({actorText, code, sector}): for a directed event (a threat, a
    sanction, an easing) the actor is the side of those who took it, for a
    consultation the sides in the order of their participants. `context` holds
    PLOVER contexts; `talktrack` keeps what PLOVER has no field for, the
    talktrack topics among it.
    """
    pmap = plover_map()
    gaz = gazetteer or load_gazetteer()
    docs = {d.id: d for d in ledger.documents}
    topics = {t.id: t for t in ledger.topics}
    for e in ledger.events:
        plover, mode = _plover_type(e, pmap)
        if not plover or e.status in ("scheduled", "proposed"):
            continue
        sides: dict[str, list[str]] = {}
        leads: list[str] = []
        for p in e.participants:
            if p.side:
                sides.setdefault(p.side, []).append(p.name)
                if p.role == "lead" and p.side not in leads:
                    leads.append(p.side)
        if plover in ("CONSULT", "AGREE"):
            order = sorted(sides, key=lambda s: -len(sides[s]))
            actors, recipients = order[:1], order[1:]
        else:  # directed: who threatened, imposed or eased acts on the others
            actors = leads[:1] or list(sides)[:1]
            recipients = [s for s in sides if s not in actors]
        place_side = gaz.capitals.get(e.place or "") or gaz.country_of(e.place or "") or city_country(e.place or "")
        if e.type in pmap.third_party_types and plover == "CONSULT" and place_side and len(sides) >= 2 and place_side not in sides:
            mode = mode or "third-party"  # met in a country that is neither side's
        first = e.evidence[0] if e.evidence else None
        text = None
        if first and first.doc_id in docs:
            a, b = sentence_bounds(docs[first.doc_id].text, first.start, first.end)
            text = docs[first.doc_id].text[a:b].strip()

        def actors_of(codes: list[str]) -> list[dict[str, str]]:
            return [{"actorText": "; ".join(sides[c]), "code": code, "sector": sector}
                    for c in codes for code, sector in [actor_code(c, pmap)]]

        yield {
            "id": e.id,
            "event_type": plover,
            "mode": mode,
            "context": _contexts(e, plover, topics, pmap),
            "event_date": e.start,
            "actor": actors_of(actors),
            "recipient": actors_of(recipients),
            "location": e.place,
            "source_text": text,
            "sources": sorted({docs[s.doc_id].url or docs[s.doc_id].source or s.doc_id for s in e.evidence if s.doc_id in docs}),
            "talktrack": {"type": e.type, "status": e.status, "end": e.end, "action": e.action, "outcome": e.outcome,
                          "topics": list(e.topics), "sides": list(sides), "schema": SCHEMA_ID},
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


# RFC 5545 STATUS: what the text says took place is confirmed; what is planned or only proposed, tentative
_ICS_STATUS = {"occurred": "CONFIRMED", "scheduled": "TENTATIVE", "proposed": "TENTATIVE"}


def _summary(e: Event, labels: Labels) -> str:
    """Return a calendar line a reader recognizes: "Talks in Vienna (extended): Petra Will, Halvard Brekke",
    "Deadline: Tariff truce", "Briefing: Jonas Tamm"."""
    people = [p.name for p in e.participants if p.role == "lead"] or [p.name for p in e.participants]
    what = labels.event(e)
    if e.action and e.type not in ("deadline", "measure", "threat", "agreement"):
        what += f" ({e.action})"
    if e.type == "deadline" and not e.title and labels.subject(e) is None:
        what += ": date set"
    return what + (f": {', '.join(people)}" if people else "")


def _ics_stamp(day: str) -> str:
    return day.replace("-", "") + "T000000Z"


def ics_calendar(ledger: Ledger, stamp: str | None = None, moved: dict[str, str] | None = None) -> str:
    """Return an iCalendar file with every event dated to the day: rounds, visits, deadlines.

    DTSTAMP is when the file was made (`stamp`, default now, UTC). An event's
    UID is its talktrack id, stable across exports; SEQUENCE counts the
    reports after the first, so a calendar that imported it before takes the
    update, and LAST-MODIFIED is the publication date of the latest report.
    What is scheduled or proposed is TENTATIVE, what took place CONFIRMED.
    A deadline a later report moved (`moved`: its id -> the date it moved to,
    from a store's deadlines) is CANCELLED, its description saying where to:
    the calendar shows the new deadline instead of two.
    """
    moved = moved or {}
    stamp = stamp or datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    published = {d.id: d.published for d in ledger.documents if d.published}
    labels = make_labels(ledger.topics, {})
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
        status = "moved to " + moved[e.id] if e.id in moved else e.status
        description = f"{e.type}, {status}; topics: {', '.join(e.topics) or 'none'}; talktrack id {e.id}"
        lines += [
            "BEGIN:VEVENT",
            f"UID:{e.id}@talktrack",
            f"DTSTAMP:{stamp}",
            f"SEQUENCE:{max(len(reports) - 1, 0)}",
            *([f"LAST-MODIFIED:{_ics_stamp(latest)}"] if latest else []),
            f"DTSTART;VALUE=DATE:{first:%Y%m%d}",
            f"DTEND;VALUE=DATE:{max(first, last) + timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{_ics_text(_summary(e, labels))}",
            f"DESCRIPTION:{_ics_text(description)}",
            f"CATEGORIES:{_ics_text(e.type.upper())}",
            *(["STATUS:CANCELLED"] if e.id in moved else [f"STATUS:{_ICS_STATUS[e.status]}"] if e.status in _ICS_STATUS else []),
        ]
        if e.place:
            lines.append(f"LOCATION:{_ics_text(e.place)}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)
