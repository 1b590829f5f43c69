"""The queries every surface calls, on the sample corpus's record, on SQLite and on PostgreSQL."""

from __future__ import annotations

import dataclasses

import pytest

from talktrack.errors import TalktrackError
from talktrack.query.dates import day_after
from talktrack.query.search import HIT_END, HIT_START

pytestmark = pytest.mark.slow


def test_day_after_closes_every_period():
    assert day_after("2029") == "2030"
    assert day_after("2029-12") == "2030-01"
    assert day_after("2029-02-28") == "2029-03-01"


def test_timeline_is_in_date_order_with_leads_by_side(sample_record):
    entries = sample_record.timeline()
    dated = [e.start for e in entries if e.start]
    assert dated == sorted(dated)
    vienna = next(e for e in entries if e.type == "talks" and e.place == "Vienna" and e.start == "2029-03-10")
    assert vienna.end == "2029-03-11"
    assert vienna.leads["XV"] == ["Petra Will"]
    assert "Halvard Brekke" in vienna.leads["XO"]
    assert vienna.reports > 1 and "tariffs" in vienna.topics


def test_timeline_filters_by_period_and_type(sample_record):
    may = sample_record.timeline(since="2029-05", until="2029-05", types=["talks"])
    assert may and all(e.type == "talks" and e.start.startswith("2029-05") for e in may)


def test_quotes_filter_by_speaker_topic_side_and_period(sample_record):
    everything = sample_record.quotes()
    assert len(everything) == 91
    brekke = sample_record.quotes(speaker="brekke")
    assert brekke and {q.speaker for q in brekke} == {"Halvard Brekke"}
    assert sample_record.quotes(speaker="person:halvard-brekke") == brekke
    tariffs = sample_record.quotes(topic="tariffs")
    assert tariffs and all(q.topics for q in tariffs)
    assert len(tariffs) < len(everything)
    xv = sample_record.quotes(side="xv")
    assert xv and all(q.side == "XV" for q in xv)
    march = sample_record.quotes(since="2029-03-01", until="2029-03-31")
    assert march and all(q.date and q.date.startswith("2029-03") for q in march)
    assert sample_record.quotes(limit=5, offset=5) == everything[5:10]


def test_unknown_topic_is_a_clear_error(sample_record):
    with pytest.raises(TalktrackError, match="TT604"):
        sample_record.quotes(topic="no_such_topic")
    with pytest.raises(TalktrackError, match="TT604"):
        sample_record.issue("no_such_topic")


def test_issues_count_subtopics_under_their_parent(sample_record):
    issues = {i.topic: i for i in sample_record.issues()}
    assert issues["port_fees"].parent == "maritime"
    assert issues["maritime"].events >= issues["port_fees"].events
    history = sample_record.issue("tariff_truce")
    assert history[0].kind == "round"
    assert any(e.kind == "statement" and e.side for e in history)


def test_deadlines_and_upcoming(sample_record):
    deadlines = sample_record.deadlines()
    assert deadlines and all(d.type == "deadline" for d in deadlines)
    assert sample_record.deadlines(upcoming=True, today="2029-09-01") == [d for d in deadlines if (d.end or d.start) >= "2029-09-01"]
    assert sample_record.deadlines(upcoming=True, today="2100-01-01") == []


def test_a_deadline_a_later_article_moved_is_listed_as_moved_to_the_new_one(sample_record):
    """The truce due to lapse on August 16 (reported in May) is extended to November 14 by an article of July 31."""
    before = {d.start: d for d in sample_record.deadlines(today="2029-08-01")}
    old, new = before["2029-08-16"], before["2029-11-14"]
    assert (old.state, old.moved_to, old.moved_to_start) == ("moved", new.id, "2029-11-14")
    assert (new.state, new.moved_to) == ("ahead", None)
    assert [d.id for d in sample_record.deadlines(upcoming=True, today="2029-08-01")] == [new.id]  # the moved one is not ahead
    later = {d.start: d for d in sample_record.deadlines(today="2029-12-01")}
    assert later["2029-08-16"].state == "moved" and later["2029-11-14"].state == "passed"
    # the timeline says so too: the old deadline is no longer just "scheduled"
    shown = {e.start: e for e in sample_record.timeline(types=["deadline"])}
    assert (shown["2029-08-16"].state, shown["2029-08-16"].moved_to) == ("moved", new.id)


def test_people_have_titles_sides_and_counts(sample_record):
    people = {p.name: p for p in sample_record.people()}
    will = people["Petra Will"]
    assert will.side == "XV" and "Vice Premier" in will.titles and will.statements > 0
    assert all(p.side == "XO" for p in sample_record.people(side="XO"))


