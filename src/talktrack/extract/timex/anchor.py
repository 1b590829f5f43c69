"""Anchoring: the date each expression counts from, and what is left of its value without one.

"The following year", "that month" and "in the morning" count from the date
the story last named, not from the publication date; after a live blog's
entry stamp ("Sunday 19:30") the entry's day is the anchor; "on Thursday and
Friday next week" are days of the week named beside them. Without any anchor,
a relative expression keeps only the TIMEX3 placeholder of its granularity.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta

from talktrack.extract.timex.calendar import FUTURE, PAST, UNKNOWN
from talktrack.extract.timex.scan import Found
from talktrack.model import DateBasis, Timex

# rules whose value depends on the anchor unless the text gives a year
_ANCHORED = {
    "date", "date_dmy", "range_date", "range_weekday", "range_month", "month_rel", "month_bare", "weekday", "weekday_time",
    "today", "today_time", "part_rel", "unit_ago", "unit_rel", "boundary", "season", "quarter", "time", "time_word", "clock",
    "date_time", "the_year", "year_end", "in_the_unit", "report_quarter", "unit_rel_dur", "holiday", "day_of_month_rel", "boundary_month",
}
NO_ANCHOR = date(2000, 6, 15)  # stands in for a missing anchor; its year is masked afterwards


def is_relative(found: Found) -> bool:
    """Return True for an expression whose value is counted from an anchor: its rule reads one and it names no year."""
    return found.rule in _ANCHORED and not found.groups.get("year")


def unanchored(rule: str, value: str) -> str:
    """Return the TIMEX3 placeholder for a relative expression with no anchor: XXXX-05, XXXX-XX-XX."""
    if value.endswith(("_REF",)):
        return value
    if rule in ("weekday", "weekday_time", "today", "today_time", "part_rel", "time", "time_word", "clock", "range_weekday", "day_of_month_rel") or "-W" in value:
        rest = value[10:] if len(value) > 10 and value[10] == "T" else ""
        return "XXXX-XX-XX" + rest
    return "XXXX" + value[4:]


_CALENDAR = re.compile(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?")
# "the following year", "that month", "the same week": counted from the date the story last named
_NARRATIVE = {"following", "previous", "that", "same"}


def count_from(found: Found, story: str | None, direction: int, anchor: date | None) -> date | None:
    """Return the date the story gave that `found` counts from instead of `anchor`, or None.

    `story` is the last calendar date the text named; `anchor` is the
    publication date or the day of the live-blog entry the expression is in.
    """
    return _narrative_anchor(found, story) or _story_day(found, story, direction, anchor)


def story_date(kind: str, value: str) -> str | None:
    """Return the calendar date a valued expression gives the story, or None: "in March", "at 2 a.m. on Friday"."""
    if kind == "DATE" and _CALENDAR.fullmatch(value):
        return value  # a placeholder (XXXX-03) anchors nothing
    if kind == "TIME" and _CALENDAR.fullmatch(value[:10]):
        return value[:10]  # "at 2 a.m. on Friday": the story is on Friday
    return None


def _narrative_anchor(found: Found, story: str | None) -> date | None:
    """Return the date a narrative expression counts from, when the story named one precise enough."""
    if story is None or found.rule not in ("unit_rel", "unit_rel_dur", "weekday", "boundary") or found.groups.get("num"):
        return None
    if (found.groups.get("rel") or "").lower() not in _NARRATIVE:
        return None
    match = _CALENDAR.fullmatch(story)
    if match is None:
        return None
    unit = "day" if found.rule == "weekday" else (found.groups.get("unit") or "").lower()  # "the previous Friday"
    needed = {"day": 3, "week": 3, "weekend": 3, "month": 2}.get(unit, 1)  # "the following month" needs a month
    if sum(part is not None for part in match.groups()) < needed:
        return None
    year, month, day = (int(part) if part else 1 for part in match.groups())
    return date(year, month, day)


def _story_day(found: Found, story: str | None, direction: int = UNKNOWN, anchor: date | None = None) -> date | None:
    """Return the day "in the morning" belongs to: the last day the story named ("Friday ... in the morning").

    A clock time the story reports in the past ("was shot at 10 p.m.") belongs
    to that day too, when it is within the week before the anchor, and so
    does one it looks ahead to when the day is within the week after ("meet
    again next Wednesday, with the session set to open at 11:00").
    """
    if story is None or not re.fullmatch(r"\d{4}-\d\d-\d\d", story):
        return None
    day = date.fromisoformat(story)
    if found.rule == "part_rel" and not found.groups.get("rel"):
        return day
    if found.rule in ("time", "time_word", "clock") and anchor is not None:
        if (direction == PAST and 0 < (anchor - day).days <= 7) or (direction == FUTURE and 0 < (day - anchor).days <= 7):
            return day
    return None


_STAMP_LEAD = re.compile(r"(?:(?:last\s+)?updated|posted|published)\s*:?(?:\s+on|\s+at)?", re.I)


def entry_stamps(text: str, found: list[Found]) -> list[Found]:
    """Return the weekday-and-clock expressions that stand alone on their line, as a live blog stamps its entries.

    "Sunday 19:30" on a line of its own (or "Updated Sunday 19:30") heads an
    entry: what the entry says is said on that day.
    """
    out = []
    for f in found:
        if f.rule != "weekday_time":
            continue
        line_start = text.rfind("\n", 0, f.start) + 1
        line_end = text.find("\n", f.end)
        before = text[line_start : f.start].strip()
        after = text[f.end : len(text) if line_end < 0 else line_end].strip()
        if not after.strip(".:-–—|") and (not before or _STAMP_LEAD.fullmatch(before)):
            out.append(f)
    return out


def date_basis(found: Found, masked: bool = False) -> DateBasis:
    """Return how an expression's value was reached: from its own words ("text"), or counted from an anchor.

    An expression of a rule that reads no anchor, or one that writes its year
    ("October 25, 2025"), states its value; so does one left as a placeholder
    for want of an anchor (XXXX-05 is what the words say). A weekday is
    resolved against the publication date ("weekday"); any other anchored
    expression ("yesterday", "last week", "this May", "August 12") is counted
    from the publication date or from a date the story gave before ("relative").
    """
    if masked or not is_relative(found):
        return "text"
    return "weekday" if found.rule in _WEEKDAY_RULES else "relative"


_WEEK = re.compile(r"(\d{4})-W(\d\d)")
_WEEKDAY_RULES = {"weekday", "weekday_time", "range_weekday"}
_WEEKDAY_AFTER_WEEK = re.compile(r"\s*,?\s*(?:on\s+)?")  # "next week, on Thursday"
_WEEKDAY_BEFORE_WEEK = re.compile(r"\s*(?:of\s+)?")  # "Thursday next week", "Thursday of next week"
_WEEKDAY_LIST = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|to\s+|through\s+|[-–]\s*)")


def in_named_week(items: list[tuple[str, Timex]], text: str) -> Iterator[Timex]:
    """Yield the timexes with the weekdays that a week expression names put into that week.

    "on Thursday and Friday next week" are the Thursday and Friday of next week,
    "on Monday and Tuesday last week" those of last week: the days and the week
    are separate expressions, and each day is first read on its own.
    """
    weekdays = [rule in _WEEKDAY_RULES and timex.type in ("DATE", "TIME") for rule, timex in items]
    timexes = [timex for _, timex in items]
    for i, week in enumerate(timexes):
        found = _WEEK.fullmatch(week.value)
        if found is None or week.type != "DATE":
            continue
        monday = date.fromisocalendar(int(found.group(1)), int(found.group(2)), 1)
        group: list[int] = []
        j, edge, pattern = i - 1, week.start, _WEEKDAY_BEFORE_WEEK
        while j >= 0 and weekdays[j] and pattern.fullmatch(text, timexes[j].end, edge):
            group.append(j)
            j, edge, pattern = j - 1, timexes[j].start, _WEEKDAY_LIST
        j, edge, pattern = i + 1, week.end, _WEEKDAY_AFTER_WEEK
        while not group and j < len(timexes) and weekdays[j] and pattern.fullmatch(text, edge, timexes[j].start):
            group.append(j)  # "next week, on Thursday and Friday"
            j, edge, pattern = j + 1, timexes[j].end, _WEEKDAY_LIST
        for k in group:
            timexes[k] = _moved_into(timexes[k], monday)
    yield from timexes


def _moved_into(timex: Timex, monday: date) -> Timex:
    """Return `timex`, a weekday read on its own, as that weekday of the week starting `monday`."""

    def move(value: str) -> str:
        if not re.match(r"\d{4}-\d\d-\d\d", value):
            return value
        day = monday + timedelta(days=date.fromisoformat(value[:10]).weekday())
        return day.isoformat() + value[10:]

    span_range = (move(timex.range[0]), move(timex.range[1])) if timex.range else None
    return replace(timex, value=move(timex.value), range=span_range)

