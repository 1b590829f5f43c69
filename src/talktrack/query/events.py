"""Events queried: the timeline, the deadlines with their standing, one event, and the measures read from them."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from datetime import date
from typing import get_args

from sqlalchemy import and_, or_, select

from talktrack.codec import decode
from talktrack.errors import TalktrackError
from talktrack.labels import make_labels
from talktrack.model import Event, EventType
from talktrack.query.dates import check_date, day_after
from talktrack.query.deadlines import standings
from talktrack.query.measures import read_measures
from talktrack.query.reader import Reader, has_nul, row_limit
from talktrack.query.results import Measure, TimelineEntry
from talktrack.store import tables as t
from talktrack.store.rows import chunks

EVENT_TYPES: tuple[str, ...] = get_args(EventType)


def timeline_entry(event: Event) -> TimelineEntry:
    """Return an event as a row of the timeline, its leads grouped by side ("?" for none)."""
    leads: dict[str, list[str]] = defaultdict(list)
    for p in event.participants:
        if p.role == "lead" and p.name not in leads[p.side or "?"]:
            leads[p.side or "?"].append(p.name)
    return TimelineEntry(
        id=event.id, type=event.type, start=event.start, end=event.end, status=event.status, place=event.place,
        leads=dict(leads), topics=list(event.topics), outcome=event.outcome, action=event.action,
        reports=len({s.doc_id for s in event.evidence}), conflicts=list(event.conflicts), title=event.title,
        start_basis=event.start_basis, end_basis=event.end_basis, confidence=event.confidence, method=event.method,
    )


class EventQueries(Reader):
    """The queries over the record's events."""

    def timeline(
        self, since: str | None = None, until: str | None = None, types: list[str] | None = None, limit: int | None = None
    ) -> list[TimelineEntry]:
        """Return the events in date order (undated last), optionally limited to a period and event types.

        Raises TalktrackError TT303 when `since` or `until` is not a date, TT606 for a type that is none.
        """
        check_date(since)
        for kind in types or []:
            if kind not in EVENT_TYPES and not has_nul(kind):
                raise TalktrackError("TT606", what="event type", value=kind, choices=", ".join(EVENT_TYPES))
        query = select(t.events.c.record)
        if since:
            query = query.where(or_(t.events.c.end >= since, and_(t.events.c.end.is_(None), t.events.c.start >= since)))
        if until and (bound := day_after(until)):
            query = query.where(t.events.c.start < bound)
        if types:
            if all(has_nul(x) for x in types):
                return []
            query = query.where(t.events.c.type.in_([x for x in types if not has_nul(x)]))
        query = query.order_by(t.events.c.start.is_(None), t.events.c.start, t.events.c.type, t.events.c.id).limit(row_limit(limit))
        with self._conn() as conn:
            found = [timeline_entry(decode(Event, r)) for r in conn.scalars(query)]
        if any(e.type == "deadline" for e in found):  # each deadline with its standing: one moved since is not "scheduled"
            standing = {d.id: d for d in self.deadlines()}
            found = [standing.get(e.id, e) if e.type == "deadline" else e for e in found]
        return found

    def deadlines(self, upcoming: bool = False, today: str | None = None) -> list[TimelineEntry]:
        """Return deadlines in date order, each with its standing on `today` (default: the real today).

        A deadline a later report moved to another date is "moved", with the
        deadline it moved to; else "passed" once its last day is before
        `today`, "ahead" until then (talktrack.query.deadlines). With
        `upcoming`, only those on or after `today` that were not moved.
        Raises TalktrackError TT303 when `today` is not a date.
        """
        check_date(today)
        day = today or date.today().isoformat()
        query = select(t.events.c.record).where(t.events.c.type == "deadline")
        query = query.order_by(t.events.c.start.is_(None), t.events.c.start, t.events.c.id)
        with self._conn() as conn:
            events = [decode(Event, r) for r in conn.scalars(query)]  # deadlines are few; all are needed to tell moves
            published: dict[str, str | None] = {}
            for part in chunks(sorted({s.doc_id for e in events for s in e.evidence})):
                rows = conn.execute(select(t.documents.c.id, t.documents.c.published).where(t.documents.c.id.in_(part)))
                published.update((r.id, r.published) for r in rows)
            named = make_labels(self._topics(conn), {})
        standing = standings(events, published, named, day)
        out = []
        for event in events:
            found = standing[event.id]
            if upcoming and (found.moved_to is not None or (event.end or event.start or "") < day or not (event.end or event.start)):
                continue
            moved = found.moved_to
            out.append(dataclasses.replace(
                timeline_entry(event), state=found.state, moved_to=moved.id if moved else None,
                moved_to_start=moved.start if moved else None, moved_to_end=moved.end if moved else None,
            ))
        return out

    def event(self, event_id: str) -> Event:
        """Return one event; TT603 when there is none with this id."""
        if has_nul(event_id):
            raise TalktrackError("TT603", id=event_id)
        with self._conn() as conn:
            raw = conn.scalar(select(t.events.c.record).where(t.events.c.id == event_id))
        if raw is None:
            raise TalktrackError("TT603", id=event_id)
        return decode(Event, raw)

    def events_of(self, entity_id: str) -> list[TimelineEntry]:
        """Return the events an entity took part in, in date order."""
        if has_nul(entity_id):
            return []
        ids = select(t.event_participants.c.event_id).where(t.event_participants.c.entity_id == entity_id)
        query = select(t.events.c.record).where(t.events.c.id.in_(ids)).order_by(t.events.c.start.is_(None), t.events.c.start, t.events.c.id)
        with self._conn() as conn:
            return [timeline_entry(decode(Event, r)) for r in conn.scalars(query)]

    def measures(self, on: str | None = None, topic: str | None = None) -> list[Measure]:
        """Return the measures that stood on a date, each with its state then and its whole history.

        `on` defaults to the store's latest publication date (a month or a
        year: its last day); a measure with no state by then is left out.
        `topic` keeps the measures acting on it or its subtopics. Raises
        TalktrackError TT303 when `on` is not a date, TT604 for an unknown topic.
        """
        check_date(on)
        with self._conn() as conn:
            covered = self._covered(conn, topic) if topic else None
            found = read_measures(conn, make_labels(self._topics(conn), {}), on or None)
        return [m for m in found if m.state is not None and (covered is None or covered & set(m.topics))]

    def measure(self, measure_id: str, on: str | None = None) -> Measure:
        """Return one measure with its history and its state on `on` (as `measures`); TT603 when there is none with this id."""
        check_date(on)
        if has_nul(measure_id):
            raise TalktrackError("TT603", id=measure_id)
        with self._conn() as conn:
            found = read_measures(conn, make_labels(self._topics(conn), {}), on or None)
        shown = next((m for m in found if m.id == measure_id), None)
        if shown is None:
            raise TalktrackError("TT603", id=measure_id)
        return shown
