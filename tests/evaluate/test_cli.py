"""`talktrack eval`: a bad gold file stops it early; end to end through the command line, in process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from talktrack.cli.app import app
from talktrack.evaluate import LAYERS
from tests.conftest import EXAMPLES, GOLD, ROOT
from tests.in_process import talktrack


def test_cli_eval_unreadable_gold_exits_1_before_reading_articles(tmp_path: Path) -> None:
    gold = tmp_path / "gold.json"
    gold.write_text("{not json", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", str(gold), str(tmp_path / "nowhere")])
    assert result.exit_code == 1
    assert f"[TT501] {gold}: gold file cannot be read (not JSON" in result.stderr
    assert result.stdout == ""


@pytest.mark.slow
def test_cli_eval_examples_json() -> None:
    result = talktrack("eval", str(GOLD / "examples.gold.json"), str(EXAMPLES / "articles"),
                       "--gazetteer", str(EXAMPLES / "gazetteer.yaml"), "--json", cwd=ROOT, text=False)
    assert result.returncode == 0, result.stderr.decode()
    figures = json.loads(result.stdout)
    assert set(figures) == {"layers", "documents", "missing", "unscored"}
    assert list(figures["layers"]) == list(LAYERS)
    for name, layer in figures["layers"].items():
        assert {"documents", "gold", "found", "matched", "precision", "recall", "f1", "accuracy"} <= set(layer)
        assert set(layer["accuracy"]) == set(LAYERS[name])
        assert layer["documents"] == 11
    statements = figures["layers"]["statements"]
    assert statements["gold"] == 91 and statements["f1"] >= 0.95
    assert figures["layers"]["entities"]["counts"] == {"not_people_violations": 0}
    assert len(figures["documents"]) == 11 and figures["missing"] == [] and figures["unscored"] == []
    assert b"11 of 11 gold documents scored" in result.stderr


@pytest.mark.slow
def test_cli_eval_lists_gold_documents_not_read_and_prints_tables() -> None:
    article = EXAMPLES / "articles" / "ex01-vienna-talks.txt"
    result = talktrack("eval", str(GOLD / "examples.gold.json"), str(article), "-g", str(EXAMPLES / "gazetteer.yaml"), cwd=ROOT, text=False)
    assert result.returncode == 0, result.stderr.decode()
    err = result.stderr.decode()
    assert "[TT502] ex02-vienna-harborwire.txt: gold document not among the inputs read" in err
    assert err.count("[TT502]") == 10 and "1 of 11 gold documents scored" in err
    out = result.stdout.decode()
    assert "Detection" in out and "statements" in out and "leads" in out
