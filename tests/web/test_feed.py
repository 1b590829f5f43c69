"""GET /api/changes and the Atom feed at /feed.atom: valid Atom, escaped text, stable entry ids, the filters of the timeline."""

from __future__ import annotations

from xml.etree import ElementTree as ET

import pytest

from talktrack.query.results import Change
from talktrack.web.feed import ATOM, atom_feed, entry_id

pytestmark = pytest.mark.slow
A = f"{{{ATOM}}}"


def check_atom(body: bytes) -> ET.Element:
    """Parse an Atom document and check the elements RFC 4287 requires of a feed and its entries."""
    feed = ET.fromstring(body)
    assert feed.tag == A + "feed"
    for tag in ("id", "title", "updated"):
        assert len(feed.findall(A + tag)) == 1, tag
    assert feed.find(A + "author/" + A + "name") is not None  # entries have no author of their own: the feed's
    assert any(link.get("rel") == "self" for link in feed.findall(A + "link"))
    for entry in feed.findall(A + "entry"):
        for tag in ("id", "title", "updated"):
            assert len(entry.findall(A + tag)) == 1, tag
        assert any(link.get("rel") == "alternate" for link in entry.findall(A + "link"))  # no content: an alternate link
        assert entry.findtext(A + "id", "").startswith("urn:uuid:")
    return feed


def parsed(body: bytes) -> object | None:
    """Parse with feedparser (the test extras list it), to be told of anything it finds wrong; None without it."""
    try:
        import feedparser
    except ImportError:  # check_atom still checks what RFC 4287 requires
        return None
    result = feedparser.parse(body)
    assert not result.bozo, result.get("bozo_exception")
    return result


def test_the_feed_is_atom_with_one_entry_per_change_and_stable_ids(client, web_db: str, settings):
    response = client.get("/feed.atom")
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/atom+xml")
    feed = check_atom(response.content)
    entries = feed.findall(A + "entry")
    changes = client.get("/api/changes", params={"limit": 100}).json()
    assert len(entries) == 100 and len(changes) == 100
    logged = {entry_id(c["id"]): c["at"] for c in client.get("/api/changes").json()}
    ids = [e.findtext(A + "id", "") for e in entries]
    assert len(set(ids)) == 100 and set(ids) <= set(logged)
    assert [logged[i] for i in ids] == sorted((logged[i] for i in ids), reverse=True)  # newest first

    from talktrack.pipeline import ingest
    from talktrack.store import connect
    from tests.conftest import EXAMPLES

    engine = connect(web_db)
    ingest(engine, [str(EXAMPLES / "articles")], settings)  # the same articles again: the feed is unchanged
    engine.dispose()
    assert client.get("/feed.atom").content == response.content
    result = parsed(response.content)
    if result is not None:
        assert [e.id for e in result.entries] == ids  # type: ignore[attr-defined]


def test_the_feed_escapes_article_text(client):
    body = client.get("/feed.atom", params={"type": "statement", "limit": 1000}).content
    feed = check_atom(body)
    assert b"<img" not in body and b"&lt;img src=x onerror=alert(1)&gt;" in body
    texts = [e.findtext(A + "summary", "") for e in feed.findall(A + "entry")]
    assert any("<img src=x onerror=alert(1)> tariffs" in x for x in texts)  # shown as text, read back as written
    parsed(body)


def test_text_xml_cannot_carry_is_dropped_and_markup_escaped():
    hostile = Change("chg-1", "2029-06-02T08:00:00+00:00", "statement_added", "st-1", "statement", None, None, None,
                     "A: \x01<script>alert(1)</script> & \ufffe", ["XV"], ["tariffs"], "A", None, "]]> \x0b<b>")
    body = atom_feed([hostile], self_url="http://h/feed.atom?x=1&y=<2>", base_url="http://h/", title="t & <u>")
    feed = check_atom(body)
    entry = feed.find(A + "entry")
    assert entry is not None and entry.findtext(A + "title") == "A: <script>alert(1)</script> & "
    assert b"<script>" not in body and b"\x01" not in body
    assert check_atom(atom_feed([], self_url="http://h/feed.atom", base_url="http://h/", title="t")).findtext(A + "updated") == "1970-01-01T00:00:00+00:00"


def test_the_feed_and_the_api_take_the_filters_of_the_timeline_and_quotes(client):
    xv = client.get("/api/changes", params={"side": "Valdoria", "type": "statement"}).json()
    assert xv and all(c["sides"] == ["XV"] and c["type"] == "statement" for c in xv)
    said = client.get("/api/changes", params={"speaker": "Brekke"}).json()
    assert said and all(c["speaker"] == "Halvard Brekke" for c in said)
    maritime = client.get("/api/changes", params={"topic": "maritime"}).json()
    assert maritime and all({"maritime", "port_fees", "shipbuilding"} & set(c["topics"]) for c in maritime)
    talks = check_atom(client.get("/feed.atom", params={"type": "talks", "since": "2020-01-01"}).content)
    assert talks.findall(A + "entry") and all(
        any(x.get("term") == "talks" for x in e.findall(A + "category")) for e in talks.findall(A + "entry"))
    future = client.get("/api/changes", params={"since": "2999-01-01T00:00:00Z"}).json()
    assert future == []
    assert client.get("/api/changes", params={"since": "2999-01-01", "kind": "deadline_moved"}).json() == []


@pytest.mark.parametrize("url", [
    "/api/changes?since=2029-02-30", "/api/changes?since=monday", "/api/changes?kind=event_removed", "/api/changes?type=talk",
    "/feed.atom?since=2029-13", "/feed.atom?limit=0", "/api/changes?side=Atlantis",
])
def test_bad_change_filters_are_422(client, url: str):
    assert client.get(url).status_code == 422


def test_an_unknown_topic_is_404(client):
    assert client.get("/api/changes", params={"topic": "nope"}).status_code == 404
    assert client.get("/feed.atom", params={"topic": "nope"}).status_code == 404


def test_the_changes_page_lists_the_changes_escaped_and_links_the_feed(client):
    page = client.get("/changes", params={"type": "statement", "side": "XV"})
    assert page.status_code == 200 and "What changed" in page.text
    assert '<link rel="alternate" type="application/atom+xml"' in page.text and "/feed.atom?type=statement&amp;side=XV" in page.text
    assert "<img src=x" not in page.text and "&lt;img src=x onerror=alert(1)&gt;" in page.text
    assert "Content-Security-Policy" in page.headers and "script-src" not in page.headers["Content-Security-Policy"]
    assert "Nothing changed since 2999-01-01." in client.get("/changes", params={"since": "2999-01-01"}).text
    assert client.get("/changes", params={"since": "monday"}).status_code == 422
    assert client.get("/", ).text.count('href="/changes"') == 1  # in the navigation
