"""The store: incremental and idempotent ingest, the same record as a one-shot extract, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import text

from talktrack.codec import decode, encode
from talktrack.errors import TalktrackError
from talktrack.export.ledger import ledger_to_dict
from talktrack.model import Event, Participant, Span, Statement
from talktrack.pipeline import ingest
from talktrack.query.record import Record
from talktrack.settings import Settings
from talktrack.store import connect, database_url
from tests.conftest import BACKENDS, EXAMPLES, fresh_database

ARTICLES = EXAMPLES / "articles"


def canonical(ledger) -> dict:  # type: ignore[no-untyped-def]
    """The ledger as JSON with every list in a fixed order, so two stores compare by content."""
    data = ledger_to_dict(ledger)
    for key, value in data.items():
        if isinstance(value, list):
            data[key] = sorted(value, key=lambda x: json.dumps(x, sort_keys=True))
    return data


def test_codec_round_trips_nested_records():
    event = Event("ev-1", "talks", "2025-10-25", "2025-10-26", "Kuala Lumpur", "occurred",
                  participants=[Participant("He Lifeng", "person:he-lifeng", "CN", "lead", Span("d", 1, 9))],
                  topics=["tariffs"], evidence=[Span("d", 0, 40)], conflicts=["dates: ..."])
    assert decode(Event, json.loads(json.dumps(encode(event)))) == event
    st = Statement("st-1", "d", 3, 9, "we agreed", "direct", "Li", via=("Xinhua", "AFP"), topics=("tariffs",))
    back = decode(Statement, json.loads(json.dumps(encode(st))))
    assert back == st and isinstance(back.via, tuple)


def test_database_url_takes_paths_and_urls(tmp_path: Path):
    assert database_url(str(tmp_path / "a.db")) == f"sqlite:///{tmp_path / 'a.db'}"
    assert database_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert database_url("sqlite:///x.db") == "sqlite:///x.db"


def test_missing_folder_is_a_clear_error(tmp_path: Path):
    with pytest.raises(TalktrackError, match=r"TT601.*does not exist"):
        connect(str(tmp_path / "no" / "such" / "record.db"))


def test_a_store_newer_than_talktrack_is_refused(tmp_path: Path):
    url = str(tmp_path / "r.db")
    engine = connect(url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(TalktrackError, match="TT602"):
        connect(url)


@pytest.mark.slow
@pytest.mark.parametrize("backend", BACKENDS)
def test_incremental_ingest_builds_the_record_a_one_shot_extract_builds(backend: str, tmp_path: Path, settings: Settings, examples_ledger):  # type: ignore[no-untyped-def]
    """One document per transaction, each settled at once, re-resolves only what each touches, and ends where one pass over all ends."""
    engine = connect(fresh_database(backend, tmp_path))
    report = ingest(engine, [str(ARTICLES)], settings, batch_docs=1, settle_docs=1)
    assert report.stored == 11 and report.rejected == 0
    stored = Record(engine).ledger()
    assert canonical(stored) == canonical(examples_ledger)
    geneva_like = [e for e in stored.events if e.place == "Vienna" and e.type == "talks" and e.start]
    assert len({s.doc_id for s in geneva_like[0].evidence}) > 1  # one round, evidence from several articles
    engine.dispose()


@pytest.mark.slow
def test_adding_articles_later_merges_them_into_what_is_stored(tmp_path: Path, settings: Settings, examples_ledger):  # type: ignore[no-untyped-def]
    engine = connect(str(tmp_path / "r.db"))
    files = sorted(p for p in ARTICLES.iterdir() if p.suffix in (".txt", ".html", ".json", ".jsonl"))
    ingest(engine, [str(p) for p in files[: len(files) // 2]], settings)
    first = Record(engine).status().counts["documents"]
    ingest(engine, [str(p) for p in files[len(files) // 2 :]], settings)
    assert 0 < first < 11
    assert canonical(Record(engine).ledger()) == canonical(examples_ledger)


@pytest.mark.slow
@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("settles_done", [0, 1])
def test_a_run_stopped_before_it_settles_leaves_pending_documents_the_next_run_settles(  # type: ignore[no-untyped-def]
    backend: str, settles_done: int, tmp_path: Path, settings: Settings, examples_ledger, monkeypatch
):
    """Stored documents wait outside the record until a settle; the next ingest, or `settle_pending`, settles them.

    The stopped run's settles after the first `settles_done` are lost (as if it
    were killed in each), so the store holds settled and pending documents.
    """
    from talktrack.store import write
    from talktrack.store.write import settle_pending

    engine = connect(fresh_database(backend, tmp_path))
    real, calls = write.settle, []

    def first_only(conn, settings):  # type: ignore[no-untyped-def]
        calls.append(1)
        return real(conn, settings) if len(calls) <= settles_done else 0

    with monkeypatch.context() as patch:
        patch.setattr(write, "settle", first_only)
        ingest(engine, [str(ARTICLES)], settings, batch_docs=4, settle_docs=4)
    counts = Record(engine).status().counts
    settled = 4 * settles_done
    assert counts["documents"] == 11 and counts["pending"] == 11 - settled
    partial = Record(engine).ledger()  # the record holds the settled documents only, each whole
    assert len(partial.documents) == settled and {st.doc_id for st in partial.statements} <= {d.id for d in partial.documents}
    assert not settles_done or any(st.speaker_id for st in partial.statements)  # settled statements are linked
    if settles_done:
        again = ingest(engine, [str(ARTICLES)], settings)
        assert again.stored == 0 and again.repeated == 11
    else:
        assert settle_pending(engine, settings) == 11
    assert Record(engine).status().counts["pending"] == 0
    assert settle_pending(engine, settings) == 0
    assert canonical(Record(engine).ledger()) == canonical(examples_ledger)
    engine.dispose()


@pytest.mark.slow
@pytest.mark.parametrize("backend", BACKENDS)
def test_a_store_of_the_schema_before_settling_is_upgraded_with_its_record(backend: str, tmp_path: Path, settings: Settings, examples_ledger):  # type: ignore[no-untyped-def]
    """Migration 0004 (pending documents) upgrades a 0003 store in place: its record is unchanged and ingest goes on."""
    from alembic import command
    from sqlalchemy import inspect

    from talktrack.store.database import _migrations, migrating

    url = fresh_database(backend, tmp_path)
    engine = connect(url)
    files = sorted(p for p in ARTICLES.iterdir() if p.suffix in (".txt", ".html", ".json", ".jsonl"))
    ingest(engine, [str(p) for p in files[: len(files) // 2]], settings)
    before = canonical(Record(engine).ledger())
    config = _migrations()
    with migrating(engine) as conn:  # back to the store an earlier talktrack made
        config.attributes["connection"] = conn
        command.downgrade(config, "0003")
    assert "pending_documents" not in inspect(engine).get_table_names()
    engine.dispose()
    engine = connect(url)  # opening upgrades
    assert Record(engine).status().schema_version == "0006" and Record(engine).status().counts["pending"] == 0
    assert canonical(Record(engine).ledger()) == before
    ingest(engine, [str(p) for p in files[len(files) // 2 :]], settings)
    assert canonical(Record(engine).ledger()) == canonical(examples_ledger)
    engine.dispose()


@pytest.mark.slow
def test_ingest_is_idempotent(tmp_path: Path, settings: Settings):
    engine = connect(str(tmp_path / "r.db"))
    ingest(engine, [str(ARTICLES)], settings)
    before = Record(engine).status().counts
    again = ingest(engine, [str(ARTICLES)], settings)
    assert again.stored == 0 and again.repeated == 11
    assert Record(engine).status().counts == before


@pytest.mark.slow
def test_rejects_are_recorded_with_path_and_reason_and_the_run_goes_on(tmp_path: Path, settings: Settings):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "dump.jsonl").write_text('{"text": "Trade talks resumed in Oslo on Monday, officials said."}\n{not json\n')
    (inputs / "good.txt").write_text((ARTICLES / "ex01-vienna-talks.txt").read_text(encoding="utf-8"), encoding="utf-8")
    engine = connect(str(tmp_path / "r.db"))
    report = ingest(engine, [str(inputs)], settings)
    assert report.stored == 2 and report.rejected == 2
    status = Record(engine).status()
    reasons = {(Path(r["source"]).name, r["line"], r["code"]) for r in status.rejects}
    assert reasons == {("empty.txt", None, "TT101"), ("dump.jsonl", 2, "TT102")}
    ingest(engine, [str(inputs)], settings)  # the same rejects again replace, not pile up
    assert len(Record(engine).status().rejects) == 2


@pytest.mark.slow
def test_progress_moves_once_per_input_done_with(tmp_path: Path, settings: Settings):
    from talktrack.ingest import count_inputs

    engine = connect(str(tmp_path / "r.db"))
    total = count_inputs([str(ARTICLES)])
    first: list[int] = []
    ingest(engine, [str(ARTICLES)], settings, batch_docs=256, on_progress=first.append)
    assert first == [1] * total  # one tick per article as it is parsed, not one per committed batch
    again: list[int] = []
    ingest(engine, [str(ARTICLES)], settings, on_progress=again.append)
    assert sum(again) == total  # what is already stored counts as done
