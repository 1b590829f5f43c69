"""Person spans as orthography draws them: hyphens, particles, honorifics and a country glued on."""

from __future__ import annotations

import pytest


def person_spans(make_doc, text: str) -> list[str]:
    _, doc = make_doc(text)
    return [e.text for e in doc.ents if e.label_ == "PERSON"]


@pytest.mark.parametrize(
    "text, name",
    [
        # a hyphenated surname or given name is one name
        ("Former Deputy President Thandiwe Mabuza-Nkosi and President Ruto met the mediators.", "Thandiwe Mabuza-Nkosi"),
        ("The task force will be led by Prime Minister Park Jin-soo, officials said.", "Park Jin-soo"),
        # lower-case particles between capitalized words
        ("Commission President Ursula von der Leyen flew to Rome on Monday.", "Ursula von der Leyen"),
        # honorifics and forms of address are not the name
        ("The session was chaired by H.E. Dr Khalid bin Saeed Al Mansouri, the host minister.", "Khalid bin Saeed Al Mansouri"),
        ("The movement's deputy leader Mullah Abdul Karim Hanafi met the envoy.", "Abdul Karim Hanafi"),
        # a royal style after an office is not part of the name ("Prince" is stripped like any title)
        ("Saudi Foreign Minister Prince Khalid bin Saud arrived on Monday.", "Khalid bin Saud"),
        # a country ending the phrase before the name is not part of it
        ("He named a former ambassador to Venezuela Ricardo Montoya as his adviser.", "Ricardo Montoya"),
    ],
)
def test_person_span_follows_the_names_orthography(make_doc, text, name):
    assert name in person_spans(make_doc, text)


@pytest.mark.parametrize(
    "text, joined",
    [
        ("The Biden-Putin summit in Geneva ended early.", "Biden-Putin"),
        ("The journalist feared a new Putin-RibbenTROP pact.", "Putin-RibbenTROP"),
    ],
)
def test_a_hyphenated_compound_or_coinage_is_not_one_name(make_doc, text, joined):
    assert joined not in person_spans(make_doc, text)


def test_a_surname_one_letter_off_is_still_a_person(make_doc):
    text = "Trade Commissioner Valdis Ozolinskis met the minister on Sunday. “We made no progress,” Ozolinkis said in a statement."
    assert "Ozolinkis" in person_spans(make_doc, text)


def test_a_name_after_a_two_part_portfolio_is_a_person_and_the_portfolio_is_not(make_doc):
    text = "The party included Undersecretary of Mining and Energy Rocío Albarrán and two advisers."
    spans = person_spans(make_doc, text)
    assert "Rocío Albarrán" in spans, spans


@pytest.mark.parametrize(
    "text, not_person",
    [
        ("Ana Pérez, head of the rebels' Supreme Political Council, said the offer stood.", "Supreme Political Council"),
        ("Foreign Minister Olga Rubio met at the Qasr Palace in Riyadh on Tuesday.", "Qasr Palace"),
        ("The delegation was led by the head of Peru's Unit of Export Promotion, Rosa Pineda.", "Export Promotion"),
    ],
)
def test_names_after_a_title_across_a_verb_or_ending_in_a_body_word_are_not_people(make_doc, text, not_person):
    assert not_person not in person_spans(make_doc, text)


@pytest.mark.parametrize(
    "text, not_person",
    [
        ("Photo: Maria Olsen/AFP via Getty Images\n\nThe leaders met on Tuesday.", "Maria Olsen/AFP"),
        ("Fighting spread near the border of the Afar and Somali regions of the country.", "Afar"),
        ("Aid is slowly reaching civilians in Tigray.", "Tigray"),
        ("The group's spokesman Ali Nasser said on Twitter that talks would resume.", "Twitter"),
        ("Remarks by the Chairperson of the Fourteenth Ministerial Conference: we met.", "Fourteenth Ministerial Conference"),
        ("They walked to an un-named room. Kim Jong-un smiled.", "un"),
    ],
)
def test_credits_places_platforms_and_numbered_bodies_are_not_people(make_doc, text, not_person):
    assert not_person not in person_spans(make_doc, text)


@pytest.mark.parametrize(
    "text, not_person",
    [
        ("PolitiFact Executive Director Aaron Sharpe responded on Monday.", "Director Aaron Sharpe"),
        ("Jo Formica, a professor at Seton Hall University in New Jersey, said so.", "New Jersey"),
        ("It could matter, said David Wasser, House editor for the Cook Political Report.", "Cook Political Report"),
    ],
)
def test_an_office_or_a_place_after_a_title_is_not_a_name(make_doc, text, not_person):
    assert not_person not in person_spans(make_doc, text)
