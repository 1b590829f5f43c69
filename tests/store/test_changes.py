"""The change log: what a settle adds or changes is logged once, with ids that depend only on the change."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from talktrack.codec import encode
from talktrack.errors import TalktrackError
from talktrack.model import Event, Participant, Span, Statement
from talktrack.pipeline import ingest
from talktrack.query.dates import check_since
from talktrack.query.record import Record
from talktrack.settings import Settings
from talktrack.store import changes as log
from talktrack.store import connect
from talktrack.store import tables as t
from talktrack.store.database import writing
from talktrack.store.rows import insert_rows
from tests.conftest import BACKENDS, EXAMPLES, fresh_database

AT = datetime(2029, 6, 2, 8, 0, tzinfo=timezone.utc)
ARTICLES = EXAMPLES / "articles"


@pytest.fixture()
def engine(tmp_path: Path) -> Engine:
    return connect(str(tmp_path / "changes.db"))


def event(eid: str, kind: str = "talks", start: str | None = "2029-05-04", status: str = "occurred", doc: str = "d1", **more: object) -> Event:
    return Event(eid, kind, start=start, status=status, evidence=[Span(doc, 10, 20)], **more)  # type: ignore[arg-type]


def kinds(rows: list[dict[str, object]]) -> list[tuple[object, object, object, object]]:
    return sorted((r["kind"], r["record_id"], r["before"], r["after"]) for r in rows)


def test_a_new_event_is_added_and_one_seen_before_is_not(engine: Engine):
    with writing(engine) as conn:
        rows = log.event_rows(conn, [event("ev-a")], [event("ev-a"), event("ev-b", place="Oslo")], AT)
    assert kinds(rows) == [("event_added", "ev-b", None, None)]
    assert rows[0]["title"] == "Talks in Oslo (2029-05-04): new" and rows[0]["at"] == AT


def test_a_status_change_is_logged_with_both_statuses(engine: Engine):
    with writing(engine) as conn:
        rows = log.event_rows(conn, [event("ev-a", status="scheduled")], [event("ev-a", status="occurred")], AT)
    assert kinds(rows) == [("event_status", "ev-a", "scheduled", "occurred")]


def test_an_event_dated_anew_keeps_its_evidence_and_is_moved_not_added(engine: Engine):
    with writing(engine) as conn:
        rows = log.event_rows(conn, [event("ev-old", start=None)], [event("ev-new", start="2029-07-31")], AT)
        moved = log.event_rows(conn, [event("dl-1", "deadline", "2029-08-12", "scheduled")],
                               [event("dl-2", "deadline", "2029-11-10", "scheduled")], AT)
    assert kinds(rows) == [("event_moved", "ev-new", None, "2029-07-31")] and rows[0]["title"].endswith("dated 2029-07-31")
    assert kinds(moved) == [("deadline_moved", "dl-2", "2029-08-12", "2029-11-10")]


def test_a_deadline_of_a_name_the_record_holds_at_another_date_is_moved(engine: Engine):
    held = event("ev-truce-aug", "deadline", "2029-08-16", "scheduled", doc="d1", title="Tariff truce")
    with writing(engine) as conn:
        insert_rows(conn, t.events, [{"id": held.id, "type": "deadline", "start": held.start, "end": None, "place": None,
                                      "status": held.status, "block": "b1", "record": encode(held)}])
        later = event("ev-truce-nov", "deadline", "2029-11-14", "scheduled", doc="d2", title="Tariff truce")
        other = event("ev-other", "deadline", "2029-12-01", "scheduled", doc="d3", title="Port fees")
        rows = log.event_rows(conn, [], [later, other], AT)
    assert kinds(rows) == [("deadline_added", "ev-other", None, None), ("deadline_moved", "ev-truce-nov", "2029-08-16", "2029-11-14")]


def test_two_new_deadlines_of_one_name_in_one_settle_are_both_added(engine: Engine):
    first = event("dl-a", "deadline", "2029-08-12", "scheduled", doc="d1", title="Tariff truce")
    second = event("dl-b", "deadline", "2029-11-10", "scheduled", doc="d2", title="Tariff truce")
    with writing(engine) as conn:  # stored by the settle before it compares
        insert_rows(conn, t.events, [{"id": e.id, "type": "deadline", "start": e.start, "end": None, "place": None,
                                      "status": e.status, "block": e.id, "record": encode(e)} for e in (first, second)])
        rows = log.event_rows(conn, [], [first, second], AT)
    assert kinds(rows) == [("deadline_added", "dl-a", None, None), ("deadline_added", "dl-b", None, None)]


def test_a_deadline_passes_when_the_latest_article_overtakes_it_and_only_then(engine: Engine):
    held = [event("dl-june", "deadline", "2029-06", "scheduled"), event("dl-may", "deadline", "2029-05-20", "scheduled"),
            event("dl-sep", "deadline", "2029-09-01", "scheduled")]
    with writing(engine) as conn:
        insert_rows(conn, t.events, [{"id": e.id, "type": "deadline", "start": e.start, "end": None, "place": None,
                                      "status": e.status, "block": e.id, "record": encode(e)} for e in held])
        rows = log.event_rows(conn, [], [], AT, ("2029-05-25", "2029-07-02"))
        again = log.event_rows(conn, [], [], AT, ("2029-07-02", "2029-07-02"))
        added = log.event_rows(conn, [], [event("dl-new", "deadline", "2029-06-10", "scheduled", doc="d9")], AT, ("2029-05-25", "2029-07-02"))
    # June (a month) ends on the 30th, before the latest article of July 2; May 20 had passed before the settle
    assert kinds(rows) == [("deadline_passed", "dl-june", None, "2029-06-30")]
    assert again == []
    assert [r["kind"] for r in added if r["record_id"] == "dl-new"] == ["deadline_added"]  # new to the record: added, not passed


def test_statements_are_logged_with_speaker_side_topics_and_publication_date(engine: Engine):
    st = Statement("st-1", "d1", 0, 10, "No deal <yet> & no hurry", "direct", "Petra Will", speaker_id="person:petra-will",
                   speaker_side="XV", topics=("tariffs",))
    with writing(engine) as conn:
        rows = log.statement_rows(conn, [st], AT)
    assert rows[0]["id"] == log.change_id("statement_added", "st-1")
    assert (rows[0]["kind"], rows[0]["sides"], rows[0]["topics"], rows[0]["speaker"]) == ("statement_added", ["XV"], ["tariffs"], "Petra Will")
    assert rows[0]["content"] == "No deal <yet> & no hurry"


def test_change_ids_depend_on_the_change_only():
    assert log.change_id("event_status", "ev-a", "scheduled", "occurred") == log.change_id("event_status", "ev-a", "scheduled", "occurred")
    assert log.change_id("event_status", "ev-a", "scheduled", "occurred") != log.change_id("event_status", "ev-a", "proposed", "occurred")
    assert log.change_id("event_added", "ev-a").startswith("chg-")


def test_a_change_logged_twice_is_stored_once_with_its_first_time(engine: Engine):
    p = Participant("Petra Will", "person:petra-will", "XV", "lead")
    with writing(engine) as conn:
        first = log.event_rows(conn, [], [event("ev-a", participants=[p])], AT)
        log.log(conn, first)
        log.log(conn, [dict(r, at=datetime(2030, 1, 1, tzinfo=timezone.utc)) for r in first])
    found = Record(engine).changes()
    assert [(c.kind, c.record_id, c.sides) for c in found] == [("event_added", "ev-a", ["XV"])]
    assert found[0].at.startswith("2029-06-02T08:00:00")


def test_last_day_of_partial_dates():
    assert [log.last_day(x) for x in ("2029", "2029-02", "2028-02", "2029-05-04", None)] == [
        "2029-12-31", "2029-02-28", "2028-02-29", "2029-05-04", None]


@pytest.mark.parametrize(("value", "moment"), [
    ("2029-06-02", datetime(2029, 6, 2, tzinfo=timezone.utc)),
    ("2029-06", datetime(2029, 6, 1, tzinfo=timezone.utc)),
    ("2029-06-02T08:30", datetime(2029, 6, 2, 8, 30, tzinfo=timezone.utc)),
    ("2029-06-02T10:30:00+02:00", datetime(2029, 6, 2, 8, 30, tzinfo=timezone.utc)),
    ("2029-06-02T08:30:00Z", datetime(2029, 6, 2, 8, 30, tzinfo=timezone.utc)),
])
def test_since_is_a_date_or_a_time(value: str, moment: datetime):
    assert check_since(value) == moment


@pytest.mark.parametrize("value", ["2029-13", "2029-02-30", "yesterday", "20290602", "2029-06-02T25:00", "", "9999-12-31T23:59-14:00"])
def test_since_that_is_no_date_or_time_is_tt607(value: str):
    with pytest.raises(TalktrackError) as caught:
        check_since(value)
    assert caught.value.code == "TT607"


def test_record_changes_refuses_unknown_kinds_and_types(engine: Engine):
    for call in (lambda: Record(engine).changes(kinds=["event_removed"]), lambda: Record(engine).changes(types=["talk"])):
        with pytest.raises(TalktrackError) as caught:
            call()
        assert caught.value.code == "TT606"


def _two_ingests(url: str, settings: Settings) -> tuple[Record, datetime]:
    """Ingest the first five sample files, then the rest; return the record and the moment between the two."""
    files = sorted(str(p) for p in ARTICLES.iterdir())
    engine = connect(url)
    ingest(engine, files[:5], settings)
    between = datetime.now(timezone.utc)
    ingest(engine, files[5:], settings)
    return Record(engine), between


@pytest.mark.slow
@pytest.mark.parametrize("backend", BACKENDS)
def test_two_ingests_log_what_the_second_added_the_same_ids_again_and_nothing_on_reingest(backend: str, settings: Settings, tmp_path: Path):
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
    record, between = _two_ingests(fresh_database(backend, tmp_path / "a"), settings)
    files = sorted(str(p) for p in ARTICLES.iterdir())
    with record.engine.connect() as conn:
        first_docs = set(conn.scalars(select(t.documents.c.id).where(t.documents.c.ingested_at < between)))
    since = between.isoformat()
    late = record.changes(since=since)
    early = [c for c in record.changes() if c.id not in {x.id for x in late}]
    assert early and late and all(datetime.fromisoformat(c.at) >= between for c in late)
    assert all(datetime.fromisoformat(c.at) < between for c in early)
    said = {q.id: q.doc_id for q in record.quotes()}
    assert {c.record_id for c in late if c.kind == "statement_added"} == {i for i, d in said.items() if d not in first_docs}
    assert {c.record_id for c in early if c.kind == "statement_added"} == {i for i, d in said.items() if d in first_docs}
    moved = [c for c in late if c.kind == "deadline_moved"]
    assert [(c.before, c.after) for c in moved] == [("2029-08-16", "2029-11-14")]  # the truce extended in Oslo
    assert any(c.kind == "deadline_passed" and c.after == "2029-08-16" for c in late)
    assert [c.kind for c in record.changes(since=since, types=["statement"], side="XO")] and all(
        "XO" in c.sides for c in record.changes(since=since, side="Ostrevia"))

    count = len(record.changes())
    ingest(record.engine, files, settings)  # the same articles again: nothing settles, nothing is logged
    assert len(record.changes()) == count
    with record.engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(t.changes)) == count

    again, _ = _two_ingests(fresh_database(backend, tmp_path / "b"), settings)  # the same store built again: the same ids
    assert sorted(c.id for c in again.changes()) == sorted(c.id for c in record.changes())
    record.close()
    again.close()


@pytest.mark.slow
def test_sqlite_and_postgresql_log_the_same_changes_with_the_same_ids(sample_stores: dict[str, str]):
    if len(sample_stores) < 2:
        pytest.skip("no PostgreSQL server: `make test` starts one (tools/testdb), or set TALKTRACK_TEST_PG")
    logged = {}
    for backend, url in sample_stores.items():
        with Record(connect(url)) as record:
            logged[backend] = sorted((c.id, c.kind, c.record_id, c.title) for c in record.changes())
    assert logged["sqlite"] and logged["sqlite"] == logged["postgresql"]
