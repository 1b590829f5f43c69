"""The one write endpoint: refused without a server token, 401 without the right bearer token, stores with it."""

from __future__ import annotations

import shutil
import subprocess
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from talktrack.settings import Settings
from tests.e2e.test_cli import SCRIPT

pytestmark = [pytest.mark.slow, pytest.mark.issue(8)]
TOKEN = "s3cret-token-for-tests-only"
ARTICLE = {
    "title": "Valdoria and Ostrevia to resume port-fee talks in Lisbon",
    "text": (
        "LISBON, June 2, 2029 (Harbor Wire) -- Valdorian and Ostrevian negotiators will meet in Lisbon next week "
        "to discuss port fees and shipbuilding subsidies, officials said on Saturday. \"We expect a frank exchange,\" "
        "Ostrevian Trade Secretary Halvard Brekke told reporters."
    ),
    "published": "2029-06-02",
    "outlet": "Harbor Wire",
}


def _client(db: str, token: str | None, settings: Settings) -> Iterator[object]:
    import talktrack
    from talktrack.web.app import create_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        from fastapi.testclient import TestClient

    record = talktrack.open(db)
    with TestClient(create_app(record, token=token, settings=settings)) as c:
        yield c
    record.close()


@pytest.fixture()
def own_db(tmp_path: Path, web_db: str) -> str:
    path = tmp_path / "record.db"
    shutil.copy(web_db, path)  # the served sample record; writes go to this copy
    return str(path)


@pytest.fixture()
def writer(own_db: str, settings: Settings) -> Iterator[object]:
    yield from _client(own_db, TOKEN, settings)


@pytest.fixture()
def reader(own_db: str, settings: Settings) -> Iterator[object]:
    yield from _client(own_db, None, settings)


def test_a_server_without_a_token_refuses_every_write(reader):  # type: ignore[no-untyped-def]
    for auth in ({}, {"Authorization": f"Bearer {TOKEN}"}):
        r = reader.post("/api/documents", json=ARTICLE, headers=auth)
        assert r.status_code == 403 and "read-only" in r.json()["detail"]
    assert reader.put("/api/documents", json=ARTICLE).status_code == 405
    assert reader.post("/api/timeline", json={}).status_code == 405


def test_a_write_needs_the_servers_token(writer):  # type: ignore[no-untyped-def]
    for headers in ({}, {"Authorization": "Bearer wrong-token-wrong-token"}, {"Authorization": TOKEN}, {"Authorization": f"Basic {TOKEN}"}):
        r = writer.post("/api/documents", json=ARTICLE, headers=headers)
        assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer", headers
    assert writer.get("/api/search", params={"q": "Lisbon shipbuilding"}).json() == []  # nothing was stored


def test_a_write_with_the_token_stores_the_article_once(writer):  # type: ignore[no-untyped-def]
    auth = {"Authorization": f"Bearer {TOKEN}"}
    before = writer.get("/api/status").json()["counts"]["documents"]
    r = writer.post("/api/documents", json=ARTICLE, headers=auth)
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["stored"] and not body["already_stored"] and body["id"].startswith("doc-")
    assert writer.get("/api/status").json()["counts"]["documents"] == before + 1
    hits = writer.get("/api/search", params={"q": "frank exchange"}).json()
    assert any(h["doc_id"] == body["id"] for h in hits)
    again = writer.post("/api/documents", json=ARTICLE, headers=auth).json()
    assert again["already_stored"] and not again["stored"]


def test_bad_articles_are_422_with_the_reason(writer):  # type: ignore[no-untyped-def]
    auth = {"Authorization": f"Bearer {TOKEN}"}
    r = writer.post("/api/documents", content=b"{not json", headers=auth | {"Content-Type": "application/json"})
    assert r.status_code == 422 and "not JSON" in r.json()["detail"]
    r = writer.post("/api/documents", json={"title": "no body"}, headers=auth)
    assert r.status_code == 422 and "TT109" in r.json()["detail"]
    r = writer.post("/api/documents", json=["a list"], headers=auth)
    assert r.status_code == 422 and "TT102" in r.json()["detail"]
    german = {"text": "Die Verhandlungen über Zölle und Hafengebühren werden nächste Woche in Lissabon fortgesetzt, "
                      "sagten Beamte beider Regierungen am Samstag nach einem langen Treffen."}
    r = writer.post("/api/documents", json=german, headers=auth)
    assert r.status_code == 422 and "TT113" in r.json()["detail"]


def test_write_bodies_are_limited(writer):  # type: ignore[no-untyped-def]
    auth = {"Authorization": f"Bearer {TOKEN}"}
    huge = {"text": "word " * 600_000}
    assert writer.post("/api/documents", json=huge, headers=auth).status_code == 413
    assert writer.post("/api/timeline", content=b"x" * 20_000).status_code == 413


def test_serve_refuses_a_short_token(tmp_path: Path):
    run = subprocess.run([SCRIPT, "serve", "--db", str(tmp_path / "x.db"), "--token", "short"], capture_output=True, text=True, timeout=60)
    assert run.returncode == 2 and "at least 16 characters" in run.stderr
