"""Score a time-expression tagger on the TempEval-3 TimeML data, counted the TempEval-3 way.

Usage:
    python benchmarks/timex_tempeval.py                    # dev and test summaries, talktrack tagger
    python benchmarks/timex_tempeval.py --split dev --errors 10
    python benchmarks/timex_tempeval.py --tagger baseline --split dev --errors 5

Data: TBAQ-cleaned from TempEval-3 (UzZaman et al. 2013), read in place from
`../shared/data/tempeval3/TBAQ-cleaned` beside the checkout. `--split dev` is
TimeBank (183 documents) and the 1st, 3rd, 5th ... of AQUAINT's 73 files in
name order (37 documents), for development; `--split test` is the other 36
AQUAINT files, held out: only their summary figures are printed, never
examples. `--split all` is both folders whole. Without `--split`, the dev and
the test summaries are printed in one run, one labelled block each.

Until the sixteenth round all of AQUAINT was held out and only TimeBank developed on;
AQUAINT follows conventions TimeBank does not (the summaries showed a value
F1 0.11 lower there), so half of it became development data. No AQUAINT
example had been shown before the split.

Each document's plain text is the concatenated text content of its `<TEXT>`
element; gold TIMEX3 offsets are character offsets into it. The tagger is
given that text and the document creation time (the `<DCT>` TIMEX3).

Scoring, per document, then totalled over documents (micro-averaged):
- strict: a system timex with exactly the span of a gold timex;
- relaxed: a system timex overlapping a gold timex by at least one character,
  each timex matched at most once, greedily by largest overlap;
- type F1 / value F1: true positives are relaxed matches whose type (value,
  compared after upper-casing) also agrees; P = tp / system count,
  R = tp / gold count, as the TempEval-3 scorer reports attribute F1.

`--errors N` prints N value errors, N missed and N spurious timexes (dev
documents only) to help development. `--tagger baseline` uses a tiny regex
tagger inside this script, to check the scorer without talktrack's tagger.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "tempeval3" / "TBAQ-cleaned"
# (folder, which of its files in name order: "all", "even" (the 1st, 3rd, ...) or "odd" (the 2nd, 4th, ...))
SPLITS: dict[str, tuple[tuple[str, str], ...]] = {
    "dev": (("TimeBank", "all"), ("AQUAINT", "even")),
    "test": (("AQUAINT", "odd"),),
    "all": (("TimeBank", "all"), ("AQUAINT", "all")),
}
SPLIT_LABELS = {
    "dev": "dev (TimeBank + AQUAINT's 1st, 3rd, ... file)",
    "test": "test (AQUAINT's 2nd, 4th, ... file, held out)",
    "all": "all (TimeBank + AQUAINT)",
}
TYPES = ("DATE", "TIME", "DURATION", "SET")
HEIDELTIME_REFERENCE = "HeidelTime at TempEval-3 (test set): relaxed F1 0.91, value F1 0.78"


# ---------------------------------------------------------------- data model


class TimexLike(Protocol):
    """What a tagger returns per expression (talktrack's `Timex` has these attributes)."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def type(self) -> str: ...
    @property
    def value(self) -> str: ...


@dataclass(frozen=True)
class Span:
    """One time expression, gold or system: character offsets (end exclusive), text, type, value."""

    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True)
class GoldDoc:
    """One TimeML document: id, creation date, plain text of `<TEXT>` and its gold timexes."""

    doc_id: str
    dct: dt.date
    text: str
    timexes: tuple[Span, ...]


Tagger = Callable[[str, dt.date], Sequence[TimexLike]]


# ---------------------------------------------------------------- reading TimeML


def parse_dct(value: str) -> dt.date:
    """Return the date of a DCT value such as `1998-01-08` or `1999-03-12T18:41`."""
    return dt.date.fromisoformat(value[:10])


def _walk(elem: ET.Element, parts: list[str], spans: list[Span], offset: int) -> int:
    """Append the text of `elem`'s content (not its tail) to `parts`, record TIMEX3s; return the new offset."""
    start, first_part = offset, len(parts)
    if elem.text:
        parts.append(elem.text)
        offset += len(elem.text)
    for child in elem:
        offset = _walk(child, parts, spans, offset)
        if child.tail:
            parts.append(child.tail)
            offset += len(child.tail)
    if elem.tag == "TIMEX3":
        text = "".join(parts[first_part:])
        spans.append(Span(start, offset, text, elem.get("type", ""), elem.get("value", "")))
    return offset


