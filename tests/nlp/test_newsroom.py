"""The newsroom component: gazetteer names correct the tagger's entities."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.tokens import Doc

from talktrack.model import Document


def _ents(make_doc: Callable[[str], tuple[Document, Doc]], text: str) -> list[tuple[str, str]]:
    _, doc = make_doc(text)
    return [(e.text, e.label_) for e in doc.ents]


@pytest.mark.parametrize(
    "text, place",
    [
        ("Officials in Montevideo said the talks in Montevideo ended on Monday.", "Montevideo"),  # tagged PRODUCT
        ("The ministers met in Quito.", "Quito"),
    ],
)
def test_a_capital_the_tagger_misses_or_misreads_is_a_place(make_doc, text, place):
    assert (place, "GPE") in _ents(make_doc, text)


def test_a_longer_name_that_contains_a_capital_stays_as_it_is(make_doc):
    ents = _ents(make_doc, "Santiago Pena, Paraguay's president, met Chile's president in Santiago on Monday.")
    assert "Santiago Pena" in [text for text, _ in ents] and ("Santiago", "GPE") in ents  # the name is not cut
    assert ("lima", "GPE") not in _ents(make_doc, "They ate lima beans.")


def test_a_name_with_a_role_in_apposition_is_a_person(make_doc):
    # the tagger calls this name an organization; the role beside it says who it is
    ents = _ents(make_doc, "Argentina's chief negotiator, Martín Ezequiel Sosa, told Radio Pampa that talks would resume.")
    assert ("Martín Ezequiel Sosa", "PERSON") in ents


def test_a_known_outlet_after_a_role_stays_an_outlet(make_doc):
    ents = _ents(make_doc, "The meeting paved the way for a deal, citing the country's top trade negotiator, per a Global Times report.")
    assert ("Global Times", "PERSON") not in ents
