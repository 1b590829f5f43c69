"""Rich tables for people reading a ledger in a terminal."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Table

from talktrack.confidence import is_inferred
from talktrack.evaluate import Evaluation
from talktrack.model import Ledger


def dated(value: str | None, stated: bool, undated: str = "") -> str:
    """Return a date as a cell: a leading ~ on one talktrack inferred (see docs/confidence.md), `undated` for none."""
    return undated if not value else value if stated else f"~{value}"


def period(start: str | None, end: str | None, start_basis: str | None = None, end_basis: str | None = None) -> str:
    """Return an event's days as a cell, "2025-10-25 to 2025-10-26", each inferred one marked ~."""
    first = dated(start, not is_inferred(start_basis))
    return first + (f" to {dated(end, not is_inferred(end_basis))}" if end and end != start else "")


def print_ledger(ledger: Ledger, console: Console) -> None:
    """Print the documents, people, other entities, events and statements of `ledger` as tables."""
    docs = Table(title="Documents", show_lines=False)
    for column in ("source", "title", "outlet", "published", "warnings"):
        docs.add_column(column, overflow="fold")
    for d in ledger.documents:
        docs.add_row(
            d.source or "", d.title or "", d.outlet or "",
            f"{d.published} ({d.published_basis})" if d.published else "", str(len(d.warnings)),
        )
    console.print(docs)
    people = Table(title="People")
    for column in ("name", "side", "titles", "also written", "mentions"):
        people.add_column(column, overflow="fold")
    for e in ledger.entities:
        if e.type != "person":
            continue
        titles = "; ".join(t.title + (f" ({t.organization})" if t.organization else "") for t in e.titles)
        people.add_row(e.name, e.country or "", titles, ", ".join(e.aliases), str(len(e.mentions)))
    console.print(people)
    others = Table(title="Organizations, places and countries")
    for column in ("type", "name", "side", "mentions"):
        others.add_column(column)
    for e in ledger.entities:
        if e.type != "person":
            others.add_row(e.type, e.name, e.country or "", str(len(e.mentions)))
    console.print(others)
    sources = {d.id: Path(d.source or d.id).name for d in ledger.documents}
    events = Table(title="Events")
    for column in ("when", "type", "place", "status", "leads", "reports"):
        events.add_column(column, overflow="fold")
    for ev in ledger.events:
        when = period(ev.start, ev.end, ev.start_basis, ev.end_basis)
        leads = "; ".join(f"{p.name} ({p.side})" if p.side else p.name for p in ev.participants if p.role == "lead")
        events.add_row(when, ev.type, ev.place or "", ev.status, leads, str(len({s.doc_id for s in ev.evidence})))
    console.print(events)
    said = Table(title="Who said what")
    for column in ("speaker", "side", "kind", "via", "date", "content", "source"):
        said.add_column(column, overflow="fold")
    for st in ledger.statements:
        content = st.content if len(st.content) <= 90 else st.content[:87] + "..."
        said.add_row(
            st.speaker_name, st.speaker_side or "", st.kind, ", ".join(st.via), dated(st.date, not is_inferred(st.date_basis)), content,
            sources.get(st.doc_id, ""),
        )
    console.print(said)


def _figure(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def print_evaluation(evaluation: Evaluation, console: Console) -> None:
    """Print the figures of `talktrack eval`: detection per layer, then each layer's attribute accuracies."""
    detection = Table(title="Detection (micro-averaged over documents)")
    for column in ("layer", "documents", "gold", "found", "matched", "precision", "recall", "F1"):
        detection.add_column(column, justify="left" if column == "layer" else "right")
    for name, layer in evaluation.layers.items():
        detection.add_row(
            name, str(layer.documents), str(layer.gold), str(layer.found), str(layer.matched),
            _figure(layer.precision), _figure(layer.recall), _figure(layer.f1),
        )
    console.print(detection)
    for name, layer in evaluation.layers.items():
        if not layer.documents or not (layer.accuracies or layer.counts):  # not annotated in this gold file
            continue
        table = Table(title=f"{name}: over the {layer.matched} matched")
        for column in ("measure", "correct", "scored", "accuracy"):
            table.add_column(column, justify="left" if column == "measure" else "right")
        rows = [*layer.accuracies.items(), *((f"leads {side}", acc) for side, acc in sorted(layer.by_side.items()))]
        for measure, acc in rows:
            table.add_row(measure, str(acc.correct), str(acc.scored), _figure(acc.value))
        for measure, count in layer.counts.items():
            table.add_row(measure, str(count), "", "")
        console.print(table)
