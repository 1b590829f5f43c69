"""The store commands, run as a user runs them: ingest, the queries, show, export, status.

The store is built by the installed script; the commands over it run in process
(tests/in_process.py).
"""

from __future__ import annotations

import csv
import json
import re
import subprocess
from pathlib import Path

import jsonschema
import pytest

from tests.conftest import EXAMPLES
from tests.e2e.test_cli import SCHEMA, SCRIPT
from tests.in_process import talktrack

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("cli") / "record.db")
    result = subprocess.run([SCRIPT, "ingest", str(EXAMPLES / "articles"), "-g", str(EXAMPLES / "gazetteer.yaml"), "--db", path],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "11 documents stored (1 near-duplicate linked to their originals)" in result.stderr
    return path


def tt(*args: str, db: str | None = None) -> subprocess.CompletedProcess[str]:
    """`talktrack ARGS [--db DB]`, in process."""
    extra = ["--db", db] if db else []
    return talktrack(*args, *extra)


def as_json(*args: str, db: str) -> object:
    result = tt(*args, "--json", db=db)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_ingest_again_stores_nothing_new(db: str):
    result = tt("ingest", str(EXAMPLES / "articles"), "-g", str(EXAMPLES / "gazetteer.yaml"), db=db)
    assert result.returncode == 0 and "0 documents stored, 11 already stored" in result.stderr


def test_settling_more_often_ends_with_the_same_record(db: str, tmp_path: Path):
    from talktrack.pipeline.to_store import SETTLE_DOCS

    assert f"(default {SETTLE_DOCS})" in " ".join(tt("ingest", "--help").stdout.replace("│", " ").split())  # the help says what the code does
    other = str(tmp_path / "often.db")
    result = tt("ingest", str(EXAMPLES / "articles"), "-g", str(EXAMPLES / "gazetteer.yaml"), "--batch", "2", "--settle-every", "3", db=other)
    assert result.returncode == 0, result.stderr
    assert as_json("status", db=other)["counts"]["pending"] == 0  # type: ignore[index]
    assert _sorted_export(other) == _sorted_export(db)
    assert "0 pending documents settled" in tt("settle", db=other).stderr


def _sorted_export(db: str) -> dict[str, object]:
    """The exported ledger with every list in a fixed order, so two stores compare by content."""
    result = tt("export", db=db)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    return {k: sorted(v, key=lambda x: json.dumps(x, sort_keys=True)) if isinstance(v, list) else v for k, v in data.items()}


def test_queries_print_tables_and_json(db: str):
    timeline = as_json("timeline", db=db)
    assert any(e["place"] == "Vienna" and e["leads"].get("XV") == ["Petra Will"] for e in timeline)  # type: ignore[union-attr,index]
    table = tt("timeline", db=db)
    assert table.returncode == 0 and "Vienna" in table.stdout and "Petra Will" in table.stdout
    said = as_json("quotes", "--speaker", "Brekke", "--topic", "port_fees", db=db)
    assert said and all(q["speaker"] == "Halvard Brekke" and q["topics"] for q in said)  # type: ignore[union-attr,index]
    issues = as_json("issues", db=db)
    assert any(i["topic"] == "tariffs" for i in issues)  # type: ignore[union-attr,index]
    history = as_json("issue", "tariff_truce", db=db)
    assert history[0]["kind"] == "round"  # type: ignore[index]
    deadlines = as_json("deadlines", "--upcoming", "--today", "2029-09-01", db=db)
    assert deadlines and all(d["type"] == "deadline" and d["state"] == "ahead" for d in deadlines)  # type: ignore[union-attr,index]
    listed = tt("deadlines", "--today", "2029-08-01", db=db)
    assert re.search(r"2029-08-16 .*moved to 2029-11-14", listed.stdout.replace("│", " ")), listed.stdout
    people = as_json("people", "--side", "XV", db=db)
    assert "Petra Will" in {p["name"] for p in people}  # type: ignore[union-attr,index]
    hits = as_json("search", "port fees", db=db)
    assert hits and "\x02" not in json.dumps(hits)
    for command in (["quotes"], ["issues"], ["issue", "tariffs"], ["deadlines"], ["people"], ["search", "truce"], ["status"]):
        result = tt(*command, db=db)
        assert result.returncode == 0 and result.stdout.strip(), (command, result.stderr)


def test_show_prints_a_record_with_its_evidence(db: str):
    quote = as_json("quotes", "--limit", "1", db=db)[0]  # type: ignore[index]
    shown = as_json("show", quote["id"], db=db)
    assert shown["kind"] == "statement" and quote["content"] in shown["evidence"][0]["sentence"]  # type: ignore[index]
    readable = tt("show", quote["id"], db=db).stdout
    assert "Evidence" in readable and not readable.lstrip().startswith("{")
    # one row per field, not a JSON dump cut by the terminal: the speaker row names the speaker
    rows = {cells[1].strip(): cells[2].strip() for line in readable.splitlines() if len(cells := line.split("│")) == 4}
    assert rows["kind"] == quote["kind"] and quote["speaker"] in rows["speaker"]
    missing = tt("show", "no-such-id", db=db)
    assert missing.returncode == 1 and "TT603" in missing.stderr


def test_search_takes_its_words_unquoted(db: str):
    quoted, unquoted = tt("search", "port fees", "--json", db=db), tt("search", "port", "fees", "--json", db=db)
    assert unquoted.returncode == 0 and json.loads(unquoted.stdout) and unquoted.stdout == quoted.stdout


def test_bad_input_to_queries_is_a_usage_error(db: str, tmp_path: Path):
    assert tt("quotes", "--since", "2029-13", db=db).returncode == 2
    unknown = tt("issue", "no_such_topic", db=db)
    assert unknown.returncode == 1 and "TT604" in unknown.stderr
    nowhere = tt("timeline", db=str(tmp_path / "missing" / "x.db"))
    assert nowhere.returncode == 1 and "TT605" in nowhere.stderr


@pytest.mark.parametrize("command", [["timeline"], ["quotes"], ["status"], ["show", "person:x"], ["export", "--format", "json"]])
def test_a_mistyped_store_is_an_error_not_an_empty_answer(tmp_path: Path, command: list[str]):
    typo = tmp_path / "demo.bd"
    result = tt(*command, db=str(typo))
    assert result.returncode == 1 and "TT605" in result.stderr and str(typo) in result.stderr
    assert not typo.exists()  # reading never creates a store


def test_exports(db: str, tmp_path: Path):
    ledger = json.loads(tt("export", "--format", "json", db=db).stdout)
    jsonschema.validate(ledger, SCHEMA)
    assert len(ledger["documents"]) == 11
    assert tt("export", "--format", "csv", "--out", str(tmp_path / "csv"), db=db).returncode == 0
    with (tmp_path / "csv" / "statements.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    # the gold's 91 statements less the 6 that ex07, a near-duplicate of ex06, repeats: counted once
    assert len(rows) == 85 and {"doc_id", "start", "end", "speaker", "content"} <= set(rows[0])
    assert tt("export", "--format", "parquet", "--out", str(tmp_path / "pq"), db=db).returncode == 0
    import pandas

    events = pandas.read_parquet(tmp_path / "pq" / "events.parquet")
    assert len(events) == len(ledger["events"])
    plover = [json.loads(line) for line in tt("export", "--format", "plover", db=db).stdout.splitlines()]
    assert plover and all(r["event_type"] and r["source_text"] for r in plover)
    assert any(r["event_type"] == "CONSULT" and r["location"] == "Vienna" for r in plover)
    ics = talktrack("export", "--format", "ics", "--db", db, text=False).stdout.decode()
    assert ics.startswith("BEGIN:VCALENDAR\r\n") and ics.endswith("END:VCALENDAR\r\n")
    assert "DTSTART;VALUE=DATE:20290310" in ics and "DTEND;VALUE=DATE:20290312" in ics
    assert all(len(line.encode()) <= 75 for line in ics.split("\r\n"))
    assert tt("export", "--format", "csv", db=db).returncode == 2  # csv needs --out


def test_db_comes_from_the_environment(db: str):
    result = talktrack("status", "--json", env={"TALKTRACK_DB": db})
    assert result.returncode == 0 and json.loads(result.stdout)["counts"]["documents"] == 11


@pytest.mark.parametrize(
    "fmt, make, reason",
    [
        ("csv", "file", "is a file"),
        ("parquet", "file", "is a file"),
        ("json", "folder", "is a folder"),
        ("ics", "folder", "is a folder"),
        ("plover", "missing parent", "does not exist"),
    ],
)
def test_a_wrong_out_is_a_usage_error_not_a_traceback(db: str, tmp_path: Path, fmt: str, make: str, reason: str):
    out = tmp_path / "out"
    if make == "file":
        out.write_text("keep me")
    elif make == "folder":
        out.mkdir()
    else:
        out = tmp_path / "no" / "such" / "out.jsonl"
    result = tt("export", "--format", fmt, "--out", str(out), db=db)
    said = " ".join(re.sub(r"[│╭╮╰╯─]", " ", result.stderr).split())  # the usage box wraps long paths
    assert result.returncode == 2 and reason in said and "Traceback" not in result.stderr
    if make == "file":
        assert out.read_text() == "keep me"
