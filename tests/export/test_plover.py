"""PLOVER records: event types, modes, contexts and actors as PLOVER writes them, checked against its own table."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from talktrack.export.formats import actor_code, plover_map, plover_records
from talktrack.model import Document, Event, Ledger, Participant, Span, Topic
from tests.conftest import ROOT

TABLE = ROOT.parent / "shared" / "data" / "plover" / "CAMEO2PLOVER-2021.txt"
needs_table = pytest.mark.skipif(not TABLE.exists(), reason="the PLOVER data (../shared/data/plover) is not beside this checkout")


def _table() -> tuple[dict[str, set[str]], set[str]]:
    """Return PLOVER's modes by event type and its contexts, from the CAMEO-to-PLOVER conversion table."""
    modes: dict[str, set[str]] = {}
    contexts: set[str] = set()
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        m = re.match(r"\s*\d+:\s*([A-Z]+)\s*(?:,([^,#]*)(?:,([^#]*))?)?", line)
        if not m:
            continue
        modes.setdefault(m.group(1), set()).add((m.group(2) or "").strip())
        contexts |= {c.strip() for c in (m.group(3) or "").split(";") if c.strip()}
    return modes, contexts


@needs_table
def test_plover_mapping_data_uses_only_plovers_types_modes_and_contexts():
    modes, contexts = _table()
    data = yaml.safe_load((ROOT / "src" / "talktrack" / "data" / "plover.yaml").read_text(encoding="utf-8"))
    for plover, mode in data["measure_actions"].values():
        assert plover in modes and mode in modes[plover] | {""}, (plover, mode)
    for plover in data["default_contexts"]:
        assert plover in modes
    assert set(data["default_contexts"].values()) <= contexts
    assert set(data["contexts"]) <= contexts
    events = yaml.safe_load((ROOT / "src" / "talktrack" / "data" / "events.yaml").read_text(encoding="utf-8"))
    for kind, mode in data["modes"].items():
        assert mode in modes[events["types"][kind]["plover"]], (kind, mode)


@needs_table
@pytest.mark.slow
def test_plover_export_of_the_sample_corpus_is_valid_plover(examples_ledger):
    modes, contexts = _table()
    records = list(plover_records(examples_ledger))
    assert records
    for r in records:
        assert r["event_type"] in modes and r["mode"] in modes[r["event_type"]], r
        assert r["context"] and set(r["context"]) <= contexts, r
        for actor in r["actor"] + r["recipient"]:
            assert actor["actorText"] and re.fullmatch(r"[A-Z]{2,5}", actor["code"]) and actor["sector"] in ("GOV", "IGO")
        assert r["talktrack"]["status"] not in ("scheduled", "proposed")


@pytest.mark.parametrize("side, code", [("CN", ("CHN", "GOV")), ("us", ("USA", "GOV")), ("EU", ("EU", "IGO")), ("XV", ("XV", "GOV"))])
def test_plover_actor_codes_are_iso_alpha3_with_a_sector(side: str, code: tuple[str, str]):
    assert actor_code(side, plover_map()) == code


def _ledger(*events: Event) -> Ledger:
    doc = Document(id="d", text="The United States threatened on Monday to raise tariffs on Chinese goods.")
    topics = [Topic("tariffs", "Tariffs"), Topic("ceasefire", "Ceasefire")]
    return Ledger(documents=[doc], events=list(events), topics=topics)


def _event(**fields: object) -> Event:
    base: dict[str, object] = {"id": "ev", "type": "talks", "start": "2025-05-10", "status": "occurred", "evidence": (Span("d", 0, 10),)}
    return Event(**(base | fields))  # type: ignore[arg-type]


def test_plover_a_threat_goes_from_who_made_it():
    threat = _event(type="threat", plover="THREATEN", topics=("tariffs",), participants=(
        Participant("Chinese officials", side="CN"), Participant("Scott Bessent", side="US", role="lead")))
    (record,) = plover_records(_ledger(threat))
    assert [a["code"] for a in record["actor"]] == ["USA"] and [a["code"] for a in record["recipient"]] == ["CHN"]
    assert (record["event_type"], record["mode"], record["context"]) == ("THREATEN", "restrict", ["economic"])


@pytest.mark.parametrize("action, plover, mode", [("suspended", "RETREAT", "ease"), ("lifted", "RETREAT", "ease"), ("imposed", "SANCTION", "")])
def test_plover_easing_a_measure_is_a_retreat(action: str, plover: str, mode: str):
    (record,) = plover_records(_ledger(_event(type="measure", plover="SANCTION", action=action, topics=("tariffs",))))
    assert (record["event_type"], record["mode"]) == (plover, mode)


@pytest.mark.parametrize("status", ["scheduled", "proposed"])
def test_plover_leaves_out_what_has_not_happened(status: str):
    assert list(plover_records(_ledger(_event(plover="CONSULT", status=status)))) == []


def test_plover_talks_in_a_third_country_and_contexts_from_topics():
    talks = _event(plover="CONSULT", place="Geneva", topics=("ceasefire",), participants=(
        Participant("A", side="US", role="lead"), Participant("B", side="CN", role="lead")))
    (record,) = plover_records(_ledger(talks))
    assert (record["mode"], record["context"]) == ("third-party", ["military"])
    at_home = _event(plover="CONSULT", place="Beijing", participants=talks.participants)
    (home,) = plover_records(_ledger(at_home))
    assert (home["mode"], home["context"]) == ("", ["diplomatic"])
