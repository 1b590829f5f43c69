"""The tables mark inferred dates with ~, with one helper: the queries over a store and `extract --format table`."""

from __future__ import annotations

import io
import json
import re

import pytest
from rich.console import Console
from typer.testing import CliRunner

from talktrack.cli import app
from talktrack.cli.tables import dated, period, print_ledger

pytestmark = pytest.mark.slow


def test_a_date_cell_marks_what_was_inferred():
    assert (dated("2031-07-29", True), dated("2031-07-29", False), dated(None, False, "undated")) == ("2031-07-29", "~2031-07-29", "undated")
    assert period("2031-07-28", "2031-07-29", "weekday", "period") == "~2031-07-28 to ~2031-07-29"
    assert period("2031-07-14", "2031-07-14", "text", "text") == "2031-07-14"


@pytest.mark.parametrize("command, field", [("timeline", "start_basis"), ("quotes", "date_basis"), ("deadlines", "start_basis")])
def test_query_tables_mark_each_inferred_date_the_json_gives(sample_stores: dict[str, str], command: str, field: str):
    db = sample_stores["sqlite"]
    rows = json.loads(CliRunner().invoke(app, [command, "--json", "--db", db]).stdout)
    table = CliRunner().invoke(app, [command, "--db", db], env={"COLUMNS": "400"}).stdout
    inferred = {r["start" if field == "start_basis" else "date"] for r in rows if r[field] not in (None, "text")}
    assert inferred and all(f"~{day}" in table for day in inferred)
    stated = {r["start" if field == "start_basis" else "date"] for r in rows if r[field] == "text"} - inferred
    assert all(not re.search(rf"~{day}\b", table) for day in stated)


def test_extract_table_marks_inferred_dates(examples_ledger):
    out = io.StringIO()
    print_ledger(examples_ledger, Console(file=out, width=400))
    weekday = next(e for e in examples_ledger.events if e.start_basis == "weekday")
    assert f"~{weekday.start}" in out.getvalue()
