"""Measures over time: the state machine, the reading of event sentences, and the record's measures on both corpora."""

from __future__ import annotations

from datetime import date

import pytest

from talktrack.event_records import last_day
from talktrack.labels import make_labels
from talktrack.model import Event, Participant, Span, Topic, TopicMention
from talktrack.query.measure_steps import Article, Context, Place, Step
from talktrack.query.measure_words import measure_words
from talktrack.query.measures import Draft, build_measures, measure_of
from talktrack.query.results import Measure

TOPICS = [Topic("tariffs", "Tariffs", None), Topic("retaliatory_tariffs", "Retaliatory tariffs", "tariffs"),
          Topic("tariff_truce", "Tariff truce", "tariffs"), Topic("port_fees", "Port fees", None)]
LABELS = make_labels(TOPICS, {})


def step(change: str, when: str | None, *, kind: str = "suspension", basis: str = "text", days: int | None = None,
         about: str | None = None, published: str | None = None, doc: str = "doc-a") -> Step:
    return Step(kind, change, when, basis, [Span(doc, 0, 10)], topic="tariffs", days=days, about=about, published=published or when)


def measure(steps: list[Step], on: str, kind: str = "suspension") -> Measure:
    articles = {d: Article(d, f"Sentence {d[-1]}. More.") for d in ("doc-a", "doc-b")}
    ctx = Context(articles, {}, {}, measure_words())
    found = measure_of(Draft(kind, "tariffs", steps), ctx, LABELS, last_day(on) or date.min, on)
    assert found is not None
    return found


def expiry_entry(m: Measure, day: str):  # type: ignore[no-untyped-def]
    return next(e for e in m.history if e.change == "expiry" and e.date == day)


# --- the state machine -----------------------------------------------------------------------------
def test_a_suspension_runs_to_its_expiry():
    m = measure([step("suspended", "2031-03-01"), step("expiry", "2031-06-01")], "2031-04-01")
    assert (m.state, m.since, m.since_stated, m.expiry) == ("suspended", "2031-03-01", True, "2031-06-01")
    assert expiry_entry(m, "2031-06-01").status == "scheduled"
    assert measure([step("suspended", "2031-03-01"), step("expiry", "2031-06-01")], "2031-02-01").state is None


def test_an_extension_moves_the_expiry_and_the_old_one_is_no_longer_scheduled():
    steps = [step("suspended", "2031-03-01"), step("expiry", "2031-06-01"), step("extended", "2031-05-20"), step("expiry", "2031-09-01")]
    before = measure([step(s.change, s.date) for s in steps], "2031-05-01")
    assert (before.state, before.expiry) == ("suspended", "2031-06-01")
    assert expiry_entry(before, "2031-06-01").status == "scheduled"
    after = measure(steps, "2031-07-01")
    assert (after.state, after.since, after.expiry) == ("extended", "2031-05-20", "2031-09-01")
    old = expiry_entry(after, "2031-06-01")
    assert (old.status, old.moved_to) == ("moved", "2031-09-01")
    extension = next(e for e in after.history if e.change == "extended")
    assert (extension.previous_expiry, extension.expiry) == ("2031-06-01", "2031-09-01")
    assert expiry_entry(after, "2031-09-01").status == "scheduled"


def test_an_extension_with_no_new_date_runs_for_its_period_from_the_old_expiry():
    m = measure([step("suspended", "2031-03-01"), step("expiry", "2031-06-01"), step("extended", "2031-05-20", days=30)], "2031-06-15")
    assert (m.state, m.expiry, m.expiry_stated) == ("extended", "2031-07-01", False)


def test_an_expiry_passed_without_news_is_unknown_with_its_date_not_in_force():
    m = measure([step("suspended", "2031-03-01"), step("expiry", "2031-06-01")], "2031-07-01")
    assert (m.state, m.since, m.expiry) == ("expired?", "2031-06-01", "2031-06-01")
    assert expiry_entry(m, "2031-06-01").status == "expired?"
    assert measure([step("suspended", "2031-03-01"), step("expiry", "2031-06-01")], "2031-06-01").state == "suspended"


def test_a_reported_expiry_is_expired_not_unknown():
    m = measure([step("suspended", "2031-03-01"), step("expiry", "2031-06-01"), step("expired", "2031-06-01")], "2031-07-01")
    assert (m.state, m.since) == ("expired", "2031-06-01")
    assert expiry_entry(m, "2031-06-01").status == "expired"


