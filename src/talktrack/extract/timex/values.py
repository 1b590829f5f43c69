"""Values: the TIMEX3 type, value and range of a grammar match, counted from an anchor date.

The rule that found an expression decides how its named groups become a
value: "two days ago" shifts the anchor, "August 12" picks the year the
sentence's direction points to, "three months" is the duration P3M.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from talktrack.extract.timex.calendar import (
    FUTURE,
    PAST,
    UNKNOWN,
    holiday,
    pick_occurrence,
    pick_weekday,
    pick_year,
    shift,
    week_value,
)
from talktrack.extract.timex.grammar import Vocabulary
from talktrack.extract.timex.scan import Found
from talktrack.model import TimexType


def _number(word: str | None, vocab: Vocabulary) -> float | None:
    """Return the value of "90", "two", "twenty-four", "a"; None for vague words ("several")."""
    if word is None:
        return 1
    low = re.sub(r"^(?:a\s+)?couple\s+of$", "couple", word.lower())  # "the next couple of years"
    if low in vocab.vague:
        return None
    half = re.fullmatch(r"(.+?)\s+(?:1/2|and\s+a\s+half)", low)
    if half:  # "2 1/2", "two and a half"
        whole = _number(half.group(1), vocab)
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


def _duration(n: float | None, unit: str, fraction: bool = False) -> str:
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


def _unit(word: str | None, vocab: Vocabulary) -> str:
    """Return the TIMEX3 unit of "days", "centuries", "minute" (MIN stands apart from month's M)."""
    low = (word or "").lower()
    for singular in (low, low[:-3] + "y" if low.endswith("ies") else low, low[:-1] if low.endswith("s") else low):
        if singular in vocab.units:
            return "MIN" if singular == "minute" else vocab.units[singular]
    return "D"


Normalized = tuple[TimexType, str, tuple[str, str] | None]


def _month(word: str | None, vocab: Vocabulary) -> int:
    return vocab.months[(word or "").lower().rstrip(".")]


def _weekday(word: str | None, vocab: Vocabulary) -> int:
    return vocab.weekdays[(word or "").lower()]


def _day(month: int, day: int, year: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _date_value(g: dict[str, str | None], anchor: date, direction: int, vocab: Vocabulary, suffix: str = "") -> str | None:
    """Return the value of month + day (+ year, + weekday) from the groups `g`."""
    month, day = _month(g.get("month" + suffix), vocab), int(g["day" + suffix] or 0)
    if g.get("year"):
        return _day(month, day, int(g["year"] or 0))
    near = _day(month, day, anchor.year)
    if near and abs((date.fromisoformat(near) - anchor).days) <= 45:
        return near  # "said the offer expires Nov. 10": a week away is this year whatever the tense
    if g.get("weekday"):
        # "Friday, Sept. 7": the year whose Sept. 7 is a Friday, nearest the anchor
        wanted = _weekday(g["weekday"], vocab)
        for year in sorted((anchor.year, anchor.year - 1, anchor.year + 1), key=lambda y: abs(y - anchor.year)):
            value = _day(month, day, year)
            if value and date.fromisoformat(value).weekday() == wanted:
                return value
    return _day(month, day, pick_year(anchor, month, day, direction))


# the first month of each season (winter, which spans the turn of the year, keeps the anchor's year)
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9}


def _half(edge: str | None) -> str:
    """Return the TIMEX3 suffix of a half year: "the first half of 1989" is 1989-H1."""
    edge = (edge or "").lower()
    if edge == "first half":
        return "-H1"
    return "-H2" if edge.endswith("half") else ""


def _decade(g: dict[str, str | None], anchor: date, vocab: Vocabulary) -> str:
    """Return the value of "the 1980s", "the '80s" or "the eighties": 198 (the century from the anchor)."""
    if g.get("decade"):
        return (g["decade"] or "")[:3]
    tens = int((g.get("short") or "0")[0]) if g.get("short") else vocab.decades[(g.get("dword") or "").lower()]
    century = anchor.year // 100 - (1 if tens * 10 > anchor.year % 100 else 0)
    return f"{century:02d}{tens}"


def _named_day(anchor: date, word: str | None) -> date:
    """Return the day "today", "tonight", "yesterday" or "tomorrow" names."""
    return anchor + timedelta(days={"yesterday": -1, "tomorrow": 1}.get((word or "").lower(), 0))


def _clock(g: dict[str, str | None]) -> str:
    """Return HH:MM of "10 p.m.", "9:30 am", "noon", "midnight"."""
    word = (g.get("word") or "").lower()
    if word:
        return "24:00" if word == "midnight" else "12:00"
    if g.get("hour24"):
        return f"{int(g['hour24'] or 0):02d}:{int(g.get('minute') or 0):02d}"  # "Sunday 19:30": a 24-hour clock
    hour = int(g["hour"] or 0) % 12 + (12 if (g["ampm"] or "").lower().startswith("p") else 0)
    return f"{hour:02d}:{int(g.get('minute') or 0):02d}"


def _spoken_year(g: dict[str, str | None], vocab: Vocabulary) -> int | None:
    """Return the year of "nineteen ninety-six" or "two thousand (and) one"."""
    century = _number(g.get("cent_words"), vocab)
    rest = _number(g.get("rest_words"), vocab) if g.get("rest_words") else 0
    if century is None or rest is None:
        return None
    if g.get("thousand"):
        return int(century) * 1000 + int(rest)
    return int(century) * 100 + int(rest)


def normalize(
    found: Found, anchor: date, direction: int, vocab: Vocabulary, found_text: str = "", quarterly: bool = False
) -> Normalized | None:
    """Return the TIMEX3 (type, value, range) of a grammar match, or None when it is no time.

    `quarterly` marks an earnings-style story that reports by quarter: there
    "the quarter" is the latest completed one and "a year ago" the same
    quarter a year before.
    """
    g, rule = found.groups, found.rule
    if rule == "report_quarter":
        rel = " ".join((g.get("rel") or g.get("rel2") or "").lower().split())
        quarter = (g.get("unit") or "").lower() == "quarter"
        latest = shift(anchor, "Q", 0 if rel == "current" else -1)
        if g.get("year"):  # "the 1988 quarter": that year's quarter of the report; "the 1988 period"
            return "DATE", f"{g['year']}{latest[4:]}" if quarter and quarterly else g["year"] or "", None
        if not quarterly:
            return None
        earlier = rel.startswith(("year-ago", "year-earlier", "corresponding", "comparable", "last year")) or g.get("ago")
        if earlier:  # "the year-ago quarter", "the corresponding period last year", "the quarter a year ago"
            return "DATE", f"{int(latest[:4]) - 1:04d}{latest[4:]}", None
        return "DATE", latest, None
    if rule == "the_year":
        if g.get("ended"):  # "the year ended June 30": the twelve months up to that day
            return "DURATION", "P1Y", None
        previous = (g.get("rel") or "").lower().startswith(("latest", "past"))  # "the latest fiscal year": the one closed
        return "DATE", f"{anchor.year - previous:04d}", None
    if rule == "year_end":
        back = (g.get("prep") or "").lower() in ("since", "after")
        return "DATE", f"{anchor.year - back:04d}", None
    if rule == "in_the_unit":
        return "DATE", shift(anchor, _unit(g["unit"], vocab), 0), None
    if rule == "date_time":
        value = _date_value(g, anchor, direction, vocab)
        return ("TIME", f"{value}T{_clock(g)}", None) if value else None
    if rule in ("boundary_decade",) or (rule == "decade" and not g.get("decade")):
        return "DATE", _decade(g, anchor, vocab), None
    if rule == "unit_ago" and quarterly and (g.get("unit") or "").lower().startswith("year") and _number(g.get("num"), vocab) == 1:
        latest = shift(anchor, "Q", -1)
        return "DATE", f"{int(latest[:4]) - 1:04d}{latest[4:]}", None
    if rule == "iso_date":
        return "DATE", g["iso"] or "", None
    if rule in ("date", "date_dmy"):
        rel = (g.get("rel") or "").lower()  # "last Oct. 23"
        value = _date_value(g, anchor, {"last": PAST, "next": FUTURE}.get(rel, direction), vocab)
        return ("DATE", value, None) if value else None
    if rule == "range_date":
        first = _date_value(g, anchor, direction, vocab)
        if first is None:
            return None
        start = date.fromisoformat(first)
        month2 = _month(g["month2"], vocab) if g.get("month2") else start.month
        last = _day(month2, int(g["day2"] or 0), start.year)
        if last is None or (not g.get("month2") and last <= first):
            return None  # "a 3-1 May ...": within one month a range runs forward
        if last < first:
            last = _day(month2, int(g["day2"] or 0), start.year + 1) or last
        return "DATE", first, (first, last)
    if rule == "range_weekday":
        first_wd, last_wd = _weekday(g["weekday"], vocab), _weekday(g["weekday2"], vocab)
        gap = (last_wd - first_wd) % 7
        if direction == PAST:  # talks "held from Saturday to Sunday" ended by the time of writing
            last_day = pick_weekday(anchor, last_wd, PAST)
            first_day = last_day - timedelta(days=gap)
        else:
            first_day = pick_weekday(anchor, first_wd, direction)
            last_day = first_day + timedelta(days=gap)
        return "DATE", first_day.isoformat(), (first_day.isoformat(), last_day.isoformat())
    if rule == "range_month":
        if g.get("year"):
            year = int(g["year"] or 0)
        elif g.get("rel"):  # "between April and June of this year"
            year = anchor.year + {"last": -1, "next": 1}.get((g["rel"] or "").lower(), 0)
        else:
            year = pick_year(anchor, _month(g["month"], vocab), None, direction)
        m1, m2 = _month(g["month"], vocab), _month(g["month2"], vocab)
        first, last = f"{year:04d}-{m1:02d}", f"{year + (m2 < m1):04d}-{m2:02d}"
        return "DATE", first, (first, last)
    if rule == "duration_range":
        return "DURATION", _duration(None, _unit(g["unit"], vocab)), None
    if rule == "range_year":
        return "DATE", g["year"] or "", (g["year"] or "", g["year2"] or "")
    if rule == "day_of_month_rel":  # "the 24th of this month", "the 3rd of next month"
        step = {"last": -1, "next": 1}.get((g["rel"] or "").lower(), 0)
        first_day = date.fromisoformat(shift(anchor, "M", step) + "-01")
        value = _day(first_day.month, int(g["day"] or 0), first_day.year)
        return ("DATE", value, None) if value else None
    if rule == "month_rel_year":
        step = {"last": -1, "next": 1}.get((g["rel"] or "").lower(), 0)
        return "DATE", f"{anchor.year + step:04d}-{_month(g['month'], vocab):02d}", None
    if rule == "spoken_year":
        spoken = _spoken_year(g, vocab)
        if spoken is None:
            return None
        if g.get("month"):
            return "DATE", f"{spoken:04d}-{_month(g['month'], vocab):02d}", None
        if g.get("season"):
            return "DATE", f"{spoken:04d}-{vocab.seasons[(g['season'] or '').lower()]}", None
        return "DATE", f"{spoken:04d}", None
    if rule == "century":
        return "DATE", f"{int(g['cent'] or 1) - 1:02d}", None
    if rule == "weekday_time":
        day = pick_weekday(anchor, _weekday(g["weekday"], vocab), direction)
        return "TIME", f"{day.isoformat()}T{_clock(g)}", None
    if rule == "month_set":  # "each July"
        return "SET", f"XXXX-{_month(g['month'], vocab):02d}", None
    if rule == "weekday_set":
        part = vocab.parts_of_day.get((g.get("part") or "").lower().rstrip("s"))
        value = f"XXXX-WXX-{_weekday(g['weekday'], vocab) + 1}"
        return "SET", value + (f"T{part}" if part else ""), None
    if rule == "weekend":
        # "over the weekend" in a Monday paper is the one just gone; in a Friday paper, the coming one
        back = direction == PAST or "last" in found_text.lower() or (direction == UNKNOWN and anchor.weekday() < 3)
        this_weekend = anchor - timedelta(days=anchor.weekday() - 5) if anchor.weekday() >= 5 else None
        if this_weekend and "last" in found_text.lower():
            saturday = this_weekend - timedelta(days=7)  # "last weekend" in a Sunday paper: the one before
        elif this_weekend and direction != FUTURE:
            saturday = this_weekend  # "over the weekend" in a Sunday paper: the one it is part of
        else:
            saturday = pick_weekday(anchor, 5, PAST if back else FUTURE)
        return "DATE", week_value(saturday) + "-WE", None
    if rule == "month_year":
        return "DATE", f"{g['year']}-{_month(g['month'], vocab):02d}", None
    if rule in ("month_rel", "month_bare", "boundary_month"):
        month = _month(g["month"], vocab)
        rel = (g.get("rel") or "").lower()
        if rel in ("this", "earlier this", "later this"):
            year = anchor.year
        elif rel == "last":
            # "last February" in March means a year ago: the month just gone would be "last month"
            year = anchor.year - 1 if month >= anchor.month - 1 else anchor.year
        elif rel == "next":
            year = anchor.year + 1 if month <= anchor.month else anchor.year
        else:
            # "a June agreement": the clause's tense is the noun's, not the month's; take the nearest June
            # ("the October slaying" in an April story: of two as near, the one gone)
            year = pick_year(anchor, month, None, UNKNOWN if g.get("det") else direction)
        return "DATE", f"{year:04d}-{month:02d}", None
    if rule == "holiday":
        rule_of = vocab.holidays[(g["holiday"] or "").replace("’", "'")]
        day = pick_occurrence(anchor, lambda year: holiday(rule_of, year), direction, (g.get("rel") or "").lower() or None)
        return "DATE", day.isoformat(), None
    if rule == "weekday":
        rel = {"previous": "last", "following": "next"}.get((g.get("rel") or "").lower(), (g.get("rel") or "").lower())
        day = pick_weekday(anchor, _weekday(g["weekday"], vocab), direction, rel or None)
        part = vocab.parts_of_day.get((g.get("part") or "").lower())
        return ("TIME", f"{day.isoformat()}T{part}", None) if part else ("DATE", day.isoformat(), None)
    if rule == "today_time":  # "at 10 a.m. tomorrow"
        return "TIME", f"{_named_day(anchor, g['day']).isoformat()}T{_clock(g)}", None
    if rule == "today":
        word = (g["word"] or "").lower()
        day = _named_day(anchor, word)
        part = vocab.parts_of_day.get((g.get("part") or "").lower()) or ("NI" if word == "tonight" else None)
        return ("TIME", f"{day.isoformat()}T{part}", None) if part else ("DATE", day.isoformat(), None)
    if rule == "part_rel":
        rel = (g.get("rel") or "").lower()  # "by mid-afternoon", "in the morning": the day itself
        day = anchor + timedelta(days={"last": -1, "yesterday": -1, "tomorrow": 1}.get(rel, 0))
        return "TIME", f"{day.isoformat()}T{vocab.parts_of_day[(g['part'] or '').lower()]}", None
    if rule == "unit_ago":
        n = _number(g.get("num"), vocab)
        unit = _unit(g["unit"], vocab)
        sign = -1 if (g["dir"] or "").lower() in ("ago", "earlier", "before") else 1
        if (g["dir"] or "").lower() == "earlier" and unit not in ("Y", "Q", "M"):
            # "a day earlier": earlier than a time the story gives; "a year earlier" compares periods
            return "DURATION", _duration(n, unit), None
        if n is None:
            return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", None
        return "DATE", shift(anchor, unit, sign * int(n)), None
    if rule == "unit_rel_dur" and (g["rel"] or "").lower() in ("following", "previous") and not g.get("num"):
        # "the following year": the year after the one the story last named
        step = 1 if (g["rel"] or "").lower() == "following" else -1
        return "DATE", shift(anchor, _unit(g["unit"], vocab), step), None
    if rule == "unit_rel_dur" and not g.get("num") and not found_text.lower().endswith("s"):
        # "the past year", "over the last decade": TimeML dates the unit just gone, not a stretch
        rel = (g["rel"] or "").lower()
        return "DATE", shift(anchor, _unit(g["unit"], vocab), 1 if rel in ("next", "coming") else -1), None
    if rule == "unit_rel_dur":
        if g.get("num") and _number(g.get("num"), vocab) is None:  # "the past few weeks": a stretch of unknown length
            return "DURATION", _duration(None, _unit(g["unit"], vocab)), None
        plural = found_text.lower().endswith("s")  # "the coming weeks": a vague stretch
        n = _number(g.get("num"), vocab) if g.get("num") else (None if plural else 1)
        if n is None:  # "the last few months", "the coming weeks": a vague stretch, past or future
            return "DATE", "FUTURE_REF" if (g["rel"] or "").lower() in ("next", "coming", "following") else "PAST_REF", None
        return "DURATION", _duration(n, _unit(g["unit"], vocab)), None
    if rule == "unit_rel":
        rel = (g["rel"] or "").lower()
        step = {"last": -1, "previous": -1, "next": 1, "coming": 1}.get(rel, 0)
        return "DATE", shift(anchor, _unit(g["unit"], vocab), step), None
    if rule == "boundary":
        rel = (g.get("rel") or "").lower()
        step = {"last": -1, "next": 1}.get(rel, 0)
        value = shift(anchor, _unit(g["unit"], vocab), step)
        return "DATE", value + _half(g.get("edge")) if _unit(g["unit"], vocab) == "Y" else value, None
    if rule == "boundary_year":
        return "DATE", (g["year"] or "") + _half(g.get("edge")), None
    if rule == "season":
        season = vocab.seasons[(g["season"] or "").lower()]
        rel = (g.get("rel") or "").lower()
        if g.get("year"):
            year = int(g["year"] or 0)
        else:
            year = anchor.year + {"last": -1, "next": 1}.get(rel, 0)
            opens = _SEASON_START.get(season)  # "will resume in the spring" in November is next spring
            if rel in ("", "the", "early", "late") and opens is not None:
                if direction == FUTURE and opens + 2 < anchor.month:
                    year += 1
                elif direction == PAST and opens > anchor.month:
                    year -= 1
        return "DATE", f"{year:04d}-{season}", None
    if rule == "quarter":
        q = vocab.ordinals[(g["ord"] or "").lower()]
        if g.get("year") or g.get("qyear"):
            return "DATE", f"{g.get('year') or g.get('qyear')}-Q{q}", None
        yrel = (g.get("yrel") or "").lower()
        if yrel:  # "the year-ago third quarter", "next year's first quarter"
            step = 1 if yrel.startswith("next") else 0 if yrel.startswith("this") else -1
            return "DATE", f"{anchor.year + step:04d}-Q{q}", None
        current = (anchor.month - 1) // 3 + 1
        year = anchor.year - 1 if direction != FUTURE and q > current else anchor.year
        return "DATE", f"{year:04d}-Q{q}", None
    if rule == "fiscal_year":
        return "DATE", g["year"] or "", None
    if rule == "decade":
        return "DATE", (g["decade"] or "")[:3], None
    if rule == "year":
        return "DATE", g["year"] or "", None
    if rule in ("duration", "duration_adj"):
        n = _number(g.get("num"), vocab)
        half = (g.get("half") or "").strip().lower()
        if half:  # "half an hour", "a minute and a half"
            n = 0.5 if half == "half" else (None if n is None else n + 0.5)
        fraction = bool(half) or bool(re.search(r"1/2|half", g.get("num") or ""))
        return "DURATION", _duration(n, _unit(g["unit"], vocab), fraction), None
    if rule == "plural_unit":
        rel = (g.get("rel") or "").lower()
        if rel in ("coming", "next", "future"):
            return "DATE", "FUTURE_REF", None
        if rel in ("recent", "past", "previous"):
            return "DATE", "PAST_REF", None
        return "DURATION", _duration(None, _unit(g["unit"], vocab)), None
    if rule == "set":
        unit = (g["unit"] or "").lower()
        every = {"other": 2}.get((g.get("num") or "").lower()) or int(_number(g.get("num"), vocab) or 1)
        part = vocab.parts_of_day.get(unit)
        if part:
            return "SET", f"XXXX-XX-XXT{part}", None
        return "SET", _duration(every, _unit(unit, vocab)), None
    if rule == "set_adverb":
        return "SET", vocab.sets[(g["word"] or "").lower()], None
    if rule in ("time", "time_word", "clock"):
        return "TIME", f"{anchor.isoformat()}T{_clock(g)}", None
    if rule == "reference":
        return "DATE", vocab.references[(g["word"] or "").lower()], None
    return None


_QUARTERLY = re.compile(r"\b(?:(?:first|second|third|fourth|latest|fiscal)[- ]quarter|quarterly (?:earnings|results|profit|net))", re.I)


def reports_by_quarter(text: str) -> bool:
    """Return True for an earnings-style story that reports by quarter ("third-quarter", "quarterly earnings")."""
    return bool(_QUARTERLY.search(text))