def test_search_finds_articles_and_statements_with_marked_matches(sample_record):
    hits = sample_record.search("rare earth magnets")
    assert {h.kind for h in hits} == {"document", "statement"}
    assert all(HIT_START in h.snippet and HIT_END in h.snippet for h in hits)
    assert sample_record.search("") == [] and sample_record.search('"(*') == []


def test_show_gives_any_record_with_its_evidence_sentence(sample_record):
    quote = sample_record.quotes(speaker="Brekke")[0]
    shown = sample_record.show(quote.id)
    assert shown.kind == "statement"
    sentence = shown.evidence[0].sentence
    assert quote.content in sentence and sentence.endswith((".", '"', "”"))
    event = sample_record.timeline()[0]
    assert sample_record.show(event.id).kind == "event"
    assert sample_record.show("person:petra-will").evidence
    assert sample_record.show(quote.doc_id).kind == "document"
    with pytest.raises(TalktrackError, match="TT603"):
        sample_record.show("nothing-here")


def test_frames_for_pandas(sample_record):
    frame = sample_record.frame("quotes", topic="tariffs")
    assert list(frame.columns)[:3] == ["id", "date", "speaker"]
    assert len(frame) == len(sample_record.quotes(topic="tariffs"))
    assert len(sample_record.frame("timeline")) == len(sample_record.timeline())
    with pytest.raises(ValueError):
        sample_record.frame("drop_tables")


def test_sqlite_and_postgresql_give_the_same_answers(sample_stores):
    import talktrack

    if len(sample_stores) < 2:
        pytest.skip("no PostgreSQL server: `make test` starts one (tools/testdb), or set TALKTRACK_TEST_PG")
    lite, pg = (talktrack.open(sample_stores[b]) for b in ("sqlite", "postgresql"))
    for query, kwargs in [
        ("timeline", {}), ("quotes", {}), ("quotes", {"topic": "tariffs", "side": "XO"}), ("issues", {}),
        ("issue", {"topic": "port_fees"}), ("deadlines", {}), ("people", {}),
    ]:
        assert getattr(lite, query)(**kwargs) == getattr(pg, query)(**kwargs), query
    for words in ("tariff truce", "port fees", "Brekke"):
        assert {h.id for h in lite.search(words, limit=1000)} == {h.id for h in pg.search(words, limit=1000)}, words
        assert [h.id for h in lite.search(words)] == [h.id for h in pg.search(words)], words  # the same order (snippets differ by backend)
    event = lite.timeline()[1]
    assert dataclasses.asdict(lite.show(event.id)) == dataclasses.asdict(pg.show(event.id))


def test_quotes_speaker_matches_whole_words_of_the_name(sample_record):
    # "mar" is inside Anton Marek and Maren Lysne, but is no word of any name
    assert sample_record.quotes(speaker="mar") == []
    will = sample_record.quotes(speaker="Will")
    assert will and {q.speaker for q in will} == {"Petra Will"}
    assert sample_record.quotes(speaker="petra  will") == will
    assert sample_record.quotes(speaker="100%_") == []  # literal: no wildcards


@pytest.mark.parametrize("name", ["Valdoria", "valdoria", "XV", "xv"])
def test_sides_are_codes_or_the_names_of_countries(sample_record, name):
    quotes = sample_record.quotes(side=name)
    assert quotes and all(q.side == "XV" for q in quotes)
    assert {p.side for p in sample_record.people(side=name)} == {"XV"}


@pytest.mark.parametrize("call", [
    lambda r: r.timeline(types=["talk"]),
    lambda r: r.quotes(side="Atlantis"),
    lambda r: r.people(side="Atlantis"),
])
def test_a_filter_value_that_names_nothing_is_an_error_with_the_choices(sample_record, call):
    with pytest.raises(TalktrackError, match=r"TT606.*use one of: .*\w"):
        call(sample_record)


def test_search_lists_a_syndicated_copy_once_with_outlet_and_date(tmp_path):
    import talktrack
    from talktrack.settings import Settings
    from talktrack.pipeline import ingest
    from talktrack.store import connect
    from tests.conftest import EXAMPLES

    original, copy = EXAMPLES / "articles" / "ex06-oslo-extension-harborwire.txt", EXAMPLES / "articles" / "ex07-oslo-extension-herald.txt"
    db = str(tmp_path / "r.db")
    report = ingest(connect(db), [str(original), str(copy)], Settings(gazetteers=(EXAMPLES / "gazetteer.yaml",)))
    assert report.near_duplicates == 1
    record = talktrack.open(db)
    documents = [h for h in record.search("extension Oslo", limit=50) if h.kind == "document"]
    record.close()
    assert len(documents) == 1 and documents[0].outlet == "Harbor Wire"
