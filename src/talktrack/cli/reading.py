"""What the commands over the store share: their options, opening the record, printing rows as a table or JSON.

`--db` (or TALKTRACK_DB, or `db` in talktrack.toml) names the store. The
store and the queries are imported when a command opens the record, so the
command starts without SQLAlchemy.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer
from rich.markup import escape
from rich.table import Table

from talktrack.cli.app import _check_date, build_settings, console, user_errors
from talktrack.errors import printable

if TYPE_CHECKING:
    from talktrack.query.record import Record

DbOpt = Annotated[Optional[str], typer.Option("--db", help="Store: SQLite file or database URL (setting db, TALKTRACK_DB).")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
SinceOpt = Annotated[Optional[str], typer.Option(help="Only from this date on (YYYY, YYYY-MM or YYYY-MM-DD).", callback=_check_date)]
UntilOpt = Annotated[Optional[str], typer.Option(help="Only up to this date, inclusive.", callback=_check_date)]
LimitOpt = Annotated[int, typer.Option(help="At most this many rows (up to 1000).", min=1, max=1000)]


def stored_record(db: str | None, *, must_exist: bool = True, gazetteers: list[Path] | None = None) -> Record:
    """Return the record in the store; a command that only reads it refuses a store that is not there (TT605)."""
    from talktrack.query.record import Record
    from talktrack.store import connect

    settings = build_settings(db=db, gazetteers=gazetteers)
    with user_errors():
        return Record(connect(settings.db, must_exist=must_exist), tuple(settings.gazetteers))


def print_json(rows: Any) -> None:
    """Print a query's result (a record or a list of them) as JSON on stdout."""

    def plain(x: Any) -> Any:
        return dataclasses.asdict(x) if dataclasses.is_dataclass(x) and not isinstance(x, type) else x

    data = [plain(r) for r in rows] if isinstance(rows, list) else plain(rows)
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def print_table(title: str, columns: list[str], rows: list[list[str]]) -> None:
    """Print rows of cells as a rich table, each cell escaped: article text is no markup and no terminal control."""
    table = Table(title=title)
    for c in columns:
        table.add_column(c, overflow="fold")
    for r in rows:
        # article text may hold [brackets] rich would read as markup, and a file name a terminal escape
        table.add_row(*[escape(printable(x)) for x in r])
    console().print(table)