def test_a_removed_measure_is_removed_from_its_date():
    steps = [step("imposed", "2031-01", kind="tariff"), step("removed", "2031-04-10", kind="tariff")]
    assert measure(steps, "2031-02-01", "tariff").state == "in force"
    m = measure(steps, "2031-05-01", "tariff")
    assert (m.state, m.since) == ("removed", "2031-04-10")


def test_an_announcement_does_not_undo_a_measure_in_force():
    announced = step("announced", "2031-02-01", kind="fee", basis="published", about="reduced")
    reduced = step("reduced", "2031-03-01", kind="fee", published="2031-02-01")
    reduced.scheduled = True
    steps = [step("imposed", "2031-01-05", kind="fee"), announced, reduced]
    assert measure(steps, "2031-02-15", "fee").state == "in force"
    assert next(e for e in measure(steps, "2031-02-15", "fee").history if e.change == "reduced").status == "scheduled"
    assert measure(steps, "2031-03-02", "fee").state == "reduced"


def test_a_period_dated_by_its_article_is_dated_back_from_its_expiry():
    m = measure([step("suspended", "2031-04-20", basis="published", days=90), step("expiry", "2031-07-01")], "2031-05-01")
    first = m.history[0]
    assert (first.date, first.date_stated, first.date_basis) == ("2031-04-02", False, "period")
    assert (m.state, m.since, m.since_stated) == ("suspended", "2031-04-02", False)


def test_a_change_recalled_later_is_the_same_step():
    m = measure([step("suspended", "2031-03-01"), step("suspended", "2031-05-01", basis="published", doc="doc-b")], "2031-05-02")
    (suspended,) = [e for e in m.history if e.change == "suspended"]
    assert suspended.date == "2031-03-01" and [ev.sentence for ev in suspended.evidence] == ["Sentence a", "Sentence b"]
    assert m.since == "2031-03-01"


def test_a_step_dated_by_its_event_shows_the_events_basis_and_keeps_its_confidence():
    weekday = step("suspended", "2031-03-01")
    weekday.event_basis, weekday.confidence = "weekday", 0.8
    recalled = step("suspended", "2031-05-01", basis="published", doc="doc-b")
    recalled.confidence = 0.6
    m = measure([weekday, recalled, step("expiry", "2031-06-01")], "2031-05-02")
    (suspended,) = [e for e in m.history if e.change == "suspended"]
    # dated by its event's sentence (so the later article's recall joins it), but a weekday: inferred
    assert (suspended.date, suspended.date_basis, suspended.date_stated) == ("2031-03-01", "weekday", False)
    assert suspended.confidence == 0.8 and (m.state, m.since_stated, m.confidence) == ("suspended", False, 0.8)


def test_a_deadline_alone_says_its_measure_stands():
    m = measure([step("expiry", "2031-06-01", published="2031-05-10")], "2031-05-20")
    assert (m.state, m.since, m.since_stated) == ("suspended", "2031-05-10", False)


# --- reading the sentences of events -----------------------------------------------------------------
A = "Ruritania and Freedonia agreed on Monday to suspend their retaliatory tariffs for 60 days, officials said."
B = "The truce runs until April 30, the ministry said."
C = ("Ruritania and Freedonia agreed to extend the suspension of retaliatory tariffs until June 30. "
     "Officials said the truce could be extended again in the summer.")
D = "Ruritania introduced port fees on Freedonian ships in January."


def _mentions(doc: str, text: str, words: dict[str, str]) -> list[TopicMention]:
    return [TopicMention(doc, text.index(w), text.index(w) + len(w), topic) for w, topic in words.items() if w in text]


def _places(doc: str, text: str) -> list[Place]:
    names = (("Ruritania", "XR"), ("Freedonia", "XF"))
    out = [Place(doc, text.index(n), text.index(n) + len(n), code) for n, code in names if n + " " in text]
    return sorted(out, key=lambda p: p.start)