def text_and_timexes(text_elem: ET.Element) -> tuple[str, list[Span]]:
    """Return the plain text of a `<TEXT>` element and its TIMEX3s with offsets into that text."""
    parts: list[str] = []
    spans: list[Span] = []
    _walk(text_elem, parts, spans, 0)
    spans.sort(key=lambda s: (s.start, s.end))
    return "".join(parts), spans


def read_timeml(source: str | bytes, doc_id: str) -> GoldDoc:
    """Parse one TimeML document given as a string; the DCT timex is not among the gold timexes."""
    root = ET.fromstring(source)
    dct_timex = root.find("DCT/TIMEX3")
    if dct_timex is None or not dct_timex.get("value"):
        raise ValueError(f"{doc_id}: no <DCT><TIMEX3 value=...> element")
    text_elem = root.find("TEXT")
    if text_elem is None:
        raise ValueError(f"{doc_id}: no <TEXT> element")
    text, spans = text_and_timexes(text_elem)
    return GoldDoc(doc_id, parse_dct(dct_timex.get("value", "")), text, tuple(spans))


def read_timeml_file(path: Path) -> GoldDoc:
    """Read one `.tml` file; the document id is the file name without `.tml`."""
    return read_timeml(path.read_bytes(), path.stem)


def load_split(split: str, data: Path = DATA) -> list[GoldDoc]:
    """Read every document of a split (`dev`, `test` or `all`), in file-name order, folder by folder."""
    paths: list[Path] = []
    for folder, part in SPLITS[split]:
        files = sorted((data / folder).glob("*.tml"))
        paths += files if part == "all" else files[0::2] if part == "even" else files[1::2]
    return [read_timeml_file(p) for p in paths]


# ---------------------------------------------------------------- matching and scoring


def overlap(a: Span, b: Span) -> int:
    """Number of characters two spans share."""
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def strict_matches(gold: Sequence[Span], system: Sequence[Span]) -> int:
    """Number of one-to-one pairs of gold and system timexes with identical spans."""
    free: dict[tuple[int, int], int] = {}
    for g in gold:
        free[(g.start, g.end)] = free.get((g.start, g.end), 0) + 1
    count = 0
    for s in system:
        if free.get((s.start, s.end), 0) > 0:
            free[(s.start, s.end)] -= 1
            count += 1
    return count


def relaxed_matches(gold: Sequence[Span], system: Sequence[Span]) -> list[tuple[int, int]]:
    """Pair overlapping gold and system timexes one-to-one, greedily by largest overlap.

    Ties go to the pair whose boundaries differ least, then to document order.
    Returns (gold index, system index) pairs sorted by gold index.
    """
    candidates = []
    for gi, g in enumerate(gold):
        for si, s in enumerate(system):
            shared = overlap(g, s)
            if shared > 0:
                mismatch = abs(g.start - s.start) + abs(g.end - s.end)
                candidates.append((-shared, mismatch, gi, si))
    candidates.sort()
    used_gold: set[int] = set()
    used_system: set[int] = set()
    pairs = []
    for _, _, gi, si in candidates:
        if gi not in used_gold and si not in used_system:
            used_gold.add(gi)
            used_system.add(si)
            pairs.append((gi, si))
    return sorted(pairs)


def same_value(a: str, b: str) -> bool:
    """TIMEX3 values agree: exact string equality after upper-casing."""
    return a.upper() == b.upper()


def same_type(a: str, b: str) -> bool:
    """TIMEX3 types agree (case-insensitive)."""
    return a.upper() == b.upper()


@dataclass
class TypeCounts:
    """Per gold type: gold timexes, how many were found (relaxed), how many with the right value."""

    gold: int = 0
    found: int = 0
    value_ok: int = 0
    system: int = 0


@dataclass(frozen=True)
class Example:
    """One error for `--errors`: the document, the gold and/or system timex and some context."""

    doc_id: str
    gold: Span | None
    system: Span | None
    context: str


@dataclass
class Counts:
    """Totals over documents, from which the scores are computed."""

    docs: int = 0
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    type_ok: int = 0
    value_ok: int = 0
    per_type: dict[str, TypeCounts] = field(default_factory=dict)
    value_errors: list[Example] = field(default_factory=list)
    missed: list[Example] = field(default_factory=list)
    spurious: list[Example] = field(default_factory=list)

    def type_counts(self, type_: str) -> TypeCounts:
        """The per-type counter for `type_`, created on first use."""
        return self.per_type.setdefault(type_.upper() or "?", TypeCounts())


def snippet(text: str, start: int, end: int, width: int = 40) -> str:
    """The text around [start, end) on one line, the expression in [brackets]."""
    before = text[max(0, start - width) : start]
    after = text[end : end + width]
    return " ".join(f"{before}[{text[start:end]}]{after}".split())


