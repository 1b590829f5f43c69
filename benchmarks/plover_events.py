"""Event types on the PLOVER gold-standard records (sentences from the CAMEO manual), an outside check.

Usage: python benchmarks/plover_events.py [--errors N]

Data: `PLOVER_GSR_CAMEO.txt` read in place from `../shared/data/plover` beside
the checkout (322 sentences, each with one PLOVER event type; JSON with
trailing commas). None of it was read while the event rules were written.

Each sentence is extracted on its own as a one-sentence article (publication
date: the record's `date`). talktrack's event types map to PLOVER as the
ledger's `plover` field does (talks, meeting, call, summit, visit: CONSULT;
agreement: AGREE; threat: THREATEN; measure: SANCTION). For each of those
four PLOVER types the script counts, per sentence, whether talktrack found
an event of that type and whether the gold says the sentence is one:
precision, recall and F1 per type and micro-averaged. Sentences of the other
PLOVER types (ACCUSE, PROTEST, AID ...) are negatives for all four, so an
event found in them counts against precision. These sentences are short and
context-free, unlike news articles, and CAMEO's notion of an event is wider
than a negotiation record's (a SANCTION includes a boycott or a halt to aid),
so the figures measure how the triggers generalize, not the ledger's
accuracy on news.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from talktrack.extract import run_extractors  # noqa: E402
from talktrack.model import Document  # noqa: E402
from talktrack.nlp import load_nlp  # noqa: E402
from talktrack.settings import Settings  # noqa: E402

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "plover" / "PLOVER_GSR_CAMEO.txt"
SCORED = ("CONSULT", "AGREE", "THREATEN", "SANCTION")


def load_records(path: Path = DATA) -> list[dict[str, object]]:
    """Return the gold records that carry a sentence (the documentation record has none)."""
    raw = re.sub(r",(\s*[\]}])", r"\1", path.read_text(encoding="utf-8"))  # the file has trailing commas
    return [r for r in json.loads(raw) if isinstance(r, dict) and r.get("text")]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--errors", type=int, default=0, help="print N missed and N spurious sentences per type")
    args = parser.parse_args()
    if not DATA.exists():
        sys.exit(f"no PLOVER data at {DATA}")
    records = load_records()
    settings = Settings(near_duplicates=0.0)
    nlp = load_nlp(settings)
    counts: dict[str, Counter[str]] = {kind: Counter() for kind in SCORED}
    examples: dict[tuple[str, str], list[str]] = {}
    start = time.perf_counter()
    for record in records:
        text = str(record["text"])
        published = str(record.get("date") or "2000-01-01")[:10]
        document = Document(id=Document.make_id(text), text=text, published=published, published_basis="given")
        found = {e.plover for e in run_extractors(document, nlp(text), settings)["events"] if e.plover}
        gold = str(record.get("event") or "")
        for kind in SCORED:
            said, right = kind in found, gold == kind
            outcome = "tp" if said and right else "fp" if said else "fn" if right else "tn"
            counts[kind][outcome] += 1
            if outcome in ("fp", "fn"):
                examples.setdefault((kind, outcome), []).append(f"[{gold}] {text}")
    elapsed = time.perf_counter() - start
    print(f"{len(records)} sentences, {Counter(str(r.get('event')) for r in records).most_common(6)} ...")
    print(f"{'type':10s} {'gold':>5s} {'found':>6s} {'P':>6s} {'R':>6s} {'F1':>6s}")
    total: Counter[str] = Counter()
    for kind in SCORED:
        c = counts[kind]
        total.update(c)
        print(_row(kind, c))
    print(_row("micro", total))
    print(f"speed: {len(records) / elapsed:.1f} sentences/s")
    for (kind, outcome), texts in sorted(examples.items()):
        for text in texts[: args.errors]:
            print(f"{kind} {'missed' if outcome == 'fn' else 'spurious'}: {text}")


def _row(name: str, c: Counter[str]) -> str:
    gold, found = c["tp"] + c["fn"], c["tp"] + c["fp"]
    p = c["tp"] / found if found else 0.0
    r = c["tp"] / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"{name:10s} {gold:5d} {found:6d} {p:6.2f} {r:6.2f} {f:6.2f}"


if __name__ == "__main__":
    main()
