"""Values: the TIMEX3 type, value and range of a grammar match, counted from an anchor date.

`VALUES` maps each of the grammar's rule names to the function that values
its matches (in `dates` and `times`); rules that share one computation share
one function. "two days ago" shifts the anchor, "August 12" picks the year
the sentence's direction points to, "three months" is the duration P3M.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from talktrack.extract.timex import dates, times
from talktrack.extract.timex.grammar import Vocabulary
from talktrack.extract.timex.groups import Normalized, Reading
from talktrack.extract.timex.scan import Found

Valuer = Callable[[Reading], Normalized | None]

# rule name (extract/timex/grammar.py) -> the function that values its matches
VALUES: dict[str, Valuer] = {
    "range_weekday": dates.weekday_range,
    "range_date": dates.day_range,
    "range_month": dates.month_range,
    "range_year": dates.year_range,
    "iso_date": dates.iso_date,
    "date": dates.month_day,
    "date_dmy": dates.month_day,
    "month_year": dates.month_and_year,
    "month_rel_year": dates.month_of_year,
    "day_of_month_rel": dates.day_of_month,
    "spoken_year": dates.spoken_date,
    "century": dates.century,
    "weekday_time": times.weekday_time,
    "date_time": times.date_time,
    "weekday_set": times.weekday_set,
    "month_set": times.month_set,
    "weekend": dates.weekend,
    "year": dates.written_year,
    "fiscal_year": dates.written_year,
    "month_rel": dates.month_alone,
    "month_bare": dates.month_alone,
    "boundary_month": dates.month_alone,
    "holiday": dates.holiday_date,
    "weekday": dates.weekday_date,
    "today_time": times.today_time,
    "today": times.today,
    "part_rel": times.part_of_day,
    "unit_ago": times.units_ago,
    "unit_rel_dur": times.units_around,
    "unit_rel": times.relative_unit,
    "boundary": times.unit_boundary,
    "boundary_year": dates.year_half,
    "boundary_decade": dates.decade,
    "decade": dates.decade,
    "season": dates.season,
    "quarter": dates.quarter,
    "report_quarter": dates.report_period,
    "the_year": dates.the_year,
    "year_end": dates.year_end,
    "in_the_unit": times.in_the_unit,
    "duration_adj": times.duration,
    "duration": times.duration,
    "duration_range": times.vague_duration,
    "plural_unit": times.plural_units,
    "set": times.every_unit,
    "set_adverb": times.set_adverb,
    "time": times.clock_time,
    "time_word": times.clock_time,
    "clock": times.clock_time,
    "reference": times.reference,
}


def normalize(
    found: Found, anchor: date, direction: int, vocab: Vocabulary, found_text: str = "", quarterly: bool = False
) -> Normalized | None:
    """Return the TIMEX3 (type, value, range) of a grammar match, or None when it is no time.

    `quarterly` marks an earnings-style story that reports by quarter: there
    "the quarter" is the latest completed one and "a year ago" the same
    quarter a year before. A rule with no entry in `VALUES` gives None.
    """
    value_of = VALUES.get(found.rule)
    if value_of is None:
        return None
    return value_of(Reading(found.groups, found_text, anchor, direction, vocab, quarterly))


_QUARTERLY = re.compile(r"\b(?:(?:first|second|third|fourth|latest|fiscal)[- ]quarter|quarterly (?:earnings|results|profit|net))", re.I)


def reports_by_quarter(text: str) -> bool:
    """Return True for an earnings-style story that reports by quarter ("third-quarter", "quarterly earnings")."""
    return bool(_QUARTERLY.search(text))
