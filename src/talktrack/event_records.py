"""Event records without spaCy: calendar spans, date compatibility, merging, dated status.

Shared by the extractor (merging mentions within a document) and resolve/
(merging across documents), so resolve/ runs without loading a model.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from talktrack.model import Event, EventStatus, Span

ROUND_TYPES = ("talks", "meeting")


def is_day(value: str | None) -> bool:
    """Return whether a time value is one calendar day (YYYY-MM-DD), not a month, a period or a reference ("FUTURE_REF")."""
    return value is not None and _DAY.fullmatch(value) is not None


def dated_status(event: Event, published: str | None) -> EventStatus:
    """Return occurred for what ended by the publication date, scheduled for what starts after it."""
    first = event.start or event.end  # a round of which the text gives the last day only ("ended on Friday")
    if published and first and first[:1].isdigit():
        last = event.end or first
        if last[: len(published)] <= published[: len(last)] and last <= published:
            return "occurred" if event.status != "proposed" else event.status
        if first[: len(published)] > published[: len(first)]:
            return "scheduled" if event.status != "proposed" else event.status
    return event.status


def calendar_span(value: str) -> tuple[str | None, str | None]:
    """Return the first and last calendar date (YYYY, YYYY-MM or YYYY-MM-DD) a TIMEX3 value covers.

    Weeks become their Monday to Sunday ("next week": 2025-W25), a weekend its
    Saturday and Sunday, a quarter its first and last month, a season or a
    decade its year(s); clock times keep their day.
    """
    week = re.fullmatch(r"(\d{4})-W(\d{2})(-WE)?", value)
    if week:
        monday = date.fromisocalendar(int(week.group(1)), int(week.group(2)), 1)
        first = monday + timedelta(days=5) if week.group(3) else monday
        return first.isoformat(), (monday + timedelta(days=6)).isoformat()
    quarter = re.fullmatch(r"(\d{4})-Q([1-4])", value)
    if quarter:
        q = int(quarter.group(2))
        return f"{quarter.group(1)}-{3 * q - 2:02d}", f"{quarter.group(1)}-{3 * q:02d}"
    plain = re.match(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", value)
    if plain is None:
        return None, None  # PAST_REF, XXXX-05: no calendar value
    return plain.group(0), None


_HALF = re.compile(r"(\d{4})-H([12])")
_DAY = re.compile(r"\d{4}-\d\d-\d\d")


def period_bounds(value: str) -> tuple[str, str] | None:
    """Return the first and last calendar date of a week, weekend, quarter or half-year value.

    "last week" (2024-W46) is its Monday to Sunday, "over the weekend"
    (2020-W26-WE) its Saturday and Sunday (both from `calendar_span`), "the
    second half of next year" (2024-H2) July to December. A day, month or
    year value is its own bound: None.
    """
    half = _HALF.fullmatch(value)
    if half:
        end_month = 6 * int(half.group(2))
        return f"{half.group(1)}-{end_month - 5:02d}", f"{half.group(1)}-{end_month:02d}"
    first, last = calendar_span(value)
    return (first, last) if first is not None and last is not None else None


def first_day(value: str | None) -> date | None:
    """Return the first calendar day a (possibly partial) date or week covers: "2025-05" is May 1, "2025" Jan 1."""
    first = calendar_span(value)[0] if value else None
    if first is None:
        return None
    year, month, day = (first.split("-") + ["1", "1"])[:3]
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def last_day(value: str | None) -> date | None:
    """Return the last calendar day a (possibly partial) date or week covers: "2025-02" is Feb 28, "2025" Dec 31."""
    if not value:
        return None
    first, last = calendar_span(value)
    bound = last or first
    if bound is None:
        return None
    try:
        if len(bound) == 10:
            return date.fromisoformat(bound)
        year, month = int(bound[:4]), int(bound[5:7]) if len(bound) == 7 else 12
        return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    except ValueError:
        return None


def compatible(a: str | None, b: str | None) -> bool:
    """Return True when two (possibly partial) dates can be the same: 2025-05 and 2025-05-11."""
    return a is None or b is None or a.startswith(b) or b.startswith(a)


def overlaps(a: Event, b: Event) -> bool:
    """Return True when two events' dates can describe the same days (ranges included)."""
    for x, y in ((a, b), (b, a)):
        if x.start is None and x.end and y.start:  # "ended on Friday": any round that began by then
            return y.start[: len(x.end)] <= x.end[: len(y.start)]
    if not a.start or not b.start:
        return True
    a1, a2, b1, b2 = a.start, a.end or a.start, b.start, b.end or b.start
    return compatible(a1, b1) or compatible(a2, b2) or compatible(a1, b2) or compatible(a2, b1) or (a1 <= b2 and b1 <= a2)


def _closes(a: Event, b: Event) -> bool:
    """Whether `b` gives only the last day ("concluded on Friday") of a round `a` dates by its first."""
    return b.start is None and b.end is not None and a.start is not None and a.start <= b.end and a.end in (None, a.start)


def absorb(target: Event, other: Event, cited: set[Span] | None = None) -> None:
    """Merge `other` into `target`: evidence and people added, the more precise date kept.

    A date or place taken from `other` keeps how `other` found it (its
    `start_basis`, `end_basis`, `place_basis`). `cited` is the set of the
    target's evidence, for a caller that merges many events into one (it is
    kept up to date here); without it one is built.
    """
    cited = set(target.evidence) if cited is None else cited
    for span in other.evidence:
        if span not in cited:
            cited.add(span)
            target.evidence.append(span)
    known = {(p.name, p.role) for p in target.participants}
    target.participants.extend(p for p in other.participants if (p.name, p.role) not in known)
    if not target.place and other.place:
        target.place, target.place_basis = other.place, other.place_basis
    if _closes(target, other) or _closes(other, target):  # "the round began on May 2" and "the talks concluded on Friday"
        first, last = (target, other) if target.start is not None else (other, target)
        target.start, target.end, target.start_basis, target.end_basis = first.start, last.end, first.start_basis, last.end_basis
        if target.status == "unknown":
            target.status = other.status
        target.topics.extend(t for t in other.topics if t not in target.topics)
        return
    ranged = other.end not in (None, other.start) and target.end in (None, target.start)
    if other.start and (target.start is None or ranged or (len(other.start) > len(target.start) and other.start.startswith(target.start))):
        target.start, target.end = other.start, other.end  # "held from Monday to Tuesday" says more than "on Tuesday"
        target.start_basis, target.end_basis = other.start_basis, other.end_basis
    elif other.end and target.end == target.start and other.start == target.start:
        target.end, target.end_basis = other.end, other.end_basis
    if target.status == "unknown":
        target.status = other.status
    target.topics.extend(t for t in other.topics if t not in target.topics)
