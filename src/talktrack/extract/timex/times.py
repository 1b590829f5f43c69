"""Values of the rules for times of day, stretches counted in units, durations, sets and references.

Each function takes a `Reading` of one match and returns its TIMEX3 (type,
value, range), or None when the match is no time; `values.VALUES` keys them
by the grammar's rule names.
"""

from __future__ import annotations

import re
from datetime import timedelta

from talktrack.extract.timex.calendar import pick_weekday, shift
from talktrack.extract.timex.groups import (
    Normalized,
    Reading,
    clock_of,
    date_value,
    day_or_time,
    duration_value,
    half_suffix,
    month_of,
    named_day,
    number_of,
    step_of,
    unit_of,
    weekday_of,
    year_before,
)


def clock_time(r: Reading) -> Normalized:
    """Return the anchor's day at the time of "10 p.m.", "noon", "at 10:00"."""
    return "TIME", f"{r.anchor.isoformat()}T{clock_of(r.groups)}", None


def date_time(r: Reading) -> Normalized | None:
    """Return the time of "5 p.m. EST Nov. 9", "16:30 local time on 12 March"."""
    value = date_value(r.groups, r.anchor, r.direction, r.vocab)
    return ("TIME", f"{value}T{clock_of(r.groups)}", None) if value else None


def weekday_time(r: Reading) -> Normalized:
    """Return the time of "Sunday 19:30", "10 a.m. on Friday"."""
    day = pick_weekday(r.anchor, weekday_of(r.groups["weekday"], r.vocab), r.direction)
    return "TIME", f"{day.isoformat()}T{clock_of(r.groups)}", None


def today_time(r: Reading) -> Normalized:
    """Return the time of "at 10 a.m. tomorrow", "midnight yesterday"."""
    return "TIME", f"{named_day(r.anchor, r.groups['day']).isoformat()}T{clock_of(r.groups)}", None


def today(r: Reading) -> Normalized:
    """Return the day of "today", "yesterday", "tomorrow", or its part: "tonight", "yesterday morning"."""
    word = (r.groups["word"] or "").lower()
    part = r.vocab.parts_of_day.get((r.groups.get("part") or "").lower()) or ("NI" if word == "tonight" else None)
    return day_or_time(named_day(r.anchor, word), part)


def part_of_day(r: Reading) -> Normalized:
    """Return the part of a day of "this morning", "by mid-afternoon", "in the morning" (the day itself)."""
    rel = (r.groups.get("rel") or "").lower()  # "by mid-afternoon", "in the morning": the day itself
    day = r.anchor + timedelta(days={"last": -1, "yesterday": -1, "tomorrow": 1}.get(rel, 0))
    return "TIME", f"{day.isoformat()}T{r.vocab.parts_of_day[(r.groups['part'] or '').lower()]}", None


def units_ago(r: Reading) -> Normalized:
    """Return the date of "two years ago", "three months from now"; "a day earlier" is the duration P1D."""
    g = r.groups
    n = number_of(g.get("num"), r.vocab)
    unit = unit_of(g["unit"], r.vocab)
    if r.quarterly and (g.get("unit") or "").lower().startswith("year") and n == 1:
        return "DATE", year_before(shift(r.anchor, "Q", -1)), None  # "a year ago" in an earnings report: that quarter
    sign = -1 if (g["dir"] or "").lower() in ("ago", "earlier", "before") else 1
    if (g["dir"] or "").lower() == "earlier" and unit not in ("Y", "Q", "M"):
        # "a day earlier": earlier than a time the story gives; "a year earlier" compares periods
        return "DURATION", duration_value(n, unit), None
    if n is None:
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", None
    return "DATE", shift(r.anchor, unit, sign * int(n)), None


def units_around(r: Reading) -> Normalized:
    """Return the value of "the past year" (a date), "the past two years" (a stretch), "the coming weeks" (vague)."""
    g = r.groups
    rel = (g["rel"] or "").lower()
    plural = r.text.lower().endswith("s")  # "the coming weeks": a vague stretch
    if rel in ("following", "previous") and not g.get("num"):
        # "the following year": the year after the one the story last named
        return "DATE", shift(r.anchor, unit_of(g["unit"], r.vocab), 1 if rel == "following" else -1), None
    if not g.get("num") and not plural:
        # "the past year", "over the last decade": TimeML dates the unit just gone, not a stretch
        return "DATE", shift(r.anchor, unit_of(g["unit"], r.vocab), 1 if rel in ("next", "coming") else -1), None
    if g.get("num") and number_of(g.get("num"), r.vocab) is None:  # "the past few weeks": a stretch of unknown length
        return "DURATION", duration_value(None, unit_of(g["unit"], r.vocab)), None
    n = number_of(g.get("num"), r.vocab) if g.get("num") else (None if plural else 1)
    if n is None:  # "the last few months", "the coming weeks": a vague stretch, past or future
        return "DATE", "FUTURE_REF" if rel in ("next", "coming", "following") else "PAST_REF", None
    return "DURATION", duration_value(n, unit_of(g["unit"], r.vocab)), None


