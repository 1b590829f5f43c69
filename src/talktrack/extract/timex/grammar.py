"""The grammar of English time expressions: regular expressions built from data/timex_en.yaml.

Each rule has a name that the normalizer (extract/timex/values.py) dispatches on,
and named groups for the parts it needs; a group named `core` narrows the
expression to part of the match ("in May" is matched, "May" is the timex). Matching is over the raw text, so
offsets are exact; overlapping matches are resolved longest-first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from talktrack.datafiles import bundled_yaml


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Word lists of one language, keyed the way the normalizer needs them."""

    months: dict[str, int]
    weekdays: dict[str, int]
    numbers: dict[str, int]
    vague: frozenset[str]
    ordinals: dict[str, int]
    units: dict[str, str]
    seasons: dict[str, str]
    parts_of_day: dict[str, str]
    sets: dict[str, str]
    references: dict[str, str]
    decades: dict[str, int]
    future_cues: frozenset[str]
    past_cues: frozenset[str]
    prospective_verbs: frozenset[str]
    prospective_modifiers: frozenset[str]
    prospective_nouns: frozenset[str]
    intent_verbs: frozenset[str]
    scheduling_verbs: frozenset[str]
    deferral_verbs: frozenset[str]
    holidays: dict[str, dict[str, int]]  # name as written -> its calendar rule (data/timex_en.yaml)


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """Return the English vocabulary bundled in data/timex_en.yaml."""
    raw: dict[str, Any] = bundled_yaml("timex_en.yaml")

    def invert(table: dict[Any, list[str]]) -> dict[str, int]:
        return {word.lower(): int(key) for key, words in table.items() for word in words}

    return Vocabulary(
        months=invert(raw["months"]),
        weekdays=invert(raw["weekdays"]),
        numbers={str(k).lower(): int(v) for k, v in raw["numbers"].items()},
        vague=frozenset(str(w).lower() for w in raw["vague_numbers"]),
        ordinals={str(k).lower(): int(v) for k, v in raw["ordinals"].items()},
        units={str(k).lower(): str(v) for k, v in raw["units"].items()},
        seasons={str(k).lower(): str(v) for k, v in raw["seasons"].items()},
        parts_of_day={str(k).lower(): str(v) for k, v in raw["parts_of_day"].items()},
        sets={str(k).lower(): str(v) for k, v in raw["sets"].items()},
        references={str(k).lower(): str(v) for k, v in raw["references"].items()},
        decades={str(k).lower(): int(v) for k, v in raw["decades"].items()},
        future_cues=frozenset(str(w).lower() for w in raw["future_cues"]),
        past_cues=frozenset(str(w).lower() for w in raw["past_cues"]),
        prospective_verbs=frozenset(str(w).lower() for w in raw["prospective_verbs"]),
        prospective_modifiers=frozenset(str(w).lower() for w in raw["prospective_modifiers"]),
        prospective_nouns=frozenset(str(w).lower() for w in raw["prospective_nouns"]),
        intent_verbs=frozenset(str(w).lower() for w in raw["intent_verbs"]),
        scheduling_verbs=frozenset(str(w).lower() for w in raw["scheduling_verbs"]),
        deferral_verbs=frozenset(str(w).lower() for w in raw["deferral_verbs"]),
        holidays={str(k): {str(f): int(n) for f, n in v.items()} for k, v in raw["holidays"].items()},
    )


def _alt(words: list[str], *, capital: bool = False) -> str:
    forms = sorted(set(words), key=len, reverse=True)
    if capital:
        forms = [w[:1].upper() + w[1:] for w in forms] + [w.upper() for w in forms if len(w) > 3]
    return "|".join(re.escape(w) for w in forms)


_I = "(?i:"  # an inline case-insensitive group


