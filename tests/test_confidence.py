"""Stated or inferred, and how sure: the calibration table, the methods the code emits, and the ledgers' fields."""

from __future__ import annotations

import ast
import typing

import pytest

from talktrack.confidence import (
    EVENT_METHODS, METHODS, ROOT, SPEAKER_ATTRIBUTIONS, SPEAKER_METHODS, SPEAKER_READINGS, calibration, confidence, event_method,
    inferred_why, is_doubtful, is_inferred, lineage,
)
from talktrack.export.ledger import ledger_to_dict
from talktrack.model import DateBasis, Event, Ledger
from tests.conftest import ROOT as CHECKOUT

BASES = set(typing.get_args(DateBasis))
STATEMENTS = CHECKOUT / "src" / "talktrack" / "extract" / "statements"  # the package's modules


@pytest.mark.parametrize("kind", sorted(METHODS))
def test_the_calibration_file_covers_every_method_the_code_can_emit_and_every_parent(kind: str):
    table = calibration()[kind]
    wanted = {name for method in METHODS[kind] for name in lineage(method)}
    assert wanted <= set(table), sorted(wanted - set(table))[:5]
    for name, entry in table.items():
        assert 0 < entry["confidence"] < 1 and 0 <= entry["right"] <= entry["examples"], name
        if "from" in entry:  # a method with too few examples carries the figure of the parent it names
            assert entry["from"] in lineage(name)[1:] and entry["confidence"] == table[entry["from"]]["confidence"], name
    assert "from" not in table[ROOT] and table[ROOT]["examples"] > 0


def _values(value: ast.expr | None) -> set[str]:
    """Return the strings an expression can evaluate to: a constant, either branch of a conditional, a dict's values."""
    if isinstance(value, ast.Constant) and isinstance(value.value, str):
        return {value.value}
    if isinstance(value, ast.IfExp):
        return _values(value.body) | _values(value.orelse)
    if isinstance(value, ast.Dict):
        return {s for v in value.values for s in _values(v)}
    return set()


def _strings_given_to(tree: ast.AST, names: set[str], positional: tuple[str, int] | None = None) -> set[str]:
    """Return the strings the code assigns to variables or attributes of these names, passes as keywords of these
    names, or passes at `positional` (a constructor's name and the argument's index)."""
    out: set[str] = set()

    def named(target: ast.expr) -> bool:
        return isinstance(target, ast.Name) and target.id in names or isinstance(target, ast.Attribute) and target.attr in names

    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Tuple) and isinstance(node.value, ast.Tuple):
                    out |= {v for t, value in zip(target.elts, node.value.elts) if named(t) for v in _values(value)}
                elif named(target):
                    out |= _values(node.value)
        elif isinstance(node, ast.keyword) and node.arg in names:
            out |= _values(node.value)
        elif positional and isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == positional[0]:
            if len(node.args) > positional[1]:
                out |= _values(node.args[positional[1]])
    return out


def test_every_attribution_and_reading_the_statement_code_writes_is_a_known_method_name():
    trees = [ast.parse(path.read_text(encoding="utf-8")) for path in sorted(STATEMENTS.glob("*.py"))]
    # Found(start, end, kind, speaker, cue, via, how)
    attributions = {s for tree in trees for s in _strings_given_to(tree, {"how"}, ("Found", 6))}
    readings = {s for tree in trees for s in _strings_given_to(tree, {"reading", "_READINGS"})}
    assert attributions == set(SPEAKER_ATTRIBUTIONS)  # each is written somewhere, and none the table does not know
    assert readings == set(SPEAKER_READINGS)


def test_an_unknown_method_takes_its_nearest_parents_figure():
    table = calibration()["event"]
    assert confidence("event", "talks.sentence.a-basis-not-yet-measured") == table["talks.sentence"]["confidence"]
    assert confidence("speaker", "no-such-attribution.name") == calibration()["speaker"][ROOT]["confidence"]
    assert event_method(Event("e", "deadline", "2031-05")) == "deadline.unplaced.undated"  # bases are None: not found so


def test_only_a_stated_date_is_not_inferred_and_only_a_doubtful_confidence_is_marked():
    assert not is_inferred("text") and not is_inferred(None) and all(is_inferred(b) for b in BASES - {"text"})
    assert all(inferred_why(b).startswith("inferred") for b in BASES - {"text"}) and inferred_why("text") == ""
    assert is_doubtful(0.2) and not is_doubtful(0.5) and not is_doubtful(None)


def _check_ledger(ledger: Ledger) -> None:
    data = ledger_to_dict(ledger)
    assert data["events"] and data["statements"]
    for e in data["events"]:
        for day, basis in ((e["start"], e["start_basis"]), (e["end"], e["end_basis"])):
            assert (basis in BASES) if day else basis is None, e["id"]
        assert (e["place_basis"] in ("sentence", "story")) if e["place"] else e["place_basis"] is None, e["id"]
        assert e["method"] in EVENT_METHODS and 0 <= e["confidence"] <= 1, e["id"]
    for s in data["statements"]:
        assert (s["date_basis"] in BASES) if s["date"] else s["date_basis"] is None, s["id"]
        assert s["speaker"]["method"] in SPEAKER_METHODS and 0 <= s["speaker"]["confidence"] <= 1, s["id"]


def test_every_event_and_statement_of_the_sample_corpus_has_bases_and_confidences(examples_ledger):
    _check_ledger(examples_ledger)


def test_every_event_and_statement_of_the_founding_articles_has_bases_and_confidences(samples_ledger):
    _check_ledger(samples_ledger)
    kuala_lumpur = next(e for e in samples_ledger.events if e.place == "Kuala Lumpur" and e.type == "talks")
    # "from Saturday to Sunday": weekdays against the publication date, the city named in the sentence
    assert (kuala_lumpur.start_basis, kuala_lumpur.end_basis, kuala_lumpur.place_basis) == ("weekday", "weekday", "sentence")


def test_the_sample_corpus_states_some_dates_and_infers_others(examples_ledger):
    bases = {e.start_basis for e in examples_ledger.events} | {s.date_basis for s in examples_ledger.statements}
    assert {"weekday", "relative"} <= bases  # inferred from the publication date, marked so everywhere

