"""The statement benchmark's own parts (corpora, gold keys, table) on hand-made gold (no spaCy, no textacy).

The matching and scoring rules themselves are tested in tests/evaluate/test_statements.py.
"""

from __future__ import annotations

from benchmarks import statements as sb
from benchmarks.statements import Extraction
from talktrack.evaluate.statements import GoldStatement, SystemStatement

from tests.evaluate.statement_fixtures import BESSENT, EXPERT, HE, TEXT, found, gold


def score(gold_items: list[GoldStatement], system: list[SystemStatement]) -> sb.Scores:
    extraction = Extraction(texts={"a.txt": TEXT}, statements={"a.txt": system})
    scores, _ = sb.score_corpus({"a.txt": gold_items}, extraction)
    return scores


def test_score_corpus_uses_the_package_scoring() -> None:
    system = [found("The talks were useful and will continue", via=("Xinhua",))]
    s = score([HE], system)
    assert (s.gold, s.found, s.matched, s.precision, s.recall, s.via_acc) == (1, 1, 1, 1.0, 1.0, 1.0)
    scores, results = sb.score_corpus({"absent.txt": [HE, BESSENT]}, Extraction())
    assert scores.gold == 2 and scores.recall == 0.0 and results["absent.txt"].missed == [HE, BESSENT]


def test_gold_keys_and_corpus_paths() -> None:
    # gold loading itself is tested in tests/evaluate/test_statements.py
    assert sb.doc_key("examples/articles/ex09-wire-feed.jsonl#2") == "ex09-wire-feed.jsonl#2"
    assert sb.doc_key(None) is None
    paths = sb.corpus_paths(sb.ARTICLES, ["x.jsonl#1", "x.jsonl#2", "a.txt"])
    assert paths == [str(sb.ARTICLES / "x.jsonl"), str(sb.ARTICLES / "a.txt")]


def test_table_has_every_column() -> None:
    row = sb.table_row("talktrack", score([HE], [found("The talks were useful", via=("Xinhua",))]))
    table = sb.format_table([row])
    assert table.splitlines()[0].split()[:4] == ["system", "gold", "found", "matched"]
    assert "1.000" in table.splitlines()[2]
    assert sb.table_row("x", sb.Scores())[4:] == ["n/a"] * 5