@dataclass(frozen=True, slots=True)
class _Parts:
    """The sub-patterns the rules are written with: months, weekdays, days, years, numbers, units, clock times."""

    month: str
    month2: str
    weekday: str
    weekday2: str
    day: str
    day2: str
    year: str
    year2: str
    num_words: str
    year_words: str
    num: str
    units: str
    unit: str
    seasons: str
    parts: str
    zone_words: str
    zone: str
    clock: str
    clock24: str
    colon_clock24: str
    decade_words: str
    holidays: str
    qrel: str
    qyear: str
    day_month: str
    sets: str
    references: str


def _parts(v: Vocabulary) -> _Parts:
    """Return the sub-patterns of the rules, built from the vocabulary `v`."""
    month_words = [w for w in v.months if len(w) > 3 or w == "may"]
    abbr = [w for w in v.months if len(w) <= 4 and w != "may"]
    MONTH = rf"(?P<month>(?:{_alt(month_words, capital=True)})|(?:{_alt(abbr, capital=True)})\.?)(?![a-z])"  # not "Octel"
    MONTH2 = MONTH.replace("?P<month>", "?P<month2>")
    WEEKDAY = rf"(?P<weekday>{_alt([w for w in v.weekdays if len(w) > 3], capital=True)})"
    WEEKDAY2 = WEEKDAY.replace("?P<weekday>", "?P<weekday2>")
    DAY = r"(?P<day>[12]?\d|3[01])(?:st|nd|rd|th)?(?!\d|:\d)"
    DAY2 = DAY.replace("?P<day>", "?P<day2>")
    YEAR = r"(?P<year>(?:1[6-9]|20|21)\d\d)(?![\d%])"
    YEAR2 = YEAR.replace("?P<year>", "?P<year2>")
    num_words = _alt([w for w in v.numbers if w not in ("a", "an")])
    # the words of a spoken year's last part: "nineteen ninety-six", not "eighteen thousand (jobs)"
    year_words = _alt([w for w in v.numbers if w not in ("a", "an", "hundred", "thousand", "dozen")])
    NUM = rf"(?P<num>\d+\s+1/2|(?:\d+|{num_words}|a|an)\s+and\s+a\s+half|\d+(?:\.\d+)?|(?:{num_words})(?:[- ](?:{num_words}))?|(?:a\s+)?couple\s+of|a|an|(?:{_alt(sorted(v.vague))}))"
    units = _alt(list(v.units))
    UNIT = rf"(?P<unit>{units})s?"
    seasons = _alt(list(v.seasons))
    parts = _alt([p for p in v.parts_of_day if p != "tonight"])
    AMPM = rf"(?P<ampm>{_I}a\.m\.|p\.m\.|am\b|pm\b))"
    # "5 p.m. EST", "10:00 local time", "10:00 Vienna time": the zone belongs to the time
    ZONE_WORDS = r"(?:\s+(?:[ECMP][SD]T|GMT|UTC)\b|\s+(?:local|[A-Z][a-z]+)\s+time\b)"
    ZONE = ZONE_WORDS + "?"
    CLOCK = rf"\b(?P<hour>[01]?\d)(?::(?P<minute>[0-5]\d))?\s*{AMPM}{ZONE}"
    # a 24-hour clock, "19:30" or "19.30", not followed by a.m./p.m. nor part of a longer number
    CLOCK24 = rf"\b(?P<hour24>[01]?\d|2[0-3])[:.](?P<minute>[0-5]\d)(?![\d:])(?!\.\d)(?!\s*{_I}[ap]\.?m\b))"
    COLON_CLOCK24 = CLOCK24.replace("[:.]", ":")  # alone, only "10:00": "at 2.46 billion" is no time
    decade_words = _alt(list(v.decades))
    holidays = "|".join(re.escape(name).replace("'", "['’]") for name in sorted(v.holidays, key=len, reverse=True))
    # "the 1988 second quarter", "the year-ago quarter", "next year's first quarter"
    QREL = "latest|most recent|current|fiscal|latest fiscal|year-ago|year-earlier|same|corresponding|comparable|comparable year-ago|comparable year-earlier|year-ago fiscal|year-earlier fiscal"
    QYEAR = rf"(?:(?P<qyear>(?:1[6-9]|20)\d\d)\s+|(?P<yrel>{_I}year-ago|year-earlier|this year's|last year's|next year's))\s+)?"
    day_month = rf"(?:{WEEKDAY},?\s+)?{MONTH}\s+{DAY}(?:,?\s+{YEAR})?"
    return _Parts(
        month=MONTH, month2=MONTH2, weekday=WEEKDAY, weekday2=WEEKDAY2, day=DAY, day2=DAY2, year=YEAR, year2=YEAR2,
        num_words=num_words, year_words=year_words, num=NUM, units=units, unit=UNIT, seasons=seasons, parts=parts,
        zone_words=ZONE_WORDS, zone=ZONE, clock=CLOCK, clock24=CLOCK24, colon_clock24=COLON_CLOCK24,
        decade_words=decade_words, holidays=holidays, qrel=QREL, qyear=QYEAR, day_month=day_month,
        sets=_alt(list(v.sets)), references=_alt(list(v.references)),
    )


