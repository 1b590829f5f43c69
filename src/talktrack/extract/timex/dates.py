"""Values of the rules that name a calendar date: days, weekdays, months, quarters, seasons, years, decades.

Each function takes a `Reading` of one match and returns its TIMEX3 (type,
value, range), or None when the match is no date; `values.VALUES` keys them
by the grammar's rule names.
"""

from __future__ import annotations

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
from talktrack.extract.timex.groups import (
    Normalized,
    Reading,
    date_value,
    day_or_time,
    decade_of,
    half_suffix,
    iso_day,
    month_of,
    spoken_year_of,
    step_of,
    weekday_of,
    year_before,
)

# the first month of each season (winter, which spans the turn of the year, keeps the anchor's year)
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9}


def month_day(r: Reading) -> Normalized | None:
    """Return the day of "August 12", "Friday, Sept. 7", "12 August 2025", "last Oct. 23"."""
    rel = (r.groups.get("rel") or "").lower()  # "last Oct. 23"
    value = date_value(r.groups, r.anchor, {"last": PAST, "next": FUTURE}.get(rel, r.direction), r.vocab)
    return ("DATE", value, None) if value else None


def iso_date(r: Reading) -> Normalized:
    """Return the day of "2025-07-30" as written."""
    return "DATE", r.groups["iso"] or "", None


def day_range(r: Reading) -> Normalized | None:
    """Return the first day and the range of "July 28-29", "October 30 to November 1", "10-11 May"."""
    g = r.groups
    first = date_value(g, r.anchor, r.direction, r.vocab)
    if first is None:
        return None
    start = date.fromisoformat(first)
    month2 = month_of(g["month2"], r.vocab) if g.get("month2") else start.month
    last = iso_day(month2, int(g["day2"] or 0), start.year)
    if last is None or (not g.get("month2") and last <= first):
        return None  # "a 3-1 May ...": within one month a range runs forward
    if last < first:
        last = iso_day(month2, int(g["day2"] or 0), start.year + 1) or last
    return "DATE", first, (first, last)


def weekday_range(r: Reading) -> Normalized:
    """Return the first day and the range of "from Saturday to Sunday"."""
    first_wd, last_wd = weekday_of(r.groups["weekday"], r.vocab), weekday_of(r.groups["weekday2"], r.vocab)
    gap = (last_wd - first_wd) % 7
    if r.direction == PAST:  # talks "held from Saturday to Sunday" ended by the time of writing
        last_day = pick_weekday(r.anchor, last_wd, PAST)
        first_day = last_day - timedelta(days=gap)
    else:
        first_day = pick_weekday(r.anchor, first_wd, r.direction)
        last_day = first_day + timedelta(days=gap)
    return "DATE", first_day.isoformat(), (first_day.isoformat(), last_day.isoformat())


def month_range(r: Reading) -> Normalized:
    """Return the first month and the range of "from April to June", "between April and June of this year"."""
    g = r.groups
    if g.get("year"):
        year = int(g["year"] or 0)
    elif g.get("rel"):  # "between April and June of this year"
        year = r.anchor.year + step_of(g["rel"])
    else:
        year = pick_year(r.anchor, month_of(g["month"], r.vocab), None, r.direction)
    m1, m2 = month_of(g["month"], r.vocab), month_of(g["month2"], r.vocab)
    first, last = f"{year:04d}-{m1:02d}", f"{year + (m2 < m1):04d}-{m2:02d}"
    return "DATE", first, (first, last)


def year_range(r: Reading) -> Normalized:
    """Return the first year and the range of "from 1990 to 1995"."""
    return "DATE", r.groups["year"] or "", (r.groups["year"] or "", r.groups["year2"] or "")


def day_of_month(r: Reading) -> Normalized | None:
    """Return the day of "the 24th of this month", "the 3rd of next month"."""
    first_day = date.fromisoformat(shift(r.anchor, "M", step_of(r.groups["rel"])) + "-01")
    value = iso_day(first_day.month, int(r.groups["day"] or 0), first_day.year)
    return ("DATE", value, None) if value else None


def month_of_year(r: Reading) -> Normalized:
    """Return the month of "June of this year", "March next year"."""
    return "DATE", f"{r.anchor.year + step_of(r.groups['rel']):04d}-{month_of(r.groups['month'], r.vocab):02d}", None


def month_and_year(r: Reading) -> Normalized:
    """Return the month of "May 2025", "June of 1998"."""
    return "DATE", f"{r.groups['year']}-{month_of(r.groups['month'], r.vocab):02d}", None


def month_alone(r: Reading) -> Normalized:
    """Return the month of "in May", "last February", "the end of December", "a June agreement"."""
    g, anchor = r.groups, r.anchor
    month = month_of(g["month"], r.vocab)
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
        year = pick_year(anchor, month, None, UNKNOWN if g.get("det") else r.direction)
    return "DATE", f"{year:04d}-{month:02d}", None


def spoken_date(r: Reading) -> Normalized | None:
    """Return the year (or month, or season) of "nineteen ninety-six", "May nineteen eighty-nine"."""
    g = r.groups
    spoken = spoken_year_of(g, r.vocab)
    if spoken is None:
        return None
    if g.get("month"):
        return "DATE", f"{spoken:04d}-{month_of(g['month'], r.vocab):02d}", None
    if g.get("season"):
        return "DATE", f"{spoken:04d}-{r.vocab.seasons[(g['season'] or '').lower()]}", None
    return "DATE", f"{spoken:04d}", None


def century(r: Reading) -> Normalized:
    """Return the century of "the 20th century": 19."""
    return "DATE", f"{int(r.groups['cent'] or 1) - 1:02d}", None


