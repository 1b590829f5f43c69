"""Speaker linking: a statement's speaker mention points at the entity it belongs to."""

from __future__ import annotations

from dataclasses import replace
from itertools import permutations

import pytest

from talktrack.model import Entity, Span, Statement
from talktrack.resolve import link_speakers

# "Valdorian Foreign Ministry spokesperson Emil Strand said ...": the speaker phrase holds two mentions
PHRASE = (0, 51)
MINISTRY = Entity("org:foreign-ministry-xv", "Foreign Ministry", "organization", country="XV", mentions=[Span("d1", 0, 26)])
PERSON = Entity("person:emil-strand", "Emil Strand", "person", country="XV", mentions=[Span("d1", 40, 51)])
VALDORIA = Entity("country:xv", "Valdoria", "country", country="XV", mentions=[Span("d1", 0, 9)])


def _said(start: int, end: int, words: str = "Strand") -> Statement:
    """A statement whose speaker the text names with `words` at `start`:`end` (the mention's own text)."""
    return Statement("st-1", "d1", 60, 90, "talks will go on", "indirect", words, speaker_start=start, speaker_end=end)


def test_a_speaker_mention_links_to_its_entity() -> None:
    (linked,) = link_speakers([_said(40, 51)], [MINISTRY, PERSON])
    assert (linked.speaker_id, linked.speaker_name, linked.speaker_side) == ("person:emil-strand", "Emil Strand", "XV")


def test_a_phrase_holding_two_mentions_links_the_same_whatever_order_the_store_returns() -> None:
    linked = {link_speakers([_said(*PHRASE)], list(order))[0].speaker_id for order in permutations([MINISTRY, PERSON, VALDORIA])}
    assert len(linked) == 1
    assert linked != {None} and linked != {"country:xv"}  # a country is never the speaker of a phrase


def test_a_speaker_with_no_entity_keeps_its_words() -> None:
    (linked,) = link_speakers([_said(100, 110, "as written")], [MINISTRY, PERSON])
    assert (linked.speaker_id, linked.speaker_name) == (None, "as written")


def test_a_name_that_only_modifies_the_speaker_phrase_is_not_the_speaker() -> None:
    # "Valdorian Foreign Ministry officials said ...": the officials speak, not the ministry
    (linked,) = link_speakers([_said(0, 36, "Valdorian Foreign Ministry officials")], [MINISTRY, VALDORIA])
    assert (linked.speaker_id, linked.speaker_name) == (None, "Valdorian Foreign Ministry officials")


def test_a_description_resolved_to_a_person_keeps_its_words_beside_the_id() -> None:
    said = replace(_said(40, 51), speaker_name="the spokesperson")
    (linked,) = link_speakers([said], [MINISTRY, PERSON])
    assert (linked.speaker_id, linked.speaker_name) == ("person:emil-strand", "the spokesperson")


@pytest.mark.parametrize(
    "words, linked_to",
    [
        # an unnamed role serving a person: the person is whom they speak for, not the speaker
        ("a spokesperson for Premier Emil Strand", None),
        ("a senior aide to Emil Strand", None),
        # a title of the person's own, with "for" in it, is the person
        ("Minister for Trade Emil Strand", "person:emil-strand"),
    ],
)
def test_a_role_serving_a_named_person_is_not_that_person(words: str, linked_to: str | None) -> None:
    # the phrase ends with the person's mention (40:51), as in the text
    said = replace(_said(51 - len(words), 51), speaker_name=words)
    (linked,) = link_speakers([said], [PERSON])
    assert linked.speaker_id == linked_to
