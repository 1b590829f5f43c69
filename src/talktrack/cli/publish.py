"""Handing the record on: export it to files, or serve the web page and the HTTP API.

The exports and the web app are imported by the command that uses them, so
the command starts without Arrow or FastAPI.
"""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from talktrack.cli.app import GazetteerOpt, ModelOpt, app, build_settings, count, say, user_errors
from talktrack.cli.reading import DbOpt, stored_record
from talktrack.errors import message
from talktrack.export.ledger import ledger_to_dict, validate_ledger


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
    record = stored_record(db)
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
    record = stored_record(db, must_exist=token is None, gazetteers=gazetteer)  # a server that takes documents may start from an empty store
    settings = build_settings(db=db, gazetteers=gazetteer, spacy_model=model)
    mode = "reads and token-bearing writes" if token else "read-only"
    say(f"serving {record.engine.url.render_as_string(hide_password=True)} on http://{host}:{port}/, {mode} (Ctrl+C stops)")
    uvicorn.run(create_app(record, token=token, settings=settings), host=host, port=port, log_level="warning")
