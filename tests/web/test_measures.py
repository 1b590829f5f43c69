"""Measures over the HTTP API and on the web page: the same records, each state with its sentence."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def test_api_lists_measures_on_a_date_and_serves_one_by_id(client):
    listed = client.get("/api/measures", params={"on": "2029-08-01"}).json()
    truce = next(m for m in listed if m["kind"] == "suspension")
    assert (truce["state"], truce["expiry"]) == ("extended", "2029-11-14")
    moved = [e for e in truce["history"] if e["change"] == "expiry" and e["date"] == "2029-08-16"]
    assert moved and all(e["status"] == "moved" for e in moved)
    one = client.get(f"/api/measures/{truce['id']}", params={"on": "2029-08-01"}).json()
    assert one == truce
    assert client.get("/api/measures", params={"topic": "port_fees"}).json()
    assert "/api/measures" in client.get("/api/openapi.json").json()["paths"]


@pytest.mark.parametrize("url, status", [("/api/measures?on=2029-13", 422), ("/api/measures?on=2029-02-30", 422),
                                         ("/api/measures/nope", 404), ("/api/measures?topic=nope", 404), ("/measures?on=x", 422)])
def test_api_and_page_refuse_what_names_nothing(client, url: str, status: int):
    assert client.get(url).status_code == status


def test_measures_page_shows_states_histories_sentences_and_inferred_dates(client):
    page = client.get("/measures", params={"on": "2029-08-01"})
    assert page.status_code == 200
    html = page.text
    assert '<a href="/measures" class="active">Measures</a>' in html
    assert "Suspension: Tariffs" in html and 'class="badge state extended"' in html
    assert "expiry: moved to 2029-11-14" in html
    assert 'class="date inferred"' in html and "~2029-05-18" in html  # the suspension is dated by its article
    assert "The extended truce runs until November 14." in html and "/documents/" in html and "#hl" in html
    assert client.get("/").text.count('href="/measures"') == 1  # the nav links it from every page
    assert "No measure stood on 2020-01-01" in client.get("/measures", params={"on": "2020-01-01"}).text
