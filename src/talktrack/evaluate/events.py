"""Event scoring: pair gold and system events of one document, then check dates, place, status, leads.

A system event belongs to every document it has evidence in, so one round
merged from two articles is scored in each of them.

- match: the same type, and the same place (case-insensitive), or
  compatible start dates (equal, or one a prefix of the other: "2025-05" and
  "2025-05-11"), or neither place nor start on one side ("phone calls since
  the beginning of this year"). One-to-one, gold in file order; each gold
  event takes the unmatched candidate that agrees with it on most of place,
  start and end, the earliest in the text on a tie.
- date (over matches): start and end both compatible; a missing end counts
  as the start (a one-day event), two missing dates agree.
- place: equal, case-insensitive (two missing places agree).
- status: equal; the gold's "planned" is the ledger's "scheduled".
- leads, for each side the gold names leads for: every gold lead of that
  side is among the system participants with role "lead" and that side,
  by name (full name, last word, or a one-word system name that is the
  first or last word of the gold name: "He Lifeng" for "He Lifeng",
  "Brekke" for "Halvard Brekke"). Scored per (event, side), also by side.
"""

from __future__ import annotations

from dataclasses import replace

from collections.abc import Sequence

from talktrack.evaluate.gold import GoldEvent
from talktrack.evaluate.layers import norm
from talktrack.evaluate.scores import Accuracy, LayerScore, Pairing
from typing import cast

from talktrack.model import Event, EventStatus, Participant

LEAD_ROLES = frozenset({"lead", "spokesperson"})  # who briefs leads the briefing
STATUS_SYNONYMS = {"planned": "scheduled"}


def dates_compatible(a: str | None, b: str | None) -> bool:
    """Whether two ISO dates name the same time at their precisions ("2025-05" and "2025-05-11" do)."""
    if a is None or b is None:
        return a is None and b is None
    return a == b or a.startswith(b + "-") or b.startswith(a + "-")


def _start_compatible(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and dates_compatible(a, b)


def _same_place(a: str | None, b: str | None) -> bool:
    return (a or "").strip().casefold() == (b or "").strip().casefold()


def is_event_match(gold: GoldEvent, system: Event) -> bool:
    """Whether `system` may be the event `gold` (see the module docstring)."""
    if gold.type != system.type:
        return False
    if gold.place and system.place and _same_place(gold.place, system.place):
        return True
    if _start_compatible(gold.start, system.start):
        return True
    return (not gold.place and not gold.start) or (not system.place and not system.start)


def _agreement(gold: GoldEvent, system: Event) -> int:
    """How many of place, start and end agree: ranks the candidates for one gold event."""
    return (
        (bool(gold.place) and _same_place(gold.place, system.place))
        + (gold.start == system.start) + _start_compatible(gold.start, system.start)
        + (gold.end == system.end)
    )


def match_events(gold: Sequence[GoldEvent], system: Sequence[Event]) -> Pairing[GoldEvent, Event]:
    """Return the one-to-one pairing of one document's gold and system events, gold in file order."""
    result: Pairing[GoldEvent, Event] = Pairing()
    taken: set[int] = set()
    for item in gold:
        candidates = [j for j, event in enumerate(system) if j not in taken and is_event_match(item, event)]
        if not candidates:
            result.missed.append(item)
            continue
        best = min(candidates, key=lambda j: (-_agreement(item, system[j]), j))
        taken.add(best)
        result.pairs.append((item, system[best]))
    result.spurious = [event for j, event in enumerate(system) if j not in taken]
    return result


def date_correct(gold: GoldEvent, system: Event) -> bool:
    """Whether start and end agree at the gold's precision; a missing end stands for the start."""
    return dates_compatible(gold.start, system.start) and dates_compatible(
        gold.end or gold.start, system.end or system.start
    )


def status_correct(gold: GoldEvent, system: Event) -> bool:
    """Whether the statuses agree, the gold's "planned" being the ledger's "scheduled"."""
    gold_status = STATUS_SYNONYMS.get(gold.status or "", gold.status)
    return gold_status == STATUS_SYNONYMS.get(system.status, system.status)


def same_person(gold_name: str, system_name: str) -> bool:
    """Whether a system participant name names the gold lead: full name, last word, or a one-word surname."""
    gold_words, system_words = norm(gold_name).split(), norm(system_name).split()
    if not gold_words or not system_words:
        return False
    if gold_words == system_words or gold_words[-1] == system_words[-1]:
        return True
    return len(system_words) == 1 and system_words[0] in (gold_words[0], gold_words[-1])


def leads_of_side(participants: Sequence[Participant], side: str) -> list[str]:
    """Return the names of the participants leading `side`."""
    return [p.name for p in participants if p.role in LEAD_ROLES and (p.side or "").casefold() == side.casefold()]


def leads_correct(gold_names: Sequence[str], system_names: Sequence[str]) -> bool:
    """Whether every gold lead of a side is among the system's leads of that side."""
    return all(any(same_person(g, s) for s in system_names) for g in gold_names)


def status_as_of(event: Event, published: str | None) -> str:
    """Return the event's status as an article published on `published` could know it.

    A merged round that has since occurred was still scheduled when an earlier
    article previewed it.
    """
    start = event.start
    if published and start and start[:1].isdigit() and event.status != "proposed":
        if start[: len(published)] > published[: len(start)]:
            return "scheduled"
    return event.status


def score_events(gold: Sequence[GoldEvent], system: Sequence[Event], published: str | None = None) -> LayerScore:
    """Return one document's event figures: detection, then date, place, status and leads accuracy."""
    pairing = match_events(gold, system)
    layer = LayerScore()
    layer.detect(pairing)
    for item, event in pairing.pairs:
        layer.accuracy("date").add(date_correct(item, event))
        layer.accuracy("place").add(_same_place(item.place, event.place))
        as_of = replace(event, status=cast(EventStatus, status_as_of(event, published)))
        layer.accuracy("status").add(status_correct(item, as_of))
        for side, names in item.leads.items():
            if names:
                ok = leads_correct(names, leads_of_side(event.participants, side))
                layer.accuracy("leads").add(ok)
                layer.by_side.setdefault(side, Accuracy()).add(ok)
    return layer


def events_in(events: Sequence[Event], doc_id: str) -> list[Event]:
    """Return the events with evidence in document `doc_id`, by where their first evidence there starts."""
    starts: dict[int, int] = {}
    for index, event in enumerate(events):
        here = [span.start for span in event.evidence if span.doc_id == doc_id]
        if here:
            starts[index] = min(here)
    return [events[i] for i in sorted(starts, key=lambda i: (starts[i], i))]