@lru_cache(maxsize=1)
def rules() -> list[tuple[str, re.Pattern[str]]]:
    """Return (rule name, pattern) pairs; every pattern is case-sensitive where case matters.

    The order counts: of two matches as long that start together, the earlier rule's is kept
    (`scan.scan`); ranges come before the dates they hold.
    """
    p = _parts(vocabulary())
    raw = [*_date_rules(p), *_day_rules(p), *_unit_rules(p), *_duration_rules(p)]
    return [(name, re.compile(pattern)) for name, pattern in raw]


def _date_rules(p: _Parts) -> list[tuple[str, str]]:
    """Return the rules of ranges and calendar dates: "from Saturday to Sunday", "July 28-29", "May 3, 2025"."""
    return [
        # ranges first: "from Saturday to Sunday", "October 30 to November 1", "July 28-29"
        ("range_weekday", rf"{_I}from\s+){p.weekday}\s+{_I}(?:to|through|until|till)\s+){p.weekday2}"),
        ("range_weekday", rf"{p.weekday}\s+{_I}(?:to|through|till)\s+){p.weekday2}"),
        ("range_date", rf"(?:{_I}from|between)\s+)?{p.month}\s+{p.day}\s*(?:{_I}to|through|until|and|till)\s+|[-–]\s*){p.month2}\s+{p.day2}(?:,?\s+{p.year})?"),
        ("range_date", rf"(?:{_I}from|between)\s+)?{p.month}\s+{p.day}\s*(?:[-–]|{_I}to|and)\s*){p.day2}(?:,?\s+{p.year})?(?!\d|\.\d)"),
        # day first, as British and agency copy writes it: "10-11 May", "from 30 October to 1 November 2025"
        ("range_date", rf"(?:{_I}from|between)\s+)?\b{p.day}\s*(?:[-–]|{_I}to|and|through|until|till)\s*){p.day2}\s+{p.month}(?:,?\s+{p.year})?"),
        ("range_date", rf"(?:{_I}from|between)\s+)?\b{p.day}\s+{p.month}\s*(?:{_I}to|through|until|and|till)\s+|[-–]\s*){p.day2}\s+{p.month2}(?:,?\s+{p.year})?"),
        ("range_month", rf"{_I}from|between)\s+{p.month}\s+{_I}(?:to|until|through|and)\s+){p.month2}(?:,?\s+{p.year}|\s+{_I}of\s+(?P<rel>this|last|next)\s+year\b))?"),
        ("range_year", rf"{_I}from|between)\s+{p.year}\s+{_I}(?:to|until|through|and)\s+){p.year2}"),
        # absolute and partial dates
        ("iso_date", rf"(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)(?![\d])"),
        ("date", rf"{p.day_month}"),
        ("date", rf"\b(?P<rel>[Ll]ast|[Nn]ext)\s+{p.day_month}"),  # "last Oct. 23": the one before the anchor
        ("date_dmy", rf"(?:{p.weekday},?\s+)?{p.day}\s+{p.month}(?:,?\s+{p.year})?"),
        ("month_year", rf"{p.month}(?:\s+of)?,?\s+{p.year}"),
        ("month_rel_year", rf"{p.month}\s+{_I}(?:of\s+)?(?P<rel>this|last|next)\s+year)\b"),  # "June of this year"
        ("day_of_month_rel", rf"\b{_I}the\s+){p.day}\s+{_I}of\s+(?P<rel>this|next|last)\s+month)\b"),
        ("spoken_year", rf"\b(?:{p.month}\s+|{_I}(?:the\s+)?(?P<season>{p.seasons})\s+of\s+))?{_I}(?:the\s+year\s+)?(?P<cent_words>nineteen|eighteen)\s+(?P<rest_words>(?:{p.year_words})(?:[- ](?:{p.year_words}))?))\b(?!\s+(?:{p.units})s?\b)"),
        ("spoken_year", rf"\b{_I}(?:the\s+year\s+)?(?P<cent_words>two)\s+(?P<thousand>thousand)(?:\s+(?:and\s+)?(?P<rest_words>{p.year_words}))?)\b(?!\s+(?:{p.units})s?\b)"),
        ("century", rf"\b(?:{_I}the\s+))?(?P<cent>\d{{1,2}})(?:st|nd|rd|th)[- ]{_I}century)\b"),
    ]


