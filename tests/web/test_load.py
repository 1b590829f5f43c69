"""The load benchmark's core, briefly: 16 concurrent clients against the served record get no errors."""

from __future__ import annotations

import pytest

from benchmarks.api_load import run_load, targets

pytestmark = pytest.mark.issue(8)


def test_sixteen_concurrent_clients_get_no_errors(server: str, web_db: str):
    import talktrack

    with talktrack.open(web_db) as record:
        paths = targets(record)
    assert {"/api/timeline", "/api/quotes", "/api/search", "/api/records/ID", "/api/issues", "/api/deadlines", "/", "/issues"} <= {
        e for e, _ in paths
    }
    result = run_load(server, paths, clients=16, seconds=3.0)
    assert result.error_count == 0, result.report()
    assert result.requests > 16, result.report()
    assert set(result.latencies) == {e for e, _ in paths}, result.report()  # every endpoint was hit


def test_the_duration_is_bounded():
    with pytest.raises(ValueError):
        run_load("http://127.0.0.1:9", [("/", "/")], clients=1, seconds=61)
