"""Scoring of the entity, time-expression and topic layers of one document against its gold.

- people: a system person entity with a mention in the document matches a
  gold person when its name equals the gold name or one of the gold aliases
  ("Brekke" for Halvard Brekke when the article writes "Brekke"); one-to-one,
  gold in file order, an exact name first. Over matches: country accuracy.
  A gold `not_people` name (an agency, an office) that a system person in
  the document is called, or whose name contains it as whole words
  ("Xinhua China"), is a violation.
- timexes: gold expressions are found in the text in order; a system
  expression matches when one text contains the other (case and whitespace
  aside) and, where the gold text was found, their spans overlap;
  one-to-one. Over matches: type, and value (a gold range needs the same
  range; otherwise the same value).
- topics: the gold topic ids of the document (its events' and statements'
  topics) against the topic ids of the system's statements and events in
  it, as sets.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from talktrack.evaluate.gold import GoldPerson, GoldTimex
from talktrack.evaluate.scores import LayerScore, Pairing
from talktrack.evaluate.statements import normalize_text, phrase_pattern
from talktrack.model import Entity, Timex


def norm(text: str) -> str:
    """Return `text` casefolded, whitespace collapsed and quotes straight: the form names are compared in."""
    return normalize_text(text).casefold()


# ---------------------------------------------------------------- people


def match_people(gold: Sequence[GoldPerson], system: Sequence[Entity]) -> Pairing[GoldPerson, Entity]:
    """Return the one-to-one pairing of gold people and system person entities, gold in file order."""
    result: Pairing[GoldPerson, Entity] = Pairing()
    taken: set[int] = set()
    for person in gold:
        exact = norm(person.name)
        names = {exact, *(norm(alias) for alias in person.aliases)}
        candidates = [j for j, entity in enumerate(system) if j not in taken and norm(entity.name) in names]
        if not candidates:
            result.missed.append(person)
            continue
        best = min(candidates, key=lambda j: (norm(system[j].name) != exact, j))
        taken.add(best)
        result.pairs.append((person, system[best]))
    result.spurious = [entity for j, entity in enumerate(system) if j not in taken]
    return result


def not_people_violations(not_people: Sequence[str], system: Sequence[Entity]) -> list[str]:
    """Return the gold `not_people` names that some system person is called (or whose name contains them)."""
    found: list[str] = []
    for name in not_people:
        words = re.compile(rf"(?<!\w){re.escape(norm(name))}(?!\w)")
        if any(words.search(norm(form)) for entity in system for form in (entity.name, *entity.aliases)):
            found.append(name)
    return found


def score_people(gold: Sequence[GoldPerson], not_people: Sequence[str], system: Sequence[Entity]) -> LayerScore:
    """Return one document's people figures: detection, country accuracy, not_people violations."""
    people = [e for e in system if e.type == "person"]
    pairing = match_people(gold, people)
    layer = LayerScore()
    layer.detect(pairing)
    for person, entity in pairing.pairs:
        layer.accuracy("country").add((person.country or None) == (entity.country or None))
    layer.counts["not_people_violations"] = len(not_people_violations(not_people, people))
    return layer


# ---------------------------------------------------------------- timexes


def _gold_spans(text: str, gold: Sequence[GoldTimex]) -> list[tuple[int, int] | None]:
    """Where each gold expression lies in `text`, searching in order; None where it is not found."""
    spans: list[tuple[int, int] | None] = []
    cursor = 0
    for item in gold:
        found = phrase_pattern(item.text, re.IGNORECASE).search(text, cursor) if item.text.strip() else None
        spans.append((found.start(), found.end()) if found else None)
        if found:
            cursor = found.end()
    return spans


def _same_text(a: str, b: str) -> bool:
    a, b = norm(a), norm(b)
    return bool(a) and bool(b) and (a in b or b in a)


def match_timexes(text: str, gold: Sequence[GoldTimex], system: Sequence[Timex]) -> Pairing[GoldTimex, Timex]:
    """Return the one-to-one pairing of gold and system time expressions of one document, in text order."""
    ordered = sorted(system, key=lambda t: (t.start, t.end))
    result: Pairing[GoldTimex, Timex] = Pairing()
    taken: set[int] = set()
    last = 0
    for item, span in zip(gold, _gold_spans(text, gold)):
        candidates = [j for j, t in enumerate(ordered) if j not in taken and _same_text(item.text, t.text)]
        if span is not None:
            candidates = [j for j in candidates if ordered[j].start < span[1] and span[0] < ordered[j].end]
            candidates.sort(key=lambda j: abs(ordered[j].start - span[0]))
        else:  # the gold text is not in the document: take the next one in order
            candidates = [j for j in candidates if ordered[j].start >= last]
        if not candidates:
            result.missed.append(item)
            continue
        taken.add(candidates[0])
        last = ordered[candidates[0]].start
        result.pairs.append((item, ordered[candidates[0]]))
    result.spurious = [t for j, t in enumerate(ordered) if j not in taken]
    return result


def value_correct(gold: GoldTimex, system: Timex) -> bool:
    """Whether a system expression has the gold value: the same range for a range, else the same value."""
    if gold.range is not None:
        return system.range is not None and tuple(system.range) == tuple(gold.range)
    return system.value == gold.value


def score_timexes(text: str, gold: Sequence[GoldTimex], system: Sequence[Timex]) -> LayerScore:
    """Return one document's time-expression figures: detection, type and value accuracy."""
    pairing = match_timexes(text, gold, system)
    layer = LayerScore()
    layer.detect(pairing)
    for item, timex in pairing.pairs:
        layer.accuracy("type").add(item.type == timex.type)
        layer.accuracy("value").add(value_correct(item, timex))
    return layer


# ---------------------------------------------------------------- topics


def score_topics(gold: Collection[str], system: Collection[str]) -> LayerScore:
    """Return one document's topic figures: the gold topic ids against the system's, as sets."""
    gold_set, system_set = set(gold), set(system)
    pairing: Pairing[str, str] = Pairing(
        pairs=[(t, t) for t in sorted(gold_set & system_set)],
        missed=sorted(gold_set - system_set),
        spurious=sorted(system_set - gold_set),
    )
    layer = LayerScore()
    layer.detect(pairing)
    return layer
