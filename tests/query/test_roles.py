"""Roles over time and speakers named only by a role, on a store of five short articles (tests/query/roles).

Jonas Tamm is the Valdorian Foreign Ministry spokesperson in February 2029;
Lena Holt and Mikkel Dahl both speak for the Ostrevian Foreign Ministry in
June; nobody is known to speak for the Valdorian Trade Ministry; Karl Brun is
"a senior Valdorian official", a title many hold at once.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

import talktrack
from talktrack.cli import app
from talktrack.gazetteer import load_gazetteer
from talktrack.query.role_words import RoleReader
from talktrack.query.roles import MARGIN, Held
from tests.conftest import BACKENDS, EXAMPLES, ingested_stores, record_on

pytestmark = pytest.mark.slow

ARTICLES = Path(__file__).resolve().parent / "roles"


@pytest.fixture(scope="module")
def roles_stores(settings, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The five articles ingested once per backend; a backend without a server is left out."""
    return ingested_stores([str(ARTICLES)], settings, tmp_path_factory)


@pytest.fixture(scope="module")
def roles_db(roles_stores: dict[str, str]) -> str:
    return roles_stores["sqlite"]


@pytest.fixture(scope="module", params=BACKENDS)
def record(request: pytest.FixtureRequest, roles_stores: dict[str, str]):  # type: ignore[no-untyped-def]
    yield from record_on(request, roles_stores)


def _said(record, words: str):  # type: ignore[no-untyped-def]
    return [q for q in record.quotes() if words in q.content]


def test_the_forms_of_a_role_meet_and_groups_sides_and_former_titles_are_no_role():
    reader = RoleReader(load_gazetteer(), {"Valdoria": "XV"})
    forms = ["Foreign Ministry spokesperson", "a spokesperson for the Foreign Ministry", "foreign ministry spokeswoman",
             "the Ministry of Foreign Affairs spokesman", "the Valdorian Foreign Ministry spokesperson"]
    roles = [reader.read(f) for f in forms]
    assert all(r is not None for r in roles)
    assert {r.words for r in roles if r} == {frozenset({"foreign", "ministry", "spokesperson"})}
    assert [r.side for r in roles if r] == [None, None, None, None, "XV"]
    assert reader.read("Commerce Minister") == reader.read("Minister of Commerce")
    assert reader.read("China's Foreign Ministry spokesperson").side == "CN"  # type: ignore[union-attr]
    for not_a_role in ("Chinese experts", "the US side", "the Chinese foreign ministry", "former Foreign Minister", "Analysts"):
        assert reader.read(not_a_role) is None, not_a_role


def test_a_holder_counts_within_the_margin_of_their_articles():
    held = Held(frozenset({"spokesperson"}), "XV", "person:x", "X", date(2029, 2, 10), date(2029, 3, 1))
    assert held.covers("2029-02-20") and held.covers((date(2029, 3, 1) + MARGIN).isoformat())
    assert not held.covers((date(2029, 3, 1) + MARGIN + MARGIN).isoformat())
    assert not held.covers((date(2029, 2, 10) - MARGIN - MARGIN).isoformat())
    assert not held.covers("2029") and not held.covers(None)  # a year is more than the holder's time


def test_roles_lists_each_holder_with_the_dates_of_their_articles(record):
    rows = record.roles()
    tamm = next(r for r in rows if r.holder == "Jonas Tamm")
    assert (tamm.role, tamm.side, tamm.first, tamm.last, tamm.documents) == ("spokesperson, Foreign Ministry", "XV", "2029-02-10", "2029-02-10", 1)
    shown = record.document(tamm.evidence[0].doc_id).text[tamm.evidence[0].start : tamm.evidence[0].end]
    assert shown == "Jonas Tamm"
    # Dahl is a "spokesman": the same role as Holt's, under one name
    ostrevian = record.roles(role="foreign ministry spokeswoman", side="Ostrevia")
    assert [(r.holder, r.role) for r in ostrevian] == [("Lena Holt", "spokesperson, Foreign Ministry"), ("Mikkel Dahl", "spokesperson, Foreign Ministry")]
    assert [r.holder for r in record.roles(role="Valdorian spokesperson")] == ["Jonas Tamm"]
    assert record.roles(role="Trade Ministry spokesperson") == []
    url = record.engine.url.render_as_string(hide_password=False)
    with talktrack.open(url, gazetteers=(EXAMPLES / "gazetteer.yaml",)) as named:
        assert named.roles() == rows  # the gazetteer's demonyms name the sides the store's country names gave