def _day_rules(p: _Parts) -> list[tuple[str, str]]:
    """Return the rules of weekdays, months and named days, their sets, and times of day: "Sunday 19:30", "in May", "tonight"."""
    return [
        ("weekday_time", rf"(?:{p.clock}|\b{_I}(?P<word>noon|midnight)))\s+(?:{_I}on\s+))?{p.weekday}"),
        # a weekday before its clock time, as a live blog stamps its entries: "Sunday 19:30", "Saturday, 9:15 a.m. GMT"
        ("weekday_time", rf"{p.weekday},?\s+(?:{_I}at\s+))?{p.clock24}{p.zone}"),
        ("weekday_time", rf"{p.clock24}{p.zone}\s+(?:{_I}on\s+))?{p.weekday}"),
        ("weekday_time", rf"{p.weekday},?\s+(?:{_I}at\s+))?{p.clock}"),
        ("date_time", rf"{p.clock},?\s+(?:{_I}on\s+))?{p.month}\s+{p.day}(?:,?\s+{p.year})?"),
        ("date_time", rf"{p.clock24}{p.zone},?\s+(?:{_I}on\s+))?{p.month}\s+{p.day}(?:,?\s+{p.year})?"),
        ("date_time", rf"{p.clock},?\s+(?:{_I}on\s+))?\b{p.day}\s+{p.month}(?:,?\s+{p.year})?"),
        ("date_time", rf"{p.clock24}{p.zone},?\s+(?:{_I}on\s+))?\b{p.day}\s+{p.month}(?:,?\s+{p.year})?"),
        ("weekday_set", rf"\b{_I}(?:every|each)\s+){p.weekday}"),
        ("month_set", rf"\b{_I}(?:every|each)\s+){p.month}(?!\w)"),
        ("weekday_set", rf"{p.weekday}s?\s+(?P<part>{_I}(?:mornings|afternoons|evenings|nights)))\b"),
        ("weekend", rf"\b{_I}(?:the|this|last)\s+weekend)\b"),
        ("year", rf"\b{_I}mid-){p.year}\b"),
        ("month_rel", rf"{_I}(?P<rel>this|last|next|early|late|mid|earlier this|later this)[- ]){p.month}(?!\.?\s+\d)"),
        # "the end of December", "the beginning of March": the month (TimeML marks the whole phrase)
        ("boundary_month", rf"\b{_I}the\s+(?:beginning|start|end|middle)\s+of\s+){p.month}(?!\s+\d)(?!\w)"),
        # a bare month needs a preposition before it ("in May"), or it is the modal "May"
        ("month_bare", rf"\b(?:in|In|since|Since|until|by|from|through|to|of|before|after|during|between|and|or|early|late|mid)\s+(?P<core>{p.month})(?!\s+\d)(?!\w)(?!'(?!s\b))"),
        # "the figures for January": "for" takes a month too, but "support for May" is more often the surname
        ("month_bare", rf"\b(?:for|For)\s+(?!May\b)(?P<core>{p.month})(?!\s+\d)(?!\w)(?!'(?!s\b))"),
        # "under a June agreement", "the March talks": a month as a modifier, after a determiner, before a noun
        ("month_bare", rf"\b(?P<det>[Aa]n?|[Tt]he|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er)\s+(?P<core>{p.month})\s+(?!(?:to|of|on|in|for|and|or|from|at|by|with)\b)(?=[a-z])"),
        # "Thanksgiving Day", "last Christmas": named days, each year's from its calendar rule
        ("holiday", rf"\b(?<!Mr\. )(?<!Mrs\. )(?<!Ms\. )(?<!Dr\. )(?:{_I}(?P<rel>last|next|this)\s+))?(?P<holiday>{p.holidays})(?![\w'’])(?!\s+{_I}week|season|holiday|period|break|recess|vacation)\b)"),
        ("weekday", rf"(?:{_I}(?:the\s+)?(?P<rel>last|next|this|coming|past|previous|following)\s+))?{p.weekday}(?:\s+(?P<part>{_I}{p.parts})))?(?!\w)(?!'(?!s\b))"),
        # relative days and parts of days
        ("today_time", rf"{p.clock}\s+{_I}(?P<day>today|yesterday|tomorrow|tonight))\b"),
        ("today_time", rf"{p.clock24}{p.zone}\s+{_I}(?P<day>today|yesterday|tomorrow|tonight))\b"),
        ("today_time", rf"\b{_I}(?P<word>noon|midnight|midday)\s+(?P<day>today|yesterday|tomorrow))\b"),
        ("today", rf"\b{_I}(?P<word>today|yesterday|tomorrow|tonight))(?:\s+(?P<part>{_I}{p.parts})))?\b"),
        # "by mid-afternoon", "at midmorning yesterday": a part of the anchor's day (or of the day named)
        ("part_rel", rf"\b{_I}mid-?\s?(?P<part>morning|afternoon|evening)(?:\s+(?P<rel>today|yesterday|tomorrow))?)\b"),
        # "orders placed in the morning": in news, the morning of the day the story is about
        ("part_rel", rf"\b{_I}(?:in|during|by|since|until|through)\s+)(?P<core>{_I}the\s+(?P<part>morning|afternoon|evening)))\b(?!\s+of\b)"),
        ("part_rel", rf"\b{_I}(?P<rel>this|last|yesterday|tomorrow)\s+(?P<part>{p.parts}))\b"),
    ]


