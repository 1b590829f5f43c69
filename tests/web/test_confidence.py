"""Stated or inferred, and how sure, on the page and in the API: inferred dates and doubtful records are marked."""

from __future__ import annotations

import re

from markupsafe import escape

from talktrack.confidence import DOUBTFUL, INFERRED_WHY

WHY = {basis: str(escape(words)) for basis, words in INFERRED_WHY.items()}  # as the page writes them in an attribute


def test_the_timeline_sets_inferred_dates_apart_with_the_reason(client):
    html = client.get("/").text
    marked = re.findall(r'<span class="date inferred" title="([^"]+)">~(\d{4}[-\d]*)</span>', html)
    assert marked and {why for why, _ in marked} <= set(WHY.values())
    assert WHY["weekday"] in {why for why, _ in marked}  # "met in Vienna on Sunday" and the like


def test_the_timeline_underlines_a_doubtful_event_with_its_method(client):
    rows = client.get("/api/timeline").json()
    doubtful = [e for e in rows if e["confidence"] is not None and e["confidence"] < DOUBTFUL]
    assert doubtful, "the sample corpus has rounds no sentence places"
    html = client.get("/").text
    for e in doubtful:
        row = re.search(rf'<tr class="event" data-id="{re.escape(e["id"])}">.*?</tr>', html, re.S)
        assert row is not None and f'class="doubtful" title="found by {e["method"]}' in row.group(0)
    sure = next(e for e in rows if (e["confidence"] or 0) >= DOUBTFUL)
    row = re.search(rf'<tr class="event" data-id="{re.escape(sure["id"])}">.*?</tr>', html, re.S)
    assert row is not None and "doubtful" not in row.group(0)


def test_the_event_page_gives_the_confidence_and_how_each_day_was_reached(client):
    e = next(x for x in client.get("/api/timeline").json() if x["start_basis"] == "weekday")
    html = client.get(f"/events/{e['id']}").text
    assert f"{e['confidence']:.2f}" in html and e["method"] in html
    assert f'title="{WHY["weekday"]}">~{e["start"]}</span>' in html


def test_quotes_mark_a_date_taken_from_the_publication_date(client):
    quotes = client.get("/api/quotes", params={"limit": 500}).json()
    undated = next(q for q in quotes if q["date_basis"] == "published")
    assert undated["date_stated"] is False and 0 <= undated["speaker_confidence"] <= 1 and undated["speaker_method"]
    html = client.get("/quotes").text
    assert f'title="{WHY["published"]}">~{undated["date"]} (published)</span>' in html


def test_the_api_returns_the_bases_and_confidences(client):
    event = client.get("/api/timeline").json()[0]
    assert {"start_basis", "end_basis", "confidence", "method"} <= set(event)
    shown = client.get(f"/api/records/{event['id']}").json()
    assert shown["record"]["confidence"] == event["confidence"] and shown["record"]["start_basis"] == event["start_basis"]
