"""A deadline's standing: moved by a later report of the same deadline at another date, passed, or ahead."""

from __future__ import annotations

from talktrack.labels import make_labels
from talktrack.model import Event, Span, Topic
from talktrack.query.deadlines import standings

NAMED = make_labels([Topic("tariffs", "Tariffs"), Topic("tariff_truce", "Tariff truce", "tariffs"), Topic("port_fees", "Port fees")], {})
PUBLISHED = {"may": "2029-05-18", "jul": "2029-07-31", "aug": "2029-08-20", "oct": "2029-10-02"}


def deadline(eid: str, start: str, *docs: str, topics: tuple[str, ...] = ("tariff_truce",), title: str | None = None) -> Event:
    return Event(eid, "deadline", start, start, status="scheduled", title=title, topics=list(topics),
                 evidence=[Span(d, 0, 10) for d in docs])


def states(*events: Event, today: str = "2029-06-01") -> dict[str, tuple[str | None, str | None]]:
    found = standings(list(events), PUBLISHED, NAMED, today)
    return {i: (s.state, s.moved_to.id if s.moved_to else None) for i, s in found.items()}


def test_a_deadline_reported_anew_by_a_later_article_moves_and_a_chain_points_onward():
    first, second, third = deadline("a", "2029-08-16", "may"), deadline("b", "2029-11-14", "jul", "may"), deadline("c", "2030-02-12", "oct")
    # "b" is also in the May article's evidence: what counts is when each date was first reported
    assert states(first, deadline("b", "2029-11-14", "jul")) == {"a": ("moved", "b"), "b": ("ahead", None)}
    assert states(first, deadline("b", "2029-11-14", "jul"), third) == {"a": ("moved", "b"), "b": ("moved", "c"), "c": ("ahead", None)}
    assert states(first, second)["a"] == ("ahead", None)  # both dates first reported in May: two dates of one report


def test_deadlines_of_other_names_or_none_are_not_moves_and_a_passed_one_stays_passed():
    truce, fees = deadline("a", "2029-08-16", "may"), deadline("b", "2029-11-14", "jul", topics=("port_fees",))
    assert states(truce, fees) == {"a": ("ahead", None), "b": ("ahead", None)}
    nameless = [deadline("x", "2029-06-10", "may", topics=()), deadline("y", "2029-09-10", "jul", topics=())]
    assert states(*nameless, today="2029-07-01") == {"x": ("passed", None), "y": ("ahead", None)}
    # reported after the old date had passed: a new deadline of the name, not the old one moved
    assert states(deadline("a", "2029-07-01", "may"), deadline("b", "2029-11-14", "aug"), today="2029-09-01") == {
        "a": ("passed", None), "b": ("ahead", None)}


def test_titles_name_deadlines_and_undated_ones_have_no_standing():
    titled = [deadline("a", "2029-08-16", "may", title="Truce expiry"), deadline("b", "2029-11-14", "jul", title="truce EXPIRY")]
    assert states(*titled)["a"] == ("moved", "b")
    assert states(Event("u", "deadline", None, status="scheduled", topics=["tariff_truce"], evidence=[Span("jul", 0, 1)])) == {"u": (None, None)}
