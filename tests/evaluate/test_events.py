"""Event matching and scoring, on hand-made gold and hand-made Event records (no spaCy)."""

from __future__ import annotations

import pytest

from talktrack.evaluate.events import (
    dates_compatible,
    events_in,
    is_event_match,
    match_events,
    same_person,
    score_events,
)
from talktrack.evaluate.gold import GoldEvent
from talktrack.model import Event, Participant, Span

VIENNA = GoldEvent("talks", "Vienna", "2029-03-10", "2029-03-11", "occurred",
                   {"XV": ("Petra Will",), "XO": ("Halvard Brekke", "Maren Lysne")})
CALL = GoldEvent("call", None, None, None, "occurred")
MAY_ROUND = GoldEvent("talks", None, "2029-05", "2029-05", "planned")


def event(type_: str = "talks", place: str | None = None, start: str | None = None, end: str | None = None,
          status: str = "occurred", participants: tuple[Participant, ...] = (), docs: tuple[str, ...] = ("d1",),
          at: int = 0) -> Event:
    evidence = [Span(doc, at, at + 10) for doc in docs]
    return Event(id=f"ev-{type_}-{place}-{start}-{at}", type=type_, place=place, start=start, end=end,  # type: ignore[arg-type]
                 status=status, participants=list(participants), evidence=evidence)  # type: ignore[arg-type]


def lead(name: str, side: str, role: str | None = "lead") -> Participant:
    return Participant(name=name, side=side, role=role)


@pytest.mark.parametrize(
    "a, b, ok",
    [
        ("2025-05-11", "2025-05-11", True),
        ("2025-05", "2025-05-11", True),
        ("2025-05-11", "2025-05", True),
        ("2025", "2025-05-11", True),
        ("2025-05", "2025-06", False),
        ("2025-1", "2025-10-01", False),  # a prefix must end at a field boundary
        (None, None, True),
        (None, "2025-05", False),
    ],
)
def test_dates_compatible(a: str | None, b: str | None, ok: bool) -> None:
    assert dates_compatible(a, b) is ok


def test_match_needs_type_and_place_or_start() -> None:
    assert is_event_match(VIENNA, event(place="vienna"))  # place, case-insensitive
    assert is_event_match(VIENNA, event(place="Oslo", start="2029-03"))  # start prefix-compatible
    assert not is_event_match(VIENNA, event(place="Oslo", start="2029-07-30"))
    assert not is_event_match(VIENNA, event("summit", place="Vienna"))
    assert is_event_match(VIENNA, event())  # neither place nor start on the system side
    assert is_event_match(CALL, event("call", place="Oslo", start="2029-09-07"))  # nor on the gold side


def test_match_one_to_one_greedy_in_gold_order_best_agreement_first() -> None:
    vague = event(at=0)
    exact = event(place="Vienna", start="2029-03-10", end="2029-03-11", at=50)
    result = match_events([VIENNA, MAY_ROUND], [vague, exact])
    assert result.pairs == [(VIENNA, exact), (MAY_ROUND, vague)]
    assert not result.missed and not result.spurious
    result = match_events([VIENNA, MAY_ROUND], [exact])
    assert result.pairs == [(VIENNA, exact)] and result.missed == [MAY_ROUND] and result.spurious == []


def test_scores_date_place_status_and_leads_by_side() -> None:
    system = event(place="Vienna", start="2029-03", end="2029-03", participants=(
        lead("Petra Will", "XV"), lead("Brekke", "XO"), lead("Maren Lysne", "XO", role="member")))
    layer = score_events([VIENNA], [system])
    assert (layer.gold, layer.found, layer.matched, layer.f1) == (1, 1, 1, 1.0)
    acc = {name: (a.correct, a.scored) for name, a in layer.accuracies.items()}
    # month-precision dates agree with the gold days; Lysne is a member, not a lead, so XO fails
    assert acc == {"date": (1, 1), "place": (1, 1), "status": (1, 1), "leads": (1, 2)}
    assert {side: (a.correct, a.scored) for side, a in layer.by_side.items()} == {"XV": (1, 1), "XO": (0, 1)}


def test_status_planned_is_scheduled_and_missing_end_is_the_start() -> None:
    gold = GoldEvent("briefing", None, "2029-03-11", "2029-03-11", "planned", {"XV": ("Anton Marek",)})
    system = event("briefing", start="2029-03-11", status="scheduled", participants=(lead("Anton Marek", "XV"),))
    layer = score_events([gold], [system])
    assert all(a.value == 1.0 for a in layer.accuracies.values())
    wrong = event("briefing", start="2029-03-11", end="2029-03-12", status="occurred",
                  participants=(lead("Anton Marek", "XO"),))  # wrong side
    layer = score_events([gold], [wrong])
    assert {name: a.value for name, a in layer.accuracies.items()} == {
        "date": 0.0, "place": 1.0, "status": 0.0, "leads": 0.0}


@pytest.mark.parametrize(
    "gold, system, ok",
    [("Halvard Brekke", "Halvard Brekke", True), ("Halvard Brekke", "brekke", True), ("He Lifeng", "He Lifeng", True),
     ("Li Chenggang", "Li", True), ("Petra Will", "Halvard Brekke", False), ("Petra Will", "", False)],
)
def test_same_person(gold: str, system: str, ok: bool) -> None:
    assert same_person(gold, system) is ok


def test_empty_system_events_give_recall_zero() -> None:
    layer = score_events([VIENNA, CALL], [])
    assert (layer.gold, layer.found, layer.matched, layer.recall, layer.precision, layer.f1) == (2, 0, 0, 0.0, None, None)
    assert layer.accuracies == {}


def test_merged_event_is_scored_in_each_document_it_has_evidence_in() -> None:
    geneva = event(place="Geneva", start="2025-05", end="2025-05", docs=("d1", "d2"))
    stockholm = event(place="Stockholm", start="2025-07-28", docs=("d2",), at=300)
    assert events_in([stockholm, geneva], "d1") == [geneva]
    assert events_in([stockholm, geneva], "d2") == [geneva, stockholm]  # by where their evidence starts
    gold_geneva = GoldEvent("talks", "Geneva", "2025-05", "2025-05", "occurred")
    for doc in ("d1", "d2"):
        layer = score_events([gold_geneva], events_in([stockholm, geneva], doc))
        assert layer.matched == 1