def holiday_date(r: Reading) -> Normalized:
    """Return the day of "Thanksgiving", "last Christmas", from the holiday's calendar rule."""
    rule_of = r.vocab.holidays[(r.groups["holiday"] or "").replace("’", "'")]
    rel = (r.groups.get("rel") or "").lower() or None
    day = pick_occurrence(r.anchor, lambda year: holiday(rule_of, year), r.direction, rel)
    return "DATE", day.isoformat(), None


def weekday_date(r: Reading) -> Normalized:
    """Return the day of "Friday", "last Friday", "the following Monday", or its part: "Sunday night"."""
    g = r.groups
    rel = {"previous": "last", "following": "next"}.get((g.get("rel") or "").lower(), (g.get("rel") or "").lower())
    day = pick_weekday(r.anchor, weekday_of(g["weekday"], r.vocab), r.direction, rel or None)
    return day_or_time(day, r.vocab.parts_of_day.get((g.get("part") or "").lower()))


def weekend(r: Reading) -> Normalized:
    """Return the weekend of "over the weekend", "last weekend" as an ISO week: 2025-W30-WE."""
    anchor, direction, last = r.anchor, r.direction, "last" in r.text.lower()
    # "over the weekend" in a Monday paper is the one just gone; in a Friday paper, the coming one
    back = direction == PAST or last or (direction == UNKNOWN and anchor.weekday() < 3)
    this_weekend = anchor - timedelta(days=anchor.weekday() - 5) if anchor.weekday() >= 5 else None
    if this_weekend and last:
        saturday = this_weekend - timedelta(days=7)  # "last weekend" in a Sunday paper: the one before
    elif this_weekend and direction != FUTURE:
        saturday = this_weekend  # "over the weekend" in a Sunday paper: the one it is part of
    else:
        saturday = pick_weekday(anchor, 5, PAST if back else FUTURE)
    return "DATE", week_value(saturday) + "-WE", None


def season(r: Reading) -> Normalized:
    """Return the season of "last summer", "the spring of 1998", "will resume in the spring"."""
    g, anchor = r.groups, r.anchor
    name = r.vocab.seasons[(g["season"] or "").lower()]
    rel = (g.get("rel") or "").lower()
    if g.get("year"):
        year = int(g["year"] or 0)
    else:
        year = anchor.year + step_of(rel)
        opens = _SEASON_START.get(name)  # "will resume in the spring" in November is next spring
        if rel in ("", "the", "early", "late") and opens is not None:
            if r.direction == FUTURE and opens + 2 < anchor.month:
                year += 1
            elif r.direction == PAST and opens > anchor.month:
                year -= 1
    return "DATE", f"{year:04d}-{name}", None


def quarter(r: Reading) -> Normalized:
    """Return the quarter of "the third quarter", "the 1988 second quarter", "next year's first quarter"."""
    g, anchor = r.groups, r.anchor
    q = r.vocab.ordinals[(g["ord"] or "").lower()]
    if g.get("year") or g.get("qyear"):
        return "DATE", f"{g.get('year') or g.get('qyear')}-Q{q}", None
    yrel = (g.get("yrel") or "").lower()
    if yrel:  # "the year-ago third quarter", "next year's first quarter"
        step = 1 if yrel.startswith("next") else 0 if yrel.startswith("this") else -1
        return "DATE", f"{anchor.year + step:04d}-Q{q}", None
    current = (anchor.month - 1) // 3 + 1
    year = anchor.year - 1 if r.direction != FUTURE and q > current else anchor.year
    return "DATE", f"{year:04d}-Q{q}", None


def report_period(r: Reading) -> Normalized | None:
    """Return the quarter an earnings report means by "the quarter", "the year-ago period", "the 1988 quarter"."""
    g = r.groups
    rel = " ".join((g.get("rel") or g.get("rel2") or "").lower().split())
    by_quarter = (g.get("unit") or "").lower() == "quarter"
    latest = shift(r.anchor, "Q", 0 if rel == "current" else -1)
    if g.get("year"):  # "the 1988 quarter": that year's quarter of the report; "the 1988 period"
        return "DATE", f"{g['year']}{latest[4:]}" if by_quarter and r.quarterly else g["year"] or "", None
    if not r.quarterly:
        return None
    earlier = rel.startswith(("year-ago", "year-earlier", "corresponding", "comparable", "last year")) or g.get("ago")
    if earlier:  # "the year-ago quarter", "the corresponding period last year", "the quarter a year ago"
        return "DATE", year_before(latest), None
    return "DATE", latest, None


def the_year(r: Reading) -> Normalized:
    """Return the anchor's year for "the year", "the full year"; the one closed for "the latest fiscal year"."""
    if r.groups.get("ended"):  # "the year ended June 30": the twelve months up to that day
        return "DURATION", "P1Y", None
    previous = (r.groups.get("rel") or "").lower().startswith(("latest", "past"))  # "the latest fiscal year": the one closed
    return "DATE", f"{r.anchor.year - previous:04d}", None


def year_end(r: Reading) -> Normalized:
    """Return the year of "by year-end"; the year before for "since year-end"."""
    back = (r.groups.get("prep") or "").lower() in ("since", "after")
    return "DATE", f"{r.anchor.year - back:04d}", None


def written_year(r: Reading) -> Normalized:
    """Return the year of "1998", "fiscal 1998" as written."""
    return "DATE", r.groups["year"] or "", None


def year_half(r: Reading) -> Normalized:
    """Return the year of "the beginning of 1989", or its half: "the first half of 1989" is 1989-H1."""
    return "DATE", (r.groups["year"] or "") + half_suffix(r.groups.get("edge")), None


def decade(r: Reading) -> Normalized:
    """Return the decade of "the 1990s", "the '80s", "the end of the eighties": 199, 198."""
    return "DATE", decade_of(r.groups, r.anchor, r.vocab), None
