"""The words of measures (data/measures.yaml), found in a sentence's text without spaCy.

A stored event keeps whole sentences as evidence, not the word that made
it; these helpers find that word again in a sentence ("extend" for an
extension, "deadline" for a deadline) and read the words around it: what
kind of measure they name (a suspension, a tariff, fees ...), how many days
it runs ("a 90-day truce"), and whether the sentence reports a change or
only talks about one ("a deal to extend the pause was likely").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from talktrack.datafiles import bundled_yaml

WINDOW = 10  # words either side of an event's word that say what it acts on
AGREEMENT_WINDOW = 5  # words after "agreed" that say to what: "agreed to resume purchases of wheat"
BEFORE = 3  # a kind's word before an event's word counts this many words farther than one after it
HEDGE_WINDOW = 6  # words either side of it that may make it talk of a change rather than report one
_WORD = re.compile(r"[^\W_](?:[\w'’-]*\w)?")
_DAYS = re.compile(r"\b(\d{1,4})(?:-| )days?\b", re.I)

Pattern = tuple[str, ...]  # lowercased words; one ending in "*" matches any ending


@dataclass(frozen=True, slots=True)
class Word:
    """A word of a text with its character offsets."""

    text: str  # lowercased
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Hit:
    """Where a pattern matched: the first and last word (indexes into the word list) and its characters."""

    first: int
    last: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class MeasureWords:
    """The vocabulary: kinds of measure in order of precedence, change and type words, hedges."""

    kinds: tuple[tuple[str, str, tuple[Pattern, ...]], ...]  # (id, label, patterns)
    changes: dict[str, tuple[Pattern, ...]]  # an event's action -> the words that say it
    types: dict[str, tuple[Pattern, ...]]  # an event's type -> the words that signal it
    hedges: frozenset[str]

    def label(self, kind: str) -> str:
        """Return a kind's label ("Suspension"), the id for a kind the vocabulary does not list."""
        return next((label for k, label, _ in self.kinds if k == kind), kind)

    def kind_patterns(self, kind: str) -> tuple[Pattern, ...]:
        """Return the words of one kind of measure."""
        return next((patterns for k, _, patterns in self.kinds if k == kind), ())


def _patterns(raw: list[Any]) -> tuple[Pattern, ...]:
    return tuple(tuple(str(p).lower().split()) for p in raw or [])


@lru_cache(maxsize=1)
def measure_words() -> MeasureWords:
    """Return the bundled vocabulary of measures."""
    raw: dict[str, Any] = bundled_yaml("measures.yaml")
    return MeasureWords(
        kinds=tuple((str(k["id"]), str(k["label"]), _patterns(k["words"])) for k in raw["kinds"]),
        changes={str(k): _patterns(v) for k, v in raw["changes"].items()},
        types={str(k): _patterns(v) for k, v in raw["types"].items()},
        hedges=frozenset(str(w).lower() for w in raw["hedges"]),
    )


def words_of(text: str, offset: int = 0) -> list[Word]:
    """Return the words of `text`, lowercased, with offsets shifted by `offset` (the text's place in its document)."""
    return [Word(m.group().lower().replace("’", "'"), offset + m.start(), offset + m.end()) for m in _WORD.finditer(text)]


def _word_matches(pattern: str, word: str) -> bool:
    return word.startswith(pattern[:-1]) if pattern.endswith("*") else word == pattern


def find(words: list[Word], patterns: tuple[Pattern, ...], first: int = 0, last: int | None = None) -> list[Hit]:
    """Return where any of `patterns` matches within words[first:last], in text order."""
    stop = len(words) if last is None else min(last, len(words))
    hits = []
    for i in range(max(first, 0), stop):
        for p in patterns:
            j = i + len(p)
            if j <= stop and all(_word_matches(part, words[i + k].text) for k, part in enumerate(p)):
                hits.append(Hit(i, j - 1, words[i].start, words[j - 1].end))
                break
    return hits


