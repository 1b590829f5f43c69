"""Commands over the store: ingest, status, the queries, export and serve.

Every query command prints a rich table, or JSON with `--json`; `--db`
(or TALKTRACK_DB, or `db` in talktrack.toml) names the store. The store,
the queries, the exports and the web app are imported by the commands that
use them, so the command starts without SQLAlchemy, Arrow or FastAPI; only
`ingest` loads the pipeline (and spaCy).
"""

from __future__ import annotations

import dataclasses
import json
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from talktrack.cli.app import (
    ClusterOpt, GazetteerOpt, ModelOpt, NearOpt, SchedulerOpt, WorkersOpt, _check_date, _report, app, build_settings,
    build_workers, console, count, say, user_errors,
)
from talktrack.cli.tables import dated, period
from talktrack.confidence import is_inferred
from talktrack.errors import TalktrackError, message, printable
from talktrack.export.ledger import ledger_to_dict, validate_ledger

if TYPE_CHECKING:
    from talktrack.query.record import Record
    from talktrack.query.results import TimelineEntry

DbOpt = Annotated[Optional[str], typer.Option("--db", help="Store: SQLite file or database URL (setting db, TALKTRACK_DB).")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
SinceOpt = Annotated[Optional[str], typer.Option(help="Only from this date on (YYYY, YYYY-MM or YYYY-MM-DD).", callback=_check_date)]
UntilOpt = Annotated[Optional[str], typer.Option(help="Only up to this date, inclusive.", callback=_check_date)]
LimitOpt = Annotated[int, typer.Option(help="At most this many rows (up to 1000).", min=1, max=1000)]


def _open(db: str | None, *, must_exist: bool = True, gazetteers: list[Path] | None = None) -> Record:
    """Return the record in the store; a command that only reads it refuses a store that is not there (TT605)."""
    from talktrack.query.record import Record
    from talktrack.store import connect

    settings = build_settings(db=db, gazetteers=gazetteers)
    with user_errors():
        return Record(connect(settings.db, must_exist=must_exist), tuple(settings.gazetteers))


def _dump(rows: Any) -> None:
    def plain(x: Any) -> Any:
        return dataclasses.asdict(x) if dataclasses.is_dataclass(x) and not isinstance(x, type) else x

    data = [plain(r) for r in rows] if isinstance(rows, list) else plain(rows)
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _table(title: str, columns: list[str], rows: list[list[str]]) -> None:
    table = Table(title=title)
    for c in columns:
        table.add_column(c, overflow="fold")
    for r in rows:
        # article text may hold [brackets] rich would read as markup, and a file name a terminal escape
        table.add_row(*[escape(printable(x)) for x in r])
    console().print(table)


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
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files or directories to add to the store; - reads stdin.")],
    db: DbOpt = None,
    published: Annotated[Optional[str], typer.Option(help="Publication date for every input.", callback=_check_date)] = None,
    outlet: Annotated[Optional[str], typer.Option(help="Outlet name for every input.")] = None,
    gazetteer: GazetteerOpt = None,
    model: ModelOpt = None,
    batch: Annotated[int, typer.Option(help="Documents per transaction.", min=1)] = 256,
    settle_every: Annotated[Optional[int], typer.Option(
        help="Documents stored between two settlings of the record (entities, speakers, merged events) (default 1024); it is also settled at the end.",
        min=1, show_default=False)] = None,
    progress: Annotated[bool, typer.Option(help="Show a progress bar on stderr.")] = True,
    workers: WorkersOpt = 1,
    cluster: ClusterOpt = None,
    scheduler: SchedulerOpt = None,
    near_duplicates: NearOpt = None,
) -> None:
    """Add the articles in PATHS to the store; what is already stored is skipped.

    Each batch of documents is committed in one transaction, so an
    interrupted run loses at most one batch and running it again finishes the
    job. The record across documents is settled every --settle-every
    documents and at the end; `talktrack status` counts what waits.

    Example: talktrack ingest examples/articles --gazetteer examples/gazetteer.yaml --workers 2
    """
    from talktrack.ingest import count_inputs
    from talktrack.pipeline import ingest as run_ingest
    from talktrack.pipeline.to_store import SETTLE_DOCS
    from talktrack.store import connect

    settings = build_settings(db=db, gazetteers=gazetteer, spacy_model=model, near_duplicates=near_duplicates)
    where = build_workers(workers, cluster, scheduler)
    with user_errors():
        engine = connect(settings.db)
        bar = Progress(TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TextColumn("documents"), TimeElapsedColumn(),
                       console=Console(stderr=True), transient=True, disable=not progress or not sys.stderr.isatty())
        with bar:
            # the total is counted before the parse (files, JSON Lines lines); stdin and WARC leave it open
            task = bar.add_task("ingest", total=count_inputs(paths) if not bar.disable else None)
            report = run_ingest(
                engine, paths, settings, published=published, outlet=outlet, batch_docs=batch, settle_docs=settle_every or SETTLE_DOCS,
                on_reject=_report, on_progress=lambda n: bar.advance(task, n), workers=where,
            )
    for notice in report.notices:
        say(notice)
    copies = f" ({count(report.near_duplicates, 'near-duplicate')} linked to their originals)" if report.near_duplicates else ""
    say(f"{count(report.stored, 'document')} stored{copies}, {report.repeated} already stored or repeated, "
        f"{count(report.rejected, 'input')} rejected")
    if report.rejected:
        raise typer.Exit(1)


