"""The query commands: each prints what one query of the record returns, as a table or, with --json, as JSON.

A date marked ~ in a table is inferred (docs/confidence.md); --json gives
each date's basis and each record's confidence.
"""

from __future__ import annotations

import dataclasses
import json
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer
from rich.markup import escape
from rich.table import Table

from talktrack.cli.app import _check_date, app, console, say, user_errors
from talktrack.cli.reading import DbOpt, JsonOpt, LimitOpt, SinceOpt, UntilOpt, print_json, print_table, stored_record
from talktrack.cli.tables import dated, period
from talktrack.confidence import is_inferred
from talktrack.errors import TalktrackError

if TYPE_CHECKING:
    from talktrack.query.results import TimelineEntry


def _cell(value: Any) -> str:
    """Return a record field as one readable table cell: lists joined, nested records as compact JSON."""
    if value is None:
        return ""
    if isinstance(value, list) and all(isinstance(v, (str, int, float)) for v in value):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_cell(v)}" for k, v in value.items() if v not in (None, "", []))
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _leads(leads: dict[str, list[str]]) -> str:
    return "; ".join(f"{side}: {', '.join(names)}" for side, names in leads.items())


@app.command()
def timeline(
    db: DbOpt = None, since: SinceOpt = None, until: UntilOpt = None,
    event_type: Annotated[Optional[list[str]], typer.Option("--type", help="Only events of this type (repeatable).")] = None,
    limit: LimitOpt = 1000, as_json: JsonOpt = False,
) -> None:
    """Print the events in date order: rounds, calls, visits, deadlines ...

    A date marked ~ is inferred (from the publication date, a weekday, the
    dateline ...); --json gives each date's basis and each event's confidence.

    Example: talktrack timeline --since 2025-05 --type talks
    """
    with user_errors():
        rows = stored_record(db).timeline(since=since, until=until, types=event_type, limit=limit)
    if as_json:
        print_json(rows)
        return
    print_table("Timeline", ["when", "type", "place", "status", "leads", "topics", "reports", "id"], [
        [period(e.start, e.end, e.start_basis, e.end_basis), e.type + (f" ({e.action})" if e.action else ""), e.place or "", _standing(e) if e.state == "moved" else e.status,
         _leads(e.leads),
         ", ".join(e.topics[:5]) + (" ..." if len(e.topics) > 5 else ""), str(e.reports), e.id]
        for e in rows
    ])


@app.command()
def quotes(
    db: DbOpt = None,
    speaker: Annotated[Optional[str], typer.Option(help="Speaker: entity id, name, or whole words of it (He: He Lifeng).")] = None,
    topic: Annotated[Optional[str], typer.Option(help="Topic id; includes its subtopics.")] = None,
    side: Annotated[Optional[str], typer.Option(help="Speaker's side: country code or name (CN, China).")] = None,
    since: SinceOpt = None, until: UntilOpt = None, limit: LimitOpt = 1000, as_json: JsonOpt = False,
) -> None:
    """Print who said what, oldest first.

    A date marked ~ is inferred (from the publication date or a weekday);
    --json gives each date's basis and each speaker's confidence.

    Example: talktrack quotes --speaker Bessent --topic tariffs
    """
    with user_errors():
        rows = stored_record(db).quotes(speaker=speaker, topic=topic, side=side, since=since, until=until, limit=limit)
    if as_json:
        print_json(rows)
        return
    print_table("Who said what", ["date", "speaker", "side", "said", "via", "outlet", "id"], [
        [dated(q.date, q.date_stated), q.speaker + (" (inferred from role)" if q.speaker_inferred else ""), q.side or "", q.content,
         ", ".join(q.via), q.outlet or "", q.id] for q in rows
    ])


@app.command("issues")
def list_issues(db: DbOpt = None, as_json: JsonOpt = False) -> None:
    """Print the topics of the record with how many events and statements touch each.

    Example: talktrack issues
    """
    rows = stored_record(db).issues()
    if as_json:
        print_json(rows)
        return
    print_table("Issues", ["topic", "label", "parent", "events", "statements", "first", "last"], [
        [i.topic, i.label, i.parent or "", str(i.events), str(i.statements), i.first or "", i.last or ""] for i in rows
    ])