@dataclass(frozen=True, slots=True)
class KindHit:
    """The kind of measure words name, where they name it, and how far from the event's word (suspensions first)."""

    kind: str
    hit: Hit
    rank: tuple[int, int]


def kind_near(vocab: MeasureWords, words: list[Word], anchor: Hit, reach: int = WINDOW) -> KindHit | None:
    """Return the kind of measure the words around `anchor` name, with where they name it.

    A suspension word anywhere in reach wins ("extend the suspension of
    tariffs" is a suspension); otherwise the kind word nearest the anchor,
    a word after it counting `BEFORE` words nearer than one before it
    ("sanctioned producers could result in steep tariffs" threatens tariffs).
    The anchor's own words count: "suspend" is a suspension.
    """
    first, last = anchor.first - reach, anchor.last + reach + 1
    best: KindHit | None = None
    for order, (kind, _, patterns) in enumerate(vocab.kinds):
        for hit in find(words, patterns, first, last):
            if hit.first > anchor.last:
                distance = hit.first - anchor.last
            elif hit.last < anchor.first:
                distance = anchor.first - hit.last + BEFORE
            else:
                distance = 0
            found = KindHit(kind, hit, (0 if order == 0 else 1, distance))
            if best is None or found.rank < best.rank:
                best = found
    return best


def first_kind_near(vocab: MeasureWords, words: list[Word], anchor: Hit) -> KindHit | None:
    """Return the word of the first kind (a suspension) nearest the anchor anywhere in the words, None when there is none."""
    hits = find(words, vocab.kinds[0][2])
    best = min(hits, key=lambda h: min(abs(h.first - anchor.first), abs(h.last - anchor.last)), default=None)
    return KindHit(vocab.kinds[0][0], best, (0, 0)) if best is not None else None


def only_kind(vocab: MeasureWords, words: list[Word]) -> KindHit | None:
    """Return the kind a whole sentence names when it names exactly one (a suspension counting over any other)."""
    found = [KindHit(kind, hits[0], (order, 0)) for order, (kind, _, patterns) in enumerate(vocab.kinds) if (hits := find(words, patterns))]
    if found and found[0].kind == vocab.kinds[0][0]:
        return found[0]
    return found[0] if len(found) == 1 else None


def hedged(vocab: MeasureWords, words: list[Word], anchor: Hit, text: str) -> bool:
    """Return True when a hedge ("likely", "expected", "could") stands near the anchor in `text`, the document's text.

    A hedge written with a capital inside a sentence is a name, not a hedge: "in May".
    """
    near = words[max(anchor.first - HEDGE_WINDOW, 0) : anchor.last + HEDGE_WINDOW + 1]
    return any(w.text in vocab.hedges and (w is words[0] or not text[w.start].isupper()) for w in near)


def change_near(vocab: MeasureWords, words: list[Word], anchor: Hit, kind: str) -> str | None:
    """Return the change the words around `anchor` speak of ("extension" -> extended), not counting the kind's own words.

    "the extension of the suspension of tariffs" speaks of an extension of a
    suspension: "suspension" names the measure, not a change to it.
    """
    own = {(h.first, h.last) for h in find(words, vocab.kind_patterns(kind), anchor.first - WINDOW, anchor.last + WINDOW + 1)}
    best: tuple[int, str] | None = None
    for change, patterns in vocab.changes.items():
        for hit in find(words, patterns, anchor.first - WINDOW, anchor.last + WINDOW + 1):
            if any(a <= hit.first and hit.last <= b for a, b in own):
                continue
            distance = min(abs(hit.first - anchor.first), abs(hit.last - anchor.last))
            if best is None or distance < best[0]:
                best = (distance, change)
    return best[1] if best else None


def days_near(text: str) -> int | None:
    """Return the days a period runs by the text ("a 90-day truce", "extended by 90 days"), None when it gives none."""
    m = _DAYS.search(text)
    return int(m.group(1)) if m and int(m.group(1)) > 1 else None
