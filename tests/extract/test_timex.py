"""Time expressions: detection, TIMEX3 values against a fixed anchor, and publication-date inference."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings as hsettings, strategies as st

from talktrack.extract.published import infer_from_doc
from talktrack.extract.timex import annotate_text, find_timexes_in
from talktrack.extract.timex_calendar import FUTURE, PAST, UNKNOWN, pick_weekday, pick_year

ANCHOR = date(2025, 7, 30)  # a Wednesday


def timexes(text: str, anchor: date = ANCHOR, split: bool = False):
    return [(t.text, t.type, t.value, t.range) for t in annotate_text(text, anchor, split_ranges=split)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The talks were held in Stockholm on July 28, 2025.", ("July 28, 2025", "DATE", "2025-07-28", None)),
        ("He said in Stockholm on Tuesday that talks went well.", ("Tuesday", "DATE", "2025-07-29", None)),
        ("The two sides will meet again on Friday.", ("Friday", "DATE", "2025-08-01", None)),
        ("The truce ends with a deadline approaching on August 12.", ("August 12", "DATE", "2025-08-12", None)),
        ("Talks were held in Geneva in May.", ("May", "DATE", "2025-05", None)),
        ("Since May, both countries have been working to implement it.", ("May", "DATE", "2025-05", None)),
        ("The leaders will meet in May.", ("May", "DATE", "2026-05", None)),
        ("They met in Geneva this May.", ("this May", "DATE", "2025-05", None)),
        ("It was agreed last week.", ("last week", "DATE", "2025-W30", None)),
        ("It was agreed two days ago.", ("two days ago", "DATE", "2025-07-28", None)),
        ("Growth will resume next month.", ("next month", "DATE", "2025-08", None)),
        ("They agreed on a 90-day tariff truce.", ("90-day", "DURATION", "P90D", None)),
        ("The pause lasts three months.", ("three months", "DURATION", "P3M", None)),
        ("Over the past two days, teams talked.", ("the past two days", "DURATION", "P2D", None)),
        ("Exports rose since the beginning of this year.", ("the beginning of this year", "DATE", "2025", None)),
        ("Talks were held from Monday to Tuesday.", ("from Monday to Tuesday", "DATE", "2025-07-28", ("2025-07-28", "2025-07-29"))),
        (
            "He will pay a state visit from October 30 to November 1.",
            ("from October 30 to November 1", "DATE", "2025-10-30", ("2025-10-30", "2025-11-01")),
        ),
        ("Inflation peaked in the 1990s.", ("the 1990s", "DATE", "199", None)),
        ("Profits fell in the third quarter of 2024.", ("the third quarter of 2024", "DATE", "2024-Q3", None)),
        ("The board meets every month.", ("every month", "SET", "P1M", None)),
        ("The vote is set for 5 p.m. Friday.", ("5 p.m. Friday", "TIME", "2025-08-01T17:00", None)),
        ("Analysts expect the deal in the coming weeks.", ("the coming weeks", "DATE", "FUTURE_REF", None)),
    ],
)
def test_timex_values(text, expected):
    assert expected in timexes(text)


@pytest.mark.parametrize(
    "text",
    [
        "The Sunday Times reported the story.",      # part of an outlet's name
        "China Daily carried the statement.",
        "Officials may march to the square.",        # modal "may", verb "march"
        "Prices will fall further.",                 # verb "fall", not the season
        "The mission sent 2000 troops.",            # a count, not a year
        "Vice Premier Petra Will said the talks went well.",
    ],
)
def test_timex_ignores_non_times(text):
    assert timexes(text) == []


def test_timex_surname_will_is_not_the_future():
    # "Will said ... on Tuesday": the surname must not make Tuesday the coming one
    assert ("Tuesday", "DATE", "2025-07-29", None) in timexes("Vice Premier Petra Will said in Oslo on Tuesday that talks went well.")


def test_timex_ranges_split_for_timeml():
    found = timexes("Talks were held from Monday to Tuesday.", split=True)
    assert [(t[0], t[2]) for t in found] == [("Monday", "2025-07-28"), ("Tuesday", "2025-07-29")]


def test_timex_without_anchor_masks_relative_values(make_doc):
    _, doc = make_doc("They met on Sunday in March, and the truce ends on August 12, 2025.")
    values = {t.text: t.value for t in find_timexes_in(doc, None)}
    assert values == {"Sunday": "XXXX-XX-XX", "March": "XXXX-03", "August 12, 2025": "2025-08-12"}


@pytest.mark.parametrize(
    "weekday, direction, rel, expected",
    [
        (6, PAST, None, date(2025, 7, 27)),
        (2, PAST, None, date(2025, 7, 30)),   # the same day
        (4, FUTURE, None, date(2025, 8, 1)),
        (4, UNKNOWN, None, date(2025, 7, 25)),  # news reports the past
        (3, UNKNOWN, None, date(2025, 7, 31)),  # unless it is tomorrow
        (4, PAST, "last", date(2025, 7, 25)),
        (2, UNKNOWN, "next", date(2025, 8, 6)),
        (0, UNKNOWN, "this", date(2025, 7, 28)),
    ],
)
def test_pick_weekday(weekday, direction, rel, expected):
    assert pick_weekday(ANCHOR, weekday, direction, rel) == expected


@pytest.mark.parametrize(
    "month, day, direction, year",
    [(8, 12, FUTURE, 2025), (8, 12, PAST, 2024), (5, None, PAST, 2025), (5, None, FUTURE, 2026), (12, 24, UNKNOWN, 2025), (1, 20, UNKNOWN, 2026)],
)
def test_pick_year(month, day, direction, year):
    assert pick_year(ANCHOR, month, day, direction) == year


@pytest.mark.parametrize(
    "text, published",
    [
        (
            "Ministers pose for a photo on October 25, 2025 before talks. Photo: Xinhua\n\n"
            "The talks were held from Saturday to Sunday. He said on Sunday they went well. "
            "The ministry announced on Friday that the leaders would meet.",
            date(2025, 10, 26),
        ),
        (
            "Ministers shake hands in Stockholm, July 28, 2025. Photo: Xinhua\n\n"
            "The talks ran from Monday to Tuesday. A spokesperson said on Wednesday that China hopes for more.",
            date(2025, 7, 30),
        ),
        ("No date is given anywhere in this story, which says they met on Sunday.", None),
    ],
)
def test_infer_published(make_doc, text, published):
    _, doc = make_doc(text)
    assert infer_from_doc(doc) == published


@hsettings(max_examples=60, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("abc MayJunFridaySunday0123456789-,.")) | st.characters(exclude_categories=("Cs",)),
        max_size=200,
    )
)
def test_timex_offsets_stay_inside_text(text):
    for timex in annotate_text(text, ANCHOR, split_ranges=False):
        assert text[timex.start : timex.end] == timex.text
        assert timex.type in ("DATE", "TIME", "DURATION", "SET")
