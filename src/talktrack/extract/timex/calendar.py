"""Calendar arithmetic for TIMEX3 values: shifting by units, weeks, and choosing a direction.

A bare "August 12" or "Sunday" has no year or week of its own: the anchor (the
publication date) and the direction of the sentence fix it. "a deadline
approaching on August 12" looks ahead, "met on Sunday" looks back.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date, timedelta

PAST, UNKNOWN, FUTURE = -1, 0, 1


def add_months(day: date, months: int) -> date:
    """Return `day` moved by whole months, clamping to the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def week_value(day: date) -> str:
    """Return the ISO week of `day` as a TIMEX3 value, e.g. 2025-W30."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def shift(anchor: date, unit: str, n: int) -> str:
    """Return the TIMEX3 value of `anchor` moved `n` units, at that unit's granularity."""
    if unit == "D":
        return (anchor + timedelta(days=n)).isoformat()
    if unit in ("W", "WE"):
        value = week_value(anchor + timedelta(weeks=n))
        return value + "-WE" if unit == "WE" else value
    if unit == "M":
        return add_months(anchor, n).strftime("%Y-%m")
    if unit == "Q":
        q = (anchor.month - 1) // 3 + n
        year = anchor.year + q // 4
        return f"{year}-Q{q % 4 + 1}"
    if unit == "Y":
        return f"{anchor.year + n:04d}"
    if unit == "DE":
        return f"{anchor.year // 10 + n:03d}"
    if unit == "CE":
        return f"{anchor.year // 100 + n:02d}"
    if unit in ("H", "MIN", "S"):
        return anchor.isoformat()
    return anchor.isoformat()


def pick_year(anchor: date, month: int, day: int | None, direction: int) -> int:
    """Return the year of a month (and day) named without one, looking `direction` from `anchor`.

    The anchor's year unless the direction says otherwise; with no direction,
    the occurrence nearest the anchor, and of two as near the one gone: news
    names a month without a year more often for what happened than for what
    is to come.
    """
    def as_date(year: int) -> date:
        last = calendar.monthrange(year, month)[1]
        return date(year, month, min(day or 1, last))

    same = as_date(anchor.year)
    if day is None:  # month granularity: compare months, not days
        if direction == PAST and (month > anchor.month):
            return anchor.year - 1
        if direction == FUTURE and month < anchor.month:
            return anchor.year + 1
        if direction == UNKNOWN and month - anchor.month >= 6:
            return anchor.year - 1
        if direction == UNKNOWN and anchor.month - month > 6:
            return anchor.year + 1
        return anchor.year
    if direction == PAST and same > anchor:
        return anchor.year - 1
    if direction == FUTURE and same < anchor:
        return anchor.year + 1
    if direction == UNKNOWN:
        return min((anchor.year - 1, anchor.year, anchor.year + 1), key=lambda y: abs((as_date(y) - anchor).days))
    return anchor.year


def pick_weekday(anchor: date, weekday: int, direction: int, rel: str | None = None) -> date:
    """Return the date of a weekday named relative to `anchor` (Monday is 0).

    "last Friday" is the latest Friday before the anchor, "next Friday" the
    first after it, "this Friday" the one in the anchor's week; a bare
    "Friday" follows the sentence's direction, the same day included, and
    with no direction the past one unless it is tomorrow.
    """
    back = (anchor.weekday() - weekday) % 7
    ahead = (weekday - anchor.weekday()) % 7
    if rel == "last":
        return anchor - timedelta(days=back or 7)
    if rel in ("next", "coming"):
        return anchor + timedelta(days=ahead or 7)
    if rel == "this":
        return anchor - timedelta(days=anchor.weekday()) + timedelta(days=weekday)
    if direction == FUTURE:
        return anchor + timedelta(days=ahead)
    if direction == PAST or back <= ahead or ahead > 1:
        return anchor - timedelta(days=back)  # news reports the past: "Friday's close" in a Thursday paper
    return anchor + timedelta(days=ahead)


def easter(year: int) -> date:
    """Return Easter Sunday of `year` in the Gregorian calendar (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741  (the algorithm's own name)
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return date(year, month, day + 1)


def holiday(rule: dict[str, int], year: int) -> date:
    """Return the day a named day's `rule` (data/timex_en.yaml `holidays`) gives in `year`.

    A rule is a fixed `month` and `day`; the `nth` `weekday` of a `month` (-1: the last); the first
    `weekday` of a `month` after its day `after`; or `easter` days from Easter Sunday.
    """
    if "easter" in rule:
        return easter(year) + timedelta(days=rule["easter"])
    month = rule["month"]
    if "day" in rule:
        return date(year, month, rule["day"])
    weekday = rule["weekday"]
    if "after" in rule:
        start = date(year, month, rule["after"] + 1)
        return start + timedelta(days=(weekday - start.weekday()) % 7)
    nth = rule["nth"]
    if nth < 0:
        last = date(year, month, calendar.monthrange(year, month)[1])
        return last - timedelta(days=(last.weekday() - weekday) % 7) - timedelta(weeks=-nth - 1)
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7) + timedelta(weeks=nth - 1)


def pick_occurrence(anchor: date, day_in: Callable[[int], date], direction: int, rel: str | None = None) -> date:
    """Return the occurrence of a yearly day (`day_in(year)`) that "last", "next" or the direction picks.

    "last Thanksgiving" is the latest before the anchor, "next Christmas" the first after it, "this
    Easter" the anchor's year's; a bare name follows the direction, the anchor's own day included,
    and with none the occurrence nearest the anchor.
    """
    days = [day_in(year) for year in (anchor.year - 1, anchor.year, anchor.year + 1)]
    if rel == "this":
        return days[1]
    if rel == "last" or direction == PAST and rel != "next":
        return max(d for d in days if (d < anchor if rel == "last" else d <= anchor))
    if rel == "next" or direction == FUTURE:
        return min(d for d in days if (d > anchor if rel == "next" else d >= anchor))
    return min(days, key=lambda d: abs((d - anchor).days))
