"""A dateline without a year takes the year from the other articles of the run (extract) or the store (ingest)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from talktrack.extract.published import median_date, nearest_year, needs_anchor
from talktrack.model import Document, Section
from talktrack.run import extract_ledger
from talktrack.settings import Settings
from talktrack.store import connect, ingest
from talktrack.store import write as store_write
from talktrack.query.record import Record

YEARLESS = (
    "Lisbon talks end with a plan\n\n"
    "LISBON, July 31 (Coastal Wire) -- Brazil and Argentina agreed on Tuesday to extend their tariff truce "
    "by 90 days, the trade ministers said as two days of talks in Lisbon ended.\n\n"
    "The extended truce now runs until November 14, the ministers said.\n"
)
DATED = (
    "Brazil and Argentina to meet in Lisbon\n\n"
    "Trade ministers of Brazil and Argentina will meet in Lisbon next week, officials said on {day}. "
    "The last round was held in Montevideo in May {year}.\n"
)


def _doc(text: str, published: str | None = None) -> Document:
    head = text.index("\n\n") + 2 if "\n\n" in text else 0
    sections = [Section("headline", 0, head - 2), Section("body", head, len(text))] if head else []
    return Document(id=Document.make_id(text), text=text, published=published, sections=sections)


def test_only_a_yearless_dateline_in_a_yearless_text_needs_an_anchor():
    assert needs_anchor(_doc(YEARLESS))
    assert not needs_anchor(_doc(YEARLESS, published="2031-07-31"))
    assert not needs_anchor(_doc(YEARLESS.replace("Lisbon ended.", "Lisbon ended, the first since 2029.")))
    assert not needs_anchor(_doc("Brazil and Argentina agreed on Tuesday to extend their truce."))


def test_median_date_is_the_lower_median_of_full_dates():
    assert median_date(["2031-09-01", None, "2031-05-02", "2031-07-01", "2031-08"]) == "2031-07-01"
    assert median_date(["2031-09-01", "2031-05-02"]) == "2031-05-02"
    assert median_date(["2031-09-01", "2031-05-02", "2031-07-01"]) == "2031-07-01"
    assert median_date([None]) is None


@pytest.mark.parametrize(
    "month, day, anchor, expected",
    [
        (7, 31, "2031-09-07", "2031-07-31"),
        (12, 30, "2032-01-04", "2031-12-30"),  # a late-December dateline read beside January articles
        (1, 2, "2031-12-28", "2032-01-02"),
        (2, 29, "2031-06-01", "2032-02-29"),  # the nearest leap year of the three
    ],
)
def test_nearest_year(month, day, anchor, expected):
    assert nearest_year(month, day, date.fromisoformat(anchor)) == date.fromisoformat(expected)


@given(st.dates(min_value=date(1901, 1, 1), max_value=date(2099, 12, 31)), st.integers(1, 12), st.integers(1, 28))
def test_nearest_year_is_within_half_a_year(anchor, month, day):
    found = nearest_year(month, day, anchor)
    assert found is not None and (found.month, found.day) == (month, day)
    assert abs((found - anchor).days) <= 183


@pytest.fixture()
def run_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "run"
    folder.mkdir()
    (folder / "a-yearless.txt").write_text(YEARLESS, encoding="utf-8")
    (folder / "b-dated.txt").write_text(DATED.format(day="Friday", year="2031").replace(
        "officials said", "officials said in Brasilia on September 5, 2031,"), encoding="utf-8")
    return folder


def _by_name(documents):  # type: ignore[no-untyped-def]
    return {Path(d.source).name: d for d in documents}


def test_extract_dates_a_yearless_dateline_from_the_other_articles(run_dir: Path, plain_settings: Settings):
    ledger = extract_ledger([str(run_dir)], plain_settings)
    docs = _by_name(ledger.documents)
    yearless = docs["a-yearless.txt"]
    assert (yearless.published, yearless.published_basis) == ("2031-07-31", "inferred")
    assert any(w.startswith("[TT157]") and "2031" in w for w in yearless.warnings)
    assert [d.source for d in ledger.documents] == sorted(d.source for d in ledger.documents)  # input order kept
    deadlines = [e for e in ledger.events if e.type == "deadline"]
    assert [e.start for e in deadlines] == ["2031-11-14"]


def test_alone_a_yearless_dateline_stays_undated(run_dir: Path, plain_settings: Settings):
    ledger = extract_ledger([str(run_dir / "a-yearless.txt")], plain_settings)
    assert ledger.documents[0].published is None
    assert any(w.startswith("[TT154]") for w in ledger.documents[0].warnings)


@pytest.mark.slow
@pytest.mark.parametrize("waiting_at_most", [store_write.MAX_WAITING, 1])
def test_ingest_anchors_on_the_store(run_dir: Path, tmp_path: Path, plain_settings: Settings, monkeypatch, waiting_at_most):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(store_write, "MAX_WAITING", waiting_at_most)
    engine = connect(str(tmp_path / f"r{waiting_at_most}.db"))
    ingest(engine, [str(run_dir / "b-dated.txt")], plain_settings)  # an earlier run stored a dated article
    report = ingest(engine, [str(run_dir / "a-yearless.txt")], plain_settings)
    assert report.stored == 1
    docs = _by_name(Record(engine).ledger().documents)
    assert docs["a-yearless.txt"].published == "2031-07-31"
    engine.dispose()
