"""Stated or inferred: how each date of an event, a statement and a time expression was reached, and how each was found.

Sentences written for these tests, in a story published on a Thursday (2031-07-31).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.tokens import Doc

from talktrack.confidence import SPEAKER_METHODS, confidence
from talktrack.extract import run_extractors
from talktrack.model import Document, Layers
from talktrack.settings import Settings

PUBLISHED = "2031-07-31"


@pytest.fixture(scope="module")
def layers_of(make_doc: Callable[[str], tuple[Document, Doc]], settings: Settings) -> Callable[[str], Layers]:
    def extract(text: str) -> Layers:
        document, doc = make_doc(text)
        document.published, document.published_basis = PUBLISHED, "given"
        return run_extractors(document, doc, settings)

    return extract


@pytest.mark.parametrize(
    "words, value, basis",
    [
        ("on July 14, 2031", "2031-07-14", "text"),  # the words give the day with its year
        ("in 1995", "1995", "text"),
        ("on Tuesday", "2031-07-29", "weekday"),  # a weekday, resolved against the publication date
        ("yesterday", "2031-07-30", "relative"),
        ("on July 14", "2031-07-14", "relative"),  # the year is the publication date's
    ],
)
def test_a_time_expression_knows_how_its_value_was_reached(layers_of, words: str, value: str, basis: str):
    timex = next(t for t in layers_of(f"The ministers met in Quito {words}.").timexes if t.value[:1].isdigit())
    assert (timex.value, timex.basis) == (value, basis)


@pytest.mark.parametrize(
    "text, days, bases",
    [
        ("Negotiators from Chile and Peru met in Quito on July 14, 2031.", ("2031-07-14", "2031-07-14"), ("text", "text")),
        ("Negotiators from Chile and Peru met in Quito on Tuesday.", ("2031-07-29", "2031-07-29"), ("weekday", "weekday")),
        ("Negotiators from Chile and Peru met in Quito yesterday.", ("2031-07-30", "2031-07-30"), ("relative", "relative")),
        # the last day counted from "two days of talks": a period
        ("Negotiators from Chile and Peru held two days of talks in Quito from Monday.", ("2031-07-28", "2031-07-29"),
         ("weekday", "period")),
        # a round the lead reports as today's news, filed from its city: the publication date
        ("QUITO -- Negotiators from Chile and Peru have resumed their talks on copper quotas. The talks in Quito focus on tariffs.",
         ("2031-07-31", "2031-07-31"), ("published", "published")),
        # dated by the wire's dateline, placed by it too
        ("QUITO, July 30 (Harbor Wire) -- Negotiators from Chile and Peru opened a new round of talks on copper quotas, officials said.",
         ("2031-07-30", "2031-07-30"), ("dateline", "dateline")),
    ],
)
def test_a_rounds_dates_say_how_they_were_reached(layers_of, text: str, days: tuple[str, str], bases: tuple[str, str]):
    talks = [e for e in layers_of(text).events if e.type == "talks"]
    assert [(e.start, e.end) for e in talks] == [days]
    assert (talks[0].start_basis, talks[0].end_basis) == bases


def test_a_place_read_from_the_story_is_told_from_one_its_sentence_names(layers_of):
    [named] = [e for e in layers_of("Negotiators from Chile and Peru met in Quito on Tuesday.").events if e.type == "talks"]
    dateline = "QUITO, July 30 (Harbor Wire) -- Negotiators from Chile and Peru opened a new round of talks on copper quotas."
    [read] = [e for e in layers_of(dateline).events if e.type == "talks"]
    assert (named.place, named.place_basis, read.place, read.place_basis) == ("Quito", "sentence", "Quito", "story")
    assert named.method == "talks.sentence.weekday" and read.method == "talks.story.dateline"
    assert named.confidence == confidence("event", named.method) and 0 <= read.confidence <= 1  # type: ignore[operator]


def test_an_event_without_a_date_or_a_place_says_so(layers_of):
    events = layers_of("The Chilean trade minister, Ana Ruiz, said on Tuesday that the talks had been useful.").events
    [talks] = [e for e in events if e.type == "talks"]
    assert (talks.start, talks.start_basis, talks.place_basis, talks.method) == (None, None, None, "talks.unplaced.undated")


@pytest.mark.parametrize(
    "text, date, basis",
    [
        ("The Chilean trade minister, Ana Ruiz, said on Tuesday that the talks had been useful.", "2031-07-29", "weekday"),
        ("The Chilean trade minister, Ana Ruiz, said on July 29, 2031 that the talks had been useful.", "2031-07-29", "text"),
        ("The Chilean trade minister, Ana Ruiz, said that the talks had been useful.", None, None),  # the ledger leaves it undated
    ],
)
def test_a_statements_date_says_how_it_was_reached(layers_of, text: str, date: str | None, basis: str | None):
    [said] = layers_of(text).statements
    assert (said.date, said.date_basis) == (date, basis)


@pytest.mark.parametrize(
    "text, method",
    [
        ("The Chilean trade minister, Ana Ruiz, said on Tuesday that the talks had been useful.", "reported.name"),
        ('"We made progress on copper," Minister Maria Lopez told reporters.', "quote_cue.name"),
        ("Chilean Trade Minister Ana Ruiz arrived in Quito on Monday. She said the talks had been useful.", "reported.pronoun"),
        ("According to Harbor Wire, the two sides had candid exchanges on tariffs.", "according_to.outlet"),
    ],
)
def test_a_speaker_says_how_it_was_found_and_how_sure_that_is(layers_of, text: str, method: str):
    said = layers_of(text).statements[-1]
    assert said.speaker_method == method and method in SPEAKER_METHODS
    assert said.speaker_confidence == confidence("speaker", method)


def test_a_deadline_without_its_year_is_inferred_and_one_with_its_year_is_stated(layers_of):
    ahead = [e for e in layers_of("Officials face the looming expiration of a tariff waiver on June 8.").events if e.type == "deadline"]
    stated = [e for e in layers_of("The two sides aim to conclude the talks by May 2032.").events if e.type == "deadline"]
    assert [(e.start, e.start_basis, e.method) for e in ahead] == [("2032-06-08", "relative", "deadline.unplaced.relative")]
    assert [(e.start, e.start_basis) for e in stated] == [("2032-05", "text")]
