"""The ledger contract: the bundled schema is the shared one, and output validates against it."""

from __future__ import annotations

import json

import pytest

from talktrack.errors import TalktrackError
from talktrack.export.ledger import ledger_schema, ledger_to_dict, validate_ledger
from talktrack.model import Ledger
from tests.conftest import ROOT


def test_bundled_schema_is_the_shared_contract():
    shared = ROOT.parent / "shared" / "schema" / "ledger-1.schema.json"
    if not shared.exists():
        pytest.skip("../shared/schema is not beside this checkout")
    assert ledger_schema() == json.loads(shared.read_text(encoding="utf-8"))


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
