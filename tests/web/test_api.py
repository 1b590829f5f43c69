"""The HTTP API and the pages: the same queries, validated parameters, read-only, escaped text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def test_api_serves_the_queries(client):
    timeline = client.get("/api/timeline").json()
    assert any(e["place"] == "Vienna" and e["leads"].get("XV") == ["Petra Will"] for e in timeline)
    assert client.get("/api/quotes", params={"speaker": "Brekke", "limit": 3}).status_code == 200
    assert len(client.get("/api/quotes", params={"limit": 3}).json()) == 3
    assert client.get("/api/issues").json()
    assert client.get("/api/issues/tariffs").json()[0]["kind"] == "round"
    assert client.get("/api/deadlines", params={"upcoming": True, "today": "2029-09-01"}).status_code == 200
    assert client.get("/api/people", params={"side": "XV"}).json()
    hits = client.get("/api/search", params={"q": "port fees"}).json()
    assert hits and "\x02" not in str(hits)
    shown = client.get(f"/api/records/{timeline[0]['id']}").json()
    assert shown["kind"] == "event" and shown["evidence"]
    assert client.get("/api/status").json()["counts"]["documents"] == 12
    spec = client.get("/api/openapi.json").json()
    assert {"/api/timeline", "/api/quotes", "/api/search", "/api/records/{record_id}"} <= set(spec["paths"])


@pytest.mark.parametrize(
    "url",
    [
        "/api/timeline?since=2029-13", "/api/timeline?until=yesterday", "/api/quotes?limit=0", "/api/quotes?limit=100000",
        "/api/quotes?offset=-1", "/api/search", "/api/search?q=" + "x" * 201, "/api/deadlines?today=2029-02-30x",
    ],
)
def test_bad_parameters_are_4xx_with_the_reason(client, url: str):
    response = client.get(url)
    assert response.status_code == 422
    assert response.json()["detail"][0]["msg"]


@pytest.mark.parametrize("url", ["/api/timeline?type=talk", "/api/quotes?side=Atlantis", "/api/people?side=Atlantis", "/?type=talk", "/quotes?side=Atlantis"])
def test_a_filter_value_that_names_nothing_is_422_with_the_choices(client, url: str):
    response = client.get(url)
    assert response.status_code == 422
    assert "TT606" in response.text and "use one of" in response.text


def test_a_side_can_be_named(client):
    by_name = client.get("/api/quotes", params={"side": "Valdoria"}).json()
    assert by_name and by_name == client.get("/api/quotes", params={"side": "XV"}).json()


def test_unknown_records_are_404(client):
    assert client.get("/api/records/nope").status_code == 404
    assert client.get("/api/issues/nope").status_code == 404
    assert client.get("/events/nope").status_code == 404
    assert client.get("/documents/nope").status_code == 404


def test_the_api_is_read_only_and_small(client):
    for method in ("post", "put", "delete", "patch"):
        assert getattr(client, method)("/api/timeline").status_code == 405
    big = client.request("GET", "/api/timeline", content=b"x" * 100_000)
    assert big.status_code == 413
    assert client.get("/api/timeline?q=" + "a" * 5000).status_code == 414


def test_every_page_renders(client):
    for url in ("/", "/issues", "/issues/tariffs", "/people", "/people/person:petra-will", "/quotes",
                "/quotes?topic=tariffs&side=XO", "/deadlines", "/search?q=tariff+truce", "/search"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Content-Security-Policy" in response.headers and "script-src" not in response.headers["Content-Security-Policy"]


def test_a_statement_link_lands_on_its_highlighted_sentence(client):
    quote = client.get("/api/quotes", params={"speaker": "Brekke", "limit": 1}).json()[0]
    response = client.get(f"/statements/{quote['id']}", follow_redirects=True)
    marked = re.search(r'<mark id="hl">(.*?)</mark>', response.text, re.S)
    assert marked and quote["content"].split()[0] in marked.group(1)


def test_article_text_is_shown_as_text_never_run(client):
    hostile = next(h for h in client.get("/api/search", params={"q": "xss"}).json() if h["kind"] == "document")
    page = client.get(f"/documents/{hostile['doc_id']}").text
    assert "<script>alert" not in page and "&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;" in page
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<b>bold</b>" not in page
    for url in ("/", "/quotes", "/measures", "/search?q=img", "/search?q=%3Cscript%3E"):
        text = client.get(url).text
        assert "<script" not in text and "<img" not in text, url
    assert "&lt;script&gt;" in client.get("/search", params={"q": "<script>"}).text  # the query echoed as text


def test_pages_say_topics_and_sides_in_words(client):
    timeline = client.get("/").text
    assert "Valdoria" in timeline and ">XV<" not in timeline  # a side is its country's name (the code in its title)
    assert "Tariff truce" in timeline and ">tariff_truce<" not in timeline
    assert "Talks in Vienna" in timeline  # a row says what happened, not only a type badge
    person = client.get("/people/person:petra-will").text
    assert re.search(r'<a href="/events/[^"]+"><span class="badge \w+">\w+</span> \S', person)  # no blank event links


def test_conflicting_reports_read_as_sentences(client):
    event = next(e for e in client.get("/api/timeline").json() if e["conflicts"])
    page = client.get(f"/events/{event['id']}").text
    assert "dated " in page and " by “" in page and "doc-" not in page.split("sources disagree", 1)[1].split("</dd>", 1)[0]


def test_deadlines_say_what_and_filter_upcoming(client):
    page = client.get("/deadlines").text
    rows = re.findall(r'<td><a href="/events/[^"]+">([^<]+)</a></td>', page)
    assert rows and all(r.strip() != "deadline" for r in rows)
    assert "No deadlines ahead." in client.get("/deadlines", params={"upcoming": "true", "today": "2100-01-01"}).text


def test_a_moved_deadline_links_to_where_it_moved_and_a_passed_one_says_so(client):
    listed = {d["start"]: d for d in client.get("/api/deadlines", params={"today": "2029-12-01"}).json()}
    moved, current = listed["2029-08-16"], listed["2029-11-14"]
    assert (moved["state"], moved["moved_to"], current["state"]) == ("moved", current["id"], "passed")
    page = client.get("/deadlines", params={"today": "2029-12-01"}).text
    rows = {r.split('<a href="/events/', 1)[1].split('"', 1)[0]: r for r in page.split("<tr")[2:]}  # by the event each row names
    assert 'class="badge moved"' in rows[moved["id"]] and "scheduled" not in rows[moved["id"]]
    assert f'<a class="moved-to" href="/events/{current["id"]}">2029-11-14</a>' in rows[moved["id"]]
    assert 'class="badge passed"' in rows[current["id"]]
    ahead = client.get("/deadlines", params={"upcoming": "true", "today": "2029-08-01"}).text
    assert f'<a href="/events/{current["id"]}"' in ahead and f'/events/{moved["id"]}"' not in ahead


def test_api_docs_are_ours_offline_and_under_the_csp(client):
    response = client.get("/api/docs")
    assert response.status_code == 200 and "GET /api/timeline" in response.text
    assert "default-src 'none'" in response.headers["Content-Security-Policy"]
    assert "<script" not in response.text and "cdn" not in response.text.lower()


def test_api_status_shows_no_path_or_host(client, web_db):
    shown = client.get("/api/status").json()["database"]
    assert shown == "sqlite: record.db" and str(Path(web_db).parent) not in shown


@pytest.mark.parametrize("url, linked", [("javascript:alert(1)", False), ("JaVaScRiPt:alert(1)", False), ("data:text/html,x", False),
                                         ("https://example.org/a", True)])
def test_only_web_urls_are_linked_as_the_original(tmp_path, settings, url: str, linked: bool):
    import json
    import warnings

    import talktrack
    from talktrack.pipeline import ingest
    from talktrack.store import connect
    from talktrack.web.app import create_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        from fastapi.testclient import TestClient

    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"title": "Talks in Oslo", "url": url, "text": "Negotiators met in Oslo on Monday."}) + "\n")
    db = str(tmp_path / "r.db")
    ingest(connect(db), [str(feed)], settings)
    record = talktrack.open(db)
    (doc,) = record.ledger().documents
    assert doc.url == url  # stored as given: the page decides what it links
    with TestClient(create_app(record)) as c:
        page = c.get(f"/documents/{doc.id}").text
    record.close()
    assert ("original</a>" in page) is linked and ("javascript:" not in page.lower())
