"""The statement benchmark's own parts (corpora, gold keys, table) on hand-made gold (no spaCy, no textacy).

The matching and scoring rules themselves are tested in tests/evaluate/test_statements.py.
"""

from __future__ import annotations

from benchmarks import statements as sb
from benchmarks.statements import Extraction
from talktrack.evaluate.statements import GoldStatement, SystemStatement

TEXT = (
    "The talks were useful and will continue, He Lifeng said, according to the Xinhua News Agency. "
    "\u201cWe covered a lot of ground,\u201d Bessent told reporters. "
    "The two sides agreed to meet again. "
    "The expert said  the  truce gives exporters\ncertainty."
)


def gold(
    start: str,
    speaker: str = "He Lifeng",
    kind: str = "indirect",
    via: tuple[str, ...] = (),
    resolves_to: str | None = None,
) -> GoldStatement:
    return GoldStatement(speaker=speaker, kind=kind, content_start=start, via=via, resolves_to=resolves_to)


def found(piece: str, speaker: str = "He Lifeng", kind: str = "indirect", via: tuple[str, ...] = ()) -> SystemStatement:
    start = TEXT.index(piece)
    return SystemStatement(content=piece, speaker=speaker, kind=kind, via=via, start=start, end=start + len(piece))


HE = gold("The talks were useful and", via=("Xinhua",))
BESSENT = gold("We covered a lot of", speaker="Scott Bessent", kind="direct")
EXPERT = gold("the truce gives exporters certainty", speaker="the expert", resolves_to="Ruth Engvik")


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


def test_gold_loading_and_keys() -> None:
    data = {
        "a.txt": {"published": "2025-10-26", "statements": [
            {"speaker": "the expert", "resolves_to": "Bao Jianyun", "kind": "indirect", "cue": "said",
             "via": ["Xinhua"], "content_start": "Through trade talks, the US", "date": "2025-07-30"}]},
        "b.jsonl#2": {"statements": []},
    }
    loaded = sb.gold_from_json(data)
    assert loaded["a.txt"] == [GoldStatement("the expert", "indirect", "Through trade talks, the US", ("Xinhua",),
                                             "said", "Bao Jianyun", "2025-07-30")]
    assert loaded["b.jsonl#2"] == []
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