@app.command("issue")
def show_issue(
    topic: Annotated[str, typer.Argument(help="Topic id, as `talktrack issues` lists them.")],
    db: DbOpt = None, as_json: JsonOpt = False,
) -> None:
    """Print one issue's history: rounds, statements by side and measures, oldest first.

    Example: talktrack issue export_controls
    """
    with user_errors():
        rows = stored_record(db).issue(topic)
    if as_json:
        print_json(rows)
        return
    print_table(f"Issue: {topic}", ["date", "kind", "side", "what", "change", "id"], [
        [dated(e.date, not is_inferred(e.date_basis)), e.kind, e.side or "", e.summary, e.change or "", e.record_id] for e in rows
    ])


@app.command()
def deadlines(
    db: DbOpt = None,
    upcoming: Annotated[bool, typer.Option(help="Only deadlines from today on that were not moved.")] = False,
    today: Annotated[Optional[str], typer.Option(help="The date 'upcoming' and 'passed' count from (default: today).", callback=_check_date)] = None,
    as_json: JsonOpt = False,
) -> None:
    """Print the deadlines in date order: ahead, passed, or moved to another date by a later report.

    A date marked ~ is inferred.

    Example: talktrack deadlines --upcoming
    """
    rows = stored_record(db).deadlines(upcoming=upcoming, today=today)
    if as_json:
        print_json(rows)
        return
    print_table("Deadlines", ["when", "what", "status", "standing", "topics", "id"], [
        [period(e.start, e.end, e.start_basis, e.end_basis), e.title or (e.action or "deadline"), e.status, _standing(e),
         ", ".join(e.topics), e.id] for e in rows
    ])