def score_document(doc: GoldDoc, system: Sequence[Span], counts: Counts) -> None:
    """Match one document's system timexes to its gold timexes and add the results to `counts`."""
    gold = doc.timexes
    pairs = relaxed_matches(gold, system)
    counts.docs += 1
    counts.gold += len(gold)
    counts.system += len(system)
    counts.strict += strict_matches(gold, system)
    counts.relaxed += len(pairs)
    for g in gold:
        counts.type_counts(g.type).gold += 1
    for s in system:
        counts.type_counts(s.type).system += 1
    for gi, si in pairs:
        g, s = gold[gi], system[si]
        counts.type_counts(g.type).found += 1
        counts.type_ok += same_type(g.type, s.type)
        if same_value(g.value, s.value):
            counts.value_ok += 1
            counts.type_counts(g.type).value_ok += 1
        else:
            counts.value_errors.append(Example(doc.doc_id, g, s, snippet(doc.text, g.start, g.end)))
    matched_gold = {gi for gi, _ in pairs}
    matched_system = {si for _, si in pairs}
    for gi, g in enumerate(gold):
        if gi not in matched_gold:
            counts.missed.append(Example(doc.doc_id, g, None, snippet(doc.text, g.start, g.end)))
    for si, s in enumerate(system):
        if si not in matched_system:
            counts.spurious.append(Example(doc.doc_id, None, s, snippet(doc.text, s.start, s.end)))


