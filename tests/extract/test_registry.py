"""The extractor registry: one typed layer per extractor, run in the order their needs give."""

from __future__ import annotations

from dataclasses import fields

import pytest

from talktrack.extract import run_extractors
from talktrack.extract.registry import EXTRACTORS, extractor, extractor_order
from talktrack.model import LAYER_NAMES, Event, Layers, Mention, Statement, Timex, TopicMention


def test_the_layer_names_are_the_fields_of_the_record() -> None:
    assert LAYER_NAMES == tuple(f.name for f in fields(Layers))


def test_every_layer_has_its_extractor_and_needs_come_first() -> None:
    order = extractor_order()
    assert sorted(order) == sorted(LAYER_NAMES) == sorted(EXTRACTORS)
    for name, (_, needs) in EXTRACTORS.items():
        assert all(order.index(need) < order.index(name) for need in needs)


def test_a_layer_the_record_does_not_have_is_refused_at_registration() -> None:
    with pytest.raises(ValueError, match="'sentiment' is not one of published, entities"):
        extractor("sentiment")  # type: ignore[call-overload]


def test_run_extractors_fills_each_layer_with_its_own_records(make_doc, settings) -> None:
    document, doc = make_doc(
        "Trade Secretary Halvard Brekke said on Monday that the tariff talks in Geneva had been useful."
    )
    layers = run_extractors(document, doc, settings)
    assert isinstance(layers, Layers)
    kinds = {"entities": Mention, "timexes": Timex, "statements": Statement, "topics": TopicMention, "events": Event}
    for name, kind in kinds.items():
        records = getattr(layers, name)
        assert records and all(isinstance(r, kind) for r in records), name


def test_extend_keeps_each_layer_in_order() -> None:
    first, second = Layers(published=["2025-05-12"]), Layers(published=["2025-05-13"])
    first.extend(second)
    assert first.published == ["2025-05-12", "2025-05-13"] and first.events == []
