"""Events in one document: which trigger a date or place belongs to, what is not an event, mentions merged.

The sentences are invented, with real countries and none of the sample corpus's phrasing, so the rules
are tested on their linguistics rather than on the texts they were written from.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.tokens import Doc

from talktrack.extract import run_extractors
from talktrack.model import Document, Event
from talktrack.settings import Settings

PUBLISHED = "2031-07-31"  # a Thursday


@pytest.fixture(scope="module")
def events_of(make_doc: Callable[[str], tuple[Document, Doc]], settings: Settings) -> Callable[[str], list[Event]]:
    def extract(text: str) -> list[Event]:
        document, doc = make_doc(text)
        document.published, document.published_basis = PUBLISHED, "given"
        return list(run_extractors(document, doc, settings)["events"])

    return extract


def _of(events: list[Event], kind: str) -> list[Event]:
    return [e for e in events if e.type == kind]


def test_a_date_inside_another_events_phrase_is_that_events(events_of):
    events = events_of("Negotiators from Brazil and Argentina met in Lisbon with a tariff deadline approaching on August 16.")
    talks = _of(events, "talks") + _of(events, "meeting")
    assert talks and all(e.start != "2031-08-16" for e in talks)
    assert [(e.start, e.status) for e in _of(events, "deadline")] == [("2031-08-16", "scheduled")]


def test_what_an_agreement_provides_for_does_not_date_it(events_of):
    events = events_of("Brazil and Argentina agreed on Tuesday to cut tariffs on steel from September 1.")
    assert [e.start for e in _of(events, "agreement")] == ["2031-07-29"]


def test_a_coordinated_clause_dates_its_own_event(events_of):
    events = events_of("The two sides agreed to suspend most of their tariffs for 90 days and will meet again in October.")
    agreement = _of(events, "agreement")
    assert len(agreement) == 1 and agreement[0].start is None
    assert [(e.start, e.status) for e in _of(events, "talks")] == [("2031-10", "scheduled")]


@pytest.mark.parametrize(
    "text",
    [
        "Brazil urged Argentina to lift the tariffs on steel as soon as possible.",
        "The Brazilian minister said Brazil expects Argentina to scrap the port fees in full.",
    ],
)
def test_a_measure_someone_asks_for_is_not_a_measure_taken(events_of, text):
    assert _of(events_of(text), "measure") == []


def test_a_condition_is_not_an_agreement(events_of):
    events = events_of("The truce runs until August 16, when it will expire unless both sides agree to extend it.")
    assert _of(events, "agreement") == []
    assert [e.start for e in _of(events, "deadline")] == ["2031-08-16"]


def test_both_parties_suspending_tariffs_is_an_agreement(events_of):
    events = events_of("Brazil and Argentina will suspend most of the additional tariffs on each other's goods for 90 days.")
    assert _of(events, "measure") == [] and len(_of(events, "agreement")) == 1


def test_one_side_halving_its_fees_is_a_measure(events_of):
    events = events_of("Argentina would halve its port fees on Brazilian-built ships from September 1, the minister said.")
    assert [(e.start, e.action) for e in _of(events, "measure")] == [("2031-09-01", "cut")]


def test_a_truce_that_runs_until_a_day_gives_a_deadline(events_of):
    events = events_of("The tariff truce now runs until November 14, the ministry said.")
    assert [e.start for e in _of(events, "deadline")] == ["2031-11-14"]


def test_what_was_done_at_a_round_takes_its_place_and_month(events_of):
    events = events_of("The tariff truce between the two countries, extended at the Lisbon talks in July, runs until November 14.")
    assert [(e.place, e.start) for e in _of(events, "agreement")] == [("Lisbon", "2031-07")]
    assert _of(events, "measure") == []


def test_the_next_round_is_not_the_round_that_ended(events_of):
    events = events_of(
        "Two days of trade talks in Lisbon ended on Wednesday. "
        "The minister noted that the two sides will hold their next round in September."
    )
    rounds = {(e.place, e.start, e.status) for e in _of(events, "talks")}
    assert rounds == {("Lisbon", "2031-07-30", "occurred"), (None, "2031-09", "scheduled")}


def test_a_bare_mention_joins_the_documents_one_event_of_its_type(events_of):
    events = events_of(
        "Brazilian President Lula will pay a state visit to Argentina from November 1 to 3, the foreign ministry said. "
        "An analyst said the visit would be the first by a Brazilian head of state in a decade."
    )
    visits = _of(events, "visit")
    assert [(v.start, v.end, len(v.evidence)) for v in visits] == [("2031-11-01", "2031-11-03", 2)]


def test_an_agreement_reported_in_the_story_of_a_round_was_made_there(events_of):
    events = events_of(
        "Trade talks between Brazil and Argentina ended in Lisbon on Wednesday. "
        "The two sides agreed to set up a working group on steel."
    )
    assert [(e.place, e.status) for e in _of(events, "agreement")] == [("Lisbon", "occurred")]


def test_an_agreement_referred_to_in_passing_keeps_no_place(events_of):
    events = events_of(
        "Trade talks between Brazil and Argentina ended in Lisbon on Wednesday, days before the expiry "
        "of a 90-day tariff truce agreed upon by the two sides."
    )
    assert [e.place for e in _of(events, "agreement")] in ([], [None])