def _unit_rules(p: _Parts) -> list[tuple[str, str]]:
    """Return the rules of units counted from the anchor, seasons, quarters, years, decades: "two years ago", "the 1990s"."""
    return [
        # "two years ago", "a year earlier" are dates; "two years after the war" and "three days later" are
        # durations (TimeML): the stretch counts from a time the story gives, "later" is a signal
        ("unit_ago", rf"\b{_I}(?:about\s+|almost\s+|nearly\s+|some\s+)?{p.num}\s+{p.unit}(?:\s+or\s+so)?\s+(?P<dir>ago|from now|hence|earlier))\b"),
        ("unit_rel_dur", rf"\b{_I}(?:the\s+)(?P<rel>past|last|next|previous|coming|following)\s+(?:{p.num}\s+)?{p.unit}(?:\s+or\s+so)?)\b"),
        ("unit_rel", rf"\b{_I}(?:(?P<mod>earlier|later|early|late)\s+)?(?P<rel>this|last|next|previous|coming|current|same|that)\s+(?P<unit>week|weekend|month|year|quarter|decade|century|season))\b"),
        ("boundary", rf"\b{_I}(?:the\s+)?(?P<edge>beginning|start|end|middle|turn|close|first half|second half|last half|latter half)\s+of\s+(?:the\s+)?(?:(?P<rel>this|last|next|the|that)\s+)?(?P<unit>year|month|week|decade|century))\b"),
        ("boundary_year", rf"\b{_I}(?:the\s+)?(?P<edge>beginning|start|end|middle|first half|second half|last half|latter half)\s+of\s+){p.year}"),
        ("boundary_decade", rf"\b{_I}(?:the\s+)?(?P<edge>beginning|start|end|middle|first half|second half|last half|latter half)\s+of\s+the\s+)(?:'(?P<short>\d0)s|(?P<decade>(?:1[6-9]|20)\d0)s|(?P<dword>{_I}{p.decade_words})))\b"),
        # "fall" and "spring" are verbs too: a season needs a determiner, a preposition or a year
        ("season", rf"\b{_I}(?:(?P<rel>this past|this|last|next|early|late|the)\s+|(?<=in\s)|(?<=by\s))(?P<season>{p.seasons}))(?:\s+(?:of\s+)?{p.year})?\b"),
        ("season", rf"\b{_I}(?P<season>{p.seasons}))\s+(?:of\s+)?{p.year}"),
        ("quarter", rf"\b{_I}(?:the\s+)?){p.qyear}{_I}(?:fiscal\s+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)(?:[- ]quarter))(?!ly)(?:\s+(?:of\s+)?{p.year})?"),
        # earnings-report periods: "the quarter", "the latest quarter", "the year-ago period"
        ("report_quarter", rf"(?<![-\w]){_I}(?:the\s+(?:(?P<rel>{p.qrel})\s+)?|(?P<rel2>{p.qrel})\s+)(?P<unit>quarter|period)(?:\s+(?P<ago>a\s+year\s+(?:ago|earlier)|last\s+year))?)\b(?!-)"),
        ("report_quarter", rf"\b{_I}(?:the\s+)?)(?P<year>(?:1[6-9]|20)\d\d)\s+{_I}(?P<unit>quarter|period))\b"),
        ("report_quarter", rf"\b{_I}(?P<rel>last year's|this year's)\s+(?P<unit>quarter|period))\b"),
        ("report_quarter", rf"\b{_I}(?P<rel>year-ago|year-earlier))\b"),
        ("fiscal_year", rf"\b{_I}fiscal(?:\s+year)?)\s+{p.year}"),
        # "the year", "the full year", "the current fiscal year": the anchor's year; "the year ended June 30" a stretch
        ("the_year", rf"\b{_I}the\s+(?P<rel>full\s+|fiscal\s+|current\s+|current\s+fiscal\s+|latest\s+fiscal\s+|past\s+fiscal\s+)?)year(?:(?=(?P<ended>\s+{_I}end(?:ed|ing))\b)))?(?![-\w]|\s+(?:\d|{_I}two\s+thousand|nineteen|ago|earlier|before)))"),
        ("year_end", rf"\b{_I}(?P<prep>by|at|until|till|since|before|after|around|through|near)\s+)(?P<core>{_I}year[- ]end|year's\s+end))\b(?!-)"),
        ("in_the_unit", rf"\b{_I}(?P<mod>earlier|later)\s+in\s+the\s+(?P<unit>year|month|week|day))\b"),
        # "the 1990s", "the 1990's"; without "the", "2020's cut" is the year's possessive
        ("decade", r"\b(?:the\s+)?(?P<decade>(?:1[6-9]|20)\d0)s\b"),
        ("decade", r"\b(?:[Tt]he\s+|[Mm]id-|[Ee]arly\s+|[Ll]ate\s+)(?P<decade>(?:1[6-9]|20)\d0)'s\b"),
        ("decade", rf"(?:\b{_I}the\s+)|(?<!\w))(?:'(?P<short>[1-9]0)s|(?P<dword>{_I}{p.decade_words})))\b"),
        ("year", rf"(?<![\w$.,-]){p.year}(?![\w-]|[.,]\d)"),
    ]


