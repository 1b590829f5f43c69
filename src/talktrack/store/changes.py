"""The change log: what a settle added to the record or changed in it, written in the settle's transaction.

A risk team's daily feed asks "what is new since yesterday", which the
record alone cannot answer: events are re-merged and statements re-linked,
so their rows say what holds now, not when the store learned it. A settle
is the one place where the record changes, and it knows the events of the
blocks it re-merges before and after, and the statements it stores, so it
compares them there and logs each difference as one row of `changes`:

- `event_added`: a round, call, visit ... that was not in the record;
- `event_status`: the same event with another status (scheduled -> occurred);
- `event_moved`: the same event (it keeps evidence of the one it replaces) dated anew;
- `statement_added`: a statement the record did not hold;
- `deadline_added`, `deadline_moved`: a deadline new to the record; moved when
  the record held a deadline of the same title at another date, or the new
  one keeps the evidence of the one it replaces;
- `deadline_passed`: a deadline the record held whose last day is now before
  the store's latest publication date, and was not before the settle.

A change's id is a hash of what changed (kind, record id, value before and
after), never of when or in which store, so the same change has the same
id on SQLite and PostgreSQL and when a store is built again from the same
articles; a change already logged is not logged again. Re-ingesting stored
articles settles nothing, so it logs nothing.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import Connection, func, select

from talktrack.codec import decode
from talktrack.labels import Labels, make_labels
from talktrack.model import Event, Span, Statement, Topic, stable_id
from talktrack.store import tables as t
from talktrack.store.rows import chunks, insert_rows

KINDS = ("event_added", "event_status", "event_moved", "statement_added", "deadline_added", "deadline_moved", "deadline_passed")


def now() -> datetime:
    """Return the time a settle logs its changes at (UTC, like `documents.ingested_at`)."""
    return datetime.now(timezone.utc)


def change_id(kind: str, record_id: str, before: str | None = None, after: str | None = None) -> str:
    """Return the id of a change: the same change has the same id in any store, whenever it was learned."""
    return stable_id("chg", kind, record_id, before or "", after or "")


def last_day(value: str | None) -> str | None:
    """Return the last day of a date that may be partial ("2029-05" -> "2029-05-31"), None for none."""
    if not value:
        return None
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return f"{parts[0]:04d}-12-31"
    if len(parts) == 2:
        return f"{parts[0]:04d}-{parts[1]:02d}-{calendar.monthrange(parts[0], parts[1])[1]:02d}"
    return value


def settled_latest(conn: Connection) -> str | None:
    """Return the latest publication date of the settled documents: what "passed" is measured against.

    Walks the index on `published` from the top and stops at the first
    document that is not pending, so its cost is the number of pending
    documents published later, not the size of the store.
    """
    pending = select(t.pending_documents.c.doc_id)
    query = (
        select(t.documents.c.published)
        .where(t.documents.c.published.is_not(None), t.documents.c.id.not_in(pending))
        .order_by(t.documents.c.published.desc())
        .limit(1)
    )
    found: str | None = conn.scalar(query)
    return found[:10] if found else None


def labels(conn: Connection) -> Labels:
    """Return the topic labels that name events in the log ("Deadline: Tariff truce")."""
    return make_labels([Topic(r.id, r.label, r.parent) for r in conn.execute(select(t.topics))], {})


def statement_rows(conn: Connection, statements: Sequence[Statement], at: datetime) -> list[dict[str, Any]]:
    """Return the log rows of statements a settle stored (linked to their speakers).

    An undated statement is dated by its article's publication date, as `quotes` dates it.
    """
    published: dict[str, str | None] = {}
    for part in chunks(sorted({st.doc_id for st in statements})):
        rows = conn.execute(select(t.documents.c.id, t.documents.c.published).where(t.documents.c.id.in_(part)))
        published.update((r.id, r.published) for r in rows)
    out = []
    for st in statements:
        out.append({
            "id": change_id("statement_added", st.id), "at": at, "kind": "statement_added", "record_id": st.id,
            "type": "statement", "date": st.date or published.get(st.doc_id), "before": None, "after": None,
            "sides": [st.speaker_side] if st.speaker_side else [], "speaker_id": st.speaker_id, "speaker": st.speaker_name,
            "topics": list(st.topics), "title": f"{st.speaker_name}: {_short(st.content)}", "content": st.content,
        })
    return out


def event_rows(
    conn: Connection, before: Sequence[Event], after: Sequence[Event], at: datetime,
    latest: tuple[str | None, str | None] = (None, None),
) -> list[dict[str, Any]]:
    """Return the log rows of what re-merging some event blocks changed: `before` and `after` are their events.

    `latest` is the store's latest publication date before and after the
    settle; deadlines whose last day falls between the two have passed.
    Call it after the merged events are stored: a moved deadline is found
    among the deadlines of the whole record.
    """
    named = labels(conn)
    old = {e.id: e for e in before}
    new_ids = {e.id for e in after}
    gone: dict[Span, Event] = {s: e for e in before if e.id not in new_ids for s in e.evidence}
    added = new_ids - set(old)
    held: list[Event] | None = None  # the deadlines the record held before the settle, read when a new deadline needs them
    rows: list[dict[str, Any]] = []
    for event in after:
        was = old.get(event.id) or next((gone[s] for s in event.evidence if s in gone), None)
        if was is None:
            if event.type == "deadline" and held is None:
                held = _held_deadlines(conn, added)
            rows.extend(_new_event(event, named, at, held or []))
            continue
        if (was.start, was.end) != (event.start, event.end):
            kind = "deadline_moved" if event.type == "deadline" else "event_moved"
            rows.append(_row(kind, event, named, at, _dates(was), _dates(event)))
        if was.status != event.status:
            rows.append(_row("event_status", event, named, at, was.status, event.status))
    rows.extend(_passed(conn, added, named, at, *latest))
    return rows


def _held_deadlines(conn: Connection, added: set[str]) -> list[Event]:
    """Return the deadlines of the record that are not new in this settle (deadlines are few: all are read)."""
    return [e for e in (decode(Event, r) for r in conn.scalars(select(t.events.c.record).where(t.events.c.type == "deadline")))
            if e.id not in added]


def _new_event(event: Event, named: Labels, at: datetime, held: list[Event]) -> list[dict[str, Any]]:
    if event.type != "deadline":
        return [_row("event_added", event, named, at)]
    earlier = _same_deadline(event, named, held)
    if earlier is None:
        return [_row("deadline_added", event, named, at)]
    return [_row("deadline_moved", event, named, at, _dates(earlier), _dates(event))]


def _same_deadline(event: Event, named: Labels, held: list[Event]) -> Event | None:
    """Return the deadline the record held before the settle under the new one's name at another date (the latest such).

    A deadline's name is its title, else what it is about ("Deadline: Tariff
    truce", from its action or most specific topic; `Labels.deadline_name`):
    a truce whose expiry a later article gives anew is the same deadline
    moved, not a second one. The deadlines listing applies the same rule
    (talktrack.query.deadlines).
    """
    name = named.deadline_name(event)
    if name is None:
        return None
    same = [e for e in held if e.id != event.id and named.deadline_name(e) == name and e.start != event.start]
    return max(same, key=lambda e: (e.start or "", e.id), default=None)


def _passed(
    conn: Connection, added: set[str], named: Labels, at: datetime, old: str | None, new: str | None
) -> list[dict[str, Any]]:
    """Return the rows of deadlines the record held that the settle's articles have overtaken.

    A deadline new to the record is logged as added, passed or not: "passed"
    says the store learned that a deadline it listed as ahead is now behind
    its latest article.
    """
    if not new or (old is not None and new <= old):
        return []
    query = select(t.events.c.record).where(t.events.c.type == "deadline", func.coalesce(t.events.c.end, t.events.c.start) >= (old or "")[:4])
    rows = []
    for event in (decode(Event, r) for r in conn.scalars(query)):
        day = last_day(event.end or event.start)
        if event.id not in added and day and (old is None or day >= old) and day < new:
            rows.append(_row("deadline_passed", event, named, at, None, day))
    return rows


def _row(kind: str, event: Event, named: Labels, at: datetime, before: str | None = None, after: str | None = None) -> dict[str, Any]:
    sides = sorted({p.side for p in event.participants if p.side})
    return {
        "id": change_id(kind, event.id, before, after), "at": at, "kind": kind, "record_id": event.id, "type": event.type,
        "date": event.start, "before": before, "after": after, "sides": sides, "speaker_id": None, "speaker": None,
        "topics": list(event.topics), "title": _event_title(kind, event, named, before, after), "content": event.outcome,
    }


def _event_title(kind: str, event: Event, named: Labels, before: str | None, after: str | None) -> str:
    name = named.event(event)
    when = f" ({_dates(event)})" if event.start else ""
    if kind in ("event_moved", "deadline_moved"):
        return f"{name}: moved from {before} to {after or 'no date'}" if before else f"{name}: dated {after}"
    if kind == "event_status":
        return f"{name}{when}: {before} -> {after}"
    if kind == "deadline_passed":
        return f"{name}{when}: passed"
    return f"{name}{when}: new"


def _dates(event: Event) -> str | None:
    """Return an event's dates as one value ("2029-09-24 to 2029-09-25"), None when it has none."""
    if not event.start:
        return None
    return event.start + (f" to {event.end}" if event.end and event.end != event.start else "")


def _short(text: str, n: int = 80) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def log(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """Store the change rows not logged yet: a change seen again (a status that went back and forth) keeps its first time."""
    by_id = {r["id"]: r for r in rows}
    for part in chunks(sorted(by_id)):
        for known in conn.scalars(select(t.changes.c.id).where(t.changes.c.id.in_(part))):
            by_id.pop(known, None)
    insert_rows(conn, t.changes, [by_id[i] for i in sorted(by_id)])
