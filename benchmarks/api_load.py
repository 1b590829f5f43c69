"""A bounded load test of the HTTP API and the pages on loopback: concurrent clients for a fixed time.

    python benchmarks/api_load.py [--seconds 20] [--clients 16] [--db STORE] [--server process|thread]

Builds a store from examples/articles (or uses --db), serves it with uvicorn
(`create_app(record)`, as `talktrack serve` does) on a free loopback port, and
lets each client, a thread with its own keep-alive httpx connection, request
a seeded random mix of the API endpoints and the pages back to back until the
time is up. Prints requests/s, latency percentiles and the errors (any status
other than 2xx, or an exception: refused, reset, timed out), overall and by
endpoint.
"""

from __future__ import annotations

import argparse
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx  # noqa: E402

from talktrack.query.record import Record  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
MAX_SECONDS = 60.0


@dataclass
class LoadResult:
    """What the clients saw: every latency (seconds) by endpoint, and the errors."""

    seconds: float
    clients: int
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: Counter[str] = field(default_factory=Counter)
    samples: list[str] = field(default_factory=list)  # a few error messages, to say what went wrong

    @property
    def requests(self) -> int:
        return sum(len(v) for v in self.latencies.values())

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, p: float, endpoint: str | None = None) -> float:
        """The p-th percentile latency in seconds (all endpoints, or one)."""
        values = self.latencies.get(endpoint, []) if endpoint else [x for v in self.latencies.values() for x in v]
        if not values:
            return float("nan")
        if len(values) == 1:
            return values[0]
        return statistics.quantiles(values, n=100, method="inclusive")[round(p) - 1]

    def report(self) -> str:
        ms = lambda s: f"{s * 1000:7.1f}"  # noqa: E731
        lines = [
            f"clients: {self.clients}, duration: {self.seconds:.1f} s, requests: {self.requests}, errors: {self.error_count}",
            f"throughput: {self.rate:.1f} requests/s",
            f"latency ms: p50 {ms(self.percentile(50))}  p95 {ms(self.percentile(95))}  p99 {ms(self.percentile(99))}",
            "",
            f"{'endpoint':<24} {'requests':>8} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}",
        ]
        for endpoint in sorted(self.latencies):
            n = len(self.latencies[endpoint])
            lines.append(f"{endpoint:<24} {n:>8} {ms(self.percentile(50, endpoint))} {ms(self.percentile(95, endpoint))} {ms(self.percentile(99, endpoint))}")
        if self.errors:
            lines += ["", "errors: " + ", ".join(f"{k}: {n}" for k, n in self.errors.most_common())]
            lines += [f"  e.g. {s}" for s in self.samples]
        return "\n".join(lines)


def targets(record: Record) -> list[tuple[str, str]]:
    """Return (endpoint, URL path) pairs to request, with ids, speakers and words taken from the store."""
    events = record.timeline(limit=100)
    speakers = sorted({q.speaker.split()[-1] for q in record.quotes(limit=500) if q.speaker})
    topics = [i.topic for i in record.issues()]
    words = ["tariffs", "port fees", "truce", "talks", "Vienna", "agreement", "negotiators said"]
    out = [
        ("/api/timeline", "/api/timeline"),
        ("/api/timeline", "/api/timeline?since=2029-03&until=2029-06&type=talks"),
        ("/api/issues", "/api/issues"),
        ("/api/deadlines", "/api/deadlines"),
        ("/api/deadlines", "/api/deadlines?upcoming=true&today=2029-06-01"),
        ("/api/people", "/api/people"),
        ("/", "/"),
        ("/issues", "/issues"),
    ]
    out += [("/api/quotes", f"/api/quotes?speaker={quote(s)}") for s in speakers[:6]]
    out += [("/api/quotes", f"/api/quotes?topic={quote(t)}&limit=50") for t in topics[:3]]
    out += [("/api/search", f"/api/search?q={quote(w)}") for w in words]
    out += [("/api/records/ID", f"/api/records/{quote(e.id)}") for e in events[:8]]
    out += [("/events/ID", f"/events/{quote(e.id)}") for e in events[:4]]
    return out


