"""Accuracy on real articles from other outlets: the news keys and PolNeAR, one table each.

Usage:
    python benchmarks/real_articles.py                  # both data sets
    python benchmarks/real_articles.py --set news       # the 30 keyed news articles only
    python benchmarks/real_articles.py --set polnear --split train --limit 100
    python benchmarks/real_articles.py --per-doc        # also one line per news article
    python benchmarks/real_articles.py --set news --keep ledgers/   # and each article's ledger, to read the misses

Data, read in place beside the checkout (never copied into the project):
- `../shared/data/news`: real articles from 30 outlets about 30 negotiations,
  each with a hand-made key in `gold.json`.
- `../shared/data/polnear/{dev,train}`: PolNeAR, attribution in political news
  (brat standoff).

Scoring is the data sets' own: the counting functions are imported from
`../shared/tools/score_news.py` and `../shared/tools/score_attribution.py`,
so the figures are the ones those scripts print. What differs is only how
talktrack is run: in this process, with the model loaded once, instead of one
`talktrack extract` command per article (minutes faster, same ledger).
A data set that is not beside the checkout is skipped with a message.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
NEWS = SHARED / "data" / "news"
POLNEAR = SHARED / "data" / "polnear"
TOOLS = SHARED / "tools"
NEWS_LAYERS = ("published", "talks", "people", "false_people", "statements", "timexes", "deadlines")


def load_scorer(name: str) -> ModuleType:
    """Import one of the data sets' own scoring scripts from `../shared/tools`."""
    spec = importlib.util.spec_from_file_location(f"_scorer_{name}", TOOLS / f"{name}.py")
    if spec is None or spec.loader is None:
        raise FileNotFoundError(TOOLS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def ledger_of(path: Path, published: str | None) -> dict[str, Any]:
    """Return the ledger (schema talktrack.ledger/1) `talktrack extract PATH` would print."""
    from talktrack.export.ledger import ledger_to_dict
    from talktrack.pipeline import extract_ledger
    from talktrack.settings import Settings

    return ledger_to_dict(extract_ledger([str(path)], Settings(), published=published))


def score_news(per_doc: bool, keep: Path | None = None) -> dict[str, tuple[float, int]]:
    """Score every keyed news article; return the totals per layer as (points, out of).

    With `keep`, each article's ledger is also written there as NAME.json, for reading the misses.
    """
    scorer = load_scorer("score_news")
    gold = json.loads((NEWS / "gold.json").read_text(encoding="utf-8"))
    totals: dict[str, tuple[float, int]] = {}
    for name, key in gold.items():
        ledger = ledger_of(NEWS / "text" / name, key.get("published"))
        if keep is not None:
            keep.mkdir(parents=True, exist_ok=True)
            (keep / f"{name}.json").write_text(json.dumps(ledger, ensure_ascii=False, indent=1), encoding="utf-8")
        result = scorer.score_doc(key, ledger)
        for layer, (hit, out_of) in result.items():
            h, t = totals.get(layer, (0.0, 0))
            totals[layer] = (h + hit, t + out_of)
        if per_doc:
            cells = " ".join(f"{layer}={result[layer][0]:g}/{result[layer][1]}" for layer in NEWS_LAYERS if layer in result)
            print(f"  {name:44s} {cells}")
    return totals


def print_news(totals: dict[str, tuple[float, int]]) -> None:
    """Print the per-layer table and the overall figure as score_news.py does."""
    print("| layer | points | out of | recall |")
    print("|---|---:|---:|---:|")
    for layer in NEWS_LAYERS:
        if layer in totals:
            hit, out_of = totals[layer]
            print(f"| {layer} | {hit:.1f} | {out_of} | {hit / out_of if out_of else 1:.2f} |")
    hit = sum(h for h, _ in totals.values())
    out_of = sum(t for _, t in totals.values())
    print(f"| **overall** | {hit:.1f} | {out_of} | **{hit / out_of:.3f}** |")


def polnear_dates(split: Path) -> dict[str, str | None]:
    """Return each PolNeAR file's publication date from the corpus metadata."""
    dates: dict[str, str | None] = {}
    path = split.parent / "metadata.tsv"
    if path.exists():
        with path.open(encoding="utf-8") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                dates[row["filename"]] = (row.get("publication_date") or "")[:10] or None
    return dates


def system_statements(text: str, path: Path, published: str | None) -> list[dict[str, Any]]:
    """Return talktrack's statements as content offsets into `text`, speaker names and how each speaker was found."""
    ledger = ledger_of(path, published)
    doc_text = ledger["documents"][0]["text"] if ledger["documents"] else ""
    found = []
    for st in ledger["statements"]:
        fragment = doc_text[st["start"] : st["end"]]
        i = text.find(fragment, max(0, st["start"] - 300)) if doc_text != text else st["start"]
        if i >= 0:
            found.append({"content": (i, i + len(fragment)), "speaker": st["speaker"].get("name") or "",
                          "method": st["speaker"].get("method")})
    return found


def polnear_articles(split: Path, limit: int) -> Iterator[tuple[str, list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]]:
    """Yield each annotated PolNeAR article of a split (the first `limit`, 0 for all) as its text, every gold
    attribution, the speech attributions among them (score_attribution.py's rule) and talktrack's statements."""
    scorer = load_scorer("score_attribution")
    dates = polnear_dates(split)
    texts = sorted((split / "text").iterdir())[: limit or None]
    anns = {p.name for p in (split / "attributions").iterdir()}
    for path in texts:
        stem = path.stem
        ann = sorted(a for a in anns if a.startswith(stem + "_"))
        if not ann:
            continue
        text = path.read_text(encoding="utf-8")
        gold_all = scorer.load_ann(str(split / "attributions" / ann[0]))
        gold = [g for g in gold_all if any(scorer.SPEECH.search(text[s:e]) for s, e in g["cue"])]
        yield text, gold_all, gold, system_statements(text, path, dates.get(stem))


def score_polnear(split: Path, limit: int) -> dict[str, dict[str, float]]:
    """Score speech attributions on a PolNeAR split with score_attribution.py's rules."""
    scorer = load_scorer("score_attribution")
    texts = sorted((split / "text").iterdir())[: limit or None]
    counts = {mode: {"found": 0, "spk": 0, "named": 0, "prec": 0} for mode in ("strict", "lenient")}
    gold_total = system_total = 0
    for text, gold_all, gold, found in polnear_articles(split, limit):
        gold_total += len(gold)
        system_total += len(found)
        for mode, c in counts.items():
            strict = mode == "strict"
            c["prec"] += sum(1 for s in found if any(scorer.overlap(s["content"], g["content"], strict) for g in gold_all))
            for g in gold:
                matched = [s for s in found if scorer.overlap(s["content"], g["content"], strict)]
                if not matched:
                    continue
                c["found"] += 1
                source = " ".join(text[s:e] for s, e in g["source"])
                if not g["source"] or source.strip().lower() in scorer.PRONOUNS:
                    continue
                c["named"] += 1
                if any(scorer.tokens(s["speaker"]) & scorer.tokens(source) for s in matched):
                    c["spk"] += 1
    result = {}
    for mode, c in counts.items():
        recall = c["found"] / gold_total if gold_total else 0.0
        precision = c["prec"] / system_total if system_total else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        speaker = c["spk"] / c["named"] if c["named"] else 0.0
        result[mode] = {"recall": recall, "precision": precision, "f1": f1, "speaker": speaker}
    result["counts"] = {"documents": float(len(texts)), "gold": float(gold_total), "system": float(system_total)}
    return result


def print_polnear(result: dict[str, dict[str, float]]) -> None:
    """Print recall, precision, F1 and speaker accuracy per span rule."""
    c = result["counts"]
    print(f"{c['documents']:.0f} articles, {c['gold']:.0f} speech attributions in the key, {c['system']:.0f} statements found")
    print("| span rule | recall | precision | F1 | speaker |")
    print("|---|---:|---:|---:|---:|")
    for mode in ("strict", "lenient"):
        r = result[mode]
        print(f"| {mode} | {r['recall']:.3f} | {r['precision']:.3f} | {r['f1']:.3f} | {r['speaker']:.3f} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=("news", "polnear", "both"), default="both")
    parser.add_argument("--split", choices=("dev", "train"), default="dev", help="PolNeAR split (dev by default)")
    parser.add_argument("--limit", type=int, default=0, help="score only the first N PolNeAR articles")
    parser.add_argument("--per-doc", action="store_true", help="one line per news article")
    parser.add_argument("--keep", type=Path, help="write each news article's ledger into this folder")
    args = parser.parse_args(argv)
    if not TOOLS.exists():
        print(f"the data sets and their scorers are not beside this checkout ({SHARED.name}/ is missing)")
        return 0
    if args.set in ("news", "both"):
        start = time.perf_counter()
        totals = score_news(args.per_doc, args.keep)
        print(f"## News articles (30 outlets, 30 negotiations), {time.perf_counter() - start:.0f} s")
        print_news(totals)
    if args.set in ("polnear", "both"):
        start = time.perf_counter()
        result = score_polnear(POLNEAR / args.split, args.limit)
        print(f"## PolNeAR {args.split}, {time.perf_counter() - start:.0f} s")
        print_polnear(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
