"""One event per real round, call or deadline across documents, with every document's evidence.

Candidates are blocked by type and place (or, without a place, by type and
day), so the cost stays linear in the number of events; events from one
document were merged by the extractor, so two left apart there stay apart. Where documents
disagree on a date, the event keeps the date most of them give and says in
`conflicts` what the others said, instead of picking silently. A merged event
keeps how its date and place were found and is rated again by them
(talktrack.confidence).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from talktrack.confidence import rate_event
from talktrack.event_records import ROUND_TYPES, absorb, overlaps
from talktrack.model import Entity, Event, Participant, Span, stable_id


def merge_events(
    events: Iterable[Event],
    entities: Iterable[Entity] = (),
    *,
    index: dict[tuple[str, int, int], Entity] | None = None,
) -> list[Event]:
    """Return the events of all documents merged across them, participants linked to entities.

    `index` (from `entities_by_span`) replaces `entities` when the caller merges many blocks.
    """
    if index is None:
        index = entities_by_span(entities)
    linked = [_link(e, index) for e in events]
    blocks: dict[str, list[Event]] = defaultdict(list)
    for event in linked:
        blocks[block_of(event)].append(event)
    merged: list[Event] = []
    for block in blocks.values():
        kept: list[tuple[Event, set[str], set[Span]]] = []  # event, its documents, its evidence
        # a complete order (the first evidence breaks ties), so the merge does not depend on the order of the input
        for event in sorted(block, key=lambda e: (-len(e.evidence), e.start or "", _order(e))):
            docs = {s.doc_id for s in event.evidence}
            target = next((k for k in kept if not (k[1] & docs) and _same_event(k[0], event)), None)
            if target is None:
                kept.append((event, docs, set(event.evidence)))
            else:
                _note_conflict(target[0], event)
                absorb(target[0], event, target[2])
                target[1].update(docs)
        merged.extend(k for k, _, _ in kept)
    counts: Counter[str] = Counter()
    for event in sorted(merged, key=_order):
        event.participants = _dedupe(event.participants)
        rate_event(event)  # a merged event is as sure as the method of the date and place it kept
        if event.place or event.start:
            event.id = stable_id("ev", event.type, event.place, event.start, event.title)
        else:  # nothing else to tell it apart: where the text first reports it
            first = min((s.doc_id, s.start) for s in event.evidence) if event.evidence else ("", 0)
            event.id = stable_id("ev", event.type, event.title, *first)
        counts[event.id] += 1
        if counts[event.id] > 1:  # two events of one block that no document says are one
            event.id = f"{event.id}-{counts[event.id]}"
    return sorted(merged, key=lambda e: (e.start or "9999", e.type, e.place or "", _order(e)))


def _order(event: Event) -> tuple[str, int]:
    return min(((s.doc_id, s.start) for s in event.evidence), default=("", 0))


def block_of(event: Event) -> str:
    """Return the blocking key of a document's event: only events with the same key can merge.

    Type family and place, else type and first day; an event with neither has
    nothing to tell it is another document's event, so its key is its own.
    """
    if event.place:
        return f"place:{_family(event.type)}:{event.place.lower()}"
    if event.start:
        return f"day:{event.type}:{event.start}"
    first = min(((s.doc_id, s.start) for s in event.evidence), default=("", 0))
    return f"own:{event.type}:{first[0]}:{first[1]}"


def _family(kind: str) -> str:
    return "round" if kind in ROUND_TYPES else kind


def _same_event(a: Event, b: Event) -> bool:
    """Return True when two events from different documents are one (the caller checks the documents)."""
    if a.title and b.title and a.title != b.title:
        return False
    if a.place and b.place:
        return a.place.lower() == b.place.lower() and overlaps(a, b)
    return bool(a.start and b.start) and overlaps(a, b) and a.type == b.type


def _note_conflict(target: Event, other: Event) -> None:
    """Record a disagreement on the days of an event, naming the documents on each side."""
    if not (target.start and other.start) or len(target.start) < 10 or len(other.start) < 10:
        return
    if (target.start, target.end) != (other.start, other.end):
        docs = ", ".join(sorted({s.doc_id for s in other.evidence}))
        note = f"dates: {other.start}..{other.end or other.start} in {docs}"
        if note not in target.conflicts:
            target.conflicts.append(note)


def entities_by_span(entities: Iterable[Entity]) -> dict[tuple[str, int, int], Entity]:
    """Return each entity keyed by every mention span."""
    return {(m.doc_id, m.start, m.end): e for e in entities for m in e.mentions}


def _link(event: Event, by_span: dict[tuple[str, int, int], Entity]) -> Event:
    people = []
    for p in event.participants:
        entity = by_span.get((p.mention.doc_id, p.mention.start, p.mention.end)) if p.mention else None
        if entity is not None:
            p = Participant(entity.name, entity.id, entity.country or p.side, p.role, p.mention)
        people.append(p)
    event.participants = people
    return event


def _dedupe(people: list[Participant]) -> list[Participant]:
    """Return one participant per entity (or name), keeping the most common role and a side."""
    groups: dict[str, list[Participant]] = defaultdict(list)
    for p in people:
        groups[p.entity_id or p.name].append(p)
    out = []
    for members in groups.values():
        role = Counter(p.role for p in members).most_common(1)[0][0]
        side = next((p.side for p in members if p.side), None)
        first = members[0]
        out.append(Participant(first.name, first.entity_id, side, role, first.mention))
    return out
