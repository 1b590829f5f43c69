"""Issue history: for one topic, the rounds, statements and measures that touch it, in order.

"Where does the tariff truce stand?": the rounds that had it on the table,
what each side said about it, and each change a measure made (imposed,
suspended, extended, lifted), oldest first, every entry pointing at its
evidence. A topic includes its descendants in the taxonomy ("tariffs" covers
"reciprocal_tariffs").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from talktrack.model import Ledger, Span, Topic


@dataclass(frozen=True, slots=True)
class IssueEntry:
    """One step in an issue's history: a round, a statement or a measure's change."""

    date: str | None
    kind: str  # round, statement, measure
    summary: str
    side: str | None
    record_id: str
    evidence: tuple[Span, ...]
    change: str | None = None  # for measures: imposed, suspended, extended, lifted ...
    date_basis: str | None = None  # how `date` was reached (model.DateBasis); a statement without a date: "published"
    confidence: float | None = None  # the event's, or the statement speaker's (docs/confidence.md)


def with_descendants(topic: str, topics: Iterable[Topic]) -> set[str]:
    """Return `topic` and every topic below it in the taxonomy."""
    children: dict[str, list[str]] = {}
    for t in topics:
        if t.parent:
            children.setdefault(t.parent, []).append(t.id)
    out, todo = set(), [topic]
    while todo:
        current = todo.pop()
        if current not in out:
            out.add(current)
            todo.extend(children.get(current, []))
    return out


def with_ancestors(topics: Iterable[str], parents: Mapping[str, str | None]) -> set[str]:
    """Return the topics and all their ancestors ("reciprocal_tariffs" brings "tariffs")."""
    out: set[str] = set()
    for x in topics:
        current: str | None = x
        while current and current not in out:
            out.add(current)
            current = parents.get(current)
    return out


def issue_history(ledger: Ledger, topic: str, topics: list[Topic] | None = None) -> list[IssueEntry]:
    """Return the history of `topic` in `ledger`, oldest first (undated entries last).

    `topics` is the taxonomy to read parents from (default: the ledger's own
    topics list, which holds every topic used and its ancestors).
    """
    covered = with_descendants(topic, topics if topics is not None else ledger.topics)
    published = {d.id: d.published for d in ledger.documents}
    entries: list[IssueEntry] = []
    for event in ledger.events:
        if not covered & set(event.topics):
            continue
        kind = "round" if event.type in ("talks", "meeting") else "measure" if event.action else "event"
        action = event.action
        if action == "expired" and event.status != "occurred":
            action = "expires"  # a deadline still ahead
        where = f" in {event.place}" if event.place else ""
        leads = ", ".join(p.name for p in event.participants if p.role == "lead")
        summary = f"{event.type}{where}" + (f" ({leads})" if leads else "") + (f": {action}" if action else "")
        entries.append(IssueEntry(event.start, kind, summary, None, event.id, tuple(event.evidence), action, event.start_basis, event.confidence))
    for st in ledger.statements:
        if not covered & set(st.topics):
            continue
        date = st.date or published.get(st.doc_id)
        basis = st.date_basis if st.date else "published" if date else None
        text = st.content if len(st.content) <= 160 else st.content[:157] + "..."
        entries.append(IssueEntry(
            date, "statement", f"{st.speaker_name}: {text}", st.speaker_side, st.id, (Span(st.doc_id, st.start, st.end),),
            date_basis=basis, confidence=st.speaker_confidence,
        ))
    return sorted(entries, key=lambda e: (e.date is None, e.date or "", e.kind != "round", e.record_id))
