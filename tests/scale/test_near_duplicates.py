"""Near-duplicates in the pipeline: a syndicated copy is linked to its original, counted once, kept as evidence."""

from __future__ import annotations

from pathlib import Path

import pytest

from talktrack.model import Ledger
from talktrack.pipeline import extract_ledger
from talktrack.pipeline import ingest
from talktrack.query.record import Record
from talktrack.settings import Settings
from talktrack.store import connect
from tests.conftest import BACKENDS, EXAMPLES, fresh_database
from tests.store.test_store import canonical

pytestmark = [pytest.mark.slow, pytest.mark.issue(7)]
ARTICLES = EXAMPLES / "articles"
ORIGINAL = ARTICLES / "ex06-oslo-extension-harborwire.txt"
COPY = ARTICLES / "ex07-oslo-extension-herald.txt"


@pytest.fixture(scope="module")
def linking(settings: Settings) -> Settings:
    return settings.model_copy(update={"near_duplicates": 0.8})


@pytest.fixture(scope="module")
def linked_ledger(linking: Settings) -> Ledger:
    return extract_ledger([str(ARTICLES)], linking)


def _doc(ledger: Ledger, name: str):  # type: ignore[no-untyped-def]
    return next(d for d in ledger.documents if (d.source or "").endswith(name))


def test_the_copy_is_linked_and_adds_no_records_of_its_own(linked_ledger: Ledger, examples_ledger: Ledger):
    original, copy = _doc(linked_ledger, ORIGINAL.name), _doc(linked_ledger, COPY.name)
    assert copy.duplicate_of == original.id and original.duplicate_of is None
    assert [d.duplicate_of for d in linked_ledger.documents].count(None) == len(linked_ledger.documents) - 1
    for layer in (linked_ledger.statements, linked_ledger.timexes, linked_ledger.topic_mentions):
        assert not [x for x in layer if x.doc_id == copy.id]  # type: ignore[attr-defined]
    assert not [m for e in linked_ledger.entities for m in e.mentions if m.doc_id == copy.id]
    # counted once: the copy's statements were the original's, so the record holds exactly those fewer
    unlinked_copy = _doc(examples_ledger, COPY.name)
    assert len(linked_ledger.statements) == len(examples_ledger.statements) - sum(
        1 for s in examples_ledger.statements if s.doc_id == unlinked_copy.id
    )
    assert any("[TT161]" in n and COPY.name in n and ORIGINAL.name in n for n in linked_ledger.notices)


def test_the_copy_is_extra_evidence_of_the_original_events(linked_ledger: Ledger):
    original, copy = _doc(linked_ledger, ORIGINAL.name), _doc(linked_ledger, COPY.name)
    oslo = [e for e in linked_ledger.events if e.type == "talks" and e.place == "Oslo"]
    assert oslo, "the Oslo round"
    docs = {s.doc_id for s in oslo[0].evidence}
    assert {original.id, copy.id} <= docs
    for event in linked_ledger.events:
        for span in event.evidence:
            if span.doc_id == copy.id:  # the copy's spans hold the same sentences the original's do
                assert any(
                    copy.text[span.start : span.end] == original.text[o.start : o.end]
                    for o in event.evidence if o.doc_id == original.id
                )


def test_off_means_every_article_is_its_own(settings: Settings, examples_ledger: Ledger):
    assert all(d.duplicate_of is None for d in examples_ledger.documents)
    assert any(s.doc_id == _doc(examples_ledger, COPY.name).id for s in examples_ledger.statements)


@pytest.mark.parametrize("backend", BACKENDS)
def test_the_store_links_copies_as_extract_does(backend: str, tmp_path: Path, linking: Settings, linked_ledger: Ledger):
    engine = connect(fresh_database(backend, tmp_path))
    report = ingest(engine, [str(ARTICLES)], linking, batch_docs=3)
    assert report.stored == 11 and report.near_duplicates == 1
    assert any("[TT161]" in n for n in report.notices)
    record = Record(engine)
    assert canonical(record.ledger()) == canonical(linked_ledger)
    assert record.status().counts["duplicates"] == 1
    engine.dispose()


def test_a_copy_read_in_a_later_run_is_found_through_the_stored_index(tmp_path: Path, linking: Settings, linked_ledger: Ledger):
    engine = connect(str(tmp_path / "r.db"))
    others = [str(p) for p in sorted(ARTICLES.iterdir()) if p != COPY]
    ingest(engine, others, linking)
    report = ingest(engine, [str(COPY)], linking)
    assert report.stored == 1 and report.near_duplicates == 1
    ledger = Record(engine).ledger()
    copy = _doc(ledger, COPY.name)
    assert copy.duplicate_of == _doc(ledger, ORIGINAL.name).id
    # the events it repeats gained its evidence: the same record as one pass over all articles
    assert canonical(ledger) == canonical(linked_ledger)


def test_the_first_article_read_is_the_original(tmp_path: Path, linking: Settings):
    engine = connect(str(tmp_path / "r.db"))
    ingest(engine, [str(COPY)], linking)
    report = ingest(engine, [str(ORIGINAL)], linking)
    assert report.near_duplicates == 1
    ledger = Record(engine).ledger()
    assert _doc(ledger, ORIGINAL.name).duplicate_of == _doc(ledger, COPY.name).id
