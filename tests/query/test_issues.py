"""Issue history over a ledger built by hand (no model) and over the founding articles."""

from __future__ import annotations

from talktrack.model import Document, Event, Ledger, Participant, Span, Statement, Topic
from talktrack.query import issue_history

TOPICS = [Topic("tariffs", "Tariffs"), Topic("tariff_truce", "Tariff truce", "tariffs"), Topic("energy", "Energy")]


def _ledger() -> Ledger:
    doc = Document(id="d1", text="x" * 200, published="2029-07-31")
    span = Span("d1", 0, 10)
    return Ledger(
        documents=[doc],
        topics=TOPICS,
        events=[
            Event("e2", "agreement", start="2029-07-31", topics=["tariff_truce"], evidence=[span], action="extended"),
            Event("e1", "talks", start="2029-07-30", place="Oslo", topics=["tariffs"], evidence=[span],
                  participants=[Participant("Petra Will", None, "XV", "lead")]),
            Event("e3", "threat", start="2029-07-29", topics=["energy"], evidence=[span]),
        ],
        statements=[
            Statement("s1", "d1", 20, 40, "the truce must hold", "indirect", "Halvard Brekke", speaker_side="XO",
                      topics=("tariff_truce",)),
        ],
    )


def test_issue_history_orders_rounds_statements_and_changes():
    history = issue_history(_ledger(), "tariffs")
    assert [(e.kind, e.date) for e in history] == [
        ("round", "2029-07-30"), ("measure", "2029-07-31"), ("statement", "2029-07-31"),
    ]
    assert history[0].summary == "talks in Oslo (Petra Will)"
    assert history[1].change == "extended"
    assert history[2].side == "XO" and history[2].summary.startswith("Halvard Brekke: the truce")


def test_issue_history_of_a_child_topic_leaves_out_the_parent_only_entries():
    assert [e.record_id for e in issue_history(_ledger(), "tariff_truce")] == ["e2", "s1"]
    assert issue_history(_ledger(), "unknown") == []


def test_issue_history_on_founding_articles(samples_ledger):
    history = issue_history(samples_ledger, "tariffs")
    kinds = {e.kind for e in history}
    assert {"round", "statement"} <= kinds
    dated = [e.date for e in history if e.date]
    assert dated == sorted(dated)
    assert any(e.kind == "round" and "Kuala Lumpur" in e.summary for e in history)
