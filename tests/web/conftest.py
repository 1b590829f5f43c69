"""A served record for the API, page and browser tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from talktrack.settings import Settings
from tests.conftest import EXAMPLES

HOSTILE = """Talks resume in Oslo as <script>alert('xss')</script> test shows

OSLO, May 4, 2029 (Harbor Wire) -- Valdorian and Ostrevian negotiators met in Oslo on Monday. \
"We will not accept <img src=x onerror=alert(1)> tariffs," Valdorian Vice Premier Petra Will said. \
The talks focused on port fees and <b>bold</b> claims & other things.
"""


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory, settings: Settings) -> str:
    """The sample corpus plus an article full of markup, in one SQLite store."""
    from talktrack.pipeline import ingest
    from talktrack.store import connect

    folder = tmp_path_factory.mktemp("web")
    hostile = folder / "hostile.txt"
    hostile.write_text(HOSTILE, encoding="utf-8")
    url = str(folder / "record.db")
    engine = connect(url)
    ingest(engine, [str(EXAMPLES / "articles"), str(hostile)], settings)
    engine.dispose()
    return url


@pytest.fixture(scope="session")
def client(web_db: str) -> Iterator[object]:
    import warnings

    import talktrack
    from talktrack.web.app import create_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        from fastapi.testclient import TestClient

    record = talktrack.open(web_db)
    with TestClient(create_app(record)) as c:
        yield c
    record.close()


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def server(web_db: str) -> Iterator[str]:
    """`talktrack serve` in a thread on a free loopback port; yields its base URL."""
    import threading
    import time

    import uvicorn

    import talktrack
    from talktrack.web.app import create_app

    port = free_port()
    config = uvicorn.Config(create_app(talktrack.open(web_db)), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.time() + 30
    while not srv.started and time.time() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


