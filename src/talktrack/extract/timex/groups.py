"""What a grammar match's named groups say: numbers, units, months, weekdays, clock times, and the values they make.

`Reading` carries one match to the value functions of `dates` and `times`;
the helpers here are the arithmetic those functions share.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from talktrack.extract.timex.calendar import pick_year
from talktrack.extract.timex.grammar import Vocabulary
from talktrack.model import TimexType

Normalized = tuple[TimexType, str, tuple[str, str] | None]


@dataclass(frozen=True, slots=True)
class Reading:
    """One grammar match to value: its named groups and text, the anchor, and the sentence's direction.

    `quarterly` marks an earnings-style story that reports by quarter: there
    "the quarter" is the latest completed one and "a year ago" the same
    quarter a year before.
    """

    groups: dict[str, str | None]
    text: str
    anchor: date
    direction: int
    vocab: Vocabulary
    quarterly: bool


def number_of(word: str | None, vocab: Vocabulary) -> float | None:
    """Return the value of "90", "two", "twenty-four", "a"; None for vague words ("several")."""
    if word is None:
        return 1
    low = re.sub(r"^(?:a\s+)?couple\s+of$", "couple", word.lower())  # "the next couple of years"
    if low in vocab.vague:
        return None
    half = re.fullmatch(r"(.+?)\s+(?:1/2|and\s+a\s+half)", low)
    if half:  # "2 1/2", "two and a half"
        whole = number_of(half.group(1), vocab)
        return None if whole is None else whole + 0.5
    try:
        return float(low)
    except ValueError:
        pass
    total = 0
    for part in re.split(r"[- ]", low):
        if part not in vocab.numbers:
            return None
        if part in _MULTIPLIERS:  # "two hundred" is 200, "two dozen" 24: these multiply what came before
            total = (total or 1) * vocab.numbers[part]
        else:
            total += vocab.numbers[part]
    return total


_MULTIPLIERS = {"hundred", "thousand", "dozen"}


# half a unit in the next smaller one: "two and a half years" is P2Y6M, "half an hour" PT30M
_HALVES = {"Y": ("P{}Y6M", "P6M"), "D": ("P{}DT12H", "PT12H"), "H": ("PT{}H30M", "PT30M"), "MIN": ("PT{}M30S", "PT30S")}


def duration_value(n: float | None, unit: str, fraction: bool = False) -> str:
    """Return a TIMEX3 duration: P90D, PT24H, P3M, PXY for an unknown amount.

    With `fraction` (the text said "half" or "1/2"), a half is written in the
    next smaller unit; a decimal the text wrote ("5.5 hours") stays PT5.5H.
    """
    if fraction and n is not None and n % 1 == 0.5 and unit in _HALVES:
        with_whole, half_only = _HALVES[unit]
        return with_whole.format(int(n)) if n > 1 else half_only
    if n is not None and unit in ("DE", "CE"):  # TimeML writes "two decades" as P20Y
        n, unit = n * (10 if unit == "DE" else 100), "Y"
    if n is None and unit in ("DE", "CE"):  # "decades", "centuries": TIMEX3's decade and century letters
        return "PXE" if unit == "DE" else "PXC"
    amount = "X" if n is None else (str(int(n)) if float(n).is_integer() else str(n))
    if unit in ("H", "MIN", "S"):
        return f"PT{amount}{'M' if unit == 'MIN' else unit}"
    if unit == "W2":
        return "P2W" if amount == "1" else f"P{amount}W"
    return f"P{amount}{unit}"


def unit_of(word: str | None, vocab: Vocabulary) -> str:
    """Return the TIMEX3 unit of "days", "centuries", "minute" (MIN stands apart from month's M)."""
    low = (word or "").lower()
    for singular in (low, low[:-3] + "y" if low.endswith("ies") else low, low[:-1] if low.endswith("s") else low):
        if singular in vocab.units:
            return "MIN" if singular == "minute" else vocab.units[singular]
    return "D"


def month_of(word: str | None, vocab: Vocabulary) -> int:
    """Return the number of the month "Sept.", "June" or "JULY" names."""
    return vocab.months[(word or "").lower().rstrip(".")]


def weekday_of(word: str | None, vocab: Vocabulary) -> int:
    """Return the weekday "Tues" or "Friday" names (Monday is 0)."""
    return vocab.weekdays[(word or "").lower()]


def iso_day(month: int, day: int, year: int) -> str | None:
    """Return the ISO date of a month and day in `year`, or None when there is no such day."""
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def date_value(g: dict[str, str | None], anchor: date, direction: int, vocab: Vocabulary, suffix: str = "") -> str | None:
    """Return the value of month + day (+ year, + weekday) from the groups `g`."""
    month, day = month_of(g.get("month" + suffix), vocab), int(g["day" + suffix] or 0)
    if g.get("year"):
        return iso_day(month, day, int(g["year"] or 0))
    near = iso_day(month, day, anchor.year)
    if near and abs((date.fromisoformat(near) - anchor).days) <= 45:
        return near  # "said the offer expires Nov. 10": a week away is this year whatever the tense
    if g.get("weekday"):
        # "Friday, Sept. 7": the year whose Sept. 7 is a Friday, nearest the anchor
        wanted = weekday_of(g["weekday"], vocab)
        for year in sorted((anchor.year, anchor.year - 1, anchor.year + 1), key=lambda y: abs(y - anchor.year)):
            value = iso_day(month, day, year)
            if value and date.fromisoformat(value).weekday() == wanted:
                return value
    return iso_day(month, day, pick_year(anchor, month, day, direction))


def step_of(rel: str | None) -> int:
    """Return how many units "last" (-1) or "next" (1) moves from the anchor's; 0 for any other word."""
    return {"last": -1, "next": 1}.get((rel or "").lower(), 0)


def year_before(period: str) -> str:
    """Return the same quarter (or month) a year before `period`: 2025-Q2 gives 2024-Q2."""
    return f"{int(period[:4]) - 1:04d}{period[4:]}"


def half_suffix(edge: str | None) -> str:
    """Return the TIMEX3 suffix of a half year: "the first half of 1989" is 1989-H1."""
    edge = (edge or "").lower()
    if edge == "first half":
        return "-H1"
    return "-H2" if edge.endswith("half") else ""


def decade_of(g: dict[str, str | None], anchor: date, vocab: Vocabulary) -> str:
    """Return the value of "the 1980s", "the '80s" or "the eighties": 198 (the century from the anchor)."""
    if g.get("decade"):
        return (g["decade"] or "")[:3]
    tens = int((g.get("short") or "0")[0]) if g.get("short") else vocab.decades[(g.get("dword") or "").lower()]
    century = anchor.year // 100 - (1 if tens * 10 > anchor.year % 100 else 0)
    return f"{century:02d}{tens}"


def named_day(anchor: date, word: str | None) -> date:
    """Return the day "today", "tonight", "yesterday" or "tomorrow" names."""
    return anchor + timedelta(days={"yesterday": -1, "tomorrow": 1}.get((word or "").lower(), 0))


def day_or_time(day: date, part: str | None) -> Normalized:
    """Return a day as a DATE, or as a TIME when a part of the day is named: 2025-07-30TEV."""
    return ("TIME", f"{day.isoformat()}T{part}", None) if part else ("DATE", day.isoformat(), None)


def clock_of(g: dict[str, str | None]) -> str:
    """Return HH:MM of "10 p.m.", "9:30 am", "noon", "midnight"."""
    word = (g.get("word") or "").lower()
    if word:
        return "24:00" if word == "midnight" else "12:00"
    if g.get("hour24"):
        return f"{int(g['hour24'] or 0):02d}:{int(g.get('minute') or 0):02d}"  # "Sunday 19:30": a 24-hour clock
    hour = int(g["hour"] or 0) % 12 + (12 if (g["ampm"] or "").lower().startswith("p") else 0)
    return f"{hour:02d}:{int(g.get('minute') or 0):02d}"


def spoken_year_of(g: dict[str, str | None], vocab: Vocabulary) -> int | None:
    """Return the year of "nineteen ninety-six" or "two thousand (and) one"."""
    century = number_of(g.get("cent_words"), vocab)
    rest = number_of(g.get("rest_words"), vocab) if g.get("rest_words") else 0
    if century is None or rest is None:
        return None
    if g.get("thousand"):
        return int(century) * 1000 + int(rest)
    return int(century) * 100 + int(rest)
