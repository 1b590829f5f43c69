"""The PLOVER event benchmark's reader and scoring."""

from __future__ import annotations

from collections import Counter

import pytest

from benchmarks.plover_events import DATA, _row, load_records


@pytest.mark.skipif(not DATA.exists(), reason="the PLOVER data (../shared/data/plover) is not beside this checkout")
def test_reader_takes_every_sentence_despite_trailing_commas() -> None:
    records = load_records()
    assert len(records) == 322
    assert all(isinstance(r["text"], str) and r["event"] for r in records)
    assert Counter(str(r["event"]) for r in records)["AGREE"] == 40


def test_row_counts_precision_recall_and_f1() -> None:
    row = _row("AGREE", Counter(tp=3, fp=1, fn=3, tn=10)).split()
    assert row == ["AGREE", "6", "4", "0.75", "0.50", "0.60"]
    assert _row("SANCTION", Counter(tn=5)).split() == ["SANCTION", "0", "0", "0.00", "0.00", "0.00"]
