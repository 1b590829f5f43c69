"""The `talktrack` commands: the installed script, run as a user runs it, and the same app in process.

`script` starts the installed script (the entry point, a real pipe); `run` answers the
same in process (tests/in_process.py), saving the start of Python and spaCy per call.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from tests.conftest import EXAMPLES, ROOT
from tests.in_process import talktrack

SCRIPT = shutil.which("talktrack", path=str(Path(sys.executable).parent)) or "talktrack"
SCHEMA = json.loads((ROOT / "src" / "talktrack" / "data" / "ledger-1.schema.json").read_text())


def script(*args: str) -> subprocess.CompletedProcess[bytes]:
    """Run the installed script."""
    return subprocess.run([SCRIPT, *args], capture_output=True, timeout=300, cwd=ROOT)


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run the command in process."""
    return talktrack(*args, input=stdin, cwd=ROOT, text=False)


@pytest.mark.slow
def test_cli_extract_examples_prints_a_valid_ledger():
    result = script("extract", str(EXAMPLES / "articles"), "--gazetteer", str(EXAMPLES / "gazetteer.yaml"))
    assert result.returncode == 0, result.stderr.decode()
    ledger = json.loads(result.stdout)
    jsonschema.validate(ledger, SCHEMA)
    assert len(ledger["documents"]) == 11
    assert {"Petra Will", "Halvard Brekke"} <= {e["name"] for e in ledger["entities"] if e["type"] == "person"}
    assert b"11 documents" in result.stderr


@pytest.mark.slow
def test_cli_extract_jsonl_prints_one_ledger_per_document():
    result = run("extract", str(EXAMPLES / "articles" / "ex09-wire-feed.jsonl"), "--format", "jsonl",
                 "-g", str(EXAMPLES / "gazetteer.yaml"))
    assert result.returncode == 0, result.stderr.decode()
    lines = result.stdout.decode().splitlines()
    assert len(lines) == 3
    for line in lines:
        record = json.loads(line)
        jsonschema.validate(record, SCHEMA)
        (doc,) = record["documents"]
        for entity in record["entities"]:
            assert entity["mentions"] and all(m["doc"] == doc["id"] for m in entity["mentions"])


@pytest.mark.slow
def test_cli_extract_reports_bad_input_and_goes_on(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "bin.txt").write_bytes(b"\x00\xff" * 50)
    (tmp_path / "feed.jsonl").write_text('{"text": "Envoys met in Oslo on Monday."}\n{broken\n')
    result = run("extract", str(tmp_path), "--published", "2029-05-02", "--outlet", "Northwind Daily")
    assert result.returncode == 1
    err = result.stderr.decode()
    assert "[TT101]" in err and "empty.txt" in err
    assert "[TT103]" in err and "bin.txt" in err
    assert "[TT102]" in err and "feed.jsonl, line 2" in err
    ledger = json.loads(result.stdout)
    (doc,) = ledger["documents"]
    assert (doc["published"], doc["published_basis"], doc["outlet"]) == ("2029-05-02", "given", "Northwind Daily")


@pytest.mark.slow
def test_cli_extract_reads_stdin():
    result = run("extract", "-", stdin="Envoys meet\nTrade Secretary Halvard Brekke met reporters on Monday.".encode())
    assert result.returncode == 0, result.stderr.decode()
    (doc,) = json.loads(result.stdout)["documents"]
    assert (doc["source"], doc["title"]) == ("<stdin>", "Envoys meet")


@pytest.mark.parametrize(
    "args",
    [
        ("extract", "x.txt", "--published", "May 2nd"),
        ("extract", "x.txt", "--published", "2025-13-01"),  # the shape of a date, but none
        ("extract", "x.txt", "--format", "xml"),
        ("extract",),
        ("no-such-command",),
    ],
)
def test_cli_usage_errors_exit_2(args):
    result = run(*args)
    assert result.returncode == 2


def test_cli_every_command_has_help():
    result = run("--help")
    assert result.returncode == 0
    for command in ("extract", "settings", "schema"):
        assert command in result.stdout.decode()
        sub = run(command, "--help")
        assert sub.returncode == 0 and b"Example:" in sub.stdout


