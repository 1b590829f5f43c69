"""Calendar spans of TIMEX3 values, as event dates must be plain calendar dates."""

from __future__ import annotations

import pytest

from talktrack.event_records import calendar_span


@pytest.mark.parametrize(
    "value, span",
    [
        ("2025-06-12", ("2025-06-12", None)),
        ("2025-06", ("2025-06", None)),
        ("2025-W25", ("2025-06-16", "2025-06-22")),
        ("2025-W24-WE", ("2025-06-14", "2025-06-15")),
        ("2025-Q3", ("2025-07", "2025-09")),
        ("2025-SU", ("2025", None)),
        ("2025-10-26TNI", ("2025-10-26", None)),
        ("PAST_REF", (None, None)),
        ("XXXX-05", (None, None)),
    ],
)
def test_calendar_span(value, span):
    assert calendar_span(value) == span


@pytest.mark.parametrize(
    "value, first, last",
    [
        ("2025-05-12", "2025-05-12", "2025-05-12"),
        ("2025-02", "2025-02-01", "2025-02-28"),
        ("2024", "2024-01-01", "2024-12-31"),
        ("2025-12", "2025-12-01", "2025-12-31"),
        ("2025-W18", "2025-04-28", "2025-05-04"),
        (None, None, None),
        ("PAST_REF", None, None),
    ],
)
def test_first_and_last_day_of_a_partial_date(value, first, last):
    from talktrack.event_records import first_day, last_day

    assert (str(first_day(value)) if first_day(value) else None, str(last_day(value)) if last_day(value) else None) == (first, last)
