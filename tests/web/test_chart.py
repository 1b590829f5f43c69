"""The time-axis view: lanes by kind of event, marks placed by their days, drawn on the server."""

from __future__ import annotations

import re

import pytest

from talktrack.labels import make_labels
from talktrack.query.results import TimelineEntry
from talktrack.web.chart import LABEL_WIDTH, LANES, time_axis


def _entry(id: str, type: str, start: str | None, end: str | None = None, status: str = "occurred", place: str | None = "Oslo") -> TimelineEntry:
    return TimelineEntry(id=id, type=type, start=start, end=end, status=status, place=place, leads={}, topics=[], outcome=None,
                         action=None, reports=1, conflicts=[], title=None)


def test_chart_places_marks_by_their_days_in_lanes_by_kind():
    entries = [_entry("a", "talks", "2029-03-10", "2029-03-11"), _entry("b", "deadline", "2029-05-31", place=None),
               _entry("c", "call", "2029-04"), _entry("d", "talks", None), _entry("e", "briefing", "2029-04-02")]
    chart = time_axis(entries, make_labels([], {}), width=1000)
    marks = {m.id: m for m in chart.marks}
    assert set(marks) == {"a", "b", "c"}  # a briefing has no lane; an undated round is counted, not drawn
    assert chart.undated == 1 and (chart.first.isoformat(), chart.last.isoformat()) == ("2029-03-01", "2029-05-31")
    lane = {kind: n for n, (_, kinds) in enumerate(LANES) for kind in kinds}
    assert marks["a"].y < marks["c"].y < marks["b"].y and lane["talks"] < lane["call"] < lane["deadline"]
    assert LABEL_WIDTH < marks["a"].x < marks["c"].x < marks["b"].x <= 1000
    assert marks["c"].width > marks["a"].width  # "April" is a month long, the round two days
    assert [t.label for t in chart.ticks] == ["Mar 2029", "Apr 2029", "May 2029"]
    assert marks["a"].title == "Talks in Oslo, 2029-03-10 to 2029-03-11 (occurred)"


def test_chart_of_nothing_dated_is_empty():
    chart = time_axis([_entry("d", "talks", None)], make_labels([], {}))
    assert chart.marks == [] and chart.undated == 1


@pytest.mark.slow
def test_chart_page_links_every_mark_under_the_csp(client):
    response = client.get("/chart")
    assert response.status_code == 200 and "<svg" in response.text and "<script" not in response.text
    assert "default-src 'none'" in response.headers["Content-Security-Policy"]
    links = re.findall(r'<a href="/events/([^"]+)"><rect class="mark', response.text)
    assert links and all(client.get(f"/events/{ev}").status_code == 200 for ev in links[:5])
    assert "style=" not in response.text  # the policy blocks inline styles: SVG attributes and the stylesheet only