def _duration_rules(p: _Parts) -> list[tuple[str, str]]:
    """Return the rules of durations, sets, clock times and references: "90 days", "every week", "10 p.m.", "now"."""
    return [
        ("duration_adj", rf"\b{_I}{p.num}-(?P<unit>second|minute|hour|day|week|month|year|decade|century)(?:-(?:old|long))?)\b"),
        ("duration_adj", rf"\b{_I}(?P<unit>hour|day|week|month|year)-long)\b"),  # "a day-long meeting": one unit
        # "the year-earlier nine months", "the latest six months": an earnings report's stretch, not a date;
        # "an additional year", "eight trading days", "six consecutive months": a word between the count and the unit still counts it
        ("duration", rf"\b{_I}(?:the\s+(?P<rel>past|last|next|previous|coming|first|final|latest|year-earlier|year-ago|comparable)\s+)?{p.num}\s+(?:(?:more|additional|further|extra|trading|business|working|consecutive|straight|successive|full|whole)\s+)?{p.unit}(?P<half>\s+and\s+a\s+half)?)\b(?!\s+old\b)"),
        ("duration", rf"\b{_I}(?P<half>half)\s+(?:an?\s+)(?P<unit>hour|day|year|month|century|minute))\b"),
        # "two to three weeks", "the next 12 to 18 months", "weeks or months": a stretch of unknown length
        ("duration_range", rf"\b{_I}(?:the\s+(?P<rel>past|last|next|previous|coming|first|final)\s+)?(?:\d+|{p.num_words})\s+(?:to|or)\s+{p.num}\s+{p.unit})\b(?!\s+old\b)"),
        ("duration_range", rf"\b{_I}(?P<unit>years|months|weeks|days|hours|minutes)\s+or\s+(?:years|months|weeks|days|hours|minutes))\b"),
        ("set", rf"\b{_I}(?:every|each|per)\s+(?:(?P<num>other|\d+|{p.num_words})\s+)?(?P<unit>day|week|month|year|quarter|morning|evening|night|weekend))s?\b"),
        ("set_adverb", rf"\b{_I}(?P<word>{p.sets}))\b"),
        ("time", p.clock),
        # a 24-hour clock alone only after a preposition of time or with its zone: "at 10:00", "08:00 GMT"
        ("clock", rf"\b{_I}at|from|until|till|by|since|before|after|around|about|to)\s+(?P<core>{p.colon_clock24}{p.zone})"),
        ("clock", rf"(?P<core>{p.colon_clock24}{p.zone_words})"),
        ("time_word", rf"\b{_I}(?P<word>noon|midnight|midday))\b"),
        ("reference", rf"\b{_I}(?P<word>{p.references}))\b"),
        # "recent weeks and months" is one vague stretch
        ("plural_unit", rf"\b{_I}(?:(?P<rel>recent|coming|past|next|previous|future)\s+)?(?P<unit>years|months|weeks|days|decades|centuries)(?:\s+and\s+(?:years|months|weeks|days|decades|centuries))?)\b"),
        # "quarters" alone is also lodgings or circles ("in some quarters"): only with a word of time before it
        ("plural_unit", rf"\b{_I}(?P<rel>recent|coming|past|next|previous|future)\s+(?P<unit>quarters))\b"),
    ]