def prf(tp: int, system: int, gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1 (0.0 where undefined)."""
    p = tp / system if system else 0.0
    r = tp / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def scores(counts: Counts) -> dict[str, tuple[float, float, float]]:
    """Strict, relaxed, type and value P/R/F1 of the totals."""
    return {
        "strict": prf(counts.strict, counts.system, counts.gold),
        "relaxed": prf(counts.relaxed, counts.system, counts.gold),
        "type": prf(counts.type_ok, counts.system, counts.gold),
        "value": prf(counts.value_ok, counts.system, counts.gold),
    }


# ---------------------------------------------------------------- taggers


def to_span(t: TimexLike) -> Span:
    """Copy a tagger's timex into a `Span`."""
    return Span(int(t.start), int(t.end), str(t.text), str(t.type), str(t.value))


MONTHS = ["january", "february", "march", "april", "may", "june", "july",
          "august", "september", "october", "november", "december"]  # fmt: skip
_MONTH_ALT = "|".join(m.capitalize() for m in MONTHS)
MONTH_DATE = re.compile(
    rf"\b(?P<month>{_MONTH_ALT})"
    r"(?:\s+(?P<day>[0-3]?\d)(?!\d)(?:,?\s+(?P<year1>(?:1[89]|20)\d\d)\b)?"
    r"|,?\s+(?P<year2>(?:1[89]|20)\d\d)\b)?"
)
YEAR = re.compile(r"(?<![\d,.$])\b(?:1[89]|20)\d\d\b(?![,.]?\d)")
WEEKDAY = re.compile(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")


def _month_value(m: re.Match[str], dct: dt.date) -> str | None:
    """The TIMEX3 value of a month-name match, or None for a bare "May" (usually the verb)."""
    month = MONTHS.index(m.group("month").lower()) + 1
    year = m.group("year1") or m.group("year2")
    day = m.group("day")
    if day is not None and not 1 <= int(day) <= 31:
        return None
    if day is None and year is None and m.group("month") == "May":
        return None
    value = f"{year or dct.year:04}-{month:02d}"
    return f"{value}-{int(day):02d}" if day else value


def baseline_tagger(text: str, dct: dt.date) -> list[Span]:
    """A tiny regex tagger: month-name dates, four-digit years, weekday names; all DATE."""
    found: list[Span] = []

    def add(start: int, end: int, value: str) -> None:
        if all(overlap(Span(start, end, "", "", ""), s) == 0 for s in found):
            found.append(Span(start, end, text[start:end], "DATE", value))

    for m in MONTH_DATE.finditer(text):
        value = _month_value(m, dct)
        if value is not None:
            add(m.start(), m.end(), value)
    for m in YEAR.finditer(text):
        add(m.start(), m.end(), m.group(0))
    for m in WEEKDAY.finditer(text):
        add(m.start(), m.end(), "XXXX-XX-XX")
    return sorted(found, key=lambda s: s.start)


def talktrack_tagger() -> Tagger:
    """talktrack's tagger with default settings, its model loaded before any timing."""
    from talktrack.extract.timex import annotate_text
    from talktrack.settings import Settings

    settings = Settings()

    def tag(text: str, dct: dt.date) -> Sequence[TimexLike]:
        return annotate_text(text, dct, settings)

    tag("The talks resumed on Monday, two weeks after January 8, 1998.", dt.date(1998, 1, 9))  # warm-up
    return tag


def make_tagger(name: str) -> Tagger:
    """The tagger called `name` (`talktrack` or `baseline`)."""
    return baseline_tagger if name == "baseline" else talktrack_tagger()


# ---------------------------------------------------------------- running and printing


def evaluate(docs: Iterable[GoldDoc], tagger: Tagger) -> tuple[Counts, float]:
    """Tag every document once and score it; return the totals and the seconds spent tagging."""
    counts = Counts()
    seconds = 0.0
    for doc in docs:
        start = time.perf_counter()
        output = tagger(doc.text, doc.dct)
        seconds += time.perf_counter() - start
        score_document(doc, [to_span(t) for t in output], counts)
    return counts, seconds


def format_summary(label: str, tagger: str, counts: Counts, seconds: float) -> list[str]:
    """The summary block of one split: scores, counts, per-type counts, speed."""
    lines = [f"== {label}: {counts.docs} documents, {counts.gold} gold TIMEX3, tagger {tagger} =="]
    lines.append(f"{'':10}{'P':>8}{'R':>8}{'F1':>8}")
    for name, (p, r, f) in scores(counts).items():
        lines.append(f"{name:10}{p:8.3f}{r:8.3f}{f:8.3f}")
    lines.append(
        f"counts: gold {counts.gold}, system {counts.system}, strict {counts.strict}, "
        f"relaxed {counts.relaxed}, type ok {counts.type_ok}, value ok {counts.value_ok}"
    )
    lines.append(f"{'type':10}{'gold':>8}{'found':>8}{'value ok':>10}{'system':>8}")
    others = sorted(set(counts.per_type) - set(TYPES))
    for type_ in [*TYPES, *others]:
        c = counts.per_type.get(type_, TypeCounts())
        lines.append(f"{type_:10}{c.gold:8}{c.found:8}{c.value_ok:10}{c.system:8}")
    rate = counts.docs / seconds if seconds > 0 else float("inf")
    lines.append(f"speed: {counts.docs} documents tagged in {seconds:.2f} s ({rate:.1f} documents/s)")
    return lines


def _show(span: Span | None) -> str:
    return "-" if span is None else f"{span.text!r} {span.type} {span.value}"


def format_errors(counts: Counts, n: int) -> list[str]:
    """Up to `n` value errors, `n` missed and `n` spurious timexes, in document order."""
    lines: list[str] = []
    sections = [
        ("value errors", counts.value_errors),
        ("missed (gold, no system)", counts.missed),
        ("spurious (system, no gold)", counts.spurious),
    ]
    for title, examples in sections:
        lines.append(f"-- {title}: {len(examples)} in all, first {min(n, len(examples))} --")
        for ex in examples[:n]:
            lines.append(f"{ex.doc_id}: {ex.context}")
            lines.append(f"    gold {_show(ex.gold)} | system {_show(ex.system)}")
    return lines


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Command-line options; `--errors` is refused where the held-out test set would be shown."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--split", choices=sorted(SPLITS), default=None,
                        help="dev (TimeBank and half of AQUAINT), test (the other half, held out) or all; "
                             "default: dev and test summaries")
    parser.add_argument("--tagger", choices=["talktrack", "baseline"], default="talktrack")
    parser.add_argument("--errors", type=int, default=0, metavar="N",
                        help="print N value errors, N missed and N spurious examples (dev documents only)")
    parser.add_argument("--data", type=Path, default=DATA, help="the TBAQ-cleaned folder")
    args = parser.parse_args(argv)
    if args.errors < 0:
        parser.error("--errors takes a number >= 0")
    if args.errors and args.split in ("test", "all"):
        parser.error(f"--errors is refused with --split {args.split}: the test set (half of AQUAINT) is held out; "
                     "use --split dev")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print the figures; return the exit status."""
    args = parse_args(argv)
    if not args.data.is_dir():
        print(f"TempEval-3 data not found at {args.data}", file=sys.stderr)
        return 2
    try:
        tagger = make_tagger(args.tagger)
    except ImportError as exc:
        print(f"cannot load the {args.tagger} tagger ({exc}); try --tagger baseline", file=sys.stderr)
        return 2
    for split in [args.split] if args.split else ["dev", "test"]:
        counts, seconds = evaluate(load_split(split, args.data), tagger)
        print("\n".join(format_summary(SPLIT_LABELS[split], args.tagger, counts, seconds)))
        if args.errors and split == "dev":
            print("\n".join(format_errors(counts, args.errors)))
        print()
    print(f"reference: {HEIDELTIME_REFERENCE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