def _event(kind: str, doc: str, text: str, start: str | None, action: str | None = None, sentence: int = 0) -> Event:
    parts = text.split(". ")
    a = sum(len(p) + 2 for p in parts[:sentence])
    b = a + len(parts[sentence]) + (1 if sentence < len(parts) - 1 else 0)
    return Event(id=f"ev-{doc}-{kind}-{sentence}", type=kind, start=start, end=start, status="occurred",  # type: ignore[arg-type]
                 action=action, evidence=[Span(doc, a, b)], participants=[Participant("Officials", side=None)])


@pytest.fixture(scope="module")
def synthetic() -> tuple[list[Event], Context]:
    texts = {"doc-a": (A, "2031-03-04"), "doc-b": (B, "2031-04-20"), "doc-c": (C, "2031-04-28"), "doc-d": (D, "2031-03-02")}
    words = {"retaliatory tariffs": "retaliatory_tariffs", "truce": "tariff_truce", "port fees": "port_fees"}
    ctx = Context(
        {d: Article(d, text, published) for d, (text, published) in texts.items()},
        {d: _mentions(d, text, words) for d, (text, _) in texts.items()},
        {d: _places(d, text) for d, (text, _) in texts.items()},
        measure_words(),
    )
    events = [
        _event("agreement", "doc-a", A, "2031-03-02", "suspended"),
        _event("deadline", "doc-b", B, "2031-04-30"),
        _event("agreement", "doc-c", C, "2031-04-28", "extended"),
        _event("deadline", "doc-c", C, "2031-06-30"),
        _event("agreement", "doc-c", C, None, "extended", sentence=1),
        _event("measure", "doc-d", D, "2031-01", "imposed"),
    ]
    return events, ctx


def test_the_sentences_of_events_make_one_suspension_and_its_history(synthetic):
    events, ctx = synthetic
    found = {m.kind: m for m in build_measures(events, ctx, LABELS, "2031-05-15")}
    assert set(found) == {"suspension", "fee"}
    truce = found["suspension"]
    assert truce.name == "Suspension: Retaliatory tariffs" and truce.sides == ["XF", "XR"]
    assert (truce.state, truce.since, truce.expiry) == ("extended", "2031-04-28", "2031-06-30")
    changes = [(e.date, e.change) for e in truce.history]
    assert changes == [("2031-03-02", "suspended"), ("2031-04-28", "extended"), ("2031-04-28", "discussed"),
                       ("2031-04-30", "expiry"), ("2031-06-30", "expiry")]
    assert [e.status for e in truce.history if e.change == "expiry"] == ["moved", "scheduled"]
    discussed = next(e for e in truce.history if e.change == "discussed")
    assert discussed.about == "extended" and discussed.evidence[0].sentence.startswith("Officials said the truce could be extended")
    for entry in truce.history:  # each step cites the sentence it was read from
        assert entry.evidence and all(ev.sentence == ctx.articles[ev.doc_id].text[ev.start : ev.end] for ev in entry.evidence)
    fees = found["fee"]
    assert (fees.name, fees.state, fees.since, fees.sides) == ("Fees: Port fees", "in force", "2031-01", ["XR"])


def test_without_later_news_the_suspension_is_unknown_after_its_expiry(synthetic):
    events, ctx = synthetic
    early = [e for e in events if not e.evidence[0].doc_id == "doc-c"]
    (truce,) = [m for m in build_measures(early, ctx, LABELS, "2031-05-15") if m.kind == "suspension"]
    assert (truce.state, truce.since) == ("expired?", "2031-04-30")


# --- the record: the founding articles and the sample corpus ---------------------------------------
@pytest.mark.slow
def test_founding_suspension_is_one_measure_expiring_per_stockholm_with_kuala_lumpur_in_its_history(founding_store):
    import talktrack

    with talktrack.open(founding_store) as record:
        listed = record.measures(on="2025-08-01")
        suspensions = [m for m in listed if m.kind == "suspension"]
        assert len(suspensions) == 1
        (truce,) = suspensions
        assert "reciprocal_tariffs" in truce.topics and truce.topic == "reciprocal_tariffs"
        assert (truce.state, truce.expiry) == ("suspended", "2025-08-12")
        sources = {d: record.document(d).source or "" for e in truce.history for d in {ev.doc_id for ev in e.evidence}}
        expiry = next(e for e in truce.history if e.change == "expiry")
        assert expiry.date == "2025-08-12" and all(sources[ev.doc_id].endswith("stockholm-talks.txt") for ev in expiry.evidence)
        assert any("August 12" in ev.sentence for ev in expiry.evidence)
        talked = [e for e in truce.history if e.change == "discussed" and e.about == "extended"
                  and any(sources[ev.doc_id].endswith("kuala-lumpur-talks.txt") for ev in e.evidence)]
        assert talked and talked[0].date and talked[0].date.startswith("2025-10")
        assert any("extension of the suspension of reciprocal tariffs" in ev.sentence for ev in talked[0].evidence)
        for entry in truce.history:
            assert entry.evidence and all(ev.sentence and ev.sentence in record.document(ev.doc_id).text for ev in entry.evidence)
        later = record.measure(truce.id)  # on the latest article's date, October: nothing said the truce went on
        assert (later.state, later.since) == ("expired?", "2025-08-12")


