"""Time expressions on the founding articles and on the sample corpus's gold annotations."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import GOLD


def _by_text(ledger, source_end: str) -> list[tuple[str, str, str, tuple | None]]:
    doc = next(d for d in ledger.documents if d.source.endswith(source_end))
    return [(t.text, t.type, t.value, t.range) for t in ledger.timexes if t.doc_id == doc.id]


@pytest.mark.parametrize(
    "article, expected",
    [
        ("kuala-lumpur-talks.txt", ("from Saturday to Sunday", "DATE", "2025-10-25", ("2025-10-25", "2025-10-26"))),
        ("kuala-lumpur-talks.txt", ("Sunday", "DATE", "2025-10-26", None)),
        ("kuala-lumpur-talks.txt", ("this May", "DATE", "2025-05", None)),
        ("kuala-lumpur-talks.txt", ("Friday", "DATE", "2025-10-24", None)),
        ("kuala-lumpur-talks.txt", ("the beginning of this year", "DATE", "2025", None)),
        ("kuala-lumpur-talks.txt", ("the past two days", "DURATION", "P2D", None)),
        ("kuala-lumpur-talks.txt", ("5.5 hours", "DURATION", "PT5.5H", None)),
        (
            "kuala-lumpur-talks.txt",
            ("from October 30 to November 1", "DATE", "2025-10-30", ("2025-10-30", "2025-11-01")),
        ),
        ("stockholm-talks.txt", ("August 12", "DATE", "2025-08-12", None)),
        ("stockholm-talks.txt", ("from Monday to Tuesday", "DATE", "2025-07-28", ("2025-07-28", "2025-07-29"))),
        ("stockholm-talks.txt", ("Tuesday", "DATE", "2025-07-29", None)),
        ("stockholm-talks.txt", ("Wednesday", "DATE", "2025-07-30", None)),
        ("stockholm-talks.txt", ("May", "DATE", "2025-05", None)),
        ("stockholm-talks.txt", ("June", "DATE", "2025-06", None)),
        ("stockholm-talks.txt", ("90-day", "DURATION", "P90D", None)),
        ("stockholm-talks.txt", ("three months", "DURATION", "P3M", None)),
    ],
)
def test_samples_timexes_without_published_date(samples_ledger, article, expected):
    assert expected in _by_text(samples_ledger, article)


@pytest.mark.parametrize(
    "article, earliest, latest",
    [("kuala-lumpur-talks.txt", date(2025, 10, 26), date(2025, 10, 28)), ("stockholm-talks.txt", date(2025, 7, 30), date(2025, 7, 31))],
)
def test_samples_publication_date_inferred(samples_ledger, article, earliest, latest):
    doc = next(d for d in samples_ledger.documents if d.source.endswith(article))
    assert doc.published_basis == "inferred"
    assert earliest <= date.fromisoformat(doc.published) <= latest


def test_samples_every_date_is_a_known_value(samples_ledger):
    for t in samples_ledger.timexes:
        assert "X" not in t.value or t.type == "DURATION", t


def _match(gold_timexes: list[dict], system: list) -> tuple[list[tuple[dict, object]], list, list[dict]]:
    """Pair gold and system expressions in text order by overlapping text."""
    pairs, spurious, remaining = [], [], list(gold_timexes)
    for t in system:
        hit = next((g for g in remaining if g["text"] in t.text or t.text in g["text"]), None)
        if hit is None:
            spurious.append(t)
        else:
            remaining.remove(hit)
            pairs.append((hit, t))
    return pairs, spurious, remaining


def test_examples_timexes_against_gold(examples_ledger):
    gold = json.loads((GOLD / "examples.gold.json").read_text(encoding="utf-8"))
    docs = {Path(d.source).name: d for d in examples_ledger.documents}
    found = missed = spurious = right = dated = masked = 0
    for key, entry in gold.items():
        doc = docs[key]
        system = [t for t in examples_ledger.timexes if t.doc_id == doc.id]
        pairs, extra, lost = _match(entry["timexes"], system)
        found, missed, spurious = found + len(pairs), missed + len(lost), spurious + len(extra)
        for g, t in pairs:
            if doc.published is None:
                # no date can be known: a relative value is masked, never a guessed year
                masked += t.value.startswith("XXXX") or t.value == g["value"] or t.type == "DURATION"
                continue
            dated += 1
            right += t.value == g["value"] and (not g.get("range") or list(t.range or ()) == g["range"])
    assert found / (found + missed) >= 0.95
    assert found / (found + spurious) >= 0.95
    assert right / dated >= 0.95, (right, dated)
    assert masked == found - dated
