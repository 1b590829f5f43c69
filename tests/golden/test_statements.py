"""Statements on the founding articles and the sample corpus, scored against the hand-made gold."""

from __future__ import annotations

import json

import pytest

from talktrack.evaluate.scores import doc_key
from talktrack.evaluate.statements import Scores, SystemStatement, from_talktrack, gold_from_json, score_statements
from tests.conftest import GOLD


def _scores(ledger, gold_file: str) -> Scores:
    gold = gold_from_json(json.loads((GOLD / gold_file).read_text(encoding="utf-8")))
    keys = {d.id: doc_key(d.source) for d in ledger.documents}
    texts = {keys[d.id]: d.text for d in ledger.documents}
    found: dict[str, list[SystemStatement]] = {key: [] for key in texts}
    for st in ledger.statements:
        found[keys[st.doc_id]].append(from_talktrack(st))
    assert set(gold) <= set(texts)
    scores, _ = score_statements(gold, texts, found)
    return scores


@pytest.mark.parametrize("ledger_name, gold_file", [("samples_ledger", "samples.gold.json"), ("examples_ledger", "examples.gold.json")])
def test_statements_against_gold(request, ledger_name, gold_file):
    scores = _scores(request.getfixturevalue(ledger_name), gold_file)
    assert scores.precision >= 0.95 and scores.recall >= 0.95, (scores.precision, scores.recall)
    assert scores.speaker_acc >= 0.95 and scores.via_acc >= 0.95 and scores.kind_acc >= 0.95


@pytest.mark.parametrize(
    "speaker, kind, fragment, via",
    [
        ("He Lifeng", "indirect", "gain from cooperation and lose from confrontation", ("Xinhua News Agency",)),
        ("Li Chenggang", "direct", "Over the past two days, the economic and trade teams", ()),
        ("Scott Bessent", "indirect", "very successful framework", ("Bloomberg News",)),
        ("Guo Jiakun", "direct", "We will keep you updated on that", ()),
        ("Scott Bessent", "indirect", "sanctioned Russian oil", ("Reuters",)),
        ("Wang Wentao", "direct", "China's door will only open wider", ()),
        ("the US side", "indirect", "the most influential bilateral relationship", ("Xinhua News Agency",)),
        ("Washington's top trade envoy", "indirect", "paving the way", ("Reuters",)),
        ("Chinese experts", "indirect", "culminate in a formal written agreement", ()),
    ],
)
def test_samples_named_statements(samples_ledger, speaker, kind, fragment, via):
    hits = [s for s in samples_ledger.statements if fragment in s.content]
    assert hits, fragment
    st = hits[0]
    assert (st.speaker_name, st.kind, st.via) == (speaker, kind, via)


def test_samples_statement_speakers_link_to_entities_and_sides(samples_ledger):
    people = {e.id: e for e in samples_ledger.entities if e.type == "person"}
    for st in samples_ledger.statements:
        if st.speaker_id in people:
            person = people[st.speaker_id]
            # the person's name, or the description the text used for them ("Chinese international trade
            # representative said" is Li Chenggang's statement, and keeps those words beside his id)
            described = not set(st.speaker_name.lower().split()) & set(" ".join([person.name, *person.aliases]).lower().split())
            assert st.speaker_name == person.name or described
            assert st.speaker_side == person.country
    groups = {s.speaker_name: s.speaker_side for s in samples_ledger.statements if s.speaker_id is None}
    assert groups["the US side"] == "US" and groups["Chinese experts"] == "CN"


def test_samples_statement_dates(samples_ledger):
    dated = {s.content[:40]: s.date for s in samples_ledger.statements if s.date}
    assert any(v == "2025-10-26" for k, v in dated.items() if k.startswith("China and the US reached basic"))
    assert any(v == "2025-07-29" for k, v in dated.items() if k.startswith("The US should work with China"))


def test_samples_no_outlet_in_via_of_its_own_story(samples_ledger):
    for st in samples_ledger.statements:
        doc = next(d for d in samples_ledger.documents if d.id == st.doc_id)
        assert doc.outlet not in st.via