# Rule name -> the class of words one of which every match of the rule contains. The
# time layer runs a rule only within a few words of such a word (extract/timex/scan.py), which
# spares most of a text most of the rules' scans. A rule not listed here scans the whole text.
_ANCHORED_BY: dict[str, str] = {
    **dict.fromkeys(("range_date", "range_month", "date", "date_dmy", "month_year", "month_rel_year",
                     "date_time", "month_set", "month_rel", "month_bare", "boundary_month"), "month"),
    **dict.fromkeys(("range_weekday", "weekday_time", "weekday_set", "weekday"), "weekday"),
    **dict.fromkeys(("range_year", "iso_date", "year", "boundary_year", "fiscal_year"), "year_digits"),
    **dict.fromkeys(("unit_rel_dur", "unit_rel", "boundary", "in_the_unit", "duration", "duration_range", "set",
                     "plural_unit", "century", "day_of_month_rel"), "unit"),
    "time": "ampm",
    "clock": "clock",
    **dict.fromkeys(("the_year", "year_end"), "year"),
    **dict.fromkeys(("boundary_decade", "decade"), "decade"),
    "unit_ago": "ago", "duration_adj": "hyphen_unit", "report_quarter": "report", "quarter": "quarter",
    "weekend": "weekend", "spoken_year": "spoken_year", "today": "today", "today_time": "today", "part_rel": "part", "season": "season",
    "set_adverb": "set", "time_word": "time_word", "reference": "reference", "holiday": "holiday",
}


