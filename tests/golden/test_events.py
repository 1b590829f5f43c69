"""Events and rounds across the founding articles (issue: the negotiation record)."""

from __future__ import annotations

import pytest


def _one(ledger, **want):
    hits = [e for e in ledger.events if all(getattr(e, k) == v for k, v in want.items())]
    assert len(hits) == 1, (want, [(e.type, e.place, e.start) for e in ledger.events])
    return hits[0]


def _leads(event) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for p in event.participants:
        if p.role == "lead" and p.side:
            out.setdefault(p.side, set()).add(p.name)
    return out


def test_samples_kuala_lumpur_round(samples_ledger):
    ev = _one(samples_ledger, type="talks", place="Kuala Lumpur")
    assert (ev.start, ev.end, ev.status, ev.plover) == ("2025-10-25", "2025-10-26", "occurred", "CONSULT")
    assert _leads(ev) == {"CN": {"He Lifeng"}, "US": {"Scott Bessent", "Jamieson Greer"}}
    assert {"section_301", "reciprocal_tariffs", "fentanyl_tariffs", "export_controls"} <= set(ev.topics)
    assert ev.outcome is not None and "domestic approval" in ev.outcome


def test_samples_stockholm_round(samples_ledger):
    ev = _one(samples_ledger, type="talks", place="Stockholm")
    assert (ev.start, ev.end, ev.status) == ("2025-07-28", "2025-07-29", "occurred")
    assert _leads(ev) == {"CN": {"He Lifeng"}, "US": {"Scott Bessent", "Jamieson Greer"}}


def test_samples_earlier_rounds_geneva_is_one_event_from_both_articles(samples_ledger):
    geneva = _one(samples_ledger, type="talks", place="Geneva")
    assert geneva.start == "2025-05"
    assert len({s.doc_id for s in geneva.evidence}) == 2
    assert _one(samples_ledger, type="talks", place="London").start == "2025-06"


@pytest.mark.parametrize(
    "kind, start, end, status",
    [("deadline", "2025-08-12", "2025-08-12", "scheduled"), ("visit", "2025-10-30", "2025-11-01", "scheduled")],
)
def test_samples_dated_events(samples_ledger, kind, start, end, status):
    ev = _one(samples_ledger, type=kind, start=start)
    assert (ev.end, ev.status) == (end, status)


def test_samples_xi_summit_and_visit(samples_ledger):
    visit = _one(samples_ledger, type="visit", start="2025-10-30")
    assert visit.place == "South Korea" and _leads(visit) == {"CN": {"Xi Jinping"}}
    summits = [e for e in samples_ledger.events if e.type == "summit" and e.status == "scheduled"]
    assert any(_leads(e) == {"CN": {"Xi Jinping"}} for e in summits)


def test_samples_russian_oil_warning_is_a_threat(samples_ledger):
    threat = _one(samples_ledger, type="threat")
    assert threat.plover == "THREATEN" and _leads(threat) == {"US": {"Scott Bessent"}}
    assert "sanctioned_oil" in threat.topics


def test_events_evidence_points_at_sentences(samples_ledger):
    texts = {d.id: d.text for d in samples_ledger.documents}
    for ev in samples_ledger.events:
        assert ev.evidence
        for span in ev.evidence:
            assert texts[span.doc_id][span.start : span.end].strip()
