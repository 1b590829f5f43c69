"""`talktrack changes` (in process, tests/in_process.py): a store built in two ingests lists what the second added or changed."""

from __future__ import annotations

import json
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES
from tests.e2e.test_store_cli import tt

pytestmark = pytest.mark.slow
GAZ = str(EXAMPLES / "gazetteer.yaml")


def listed(*args: str, db: str) -> list[dict[str, object]]:
    result = tt(*args, "--json", db=db)
    assert result.returncode == 0, result.stderr
    rows: list[dict[str, object]] = json.loads(result.stdout)
    return rows


def test_changes_since_the_second_ingest_are_what_it_added_or_changed(tmp_path: Path):
    db = str(tmp_path / "record.db")
    files = sorted(str(p) for p in (EXAMPLES / "articles").iterdir())
    first, second = files[:5], files[5:]  # the Oslo talks, then the articles that report the truce extended
    assert tt("ingest", *first, "-g", GAZ, db=db).returncode == 0
    quotes_before = {q["id"] for q in listed("quotes", db=db)}
    events_before = {e["id"]: e["status"] for e in listed("timeline", db=db)}
    time.sleep(0.01)
    between = datetime.now(timezone.utc).isoformat()
    assert tt("ingest", *second, "-g", GAZ, db=db).returncode == 0
    quotes_after = {q["id"] for q in listed("quotes", db=db)}
    events_after = {e["id"]: e["status"] for e in listed("timeline", db=db)}

    changes = listed("changes", "--since", between, db=db)
    said = {c["record_id"] for c in changes if c["kind"] == "statement_added"}
    assert said == quotes_after - quotes_before  # every statement of the new articles, none of the earlier ones
    new_events = set(events_after) - set(events_before)
    logged = {c["record_id"] for c in changes if c["kind"] in ("event_added", "event_moved", "deadline_added", "deadline_moved")}
    assert logged == new_events
    restated = {i for i in set(events_before) & set(events_after) if events_before[i] != events_after[i]}
    assert {c["record_id"] for c in changes if c["kind"] == "event_status"} == restated
    assert [(c["before"], c["after"]) for c in changes if c["kind"] == "deadline_moved"] == [("2029-08-16", "2029-11-14")]
    assert all(c["at"] >= between for c in changes)  # type: ignore[operator]
    everything = listed("changes", db=db)
    assert {c["id"] for c in changes} < {c["id"] for c in everything}

    # the same day's articles again: nothing is stored, nothing is new
    assert tt("ingest", *files, "-g", GAZ, db=db).returncode == 0
    assert listed("changes", db=db) == everything

    table = tt("changes", "--since", between, "--kind", "deadline_moved", db=db)
    assert table.returncode == 0 and "deadline moved" in table.stdout and "2029-11-14" in table.stdout
    only = listed("changes", "--since", between[:10], "--type", "statement", "--side", "Ostrevia", db=db)
    assert only and all(c["type"] == "statement" and c["sides"] == ["XO"] for c in only)


def test_changes_refuses_what_is_no_date_or_time(tmp_path: Path):
    db = str(tmp_path / "record.db")
    assert tt("ingest", str(EXAMPLES / "articles" / "ex01-vienna-talks.txt"), "-g", GAZ, db=db).returncode == 0
    bad = tt("changes", "--since", "monday", db=db)
    assert bad.returncode == 2 and "TT607" in bad.stderr
    unknown = tt("changes", "--kind", "event_removed", db=db)
    assert unknown.returncode == 1 and "TT606" in unknown.stderr
