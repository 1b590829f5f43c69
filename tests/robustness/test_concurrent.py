"""Several `talktrack ingest` processes writing one SQLite store at once.

README: "SQLite runs in WAL mode with a 60 s busy timeout, so two ingests
into one file wait for each other." Each process must exit 0 (having waited
for the others), or fail cleanly with a message and no traceback; the store
must end intact, with every input stored once, and hold the record one
sequential ingest of the union builds.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from benchmarks.corpus import write_corpus
from tests.conftest import EXAMPLES
from tests.e2e.test_cli import SCRIPT
from tests.in_process import talktrack
from tests.robustness.store_checks import canonical_ledger, check_store, layer_counts, order_free

pytestmark = pytest.mark.issue(8)

ARTICLES = 24
BATCH = 2


def _arguments(inputs: list[str], db: Path, *extra: str) -> list[str]:
    return ["ingest", *inputs, "-g", str(EXAMPLES / "gazetteer.yaml"), "--batch", str(BATCH), "--settle-every", "3",
            "--db", str(db), "--no-progress", *extra]


def _ingest(inputs: list[str], db: Path, *extra: str) -> subprocess.Popen[str]:
    """Start the installed script's ingest."""
    command = [SCRIPT, *_arguments(inputs, db, *extra)]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=db.parent)


def _clean(proc: subprocess.Popen[str], timeout: float = 300) -> tuple[int, str]:
    """Wait for `proc`; it must have succeeded or failed with a talktrack message, never a traceback."""
    _, err = proc.communicate(timeout=timeout)
    assert "Traceback" not in err, err[-3000:]
    if proc.returncode != 0:
        assert proc.returncode == 1 and "[TT" in err, err[-3000:]
    return proc.returncode, err


@pytest.mark.slow
@pytest.mark.parametrize("scenario", ["same inputs", "overlapping inputs"])
def test_concurrent_ingests_into_one_store_end_as_one_sequential_ingest(scenario: str, tmp_path: Path):
    corpus = tmp_path / "corpus"
    files = [str(p) for p in write_corpus(corpus, ARTICLES, seed=11)]
    if scenario == "same inputs":  # near-duplicate linking on (the default): every process sees the articles in one order
        runs: list[list[str]] = [[str(corpus)], [str(corpus)]]
        extra: tuple[str, ...] = ()
    else:  # three overlapping subsets in different orders; which of two near-copies is "the original" then
        # depends on who stores first, so near-duplicate linking is off here, and so is an event's status
        # when its reports disagree (see store_checks.order_free)
        runs = [files[: 2 * ARTICLES // 3], files[ARTICLES // 3 :][::-1], files[::2] + files[1::2]]
        extra = ("--near-duplicates", "0")

    sequential = tmp_path / "sequential.db"  # the same command, alone, in this process
    alone = talktrack(*_arguments([str(corpus)], sequential, *extra), cwd=tmp_path)
    assert alone.returncode == 0 and f"{ARTICLES} documents stored" in alone.stderr, alone.stderr

    db = tmp_path / "shared.db"
    procs = [_ingest(inputs, db, *extra) for inputs in runs]
    results = [_clean(p) for p in procs]
    for inputs, (code, _) in zip(runs, results):
        if code != 0:  # failed cleanly: running it again alone must finish the job
            assert _clean(_ingest(inputs, db, *extra))[0] == 0
    assert sum(code == 0 for code, _ in results) >= 1
    stored = check_store(db, layer_counts(sequential))
    assert stored == set(files)
    together, alone = canonical_ledger(str(db)), canonical_ledger(str(sequential))
    if scenario == "same inputs":  # the batches are committed in input order, whoever commits them
        assert together == alone
    else:  # the commits interleave: only what merging events takes from the order may differ
        assert order_free(together) == order_free(alone)


def test_two_processes_creating_one_new_store_wait_for_each_other(tmp_path: Path):
    """The first migration holds the write lock: a second process opening the new store waits, then finds it current."""
    db = tmp_path / "record.db"
    marker = tmp_path / "migrating"
    slow_migration = f"""
import pathlib, time
from sqlalchemy import Engine, event
from talktrack.store import connect

def slow(conn, cursor, statement, *args):
    if statement.lstrip().startswith("CREATE TABLE events"):
        pathlib.Path({str(marker)!r}).touch()
        time.sleep(2)

event.listen(Engine, "before_cursor_execute", slow)
connect({str(db)!r})
"""
    first = subprocess.Popen([sys.executable, "-c", slow_migration], stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not marker.exists() and first.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert marker.exists(), first.communicate()[1]

    from talktrack.store import connect

    connect(str(db)).dispose()  # before the fix: TT601 "table alembic_version already exists"
    _, err = first.communicate(timeout=60)
    assert first.returncode == 0, err
    assert check_store(db) == set()