def test_a_role_only_speaker_is_the_one_holder_marked_inferred(record):
    for words, role in (("offer on port fees", "a Valdorian Foreign Ministry spokesperson"),
                        ("real chance for a deal", "a spokeswoman for the Foreign Ministry")):
        [quote] = _said(record, words)
        assert (quote.speaker, quote.speaker_id, quote.side) == ("Jonas Tamm", "person:jonas-tamm", "XV")
        assert quote.speaker_inferred and quote.speaker_role == role
    [named] = _said(record, "will resume in March")
    assert named.speaker == "Jonas Tamm" and not named.speaker_inferred and named.speaker_role is None
    by_name = record.quotes(speaker="Tamm")
    assert by_name == record.quotes(speaker="person:jonas-tamm") and len(by_name) == 3
    assert [q.speaker_inferred for q in by_name] == [False, True, True]


def test_a_role_two_people_held_then_is_not_linked(record):
    [quote] = _said(record, "would not lift its port fees")
    assert quote.speaker_id is None and not quote.speaker_inferred
    assert quote.speaker == "an Ostrevian Foreign Ministry spokesperson"


def test_a_role_nobody_held_then_is_not_linked(record):
    [no_holder] = _said(record, "Valdoria was disappointed")  # nobody is known to speak for the Trade Ministry
    [too_late] = _said(record, "would be held this year")  # Tamm was last seen in February, long before December
    [shared] = _said(record, "could still go ahead")  # Karl Brun is a senior Valdorian official, but one of many
    for quote in (no_holder, too_late, shared):
        assert quote.speaker_id is None and not quote.speaker_inferred, quote.speaker
    assert any(r.holder == "Karl Brun" for r in record.roles(role="senior official"))


def test_the_roles_command_and_the_quotes_table(roles_db: str):
    runner = CliRunner()
    result = runner.invoke(app, ["roles", "--db", roles_db, "--role", "spokesperson", "--side", "XV", "--json"])
    assert result.exit_code == 0, result.output
    [row] = json.loads(result.stdout)
    assert (row["holder"], row["first"], row["last"]) == ("Jonas Tamm", "2029-02-10", "2029-02-10")
    assert row["evidence"] and set(row["evidence"][0]) == {"doc_id", "start", "end"}
    table = runner.invoke(app, ["roles", "--db", roles_db])
    assert table.exit_code == 0 and "Mikkel Dahl" in table.stdout
    assert runner.invoke(app, ["roles", "--db", roles_db, "--side", "Atlantis"]).exit_code == 1
    quotes = runner.invoke(app, ["quotes", "--db", roles_db, "--speaker", "Tamm"], env={"COLUMNS": "250"})
    assert quotes.stdout.count("(inferred from role)") == 2


def test_the_roles_endpoint_and_the_quote_pages(record):
    import warnings

    from talktrack.web.app import create_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        from fastapi.testclient import TestClient

    with TestClient(create_app(record)) as client:
        rows = client.get("/api/roles", params={"role": "spokesperson"}).json()
        assert {r["holder"] for r in rows} == {"Jonas Tamm", "Lena Holt", "Mikkel Dahl"}
        assert client.get("/api/roles", params={"side": "Atlantis"}).status_code == 422
        quotes = client.get("/api/quotes", params={"speaker": "person:jonas-tamm"}).json()
        assert [q["speaker_inferred"] for q in quotes] == [False, True, True]
        assert quotes[1]["speaker_role"] == "a Valdorian Foreign Ministry spokesperson"
        page = client.get("/quotes", params={"speaker": "Tamm"}).text
        assert page.count("(inferred from role)") == 2
        person = client.get("/people/person:jonas-tamm").text
        assert "as a spokeswoman for the Foreign Ministry (inferred from role)" in person
