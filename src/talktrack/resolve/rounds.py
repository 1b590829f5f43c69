"""One event per real round, call or deadline across documents, with every document's evidence.

Candidates are blocked by type and place (or, without a place, by type and
day), so the cost stays linear in the number of events; events from one
document were merged by the extractor, so two left apart there stay apart. Where documents
disagree on a date, the event keeps the date most of them give and says in
`conflicts` what the others said, instead of picking silently.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from talktrack.event_records import ROUND_TYPES, absorb, overlaps
from talktrack.model import Entity, Event, Participant, stable_id


def merge_events(events: Iterable[Event], entities: Iterable[Entity]) -> list[Event]:
    """Return the events of all documents merged across them, participants linked to entities."""
    index = entities_by_span(entities)
    linked = [_link(e, index) for e in events]
    blocks: dict[tuple[str, str], list[Event]] = defaultdict(list)
    merged: list[Event] = []
    for event in linked:
        if event.place:
            blocks[(_family(event.type), event.place.lower())].append(event)
        elif event.start:
            blocks[(event.type, event.start)].append(event)
        else:
            merged.append(event)  # neither place nor date: nothing to tell it is another document's event
    for block in blocks.values():
        kept: list[tuple[Event, set[str]]] = []
        for event in sorted(block, key=lambda e: (-len(e.evidence), e.start or "")):
            docs = {s.doc_id for s in event.evidence}
            target = next((k for k in kept if not (k[1] & docs) and _same_event(k[0], event)), None)
            if target is None:
                kept.append((event, docs))
            else:
                _note_conflict(target[0], event)
                absorb(target[0], event)
                target[1].update(docs)
        merged.extend(k for k, _ in kept)
    for event in merged:
        event.participants = _dedupe(event.participants)
        event.id = stable_id("ev", event.type, event.place, event.start, event.title)
    return sorted(merged, key=lambda e: (e.start or "9999", e.type, e.place or ""))


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
