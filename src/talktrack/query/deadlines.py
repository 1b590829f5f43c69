"""Where each deadline of the record stands: ahead, passed, or moved to another date by a later report.

A truce due to lapse on August 16 that a later article extends to November
14 is two deadline events in the record, both "scheduled" as their articles
told them. They are one deadline moved when they carry the same name (the
rule the change log uses, `Labels.deadline_name`: its title, else what it is
about) and the new date was first reported after the old one was, while the
old one was still ahead. The old one is then "moved", pointing at the new
one; a later move again points onward, so a chain reads as it happened.
Reports are ordered by their articles' publication dates, not by when the
store learned them: ingesting last year's articles today gives the same
answer. A deadline not moved is "passed" once its last day is before the
reference day (the real today by default), "ahead" until then; an undated
one has no standing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from talktrack.event_records import last_day
from talktrack.labels import Labels
from talktrack.model import Event


@dataclass(frozen=True, slots=True)
class Standing:
    """A deadline's standing: "ahead", "passed" or "moved" (None when undated), and the deadline it moved to."""

    state: str | None
    moved_to: Event | None = None


def first_reported(event: Event, published: Mapping[str, str | None]) -> str | None:
    """Return the earliest publication date among the articles reporting `event` (None when none is dated)."""
    dates = [d for s in event.evidence if (d := published.get(s.doc_id))]
    return min(dates) if dates else None


def standings(deadlines: Sequence[Event], published: Mapping[str, str | None], named: Labels, today: str) -> dict[str, Standing]:
    """Return the standing of each of `deadlines` (by id) on `today` (YYYY-MM-DD).

    `published` gives each reporting article's publication date (doc id -> date).
    """
    moved = _moves(deadlines, published, named)
    out: dict[str, Standing] = {}
    for event in deadlines:
        day = last_day(event.end or event.start)
        if event.id in moved:
            out[event.id] = Standing("moved", moved[event.id])
        elif day is None:
            out[event.id] = Standing(None)
        else:
            out[event.id] = Standing("passed" if day.isoformat() < today else "ahead")
    return out


def _moves(deadlines: Sequence[Event], published: Mapping[str, str | None], named: Labels) -> dict[str, Event]:
    """Return, for each deadline a later report moved (by id), the deadline it moved to: the first one reported after it."""
    same: dict[str, list[tuple[str, Event]]] = defaultdict(list)
    for event in deadlines:
        name, first = named.deadline_name(event), first_reported(event, published)
        if name is not None and first is not None and event.start:
            same[name].append((first, event))
    out: dict[str, Event] = {}
    for found in same.values():
        found.sort(key=lambda pair: (pair[0], pair[1].start or "", pair[1].id))
        for first, event in found:
            due = last_day(event.end or event.start)
            later = next(
                (e for f, e in found if f > first and e.start != event.start and due is not None and f <= due.isoformat()),
                None,
            )  # reported after it, while it was still ahead: a deadline already passed is not moved by a new one
            if later is not None:
                out[event.id] = later
    return out