def run_load(base_url: str, paths: list[tuple[str, str]], clients: int = 16, seconds: float = 20.0, seed: int = 8) -> LoadResult:
    """Let `clients` threads request random `paths` from `base_url` back to back for `seconds`; return what they saw."""
    if not 0 < seconds <= MAX_SECONDS:
        raise ValueError(f"seconds must be in (0, {MAX_SECONDS:.0f}]")
    result = LoadResult(seconds=seconds, clients=clients)
    lock = threading.Lock()
    start = threading.Barrier(clients + 1)
    stop = threading.Event()

    def client(n: int) -> None:
        rng = random.Random(seed * 1000 + n)
        mine: dict[str, list[float]] = defaultdict(list)
        errors: Counter[str] = Counter()
        samples: list[str] = []
        with httpx.Client(base_url=base_url, timeout=30.0) as http:
            start.wait()
            while not stop.is_set():
                endpoint, path = rng.choice(paths)
                t0 = time.perf_counter()
                try:
                    response = http.get(path)
                    failed = None if 200 <= response.status_code < 300 else f"HTTP {response.status_code}"
                    detail = f"{path}: {response.status_code} {response.text[:200]}"
                except httpx.HTTPError as exc:
                    failed, detail = type(exc).__name__, f"{path}: {exc!r}"
                mine[endpoint].append(time.perf_counter() - t0)
                if failed:
                    errors[failed] += 1
                    if len(samples) < 3:
                        samples.append(detail)
        with lock:
            for k, v in mine.items():
                result.latencies[k].extend(v)
            result.errors.update(errors)
            result.samples.extend(samples[: max(0, 5 - len(result.samples))])

    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(clients)]
    for th in threads:
        th.start()
    start.wait()
    t0 = time.perf_counter()
    stop.wait(seconds)
    stop.set()
    for th in threads:
        th.join(60)
    result.seconds = time.perf_counter() - t0  # requests in flight at the stop finish inside the measure
    return result


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_until_up(base_url: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base_url}/api/status", timeout=2.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"the server at {base_url} did not come up in {timeout:.0f} s")


@contextmanager
def serve(db: str, *, process: bool = True) -> Iterator[str]:
    """Serve the store `db` with uvicorn on a free loopback port (its own process, or a thread of this one); yield its URL."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    if process:
        code = (
            "import sys, uvicorn, talktrack; from talktrack.web.app import create_app; "
            f"uvicorn.run(create_app(talktrack.open(sys.argv[1])), host='127.0.0.1', port={port}, log_level='warning')"
        )
        proc = subprocess.Popen([sys.executable, "-c", code, db])
        try:
            _wait_until_up(base_url)
            yield base_url
        finally:
            proc.terminate()
            proc.wait(30)
        return
    import uvicorn

    import talktrack
    from talktrack.web.app import create_app

    record = talktrack.open(db)
    server = uvicorn.Server(uvicorn.Config(create_app(record), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        _wait_until_up(base_url)
        yield base_url
    finally:
        server.should_exit = True
        thread.join(30)
        record.close()


def build_store(folder: Path) -> str:
    """Ingest the sample articles into a new SQLite store in `folder`; return its path."""
    from talktrack.settings import Settings
    from talktrack.pipeline import ingest
    from talktrack.store import connect

    db = str(folder / "record.db")
    engine = connect(db)
    ingest(engine, [str(EXAMPLES / "articles")], Settings(gazetteers=(EXAMPLES / "gazetteer.yaml",)))
    engine.dispose()
    return db


def _seconds(value: str) -> float:
    seconds = float(value)
    if not 0 < seconds <= MAX_SECONDS:
        raise argparse.ArgumentTypeError(f"between 0 and {MAX_SECONDS:.0f} seconds")
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--seconds", type=_seconds, default=20.0, help="how long the clients run (at most 60)")
    parser.add_argument("--clients", type=int, default=16, help="concurrent clients")
    parser.add_argument("--db", default=None, help="serve this store instead of one built from examples/articles")
    parser.add_argument("--server", choices=["process", "thread"], default="process",
                        help="uvicorn in its own process (default) or in a thread beside the clients")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or build_store(Path(tmp))
        import talktrack

        with talktrack.open(db) as record:
            paths = targets(record)
            counts = record.status().counts
        print(f"store: {counts['documents']} documents, {counts['events']} events, {counts['statements']} statements; "
              f"{len(paths)} URLs over {len({e for e, _ in paths})} endpoints")
        with serve(db, process=args.server == "process") as base_url:
            run_load(base_url, paths, clients=args.clients, seconds=min(2.0, args.seconds))  # warm up
            result = run_load(base_url, paths, clients=args.clients, seconds=args.seconds)
    print(result.report())
    return 1 if result.error_count else 0


if __name__ == "__main__":
    sys.exit(main())
