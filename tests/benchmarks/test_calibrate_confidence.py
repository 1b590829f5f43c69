"""The calibration rule: every example counts up its method's lineage; few examples borrow the parent's figure."""

from __future__ import annotations

from pathlib import Path

import yaml

from benchmarks import calibrate_confidence as cc


def test_each_method_gets_the_rule_of_succession_or_its_parents_figure():
    examples = [("a.x", True)] * 5 + [("a.y", False)] * 2 + [("b.z", False)] * 5
    figures = cc.table(["a.x", "a.y", "b.z", "c.w"], cc.count(examples))
    assert figures["*"] == {"right": 5, "examples": 12, "confidence": round(6 / 14, 3)}
    assert figures["a.x"]["confidence"] == round(6 / 7, 3) and "from" not in figures["a.x"]  # five of five: not certainty
    assert (figures["a.y"]["confidence"], figures["a.y"]["from"]) == (figures["a"]["confidence"], "a")  # two: its parent's
    assert figures["b.z"]["confidence"] == round(1 / 7, 3)
    assert (figures["c.w"]["confidence"], figures["c.w"]["from"]) == (figures["*"]["confidence"], "*")  # no data: the root's


def test_the_written_file_reads_back_as_the_table(tmp_path: Path):
    figures = {"speaker": cc.table(["a.x"], cc.count([("a.x", True)] * 6)), "event": cc.table(["t.p.d"], cc.count([]))}
    path = tmp_path / "confidence.yaml"
    cc.write(figures, {"speaker": "six", "event": "none"}, path)
    back = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert back["speaker"]["a.x"]["confidence"] == round(7 / 8, 3) and back["event"]["t.p.d"]["from"] == "*"
    assert back["event"]["*"]["confidence"] == 0.5  # nothing measured: one half
