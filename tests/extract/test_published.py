"""A dateline without a year takes the year from the other articles of the run (extract) or the store (ingest)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from talktrack.extract.published import infer_from_doc, median_date, nearest_year, needs_anchor
from talktrack.extract.timex import entry_stamps, find_expressions, find_timexes_in
from talktrack.model import Document, Section
from talktrack.pipeline import extract_ledger, ingest, to_store
from talktrack.query.record import Record
from talktrack.settings import Settings
from talktrack.store import connect

YEARLESS = (
    "Copper quota deal in sight\n\n"
    "SANTIAGO, July 31 (Pacific Wire) - Chilean and Peruvian officials said on Thursday they were close to a "
    "deal on copper quotas after a week of negotiations in Santiago.\n\n"
    "A pause on new duties now lasts until December 1, the officials said.\n"
)
DATED = (
    "Chile and Peru to meet again\n\n"
    "Trade officials of Chile and Peru will meet in Lima next week, officials said in Lima on September 5, 2031. "
    "The last round was held in Santiago in July.\n"
)


def _doc(text: str, published: str | None = None) -> Document:
    head = text.index("\n\n") + 2 if "\n\n" in text else 0
    sections = [Section("headline", 0, head - 2), Section("body", head, len(text))] if head else []
    return Document(id=Document.make_id(text), text=text, published=published, sections=sections)


def test_only_a_yearless_dateline_in_a_yearless_text_needs_an_anchor():
    assert needs_anchor(_doc(YEARLESS))
    assert not needs_anchor(_doc(YEARLESS, published="2031-07-31"))
    assert not needs_anchor(_doc(YEARLESS.replace("in Santiago.", "in Santiago that began on July 24, 2031.")))
    # a year alone, or a number that looks like one, does not say when the story was written
    assert needs_anchor(_doc(YEARLESS.replace("in Santiago.", "in Santiago, the first since 2029.")))
    assert needs_anchor(_doc(YEARLESS.replace("in Santiago.", "in Santiago, as some 2000 miners protested.")))
    # "NATO, Russia 24 hours after ...": a capitalised word and a number, not a month
    assert not needs_anchor(_doc("Talks stall\n\nNATO, Russia 24 hours after the meeting traded accusations.\n"))
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
    (folder / "a-dated.txt").write_text(DATED, encoding="utf-8")
    (folder / "b-yearless.txt").write_text(YEARLESS, encoding="utf-8")
    return folder


def _by_name(documents):  # type: ignore[no-untyped-def]
    return {Path(d.source).name: d for d in documents}


def test_a_dateline_takes_the_year_of_the_dates_the_text_states(make_doc):
    text = YEARLESS.replace("in Santiago.", "in Santiago. The new quotas would apply from January 1, 2032.")
    document, doc = make_doc(text)
    document.sections = _doc(text).sections
    assert infer_from_doc(doc, document) == date(2031, 7, 31)  # nearer than 2032-07-31


def test_extract_dates_a_yearless_dateline_from_the_other_articles(run_dir: Path, plain_settings: Settings):
    ledger = extract_ledger([str(run_dir)], plain_settings)
    docs = _by_name(ledger.documents)
    yearless = docs["b-yearless.txt"]
    assert (yearless.published, yearless.published_basis) == ("2031-07-31", "inferred")
    assert any(w.startswith("[TT157]") and "2031" in w for w in yearless.warnings)
    assert [Path(d.source).name for d in ledger.documents] == ["a-dated.txt", "b-yearless.txt"]  # input order kept
    assert [e.start for e in ledger.events if e.type == "deadline"] == ["2031-12-01"]


def test_alone_a_yearless_dateline_stays_undated(run_dir: Path, plain_settings: Settings):
    ledger = extract_ledger([str(run_dir / "b-yearless.txt")], plain_settings)
    assert ledger.documents[0].published is None
    assert any(w.startswith("[TT154]") for w in ledger.documents[0].warnings)


@pytest.mark.slow
@pytest.mark.parametrize("waiting_at_most, batch", [(to_store.MAX_WAITING, 256), (1, 256), (1, 1)])
def test_ingest_anchors_on_everything_read_before(run_dir: Path, tmp_path: Path, plain_settings: Settings, monkeypatch, waiting_at_most, batch):  # type: ignore[no-untyped-def]
    """However the run is cut (waiting documents held, batch size), what was read before is stored first."""
    monkeypatch.setattr(to_store, "MAX_WAITING", waiting_at_most)
    engine = connect(str(tmp_path / f"r{waiting_at_most}-{batch}.db"))
    report = ingest(engine, [str(run_dir)], plain_settings, batch_docs=batch)
    assert report.stored == 2
    assert _by_name(Record(engine).ledger().documents)["b-yearless.txt"].published == "2031-07-31"
    engine.dispose()


@pytest.mark.slow
def test_ingest_anchors_on_what_an_earlier_run_stored(run_dir: Path, tmp_path: Path, plain_settings: Settings):
    engine = connect(str(tmp_path / "r.db"))
    ingest(engine, [str(run_dir / "a-dated.txt")], plain_settings, published="2031-09")  # a partial date is no anchor
    ingest(engine, [str(run_dir / "b-yearless.txt")], plain_settings)
    assert _by_name(Record(engine).ledger().documents)["b-yearless.txt"].published is None
    engine2 = connect(str(tmp_path / "r2.db"))
    ingest(engine2, [str(run_dir / "a-dated.txt")], plain_settings)
    ingest(engine2, [str(run_dir / "b-yearless.txt")], plain_settings)
    assert _by_name(Record(engine2).ledger().documents)["b-yearless.txt"].published == "2031-07-31"
    engine.dispose()
    engine2.dispose()


@pytest.mark.parametrize(
    "text, expected",
    [
        # the deadline the text looks ahead to comes after the story; the round it reports does not
        (
            "The third round was held in Oslo on April 15 and 16, 2026. The pause was extended until July 15, 2026, "
            "and a working group will meet no later than May 31, 2026.",
            date(2026, 4, 16),
        ),
        ("The envoys met on February 9, 2026. The summit will be held on June 3, 2026.", date(2026, 2, 9)),
        # an embedded post's stamp is the day it was posted, though its words look ahead
        (
            "The minister will leave Washington without a deal.\n"
            "The minister is about to leave without a deal to lower the tariff — Harbor TV (@HarborTV) March 4, 2026\n",
            date(2026, 3, 4),
        ),
        # a clock time on a full date states the day too
        ('"A ceasefire is announced from 12:00 on 10 October 2030 for humanitarian purposes," the statement said.', date(2030, 10, 10)),
    ],
)
def test_a_date_the_text_looks_ahead_to_is_no_lower_bound(make_doc, text, expected):
    _, doc = make_doc(text)
    assert infer_from_doc(doc) == expected


LIVE_BLOG = (
    "LIVE: Chile and Peru haggle over copper quotas\n\n"
    "Key points:\n- Negotiators met in Lima from Saturday to Sunday\n\n"
    "Sunday 19:30\nTalks end with a framework, an official said.\n\n"
    "Sunday 08:45\nTalks resumed at 8:30 a.m., a spokesperson said.\n\n"
    "Saturday 09:00\nWelcome to our live coverage. Negotiators meet in Lima today. "
    "The ministers prepared the ground in a video call on Tuesday.\n\n"
    "Photo: The Chilean minister arrives in Lima on June 13, 2026.\n"
)


def test_a_live_blog_is_dated_by_its_last_entry_and_its_entries_by_their_stamps(make_doc):
    # the caption's Saturday is the lower bound; the stamps run to Sunday. "Tuesday", in Saturday's entry,
    # is the Tuesday before that Saturday, and does not push the blog into the next week
    document, doc = make_doc(LIVE_BLOG)
    assert infer_from_doc(doc, document) == date(2026, 6, 14)
    found = {t.text: t.value for t in find_timexes_in(doc, date(2026, 6, 14))}
    assert found["Sunday 19:30"] == "2026-06-14T19:30"
    assert found["Saturday 09:00"] == "2026-06-13T09:00"
    assert found["8:30 a.m."] == "2026-06-14T08:30"
    assert (found["today"], found["Tuesday"]) == ("2026-06-13", "2026-06-09")


def test_a_stamp_is_a_line_of_its_own():
    text = "Updated Sunday 19:30\nThe vote is on Friday 10:30, he said.\n"
    assert [text[f.start : f.end] for f in entry_stamps(text, find_expressions(text))] == ["Sunday 19:30"]


def test_a_paper_that_says_yesterday_names_earlier_days_by_weekday(make_doc):
    # the caption's Wednesday is the bound; talks "closed yesterday" and the last weekday reported is Friday, so
    # the paper is Saturday's, not Friday's; "from Monday to Wednesday" is the days before the Wednesday, not a
    # Monday after it
    text = (
        "Trade talks close in Canberra\n\n"
        "Working groups had already met from Monday to Wednesday. Three days of talks closed yesterday afternoon. "
        "\"We did more in three days than in a year,\" the negotiator said yesterday. A farm leader said on Thursday "
        "that quotas were too low. \"We are not here for ten more years,\" she said on Friday. The minister will "
        "brief cabinet on Monday.\n\n"
        "Photo: The EU negotiator arrives for talks in Canberra on March 3, 2027.\n"
    )
    document, doc = make_doc(text)
    assert infer_from_doc(doc, document) == date(2027, 3, 6)


def test_a_paper_that_says_yesterday_is_a_day_after_its_latest_date(make_doc):
    # the photo is of what the paper reports as yesterday's: the paper is the next day's
    text = (
        "Fish quota talks end\n\n"
        "Norway and the EU agreed their quotas shortly before midnight yesterday after three days of talks.\n\n"
        "Photo: The Norwegian minister arrives for talks in Bergen on 6 December 2028.\n"
    )
    document, doc = make_doc(text)
    assert infer_from_doc(doc, document) == date(2028, 12, 7)
