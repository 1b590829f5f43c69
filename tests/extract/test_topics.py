"""Topic tagging from the taxonomy (data), and bringing your own taxonomy."""

from __future__ import annotations

import pytest

from talktrack.errors import TalktrackError
from talktrack.extract.topics import find_topics
from talktrack.model import Layers
from talktrack.settings import Settings
from talktrack.taxonomy import load_taxonomy


def topics(make_doc, settings, text):
    document, doc = make_doc(text)
    return [t.topic for t in find_topics(document, doc, settings, Layers())]


def test_bundled_taxonomy_is_consistent():
    taxonomy = load_taxonomy()
    assert {"tariffs", "export_controls", "agriculture"} <= set(taxonomy.topics)
    for topic in taxonomy.topics.values():
        assert topic.parent is None or topic.parent in taxonomy.topics
    phrases = [p.lower() for ps in taxonomy.phrases.values() for p in ps]
    assert len(phrases) == len(set(phrases)), "a phrase signals two topics"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The two sides discussed extension of the suspension of reciprocal tariffs.", "reciprocal_tariffs"),
        ("Washington tightened export controls on advanced chips.", "export_controls"),
        ("Ostrevia agreed to resume purchases of wheat and soybeans.", "agriculture"),
        ("They discussed the US Section 301 measures on shipbuilding.", "shipbuilding"),
        # the default taxonomy covers the issues of other negotiations than trade
        ("The rebels and the army agreed a cessation of hostilities in the north.", "ceasefire"),
        ("The deal provides for the exchange of prisoners held by both sides.", "prisoners_hostages"),
        ("Mediators pressed for safe passage for aid convoys into the besieged city.", "humanitarian"),
        ("Negotiators discussed limits on uranium enrichment and inspections by the IAEA.", "nuclear"),
        ("The accord sets out the demobilisation of some 20,000 fighters.", "disarmament_ddr"),
        ("Both capitals want to restore diplomatic ties severed a decade ago.", "normalisation"),
        ("The producers' group agreed to extend its output cuts into next year.", "oil_output"),
        ("Developing countries asked for far more climate finance than was offered.", "climate_finance"),
        ("Access for fishing fleets to coastal waters remains the sticking point.", "fisheries"),
        ("Downstream countries fear the filling of the reservoir will cut river flows.", "water_dams"),
        ("Member states argued over pathogen access and benefit sharing until dawn.", "public_health"),
        ("The government hopes to unlock the next tranche of its IMF programme.", "debt_financing"),
        ("The guerrillas demanded the withdrawal of foreign forces before any election.", "troop_withdrawal"),
    ],
)
def test_find_topics(make_doc, settings, text, expected):
    found = topics(make_doc, settings, text)
    taxonomy = load_taxonomy()
    assert any(expected in taxonomy.lineage(t) for t in found), found


def test_find_topics_ignores_ordinary_sentences(make_doc, settings):
    assert topics(make_doc, settings, "The two delegations met in Vienna and talked for hours.") == []


def test_own_taxonomy_for_another_negotiation(tmp_path, make_doc, settings):
    own = tmp_path / "cop.yaml"
    own.write_text(
        "topics:\n"
        "  - {id: finance, label: Climate finance, parent: null, phrases: [loss and damage], lemmas: [climate finance]}\n"
        "  - {id: coal, label: Coal phase-out, parent: finance, phrases: [coal power]}\n"
    )
    custom = settings.model_copy(update={"taxonomy": own})
    found = topics(make_doc, custom, "Delegates argued over loss and damage and over coal power until dawn.")
    assert found == ["finance", "coal"]
    assert load_taxonomy(own).lineage("coal") == ["coal", "finance"]


def test_bad_taxonomy_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("topics:\n  - {id: a, parent: missing}\n")
    with pytest.raises(TalktrackError, match="TT304"):
        load_taxonomy(bad)


def test_samples_statements_carry_topics(samples_ledger):
    li = next(s for s in samples_ledger.statements if s.content.startswith("Over the past two days, the economic"))
    taxonomy = load_taxonomy()
    lineages = {a for t in li.topics for a in taxonomy.lineage(t)}
    assert {"tariffs", "export_controls", "shipbuilding"} <= lineages
    assert {t.id for t in samples_ledger.topics} >= set(li.topics)
