"""Statement (attribution) scoring: pair gold and system statements, then check speaker, relays, kind.

Used by `talktrack eval` and by `benchmarks/statements.py`, which also
scores textacy's `direct_quotations` the same way.

Scoring, per document, totalled over the corpus:
- match: a system statement matches a gold statement when the gold
  `content_start` occurs in the system content (whitespace collapsed, curly
  quotes made straight), or when the system content starts within the first
  40 characters of where `content_start` occurs in the text. Gold statements
  are taken in text order; each takes the closest-starting unmatched system
  statement that matches it, so the pairing is one-to-one.
- precision = matched / found, recall = matched / gold.
- speaker acc (over matched pairs): the system speaker equals the gold speaker
  or its `resolves_to` (case-insensitive, a leading "the " ignored); or the
  gold speaker (or `resolves_to`) ends with the system name's last word
  ("Bessent" for "Scott Bessent"); or one is a word prefix of the other
  ("Xinhua News Agency" for "Xinhua"). A gold speaker "A and B" accepts either.
- via acc (over matched pairs): the relay lists are equal item by item after
  normalising names (lowercase, leading "the " dropped; two names whose first
  words agree are the same outlet: "Xinhua News Agency" = "Xinhua").
- kind acc (over matched pairs): "direct" / "indirect" agree.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from talktrack.evaluate.scores import Accuracy, LayerScore, Pairing, Rates, ratio

START_WINDOW = 40  # characters after the gold content_start within which a system content may start

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
                         "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"'})
_QUOTE_CLASS = "['\u2018\u2019\u201a\u201b\u2032\"\u201c\u201d\u201e\u201f\u2033]"
_SPACE = re.compile(r"\s+")


# ---------------------------------------------------------------- records


@dataclass(frozen=True)
class GoldStatement:
    """One hand-annotated statement (see examples/README.md, "Gold conventions")."""

    speaker: str
    kind: str
    content_start: str
    via: tuple[str, ...] = ()
    cue: str | None = None
    resolves_to: str | None = None
    date: str | None = None
    topics: tuple[str, ...] | None = None  # None: the gold does not annotate this statement's topics


@dataclass(frozen=True)
class SystemStatement:
    """One statement found by a system; offsets (into the document text) may be unknown."""

    content: str
    speaker: str
    kind: str | None = None
    via: tuple[str, ...] | None = None  # None: the system does not record relays
    start: int | None = None
    end: int | None = None
    cue: str | None = None


class StatementLike(Protocol):
    """What talktrack's `Statement` offers (the attributes the scoring reads)."""

    @property
    def doc_id(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def content(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def speaker_name(self) -> str: ...
    @property
    def cue(self) -> str | None: ...
    @property
    def via(self) -> Sequence[str]: ...


class DocResult(Pairing[GoldStatement, SystemStatement]):
    """The pairing in one document: matched (gold, system) pairs, missed gold, spurious system."""


@dataclass
class Scores(Rates):
    """Statement counts over a corpus; the ratios are None where their denominator is zero."""

    gold: int = 0
    found: int = 0
    matched: int = 0
    speaker_ok: int = 0
    via_ok: int = 0
    via_scored: int = 0
    kind_ok: int = 0
    kind_scored: int = 0
    documents: int = field(default=0, compare=False)

    def add(self, result: DocResult) -> None:
        """Add one document's pairing to the counts."""
        self.detect(result)
        for gold, system in result.pairs:
            self.speaker_ok += speaker_correct(gold, system.speaker)
            if system.via is not None:
                self.via_scored += 1
                self.via_ok += via_correct(gold.via, system.via)
            if system.kind is not None:
                self.kind_scored += 1
                self.kind_ok += system.kind == gold.kind

    @property
    def speaker_acc(self) -> float | None:
        return ratio(self.speaker_ok, self.matched)

    @property
    def via_acc(self) -> float | None:
        return ratio(self.via_ok, self.via_scored)

    @property
    def kind_acc(self) -> float | None:
        return ratio(self.kind_ok, self.kind_scored)

    def to_layer(self) -> LayerScore:
        """Return these counts as a report row: detection plus speaker, via and kind accuracy."""
        layer = LayerScore(documents=self.documents, gold=self.gold, found=self.found, matched=self.matched)
        layer.accuracies = {
            "speaker": Accuracy(self.speaker_ok, self.matched),
            "via": Accuracy(self.via_ok, self.via_scored),
            "kind": Accuracy(self.kind_ok, self.kind_scored),
        }
        return layer


# ---------------------------------------------------------------- gold


def gold_statement(item: Mapping[str, Any]) -> GoldStatement:
    """Return one gold statement from its JSON object; a missing required field raises KeyError."""
    topics = item.get("topics")
    return GoldStatement(
        speaker=item["speaker"],
        kind=item["kind"],
        content_start=item["content_start"],
        via=tuple(item.get("via") or ()),
        cue=item.get("cue"),
        resolves_to=item.get("resolves_to"),
        date=item.get("date"),
        topics=None if topics is None else tuple(topics),
    )


def gold_from_json(data: Mapping[str, Any]) -> dict[str, list[GoldStatement]]:
    """Return the gold statements of every document in a gold file's parsed JSON, keyed by file name."""
    return {key: [gold_statement(item) for item in document.get("statements", [])] for key, document in data.items()}


# ---------------------------------------------------------------- matching


def normalize_text(text: str) -> str:
    """Return `text` with whitespace collapsed and curly quotes made straight."""
    return _SPACE.sub(" ", text.translate(_QUOTES)).strip()


def phrase_pattern(phrase: str, flags: int = 0) -> re.Pattern[str]:
    """Return a regex finding `phrase` in raw text, whatever its whitespace and quote style."""
    parts = []
    for word in normalize_text(phrase).split(" "):
        parts.append("".join(_QUOTE_CLASS if ch in "'\"" else re.escape(ch) for ch in word))
    return re.compile(r"\s+".join(parts), flags)


def locate(text: str, phrase: str, after: int = 0) -> int | None:
    """Return where `phrase` occurs in `text`: first at or after `after`, else first anywhere, else None."""
    pattern = phrase_pattern(phrase)
    found = pattern.search(text, after) or pattern.search(text)
    return found.start() if found else None


def is_match(gold: GoldStatement, gold_pos: int | None, system: SystemStatement) -> bool:
    """Whether `system` reports the statement `gold` (whose content_start is at `gold_pos` in the text)."""
    if normalize_text(gold.content_start) in normalize_text(system.content):
        return True
    return gold_pos is not None and system.start is not None and gold_pos <= system.start < gold_pos + START_WINDOW


def _distance(start: int | None, pos: int | None) -> tuple[int, int]:
    """Sort key: system statements starting nearest the gold position first, unknown offsets last."""
    if start is None or pos is None:
        return (1, 0)
    return (0, abs(start - pos))


def match_document(text: str, gold: Sequence[GoldStatement], system: Sequence[SystemStatement]) -> DocResult:
    """Return the one-to-one pairing of one document's gold and system statements, gold in text order."""
    positions: list[int | None] = []
    cursor = 0
    for item in gold:
        pos = locate(text, item.content_start, cursor)
        positions.append(pos)
        if pos is not None:
            cursor = pos
    order = sorted(range(len(gold)), key=lambda i: (positions[i] is None, positions[i] or 0, i))
    ranked = sorted(range(len(system)), key=lambda j: (system[j].start is None, system[j].start or 0, j))
    taken: set[int] = set()
    result = DocResult()
    for i in order:
        item, pos = gold[i], positions[i]
        candidates = [j for j in ranked if j not in taken and is_match(item, pos, system[j])]
        if not candidates:
            result.missed.append(item)
            continue
        candidates.sort(key=lambda j: _distance(system[j].start, pos))
        taken.add(candidates[0])
        result.pairs.append((item, system[candidates[0]]))
    result.spurious = [system[j] for j in ranked if j not in taken]
    return result


# ---------------------------------------------------------------- attributes


def _name(name: str) -> str:
    name = _SPACE.sub(" ", name.translate(_QUOTES)).strip().lower()
    return name[4:] if name.startswith("the ") else name


def _one_speaker(gold_name: str, system_name: str) -> bool:
    gold_words, system_words = _name(gold_name).split(), _name(system_name).split()
    if not gold_words or not system_words:
        return False
    if gold_words == system_words or gold_words[-1] == system_words[-1]:
        return True
    shorter = min(len(gold_words), len(system_words))
    return gold_words[:shorter] == system_words[:shorter]


def speaker_correct(gold: GoldStatement, system_name: str | None) -> bool:
    """Whether a system speaker name names the gold speaker (see the module docstring)."""
    if not system_name or not system_name.strip():
        return False
    names = [gold.speaker] + ([gold.resolves_to] if gold.resolves_to else [])
    for name in list(names):
        if " and " in name:
            names.extend(part for part in name.split(" and ") if part.strip())
    return any(_one_speaker(name, system_name) for name in names)


def same_relay(gold_name: str, system_name: str) -> bool:
    """Whether two relay names are the same outlet ("Xinhua News Agency" = "the Xinhua")."""
    a, b = _name(gold_name), _name(system_name)
    return a == b or (bool(a) and bool(b) and a.split()[0] == b.split()[0])


def via_correct(gold_via: Sequence[str], system_via: Sequence[str]) -> bool:
    """Whether two relay chains (innermost first) are the same, name by name."""
    return len(gold_via) == len(system_via) and all(same_relay(g, s) for g, s in zip(gold_via, system_via))


# ---------------------------------------------------------------- systems and corpora


def from_talktrack(statement: StatementLike) -> SystemStatement:
    """Return one talktrack Statement in the shape the scoring reads."""
    return SystemStatement(
        content=statement.content,
        speaker=statement.speaker_name or "",
        kind=statement.kind,
        via=tuple(statement.via or ()),
        start=statement.start,
        end=statement.end,
        cue=statement.cue,
    )


def score_statements(
    gold: Mapping[str, Sequence[GoldStatement]],
    texts: Mapping[str, str],
    system: Mapping[str, Sequence[SystemStatement]],
) -> tuple[Scores, dict[str, DocResult]]:
    """Return the corpus counts and each gold document's pairing; a document with no text or output counts all missed."""
    scores = Scores()
    results: dict[str, DocResult] = {}
    for key, items in gold.items():
        result = match_document(texts.get(key, ""), items, system.get(key, []))
        scores.add(result)
        results[key] = result
    return scores, results