def test_cli_settings_reflect_the_environment(tmp_path):
    result = talktrack("settings", cwd=tmp_path, env={"TALKTRACK_BATCH_SIZE": "7"})
    assert result.returncode == 0, result.stderr.decode()
    assert json.loads(result.stdout)["batch_size"] == 7


def test_cli_schema_prints_the_contract():
    result = run("schema")
    assert json.loads(result.stdout)["$id"] == "talktrack.ledger/1"


@pytest.mark.slow
@pytest.mark.issue(5)
def test_cli_events_dated_by_weeks_seasons_and_quarters_validate(tmp_path):
    # an event dated "next week" once carried the TIMEX3 value 2025-W25, which the schema's dates refuse
    article = tmp_path / "eu.txt"
    article.write_text(
        "EU, US negotiators meet in Brussels\nThe two sides met in Brussels on Wednesday. They will meet again in "
        "Washington next week, hold talks this weekend, in the third quarter and this summer.\n",
        encoding="utf-8",
    )
    result = run("extract", str(article), "--published", "2025-06-12")
    assert result.returncode == 0, result.stderr.decode()
    ledger = json.loads(result.stdout)
    jsonschema.validate(ledger, SCHEMA)
    washington = next(e for e in ledger["events"] if e["place"] == "Washington")
    assert (washington["start"], washington["end"], washington["status"]) == ("2025-06-16", "2025-06-22", "scheduled")


@pytest.mark.parametrize(
    "env, files, code",
    [
        ({"TALKTRACK_BATCH_SIZE": "abc"}, {}, "TT305"),
        ({}, {"talktrack.toml": "batch_size = ["}, "TT305"),
        ({}, {"g.yaml": "countries:\n  - names: [Nowhere]\n"}, "TT302"),
    ],
)
def test_cli_bad_settings_and_data_are_clear_errors(tmp_path, env, files, code):
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    (tmp_path / "a.txt").write_text("Envoys meet\nThe envoys met in Oslo on Monday.")
    args = ["extract", "a.txt"] + (["-g", "g.yaml"] if "g.yaml" in files else [])
    result = talktrack(*args, cwd=tmp_path, env=env)
    assert result.returncode == 1
    assert f"[{code}]" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.slow
def test_cli_empty_directory_and_repeated_text_are_reported(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.md").write_text("not an article")
    twice = tmp_path / "twice"
    twice.mkdir()
    for name in ("a.txt", "b.txt"):
        (twice / name).write_text("Envoys meet\nThe envoys met in Oslo on Monday.")
    result = run("extract", str(tmp_path / "empty"), str(twice))
    err = result.stderr.decode()
    assert result.returncode == 1 and "[TT111]" in err and "empty" in err
    assert "[TT160]" in err and "b.txt" in err
    assert len(json.loads(result.stdout)["documents"]) == 1


def test_cli_version():
    result = script("--version")
    assert result.returncode == 0 and result.stdout.decode().strip() == f"talktrack {__import__('talktrack').__version__}"


@pytest.mark.parametrize("command", [[], ["extract"], ["ingest"], ["quotes"], ["search"], ["export"]])
def test_cli_help_shows_no_internal_types(command):
    text = run(*command, "--help").stdout.decode()
    for internal in ("<list[str]>", "<int>", "<bool>", "{paths}", "{"):
        assert internal not in text, (command, internal)
    assert "INTEGER  More log output" not in text  # -v counts, it takes no number


@pytest.mark.slow
def test_cli_counts_read_in_the_singular(tmp_path):
    article = tmp_path / "one.txt"
    article.write_text("Trade ministers met in Geneva on Monday. 'The talks were useful,' the minister said.\n")
    result = run("extract", str(article), "--published", "2025-06-03")
    err = result.stderr.decode()
    assert "1 document," in err and "0 inputs rejected" in err and "1 documents" not in err


@pytest.mark.slow
def test_cli_extract_table_has_room_when_piped():
    result = script("extract", str(EXAMPLES / "articles" / "ex01-vienna-talks.txt"), "--format", "table")
    assert result.returncode == 0
    assert max(len(line) for line in result.stdout.decode().splitlines()) > 120  # not squeezed to 80 columns
