"""Measure the precision of each method that finds a speaker or an event, and write data/confidence.yaml.

Usage:
    python benchmarks/calibrate_confidence.py            # print the table and the held-out check
    python benchmarks/calibrate_confidence.py --write    # also rewrite src/talktrack/data/confidence.yaml
    python benchmarks/calibrate_confidence.py --limit 50 --no-dev

What is measured, on data annotated by others (read in place beside the
checkout, never copied into the project):
- speakers, on PolNeAR train (`../shared/data/polnear/train`): a statement
  whose content matches a gold attribution (score_attribution.py's strict
  rule: the shared characters cover half of the longer span) with a named
  source (not a bare pronoun) is scored; its speaker is right when it
  shares a word with that source (the scorer's token rule). Statements
  that match no attribution, or only ones with a pronoun source, say
  nothing about their speaker and are not counted.
- events, on the keyed news articles (`../shared/data/news`): a round
  (talks, meeting) is right when a key round has its place (the place
  named in the event's) and its first day (score_news.py's date rule); a
  deadline when a key deadline has its day. The keys annotate only rounds
  and deadlines: events of the other types are not scored and take the
  figure of all scored events (the root), by the rule below.

Every example counts for its method and each parent of it ("quote_cue.name",
"quote_cue", the root "*"). A method's confidence is (right + 1) / (examples + 2),
the rule of succession, when it has at least `MIN_EXAMPLES` examples; with fewer
it takes its parent's confidence (and names that parent under `from`). The rule
of succession keeps a small count from claiming certainty (five right of five
is 0.857); below five examples a figure would say more about chance than about
the method. Nothing is set per article or per method by hand.

PolNeAR dev is never used to calibrate: `--dev` (the default) scores it
afterwards and prints the precision of the speakers per band of confidence,
the held-out check of the figures.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from benchmarks.real_articles import NEWS, POLNEAR, TOOLS, ledger_of, load_scorer, polnear_articles
from talktrack.confidence import CONFIDENCE_FILE, METHODS, ROOT, lineage

OUT = Path(__file__).resolve().parent.parent / "src" / "talktrack" / "data" / CONFIDENCE_FILE
MIN_EXAMPLES = 5  # fewer scored examples than this: a method takes its parent's figure
BANDS = (0.0, 0.5, 0.7, 0.8, 0.9, 1.0)  # the confidence bands of the held-out check

Counts = dict[str, list[int]]  # method -> [right, examples]
Table = dict[str, dict[str, Any]]  # method -> confidence, right, examples, from


def speaker_examples(split: Path, limit: int) -> Iterable[tuple[str, bool]]:
    """Yield (method, right) for each statement of a PolNeAR split whose speaker the key can judge."""
    scorer = load_scorer("score_attribution")
    for text, gold_all, _, found in polnear_articles(split, limit):
        for st in found:
            sources = [
                source for g in gold_all if scorer.overlap(st["content"], g["content"], True) and g["source"]
                for source in [" ".join(text[s:e] for s, e in g["source"])] if source.strip().lower() not in scorer.PRONOUNS
            ]
            if sources and st["method"]:
                yield st["method"], any(scorer.tokens(st["speaker"]) & scorer.tokens(source) for source in sources)


def event_examples() -> Iterable[tuple[str, bool]]:
    """Yield (method, right) for each round and deadline talktrack finds in the keyed news articles."""
    scorer = load_scorer("score_news")
    gold = json.loads((NEWS / "gold.json").read_text(encoding="utf-8"))
    for name, key in gold.items():
        ledger = ledger_of(NEWS / "text" / name, key.get("published"))
        for e in ledger["events"]:
            if e["type"] in ("talks", "meeting"):
                right = any(
                    scorer.norm(t["place"]) in scorer.norm(e.get("place")) and scorer.date_ok(t["start"], e.get("start"))
                    for t in key["talks"]
                )
            elif e["type"] == "deadline":
                right = any(scorer.date_ok(d["date"], e.get("start")) for d in key["deadlines"])
            else:
                continue
            yield e["method"], right


def count(examples: Iterable[tuple[str, bool]]) -> Counts:
    """Return right and examples per method, each example counted for its method and every parent."""
    counts: Counts = defaultdict(lambda: [0, 0])
    for method, right in examples:
        for name in lineage(method):
            counts[name][0] += right
            counts[name][1] += 1
    return counts


def table(methods: Iterable[str], counts: Counts) -> Table:
    """Return the figure of every method the code can emit and of every parent of one (see the module's rule)."""
    names = sorted({name for method in methods for name in lineage(method)}, key=lambda n: (n != ROOT, n.count("."), n))
    out: Table = {}
    for name in names:  # parents first: a method with too few examples finds its parent's figure already there
        right, examples = counts.get(name, [0, 0])
        entry: dict[str, Any] = {"right": right, "examples": examples}
        if examples >= MIN_EXAMPLES or name == ROOT:
            entry["confidence"] = round((right + 1) / (examples + 2), 3)
        else:
            parent = lineage(name)[1]
            entry["confidence"] = out[parent]["confidence"]
            entry["from"] = out[parent].get("from", parent)
        out[name] = entry
    return out


def print_table(kind: str, figures: Table) -> None:
    """Print a kind's figures for the methods that had examples, and how many take a parent's figure."""
    print(f"| {kind} method | examples | right | precision | confidence | from |")
    print("|---|---:|---:|---:|---:|---|")
    for name, f in figures.items():
        if f["examples"]:
            precision = f["right"] / f["examples"]
            print(f"| {name} | {f['examples']} | {f['right']} | {precision:.3f} | {f['confidence']:.3f} | {f.get('from', '')} |")
    borrowed = sum(1 for f in figures.values() if "from" in f)
    print(f"({len(figures)} methods and parents listed; {borrowed} take a parent's figure)")


def write(figures: dict[str, Table], sizes: dict[str, str], path: Path = OUT) -> None:
    """Write the table as data/confidence.yaml, one method a line."""
    lines = [
        "# The confidence of each method that finds a statement's speaker or an event (talktrack.confidence).",
        "# Written by benchmarks/calibrate_confidence.py, which says how it is measured; do not edit by hand.",
        f"# confidence = (right + 1) / (examples + 2) with {MIN_EXAMPLES} examples or more; else the parent's (`from`).",
    ]
    for kind, figs in figures.items():
        lines.append(f"{kind}:  # {sizes[kind]}")
        for name, f in figs.items():
            extra = f", from: {json.dumps(f['from'])}" if "from" in f else ""
            lines.append(f"  {json.dumps(name)}: {{confidence: {f['confidence']}, right: {f['right']}, examples: {f['examples']}{extra}}}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def dev_check(figures: Table, limit: int) -> None:
    """Print how the speaker confidences hold on PolNeAR dev: precision per band, and overall."""
    rows: list[tuple[float, bool]] = []
    for method, right in speaker_examples(POLNEAR / "dev", limit):
        entry = next((figures[n] for n in lineage(method) if n in figures), None)
        rows.append((entry["confidence"] if entry else 0.5, right))
    print("| confidence band | speakers | right | precision | mean confidence |")
    print("|---|---:|---:|---:|---:|")
    for low, high in zip(BANDS, BANDS[1:]):
        band = [(c, r) for c, r in rows if low <= c < high or high == 1.0 and c == 1.0]
        if band:
            right = sum(r for _, r in band)
            mean = sum(c for c, _ in band) / len(band)
            print(f"| {low:.1f}-{high:.1f} | {len(band)} | {right} | {right / len(band):.3f} | {mean:.3f} |")
    if rows:
        brier = sum((c - r) ** 2 for c, r in rows) / len(rows)
        flat = figures[ROOT]["confidence"]  # one figure for every speaker: what the methods add is the difference
        brier_flat = sum((flat - r) ** 2 for _, r in rows) / len(rows)
        print(f"all: {len(rows)} speakers, precision {sum(r for _, r in rows) / len(rows):.3f}, "
              f"mean confidence {sum(c for c, _ in rows) / len(rows):.3f}, Brier score {brier:.4f} "
              f"(one figure for all, {flat:.3f}: {brier_flat:.4f})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"rewrite src/talktrack/data/{CONFIDENCE_FILE}")
    parser.add_argument("--limit", type=int, default=0, help="read only the first N PolNeAR articles of each split")
    parser.add_argument("--no-dev", action="store_true", help="skip the held-out check on PolNeAR dev")
    args = parser.parse_args(argv)
    if not TOOLS.exists():
        print("the data sets and their scorers are not beside this checkout (../shared is missing)")
        return 1
    figures = {
        "speaker": table(METHODS["speaker"], count(speaker_examples(POLNEAR / "train", args.limit))),
        "event": table(METHODS["event"], count(event_examples())),
    }
    sizes = {
        "speaker": f"PolNeAR train, {figures['speaker'][ROOT]['examples']} speakers the key can judge",
        "event": f"news keys, {figures['event'][ROOT]['examples']} rounds and deadlines",
    }
    for kind, figs in figures.items():
        print(f"## {kind}: {sizes[kind]}")
        print_table(kind, figs)
    if args.write:
        write(figures, sizes)
        print(f"wrote {OUT}")
    if not args.no_dev:
        print("## held-out check: speakers on PolNeAR dev")
        dev_check(figures["speaker"], args.limit)
    return 0


if __name__ == "__main__":
    sys.exit(main())
