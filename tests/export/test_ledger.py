"""The ledger contract: the bundled schema is the shared one, and output validates against it."""

from __future__ import annotations

import json
from typing import Any

import pytest

from talktrack.errors import TalktrackError
from talktrack.export.ledger import ledger_schema, ledger_to_dict, validate_ledger
from talktrack.model import Document, Ledger
from tests.conftest import ROOT


def _changes(shared: Any, ours: Any, path: str = "", container: str = "") -> list[str]:
    """Return what in `ours` is not an addition to `shared`: a value changed or removed, or a key added that is no
    new property, definition or description (a new required field or enum value would reject older ledgers)."""
    if isinstance(shared, dict) and isinstance(ours, dict):
        out = [f"{path}/{k}: removed" for k in shared if k not in ours]
        out += [f"{path}/{k}: added" for k in ours if k not in shared and container not in ("properties", "$defs") and k != "description"]
        for k in shared:
            if k in ours:
                out += _changes(shared[k], ours[k], f"{path}/{k}", k)
        return out
    return [] if shared == ours else [f"{path}: changed"]


def test_bundled_schema_only_adds_to_the_shared_contract():
    shared = ROOT.parent / "shared" / "schema" / "ledger-1.schema.json"
    if not shared.exists():
        pytest.skip("../shared/schema is not beside this checkout")
    contract = json.loads(shared.read_text(encoding="utf-8"))
    assert _changes(contract, ledger_schema()) == []
    assert ledger_schema() != contract  # the additions: bases, methods and confidences
    assert {"start_basis", "confidence"} <= set(ledger_schema()["$defs"]["event"]["properties"])


def test_the_additive_check_catches_what_is_not_an_addition():
    shared = {"required": ["a"], "properties": {"a": {"enum": ["x"]}}}
    assert _changes(shared, {"required": ["a"], "properties": {"a": {"enum": ["x"], "description": "d"}, "b": {}}}) == []
    assert _changes(shared, {"required": ["a", "b"], "properties": {"a": {"enum": ["x"]}}}) == ["/required: changed"]
    assert _changes(shared, {"required": ["a"], "properties": {"a": {"enum": ["x", "y"]}}}) == ["/properties/a/enum: changed"]
    assert _changes(shared, {"required": ["a"], "properties": {}}) == ["/properties/a: removed"]


def test_empty_ledger_validates_with_every_layer_present():
    data = ledger_to_dict(Ledger())
    validate_ledger(data)
    assert set(data) >= {"schema", "documents", "entities", "timexes", "statements", "events", "topics"}


def test_validate_ledger_names_the_bad_field():
    data = ledger_to_dict(Ledger())
    data["entities"].append({"id": "x", "name": "X", "type": "robot", "aliases": []})
    with pytest.raises(TalktrackError, match=r"TT401.*entities/0/type"):
        validate_ledger(data)


def test_examples_ledger_validates(examples_ledger):
    validate_ledger(ledger_to_dict(examples_ledger))


def test_validate_ledger_names_the_article_a_bad_record_came_from():
    data = ledger_to_dict(Ledger(documents=[Document(id="d1", text="x", source="feeds/wire-0412.txt")]))
    data["timexes"].append({"doc": "d1", "start": 0, "end": 1, "text": "x", "type": "NOON", "value": "x"})
    with pytest.raises(TalktrackError, match=r"TT401.*timexes/0/type.*\(a record from feeds/wire-0412.txt\)"):
        validate_ledger(data)