@pytest.mark.slow
def test_examples_truce_extended_later_shows_the_moved_expiry(sample_record):
    truces = [m for m in sample_record.measures() if m.kind == "suspension"]
    assert len(truces) == 1
    truce = truces[0]
    assert (truce.state, truce.expiry) == ("extended", "2029-11-14")
    old = [e for e in truce.history if e.change == "expiry" and e.date == "2029-08-16"]
    assert old and all(e.status == "moved" and e.moved_to == "2029-11-14" for e in old)
    extension = next(e for e in truce.history if e.change == "extended")
    assert (extension.previous_expiry, extension.expiry, extension.date) == ("2029-08-16", "2029-11-14", "2029-07-31")
    assert sample_record.measures(on="2029-06-01", topic="tariff_truce")[0].expiry == "2029-08-16"
    assert sample_record.measures(on="2029-12-01", topic="tariff_truce")[0].state == "expired?"
    fees = next(m for m in sample_record.measures(on="2029-09-02") if m.topic == "port_fees")
    assert fees.state == "reduced" and fees.sides == ["XO"]


@pytest.mark.slow
def test_measures_filter_and_refuse_what_names_nothing(sample_record):
    from talktrack.errors import TalktrackError

    assert sample_record.measures(on="2020-01-01") == []
    assert all("port_fees" in m.topics for m in sample_record.measures(topic="port_fees"))
    for call in (lambda: sample_record.measures(on="2029-02-30"), lambda: sample_record.measures(topic="nope"),
                 lambda: sample_record.measure("nope")):
        with pytest.raises(TalktrackError):
            call()
    frame = sample_record.frame("measures")
    assert list(frame["name"]) == [m.name for m in sample_record.measures()]


def test_hedges_make_a_discussion_but_a_month_is_no_hedge():
    from talktrack.query.measure_words import Hit, hedged, words_of

    vocab = measure_words()
    for text, expected in (("Officials said a deal to extend the pause was likely.", True),
                           ("The pause agreed in May was extended on Friday.", False),
                           ("If the two sides extend the pause, markets will calm.", True)):
        words = words_of(text)
        at = next(i for i, w in enumerate(words) if w.text.startswith("extend"))
        assert hedged(vocab, words, Hit(at, at, words[at].start, words[at].end), text) is expected, text


def test_steps_join_one_measure_only_when_their_articles_name_the_same_countries():
    from talktrack.query.measures import group, same_negotiation

    parents = {t.id: t.parent for t in TOPICS}
    truce = [step("suspended", "2020-10-10", doc="doc-a"), step("extended", "2023-06-10", doc="doc-b"),
             step("expiry", "2024-01-30", doc="doc-c")]
    # doc-a: a ceasefire in the Caucasus; doc-b and doc-c: the same talks in Colombia
    countries = {"doc-a": frozenset({"AM", "AZ", "RU"}), "doc-b": frozenset({"CO", "VE"}), "doc-c": frozenset({"CO"})}
    drafts = group(truce, parents, countries)
    assert sorted(sorted(s.evidence[0].doc_id for s in d.steps) for d in drafts) == [["doc-a"], ["doc-b", "doc-c"]]
    assert len(group(truce, parents)) == 1  # without the countries: one key, one measure
    # US tariffs on Mexico and US tariffs on Korea share one country of two: two measures; an article naming none joins
    assert not same_negotiation(frozenset({"US", "MX"}), frozenset({"US", "KR"}))
    assert same_negotiation(frozenset({"US", "CN", "MY"}), frozenset({"CN", "US"})) and same_negotiation(frozenset(), frozenset({"US"}))