def relative_unit(r: Reading) -> Normalized:
    """Return the unit of "this week", "last month", "next year", "the same quarter"."""
    step = {"last": -1, "previous": -1, "next": 1, "coming": 1}.get((r.groups["rel"] or "").lower(), 0)
    return "DATE", shift(r.anchor, unit_of(r.groups["unit"], r.vocab), step), None


def unit_boundary(r: Reading) -> Normalized:
    """Return the unit of "the end of this year", "the beginning of next month"; "the first half of the year" is its H1."""
    unit = unit_of(r.groups["unit"], r.vocab)
    value = shift(r.anchor, unit, step_of(r.groups.get("rel")))
    return "DATE", value + half_suffix(r.groups.get("edge")) if unit == "Y" else value, None


def in_the_unit(r: Reading) -> Normalized:
    """Return the anchor's unit for "earlier in the year", "later in the week"."""
    return "DATE", shift(r.anchor, unit_of(r.groups["unit"], r.vocab), 0), None


def duration(r: Reading) -> Normalized:
    """Return the duration of "90 days", "a 90-day truce", "two and a half years", "half an hour"."""
    g = r.groups
    n = number_of(g.get("num"), r.vocab)
    half = (g.get("half") or "").strip().lower()
    if half:  # "half an hour", "a minute and a half"
        n = 0.5 if half == "half" else (None if n is None else n + 0.5)
    fraction = bool(half) or bool(re.search(r"1/2|half", g.get("num") or ""))
    return "DURATION", duration_value(n, unit_of(g["unit"], r.vocab), fraction), None


def vague_duration(r: Reading) -> Normalized:
    """Return the stretch of unknown length of "two to three weeks", "weeks or months": PXW."""
    return "DURATION", duration_value(None, unit_of(r.groups["unit"], r.vocab)), None


def plural_units(r: Reading) -> Normalized:
    """Return "years" as a stretch of unknown length; "recent weeks" and "coming months" as PAST_REF and FUTURE_REF."""
    rel = (r.groups.get("rel") or "").lower()
    if rel in ("coming", "next", "future"):
        return "DATE", "FUTURE_REF", None
    if rel in ("recent", "past", "previous"):
        return "DATE", "PAST_REF", None
    return vague_duration(r)


def every_unit(r: Reading) -> Normalized:
    """Return the set of "every week", "every other day", "each morning"."""
    g = r.groups
    unit = (g["unit"] or "").lower()
    every = {"other": 2}.get((g.get("num") or "").lower()) or int(number_of(g.get("num"), r.vocab) or 1)
    part = r.vocab.parts_of_day.get(unit)
    if part:
        return "SET", f"XXXX-XX-XXT{part}", None
    return "SET", duration_value(every, unit_of(unit, r.vocab)), None


def set_adverb(r: Reading) -> Normalized:
    """Return the set of "weekly", "annually" from the vocabulary."""
    return "SET", r.vocab.sets[(r.groups["word"] or "").lower()], None


def weekday_set(r: Reading) -> Normalized:
    """Return the set of "every Monday", "Tuesday mornings": XXXX-WXX-1, XXXX-WXX-2TMO."""
    part = r.vocab.parts_of_day.get((r.groups.get("part") or "").lower().rstrip("s"))
    value = f"XXXX-WXX-{weekday_of(r.groups['weekday'], r.vocab) + 1}"
    return "SET", value + (f"T{part}" if part else ""), None


def month_set(r: Reading) -> Normalized:
    """Return the set of "each July": XXXX-07."""
    return "SET", f"XXXX-{month_of(r.groups['month'], r.vocab):02d}", None


def reference(r: Reading) -> Normalized:
    """Return the reference of "now", "recently", "the near term" from the vocabulary."""
    return "DATE", r.vocab.references[(r.groups["word"] or "").lower()], None
