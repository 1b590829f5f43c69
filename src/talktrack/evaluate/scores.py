"""Counts behind the figures `talktrack eval` prints: detection P/R/F1 and attribute accuracies.

Every layer is scored per document and the counts are summed over the
corpus (micro-average), so a long article weighs more than a short one.
A ratio whose denominator is zero is None ("n/a"), never 0 or 1.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

G = TypeVar("G")
S = TypeVar("S")


def ratio(numerator: int, denominator: int) -> float | None:
    """Return numerator / denominator, or None when the denominator is zero."""
    return numerator / denominator if denominator else None


def doc_key(source: str | None) -> str | None:
    """Return the gold key of a document source path: its file name ("ex09-wire-feed.jsonl#2")."""
    return Path(source).name if source else None


@dataclass
class Pairing(Generic[G, S]):
    """One document's pairing of gold and system records: matched pairs, missed gold, spurious system."""

    pairs: list[tuple[G, S]] = field(default_factory=list)
    missed: list[G] = field(default_factory=list)
    spurious: list[S] = field(default_factory=list)


@dataclass
class Accuracy:
    """How many matched pairs got one attribute right, out of those where it was scored."""

    correct: int = 0
    scored: int = 0

    def add(self, ok: bool) -> None:
        """Count one scored pair, right or wrong."""
        self.scored += 1
        self.correct += bool(ok)

    def merge(self, other: Accuracy) -> None:
        """Add another count to this one."""
        self.correct += other.correct
        self.scored += other.scored

    @property
    def value(self) -> float | None:
        return ratio(self.correct, self.scored)

    def to_dict(self) -> dict[str, Any]:
        """Return the counts and the ratio, JSON-ready."""
        return {"correct": self.correct, "scored": self.scored, "accuracy": _round(self.value)}


class Rates:
    """Precision, recall and F1 from `gold`, `found` and `matched` counts, shared by every layer's score."""

    documents: int
    gold: int
    found: int
    matched: int

    def detect(self, pairing: Pairing[Any, Any]) -> None:
        """Add one document's detection counts from its pairing."""
        self.documents += 1
        self.gold += len(pairing.pairs) + len(pairing.missed)
        self.found += len(pairing.pairs) + len(pairing.spurious)
        self.matched += len(pairing.pairs)

    @property
    def precision(self) -> float | None:
        return ratio(self.matched, self.found)

    @property
    def recall(self) -> float | None:
        return ratio(self.matched, self.gold)

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class LayerScore(Rates):
    """Detection counts and attribute accuracies of one layer, for one document or a corpus.

    `accuracies` are over matched pairs ("speaker", "value", "leads" ...);
    `by_side` splits the events' leads by side code; `counts` holds plain
    tallies such as "not_people_violations".
    """

    documents: int = 0
    gold: int = 0
    found: int = 0
    matched: int = 0
    accuracies: dict[str, Accuracy] = field(default_factory=dict)
    by_side: dict[str, Accuracy] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    def accuracy(self, name: str) -> Accuracy:
        """Return the accuracy counter `name`, created empty on first use."""
        return self.accuracies.setdefault(name, Accuracy())

    def merge(self, other: LayerScore) -> None:
        """Add another document's (or corpus') counts to these."""
        self.documents += other.documents
        self.gold += other.gold
        self.found += other.found
        self.matched += other.matched
        for mine, theirs in ((self.accuracies, other.accuracies), (self.by_side, other.by_side)):
            for name, acc in theirs.items():
                mine.setdefault(name, Accuracy()).merge(acc)
        for name, count in other.counts.items():
            self.counts[name] = self.counts.get(name, 0) + count

    def to_dict(self) -> dict[str, Any]:
        """Return the figures, JSON-ready; ratios rounded to four places."""
        out: dict[str, Any] = {
            "documents": self.documents, "gold": self.gold, "found": self.found, "matched": self.matched,
            "precision": _round(self.precision), "recall": _round(self.recall), "f1": _round(self.f1),
            "accuracy": {name: acc.to_dict() for name, acc in self.accuracies.items()},
        }
        if self.by_side:
            out["leads_by_side"] = {side: acc.to_dict() for side, acc in sorted(self.by_side.items())}
        if self.counts:
            out["counts"] = dict(self.counts)
        return out


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)
