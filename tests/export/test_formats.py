"""iCalendar: what a calendar application needs to show, update and tell planned from held."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from talktrack.export.formats import ics_calendar
from talktrack.model import Document, Event, Ledger, Participant, Span, Topic

TOPICS = [Topic("tariffs", "Tariffs"), Topic("tariff_truce", "Tariff truce", "tariffs")]


def _calendar(*events: Event, stamp: str | None = "20291001T120000Z") -> list[str]:
    docs = [Document(id=f"doc-{n}", text="x" * 50, published=f"2029-0{n}-15") for n in (1, 2, 3)]
    text = ics_calendar(Ledger(documents=docs, events=list(events), topics=TOPICS), stamp=stamp)
    return text.replace("\r\n ", "").split("\r\n")


def _event(**fields: object) -> Event:
    base: dict[str, object] = {"id": "ev-1", "type": "talks", "start": "2029-03-10", "end": "2029-03-11", "place": "Vienna",
                               "status": "occurred", "evidence": (Span("doc-1", 0, 5),)}
    return Event(**(base | fields))  # type: ignore[arg-type]


@pytest.mark.parametrize("status, shown", [("occurred", "STATUS:CONFIRMED"), ("scheduled", "STATUS:TENTATIVE"), ("proposed", "STATUS:TENTATIVE")])
def test_ics_planned_events_are_tentative(status: str, shown: str):
    assert shown in _calendar(_event(status=status))


def test_ics_a_deadline_a_later_report_moved_is_cancelled_and_says_where_to():
    old = _event(id="ev-old", type="deadline", start="2029-08-16", end="2029-08-16", status="scheduled", place=None)
    new = _event(id="ev-new", type="deadline", start="2029-11-14", end="2029-11-14", status="scheduled", place=None)
    text = ics_calendar(Ledger(events=[old, new], topics=TOPICS), stamp="20291001T120000Z", moved={"ev-old": "2029-11-14"})
    blocks = text.replace("\r\n ", "").split("BEGIN:VEVENT")[1:]
    cancelled = next(b for b in blocks if "UID:ev-old@" in b)
    assert "STATUS:CANCELLED" in cancelled and "moved to 2029-11-14" in cancelled
    assert "STATUS:TENTATIVE" in next(b for b in blocks if "UID:ev-new@" in b)


def test_ics_unknown_status_says_nothing():
    assert not any(line.startswith("STATUS:") for line in _calendar(_event(status="unknown")))


def test_ics_stamp_is_when_the_file_was_made():
    lines = _calendar(_event(), stamp=None)
    (stamp,) = [line.split(":", 1)[1] for line in lines if line.startswith("DTSTAMP:")]
    made = datetime.strptime(stamp, "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc)
    assert abs((datetime.now(timezone.utc) - made).total_seconds()) < 120


def test_ics_more_reports_are_a_new_sequence_with_the_latest_report_date():
    one = _calendar(_event())
    three = _calendar(_event(evidence=(Span("doc-1", 0, 5), Span("doc-3", 0, 5), Span("doc-2", 0, 5))))
    assert "SEQUENCE:0" in one and "SEQUENCE:2" in three
    assert "LAST-MODIFIED:20290315T000000Z" in three
    assert [line for line in one if line.startswith("UID:")] == [line for line in three if line.startswith("UID:")]


@pytest.mark.parametrize(
    "event, summary",
    [
        (_event(type="deadline", place=None, end=None, topics=("tariffs", "tariff_truce")), "SUMMARY:Deadline: Tariff truce"),
        (_event(type="briefing", place=None, end=None, participants=(Participant("Jonas Tamm", role="spokesperson"),)), "SUMMARY:Briefing: Jonas Tamm"),
        (_event(participants=(Participant("Petra Will", role="lead"), Participant("Aide", role="member"))), "SUMMARY:Talks in Vienna: Petra Will"),
    ],
)
def test_ics_summaries_say_what_and_who(event: Event, summary: str):
    assert summary in _calendar(event)
