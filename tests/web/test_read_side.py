"""The read side loads no spaCy: talktrack.open, every query, the exports, the API and the web pages, the store commands.

Each runs in a fresh interpreter on the served store, so nothing an earlier
test imported counts; the pipeline (and with it spaCy) is loaded only by
the commands that parse, and by the API's write endpoint when it is called.
"""

from __future__ import annotations

import subprocess
import sys

from talktrack.cli.app import app
from tests.conftest import ROOT

PARSING = {"extract", "eval", "ingest"}  # the commands that read articles: they load the pipeline
NO_STORE = {"settings", "schema"}
SERVER = {"serve"}  # runs uvicorn; the app it serves is checked below

READ = r"""
import sys, tempfile, warnings
from pathlib import Path

import talktrack
from talktrack.cli import app
from talktrack.export.formats import ics_calendar, plover_jsonl
from talktrack.export.ledger import ledger_to_dict, validate_ledger
from talktrack.export.tabular import write_tables
from talktrack.web.app import create_app
from typer.testing import CliRunner

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    from fastapi.testclient import TestClient

db, commands = sys.argv[1], set(sys.argv[2].split(","))
record = talktrack.open(db)
ledger = record.ledger()
assert ledger.documents and ledger.events and ledger.statements
validate_ledger(ledger_to_dict(ledger))
assert plover_jsonl(ledger) and ics_calendar(ledger)
out = Path(tempfile.mkdtemp())
assert write_tables(ledger, out / "csv", "csv") and write_tables(ledger, out / "parquet", "parquet")
record.frame("quotes")

with TestClient(create_app(record)) as client:
    for path in ["/", "/chart", "/issues", "/people", "/quotes", "/deadlines", "/measures", "/changes", "/feed.atom",
                 "/search?q=talks", "/api/docs", "/api/openapi.json", f"/events/{ledger.events[0].id}",
                 f"/documents/{ledger.documents[0].id}", f"/issues/{record.issues()[0].topic}"]:
        assert client.get(path).status_code == 200, path
    needs = {"/api/search": "?q=talks"}  # the one list route with a required parameter
    for route in client.get("/api/openapi.json").json()["paths"]:
        if "{" not in route and route.startswith("/api/") and route != "/api/documents":
            assert client.get(route + needs.get(route, "")).status_code == 200, route

args = {
    "issue": [record.issues()[0].topic], "search": ["talks"], "show": [ledger.events[0].id],
    "export": ["--format", "csv", "--out", str(out / "cli")],
}
runner = CliRunner()
for name in sorted(commands):
    result = runner.invoke(app, [name, *args.get(name, []), "--db", db])
    assert result.exit_code == 0, (name, result.output)
for fmt in ["json", "plover", "ics"]:
    assert runner.invoke(app, ["export", "--format", fmt, "--db", db]).exit_code == 0, fmt
record.close()

loaded = sorted(m for m in sys.modules if m == "spacy" or m.startswith(("spacy.", "talktrack.extract", "talktrack.nlp", "talktrack.pipeline")))
assert not loaded, loaded
print("read side ok")
"""


def test_the_read_side_loads_no_spacy(web_db: str):
    commands = sorted({c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands} - PARSING - NO_STORE - SERVER)
    assert {"status", "timeline", "export", "settle"} <= set(commands)
    done = subprocess.run([sys.executable, "-c", READ, web_db, ",".join(commands)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and "read side ok" in done.stdout, done.stderr[-3000:]
