"""The query surfaces never fail on what a client sends: no 5xx from the HTTP API, no stray exception from Record.

Random parameters (any unicode, SQL LIKE wildcards, FTS5 syntax, NUL
characters, raw bytes that are no UTF-8, limits of any size, dates of any
shape) go to the HTTP API through FastAPI's TestClient on both databases:
every answer must be a 200 or a 4xx whose JSON body says why. From Python,
Record.search and Record.quotes raise nothing but TalktrackError TT303 (a
date that is none), TT604 (a topic the store does not hold) or TT606 (a side
that names no country).
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote, quote_from_bytes

import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from talktrack.errors import TalktrackError
from tests.conftest import BACKENDS, record_on

pytestmark = [pytest.mark.slow, pytest.mark.issue(8)]

HYPOTHESIS = hsettings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# pieces a hostile or careless client puts in a query: FTS5 operators, LIKE wildcards, quotes, NUL, SQL
SYNTAX = [
    '"', "'", "*", "NEAR(", "NEAR(tariff truce, 2)", ")", "(", " OR ", " AND ", " NOT ", "-", "+", ":", "^", "{", "}",
    "title:", "body:truce", "%", "_", "\\", "\x00", "\x02", "\x03", "\u202e", "\ufeff", "\U0001f600", "truce", "tariff",
    "Brekke", "'; DROP TABLE documents; --", "\r\n", "\t", "…", "İ", "ß", "ﬁ", "\u0301",
]
texts = st.one_of(
    st.text(max_size=40),
    st.lists(st.one_of(st.sampled_from(SYNTAX), st.text(max_size=6)), max_size=8).map("".join),
)
numbers = st.one_of(
    st.integers(-10, 2000).map(str),
    st.integers().map(str),
    st.sampled_from(["0", "-1", "1001", "9" * 40, "1e3", "0x10", " 5", "5 ", "", "NaN", "½", "٣"]),
    st.text(max_size=5),
)
dates = st.one_of(
    st.from_regex(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?", fullmatch=True),
    st.sampled_from(["2029-02-30", "2029-02-29", "2028-02-29", "0000", "0000-01-01", "9999", "9999-12", "9999-12-31",
                     "2029-13", "2029-00", "2029-1-1", "29-01-01", "", "٢٠٢٩", "2029-05-01T00:00", "yesterday",
                     "9999-12-31T23:59:59-14:00", "0001-01-01T00:00+14:00", "2029-05-01T24:00", "2029-05-01 08:00"]),
    st.text(max_size=12),
)
ENDPOINTS: dict[str, dict[str, Any]] = {
    "/api/timeline": {"since": dates, "until": dates, "type": texts, "limit": numbers},
    "/api/quotes": {"speaker": texts, "topic": texts, "side": texts, "since": dates, "until": dates, "limit": numbers, "offset": numbers},
    "/api/deadlines": {"upcoming": st.sampled_from(["true", "false", "1", "yes", "maybe", ""]), "today": dates},
    "/api/people": {"side": texts},
    "/api/roles": {"role": texts, "side": texts},
    "/api/search": {"q": texts, "limit": numbers},
    "/api/issues": {},
    "/api/status": {},
    "/api/changes": {"since": dates, "type": texts, "topic": texts, "side": texts, "speaker": texts, "kind": texts, "limit": numbers},
    "/feed.atom": {"since": dates, "type": texts, "topic": texts, "side": texts, "speaker": texts, "limit": numbers},
    "/changes": {"since": dates, "type": texts, "topic": texts, "side": texts},
    "/": {"since": dates, "until": dates, "type": texts},
    "/quotes": {"speaker": texts, "topic": texts, "side": texts, "since": dates, "until": dates},
    "/search": {"q": texts},
}


@st.composite
def requests(draw: st.DrawFn) -> tuple[str, dict[str, str]]:
    """An endpoint and some of its parameters, each drawn from its strategy."""
    path = draw(st.sampled_from(sorted(ENDPOINTS)))
    params = {}
    for name, strategy in ENDPOINTS[path].items():
        if draw(st.booleans()):
            params[name] = draw(strategy)
    return path, params


@pytest.fixture(scope="module", params=BACKENDS)
def client(request: pytest.FixtureRequest, sample_stores: dict[str, str]) -> Iterator[Any]:
    """A TestClient on the sample corpus's record, on each backend."""
    import talktrack
    from talktrack.web.app import create_app

    if request.param not in sample_stores:
        pytest.skip("no PostgreSQL server: `make test` starts one (tools/testdb), or set TALKTRACK_TEST_PG")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        from fastapi.testclient import TestClient

    record = talktrack.open(sample_stores[request.param])
    with TestClient(create_app(record), raise_server_exceptions=False) as c:
        yield c
    record.close()