@app.command()
def measures(
    db: DbOpt = None,
    on: Annotated[Optional[str], typer.Option(
        help="The date to give each measure's state on (default: the latest article's date).", callback=_check_date)] = None,
    topic: Annotated[Optional[str], typer.Option(help="Only measures acting on this topic id or its subtopics.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Print the measures that stood on a date (tariffs, suspensions, export controls, fees ...), each with its history.

    A dated entry marked ~ is inferred (from the article's date, the round
    it was discussed at, or a stated period); an expiry that passed with no
    later news leaves a measure "expired?".

    Example: talktrack measures --on 2025-08-01 --topic tariffs
    """
    with user_errors():
        rows = stored_record(db).measures(on=on, topic=topic)
    if as_json:
        print_json(rows)
        return
    if not rows:
        say(f"no measure stood on {on or 'the latest article date'}" + (f" on topic {topic}" if topic else ""))
        return
    print_table(f"Measures on {rows[0].on}", ["measure", "state", "since", "expires", "sides", "id"], [
        [m.name, m.state or "", dated(m.since, m.since_stated, "undated"), m.expiry or "", ", ".join(m.sides), m.id] for m in rows
    ])
    for m in rows:
        print_table(m.name, ["date", "what", "sides", "source"], [
            [dated(e.date, e.date_stated, "undated"), e.summary, ", ".join(e.sides),
             (e.evidence[0].sentence if e.evidence else "") + (f" (+{len(e.evidence) - 1} more)" if len(e.evidence) > 1 else "")]
            for e in m.history
        ])


def _standing(entry: TimelineEntry) -> str:
    """Return a deadline's standing in words: "moved to 2029-11-14 (ev-...)", "passed", "ahead"."""
    if entry.moved_to:
        return f"moved to {period(entry.moved_to_start, entry.moved_to_end)} ({entry.moved_to})"
    return entry.state or ""


def _check_since(value: Optional[str]) -> Optional[str]:
    from talktrack.query.dates import check_since

    if value is not None:
        try:
            check_since(value)
        except TalktrackError as exc:
            raise typer.BadParameter(str(exc)) from exc
    return value


@app.command()
def changes(
    db: DbOpt = None,
    since: Annotated[Optional[str], typer.Option(
        help="Only what the store learned from this date (UTC) or time on (2029-06-02, 2029-06-02T08:00+02:00).", callback=_check_since)] = None,
    event_type: Annotated[Optional[list[str]], typer.Option("--type", help="Only events of this type, or 'statement' (repeatable).")] = None,
    topic: Annotated[Optional[str], typer.Option(help="Topic id; includes its subtopics.")] = None,
    side: Annotated[Optional[str], typer.Option(help="Side of a participant or speaker: country code or name.")] = None,
    speaker: Annotated[Optional[str], typer.Option(help="Speaker of a statement: entity id or whole words of the name.")] = None,
    kind: Annotated[Optional[list[str]], typer.Option(help="Only this kind of change, e.g. deadline_moved (repeatable).")] = None,
    limit: LimitOpt = 1000, as_json: JsonOpt = False,
) -> None:
    """Print what the store learned since a date: new events and statements, status changes, deadlines moved or passed.

    Example: talktrack changes --since 2029-06-02 --kind deadline_moved
    """
    with user_errors():
        rows = stored_record(db).changes(since=since, types=event_type, topic=topic, side=side, speaker=speaker, kinds=kind, limit=limit)
    if as_json:
        print_json(rows)
        return
    print_table("Changes", ["learned", "change", "what", "date", "sides", "record", "id"], [
        [c.at[:19].replace("T", " "), c.kind.replace("_", " "), c.title, c.date or "", ", ".join(c.sides), c.record_id, c.id] for c in rows
    ])


@app.command()
def people(
    db: DbOpt = None, side: Annotated[Optional[str], typer.Option(help="Only this side: country code or name.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Print the people of the record with titles, side, mentions and statements.

    Example: talktrack people --side CN
    """
    with user_errors():
        rows = stored_record(db).people(side=side)
    if as_json:
        print_json(rows)
        return
    print_table("People", ["name", "side", "titles", "also written", "mentions", "documents", "statements", "id"], [
        [p.name, p.side or "", "; ".join(p.titles), ", ".join(p.aliases), str(p.mentions), str(p.documents), str(p.statements), p.id]
        for p in rows
    ])


@app.command()
def roles(
    db: DbOpt = None,
    role: Annotated[Optional[str], typer.Option(help="Only roles with all these words, in any form (foreign ministry spokeswoman).")] = None,
    side: Annotated[Optional[str], typer.Option(help="Only this side: country code or name.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Print who held which role when: each person's first and last article naming them with it.

    A speaker named only by a role ("a Foreign Ministry spokesperson said") is shown in `quotes`
    as the one person who held it then, where the store knows one.

    Example: talktrack roles --role spokesperson --side CN
    """
    with user_errors():
        rows = stored_record(db).roles(role=role, side=side)
    if as_json:
        print_json(rows)
        return
    print_table("Roles", ["role", "side", "holder", "first", "last", "articles", "id"], [
        [r.role, r.side or "", r.holder, r.first, r.last, str(r.documents), r.holder_id] for r in rows
    ])


@app.command()
def search(
    words: Annotated[list[str], typer.Argument(help="Words to find (all of them), in articles and statements.", metavar="WORDS...")],
    db: DbOpt = None, limit: LimitOpt = 20, as_json: JsonOpt = False,
) -> None:
    """Full-text search over articles and statements, best matches first.

    Example: talktrack search rare earth
    """
    from talktrack.query.search import HIT_END, HIT_START

    query = " ".join(words)
    rows = stored_record(db).search(query, limit=limit)
    if as_json:
        print_json([dataclasses.replace(h, snippet=h.snippet.replace(HIT_START, "").replace(HIT_END, "")) for h in rows])
        return
    table = Table(title=f"Search: {query}")
    for c in ("kind", "title / speaker", "match", "id"):
        table.add_column(c, overflow="fold")
    for h in rows:
        snippet = escape(h.snippet).replace(HIT_START, "[bold reverse]").replace(HIT_END, "[/bold reverse]")
        table.add_row(h.kind, escape(h.title), snippet, h.id)
    console().print(table)


@app.command()
def show(
    record_id: Annotated[str, typer.Argument(help="Id of an event, statement, entity or document.")],
    db: DbOpt = None, as_json: JsonOpt = False,
) -> None:
    """Print any record, field by field, with the sentences it was taken from (--json: as JSON).

    Example: talktrack show person:scott-bessent
    """
    with user_errors():
        shown = stored_record(db).show(record_id)
    if as_json:
        print_json(shown)
        return
    record = dict(shown.record)
    text = record.pop("text") if shown.kind == "document" else None
    print_table(f"{shown.kind.capitalize()} {record_id}", ["field", "value"], [[k, _cell(v)] for k, v in record.items()])
    if text is not None:
        console().print(text, markup=False)
        return
    print_table("Evidence", ["document", "published", "sentence"], [
        [f"{ev.title or ev.doc_id} ({ev.doc_id})", ev.published or "", ev.sentence] for ev in shown.evidence
    ])