@dataclass(frozen=True, slots=True)
class Anchor:
    """A pattern for the words of one anchor class, and whether it reads the lower-cased text."""

    pattern: re.Pattern[str]
    lowered: bool


@lru_cache(maxsize=1)
def anchors() -> dict[str, Anchor]:
    """Return, per rule name, the anchor that finds the words one of which each of the rule's matches contains.

    The patterns match anywhere, so they find a superset of the words: a rule
    is never kept from a text it would match. The exception is the unit words,
    which every rule of theirs has at the start of a word: they are looked for
    there only ("Monday" and "today" hold "day", and no duration). Months and
    weekdays are capitalized in the rules and are looked for as such; the other
    classes are looked for in the lower-cased text. Each pattern is a plain
    alternation of words, which the regex engine scans for by first letter.
    """
    v = vocabulary()
    capitalized = {
        "month": list(v.months),
        "weekday": list(v.weekdays),
    }
    lowered = {
        "unit": [*v.units, *v.parts_of_day, "season", "period", "centuries"],
        "hyphen_unit": [*(f"-{unit}" for unit in v.units), "-long"],  # "a 90-day truce", "a day-long meeting"
        "ago": ["ago", "from now", "hence", "earlier"],
        "year": ["year"],
        "quarter": ["quarter"],
        "report": ["quarter", "period", "year-ago", "year-earlier"],
        "weekend": ["weekend"],
        "decade": [*v.decades, "0s", "0's"],  # "the 1990s", "the '90s", "the nineties"
        "ampm": ["a.m.", "p.m.", "am", "pm"],
        "spoken_year": ["nineteen", "eighteen", "thousand"],
        "today": ["today", "yesterday", "tomorrow", "tonight"],
        "part": list(v.parts_of_day),
        "season": list(v.seasons),
        "set": list(v.sets),
        "time_word": ["noon", "midnight", "midday"],
        # the last word of each phrase ("as soon as possible", "these days") is in every match of it
        "reference": [phrase.split()[-1] for phrase in v.references],
    }
    classes = {name: Anchor(re.compile(_alt(words, capital=True)), False) for name, words in capitalized.items()}
    classes |= {name: Anchor(re.compile(_alt(words)), True) for name, words in lowered.items()}
    classes["unit"] = Anchor(re.compile(rf"\b(?:{_alt(lowered['unit'])})"), True)
    classes["clock"] = Anchor(re.compile(r"\d:\d\d"), False)  # "10:00"
    classes["year_digits"] = Anchor(re.compile(r"(?:1[6-9]|2[01])\d\d"), False)  # every YEAR and ISO date
    # a named day's last word, as the text capitalizes it: "Day", "Eve", "Christmas", "Easter"
    classes["holiday"] = Anchor(re.compile("|".join(sorted({re.escape(name.split()[-1]) for name in v.holidays}))), False)
    return {rule: classes[cls] for rule, cls in _ANCHORED_BY.items()}