@pytest.fixture(scope="module", params=BACKENDS)
def record(request: pytest.FixtureRequest, sample_stores: dict[str, str]) -> Iterator[Any]:
    yield from record_on(request, sample_stores)


def _sane(response: Any) -> None:
    status, url = response.status_code, str(response.request.url)
    assert status < 500, f"{url} -> {status}: {response.text[:500]}"
    assert status == 200 or 300 <= status < 500, f"{url} -> {status}"  # 3xx: /statements/ID, a trailing slash
    if response.request.url.path.startswith("/api") and status not in range(300, 400):
        body = response.json()  # JSON in every case, errors included
        if status != 200:
            assert body.get("detail"), f"{url} -> {status} without a reason: {body}"


@HYPOTHESIS
@given(requests())
def test_the_api_answers_any_parameters_with_200_or_a_4xx_reason(client: Any, request_: tuple[str, dict[str, str]]) -> None:
    path, params = request_
    _sane(client.get(path, params=params))


@HYPOTHESIS
@given(st.sampled_from(["/api/records/", "/api/issues/", "/events/", "/documents/", "/people/", "/issues/", "/statements/"]),
       st.one_of(texts.filter(bool), st.sampled_from(["..", ".", "%2e%2e", "a/b", "person:petra-will"])))
def test_ids_in_the_path_are_200_or_404(client: Any, prefix: str, value: str) -> None:
    _sane(client.get(prefix + quote(value, safe=""), follow_redirects=False))


@HYPOTHESIS
@given(st.sampled_from(["/api/search?q=", "/api/quotes?speaker=", "/api/timeline?since=", "/search?q=", "/api/records/"]),
       st.binary(min_size=1, max_size=40))
def test_bytes_that_are_not_utf8_are_no_server_error(client: Any, prefix: str, data: bytes) -> None:
    _sane(client.get(prefix + quote_from_bytes(data, safe=""), follow_redirects=False))


@HYPOTHESIS
@given(texts, st.one_of(st.none(), st.integers(), st.integers(-5, 5)))
def test_record_search_takes_any_text(record: Any, text: str, limit: int | None) -> None:
    hits = record.search(text, limit=limit)
    assert len(hits) <= (1000 if limit is None else max(0, min(limit, 1000)))
    for hit in hits:
        assert hit.kind in ("document", "statement") and hit.id and hit.doc_id


@HYPOTHESIS
@given(
    speaker=st.one_of(st.none(), texts), topic=st.one_of(st.none(), texts), side=st.one_of(st.none(), texts),
    since=st.one_of(st.none(), dates), until=st.one_of(st.none(), dates),
    limit=st.one_of(st.none(), st.integers()), offset=st.integers(),
)
def test_record_quotes_raises_only_documented_errors(
    record: Any, speaker: str | None, topic: str | None, side: str | None, since: str | None, until: str | None,
    limit: int | None, offset: int,
) -> None:
    try:
        quotes = record.quotes(speaker=speaker, topic=topic, side=side, since=since, until=until, limit=limit, offset=offset)
    except TalktrackError as exc:
        assert exc.code in ("TT303", "TT604", "TT606"), exc
        return
    assert len(quotes) <= 1000
    if speaker and speaker.isascii():  # the name (or the role the article named) holds the text literally: % and _ are no wildcards
        assert all(q.speaker_id == speaker or speaker.lower() in f"{q.speaker} {q.speaker_role or ''}".lower() for q in quotes), speaker


def test_wildcards_and_nul_match_literally(record: Any) -> None:
    everyone = record.quotes(limit=1000)
    assert everyone
    for text in ("%", "_", "\x00", "%%", "a_b"):
        assert record.quotes(speaker=text) == [], text
    assert record.quotes(speaker="brekke") == [q for q in everyone if "brekke" in (q.speaker or "").lower() or q.speaker_id == "brekke"]


def test_dates_that_do_not_exist_are_tt303_and_the_last_day_is_no_error(record: Any) -> None:
    for bad in ("2029-02-30", "0000", "2029-13", "yesterday"):
        with pytest.raises(TalktrackError, match="TT303"):
            record.quotes(until=bad)
        with pytest.raises(TalktrackError, match="TT303"):
            record.timeline(since=bad)
    everything = record.timeline()
    assert record.timeline(until="9999-12-31") == everything
    assert record.timeline(until="9999") == everything  # was empty: "10000" sorts before "2029"
    assert record.quotes(until="9999-12", limit=1000) == record.quotes(limit=1000)