@app.command()
def settle(db: DbOpt = None) -> None:
    """Settle into the record the documents an interrupted ingest left pending (an ingest does it at its end).

    Example: talktrack settle
    """
    from talktrack.store import connect
    from talktrack.store.write import settle_pending

    settings = build_settings(db=db)  # the names were read when stored: settling needs no gazetteer
    with user_errors():
        done = settle_pending(connect(settings.db, must_exist=True), settings)
    say(f"{count(done, 'pending document')} settled into the record")


@app.command()
def status(db: DbOpt = None, as_json: JsonOpt = False) -> None:
    """Print what the store holds and the inputs it rejected (newest first).

    Example: talktrack status
    """
    st = _open(db).status()
    if as_json:
        _dump(st)
        return
    _table(f"Store {st.database} (schema {st.schema_version})", ["records", "count"], [[k, str(v)] for k, v in st.counts.items()])
    if st.rejects:
        _table("Rejected inputs", ["source", "line", "code", "reason"], [[r["source"], str(r["line"] or ""), r["code"], r["message"]] for r in st.rejects])


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
        rows = _open(db).timeline(since=since, until=until, types=event_type, limit=limit)
    if as_json:
        _dump(rows)
        return
    _table("Timeline", ["when", "type", "place", "status", "leads", "topics", "reports", "id"], [
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
        rows = _open(db).quotes(speaker=speaker, topic=topic, side=side, since=since, until=until, limit=limit)
    if as_json:
        _dump(rows)
        return
    _table("Who said what", ["date", "speaker", "side", "said", "via", "outlet", "id"], [
        [dated(q.date, q.date_stated), q.speaker + (" (inferred from role)" if q.speaker_inferred else ""), q.side or "", q.content,
         ", ".join(q.via), q.outlet or "", q.id] for q in rows
    ])


@app.command("issues")
def list_issues(db: DbOpt = None, as_json: JsonOpt = False) -> None:
    """Print the topics of the record with how many events and statements touch each.

    Example: talktrack issues
    """
    rows = _open(db).issues()
    if as_json:
        _dump(rows)
        return
    _table("Issues", ["topic", "label", "parent", "events", "statements", "first", "last"], [
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
        rows = _open(db).issue(topic)
    if as_json:
        _dump(rows)
        return
    _table(f"Issue: {topic}", ["date", "kind", "side", "what", "change", "id"], [
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
    rows = _open(db).deadlines(upcoming=upcoming, today=today)
    if as_json:
        _dump(rows)
        return
    _table("Deadlines", ["when", "what", "status", "standing", "topics", "id"], [
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
        rows = _open(db).measures(on=on, topic=topic)
    if as_json:
        _dump(rows)
        return
    if not rows:
        say(f"no measure stood on {on or 'the latest article date'}" + (f" on topic {topic}" if topic else ""))
        return
    _table(f"Measures on {rows[0].on}", ["measure", "state", "since", "expires", "sides", "id"], [
        [m.name, m.state or "", dated(m.since, m.since_stated, "undated"), m.expiry or "", ", ".join(m.sides), m.id] for m in rows
    ])
    for m in rows:
        _table(m.name, ["date", "what", "sides", "source"], [
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
        rows = _open(db).changes(since=since, types=event_type, topic=topic, side=side, speaker=speaker, kinds=kind, limit=limit)
    if as_json:
        _dump(rows)
        return
    _table("Changes", ["learned", "change", "what", "date", "sides", "record", "id"], [
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
        rows = _open(db).people(side=side)
    if as_json:
        _dump(rows)
        return
    _table("People", ["name", "side", "titles", "also written", "mentions", "documents", "statements", "id"], [
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
        rows = _open(db).roles(role=role, side=side)
    if as_json:
        _dump(rows)
        return
    _table("Roles", ["role", "side", "holder", "first", "last", "articles", "id"], [
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
    rows = _open(db).search(query, limit=limit)
    if as_json:
        _dump([dataclasses.replace(h, snippet=h.snippet.replace(HIT_START, "").replace(HIT_END, "")) for h in rows])
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
        shown = _open(db).show(record_id)
    if as_json:
        _dump(shown)
        return
    record = dict(shown.record)
    text = record.pop("text") if shown.kind == "document" else None
    _table(f"{shown.kind.capitalize()} {record_id}", ["field", "value"], [[k, _cell(v)] for k, v in record.items()])
    if text is not None:
        console().print(text, markup=False)
        return
    _table("Evidence", ["document", "published", "sentence"], [
        [f"{ev.title or ev.doc_id} ({ev.doc_id})", ev.published or "", ev.sentence] for ev in shown.evidence
    ])


class ExportFormat(str, Enum):
    json = "json"
    csv = "csv"
    parquet = "parquet"
    plover = "plover"
    ics = "ics"


@app.command()
def export(
    output_format: Annotated[ExportFormat, typer.Option("--format", "-f", help="json: the ledger; csv/parquet: one file per layer; plover: PLOVER JSON Lines; ics: calendar.")] = ExportFormat.json,
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="Output file (json, plover, ics; default stdout) or folder (csv, parquet; required).")] = None,
    db: DbOpt = None,
) -> None:
    """Export the whole record: the ledger JSON, tables for pandas, PLOVER events or an iCalendar file.

    Example: talktrack export --format csv --out record/
    """
    from talktrack.codec import encode
    from talktrack.export.formats import ics_calendar, plover_jsonl
    from talktrack.export.tabular import write_tables

    folder_format = output_format in (ExportFormat.csv, ExportFormat.parquet)
    if folder_format and out is None:
        raise typer.BadParameter("--out FOLDER is required for csv and parquet", param_hint="--out")
    if folder_format and out is not None and out.exists() and not out.is_dir():
        raise typer.BadParameter(f"{out} is a file: csv and parquet write one file per layer into a folder", param_hint="--out")
    if not folder_format and out is not None and out.is_dir():
        raise typer.BadParameter(f"{out} is a folder: {output_format.value} writes one file", param_hint="--out")
    if not folder_format and out is not None and not out.parent.is_dir():
        raise typer.BadParameter(f"folder {out.parent} does not exist", param_hint="--out")
    record = _open(db)
    ledger = record.ledger()
    measures: list[dict[str, object]] = []  # over time, read from the events: the ledger and the tables carry them
    roles: list[dict[str, object]] = []  # who held which role when, read from the mentions
    if output_format in (ExportFormat.json, ExportFormat.csv, ExportFormat.parquet):  # PLOVER and iCalendar do not
        measures = [encode(m) for m in record.measures()]
        roles = [encode(r) for r in record.roles()]
    waiting = record.status().counts["pending"]
    if waiting:
        say(f"{count(waiting, 'document')} {'waits' if waiting == 1 else 'wait'} for a settle and {'is' if waiting == 1 else 'are'} left out (talktrack settle)")
    if folder_format and out is not None:
        try:
            files = write_tables(ledger, out, output_format.value, measures, roles)
        except OSError as exc:
            say(message("TT402", path=out, reason=exc.strerror or exc))
            raise typer.Exit(1) from exc
        say(f"wrote {count(len(files), 'file')} to {out}")
        return
    if output_format is ExportFormat.json:
        data = ledger_to_dict(ledger) | {"measures": measures, "roles": roles}
        with user_errors():
            validate_ledger(data)
        body = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    elif output_format is ExportFormat.plover:
        body = plover_jsonl(ledger)
    else:  # a deadline a later report moved is cancelled in the calendar, pointing at where it moved
        body = ics_calendar(ledger, moved={d.id: d.moved_to_start or "" for d in record.deadlines() if d.state == "moved"})
    if out is None:
        sys.stdout.write(body)
    else:
        try:
            out.write_text(body, encoding="utf-8", newline="")
        except OSError as exc:
            say(message("TT402", path=out, reason=exc.strerror or exc))
            raise typer.Exit(1) from exc
        say(f"wrote {out}")


@app.command()
def serve(
    db: DbOpt = None,
    host: Annotated[str, typer.Option(help="Address to listen on (default: this machine only).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
    token: Annotated[
        Optional[str],
        typer.Option(envvar="TALKTRACK_TOKEN", help="Accept POST /api/documents from requests bearing this token "
                     "(at least 16 characters); without it the server only reads.", show_default=False),
    ] = None,
    gazetteer: GazetteerOpt = None,
    model: ModelOpt = None,
) -> None:
    """Serve the web page and the HTTP API (OpenAPI docs at /api/docs); read-only unless given a token.

    Example: talktrack serve --port 8000, then open http://127.0.0.1:8000/
    """
    import uvicorn

    from talktrack.web.app import create_app

    if token is not None and len(token) < 16:
        say("the token must be at least 16 characters (e.g. python -c 'import secrets; print(secrets.token_urlsafe())')")
        raise typer.Exit(2)
    record = _open(db, must_exist=token is None, gazetteers=gazetteer)  # a server that takes documents may start from an empty store
    settings = build_settings(db=db, gazetteers=gazetteer, spacy_model=model)
    mode = "reads and token-bearing writes" if token else "read-only"
    say(f"serving {record.engine.url.render_as_string(hide_password=True)} on http://{host}:{port}/, {mode} (Ctrl+C stops)")
    uvicorn.run(create_app(record, token=token, settings=settings), host=host, port=port, log_level="warning")
