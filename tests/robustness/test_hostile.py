"""A hostile corpus, made on the spot, through the real `talktrack ingest`: bad inputs cost only themselves.

Every bad file (or line) must be reported on stderr and kept in the store's
rejects with its path, its line and the right TT1xx code; every good article
must be stored; the run must finish in bounded time and memory.
"""

from __future__ import annotations

import json
import random
import resource
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES
from tests.e2e.test_cli import SCRIPT
from tests.in_process import talktrack

pytestmark = [pytest.mark.slow, pytest.mark.issue(8)]

ARTICLES = EXAMPLES / "articles"

# our own wire copy, for the JSON inputs
WIRE = [
    "Fisheries negotiators from Valdoria and Ostrevia met in Geneva on Tuesday to discuss catch quotas in the "
    "northern sea, officials said after the session.",
    "Harbor authorities in Kallisport said on Wednesday that inspections of Valdorian container ships would be "
    "suspended while the two governments review the port fee dispute.",
    "A trade delegation led by Ostrevian Trade Secretary Halvard Brekke arrived in Nairobi on Thursday for talks on "
    "coffee and tea tariffs with Kenyan officials.",
]
GERMAN = (
    "Die Handelsgespräche zwischen Valdoria und Ostrevia sind am Dienstag in Wien ohne Einigung zu Ende gegangen. "
    "Beide Seiten hätten ihre Positionen offen dargelegt, sagte ein Sprecher des Außenministeriums nach dem Treffen. "
    "Die nächste Verhandlungsrunde soll im Oktober stattfinden."
)
CHINESE = (
    "瓦尔多利亚和奥斯特维亚经贸团队周日在维也纳举行了新一轮磋商。双方就关税、出口管制和农产品贸易等问题进行了坦诚、深入的交流，"
    "并就解决各自关切的安排达成了基本共识。双方将按照各自国内程序推进落实。"
)


@dataclass(frozen=True)
class Expected:
    """A reject the run must report: the file, the line (None for a whole file) and the code."""

    name: str
    line: int | None
    code: str


def _paragraphs(name: str) -> str:
    return "".join(f"<p>{p}</p>" for p in (ARTICLES / name).read_text(encoding="utf-8").split("\n\n"))


def make_corpus(root: Path) -> tuple[list[str], list[Expected]]:
    """Write the hostile corpus under `root`; return the words that find each good article, and the rejects."""
    root.mkdir()
    good = ["ex01-vienna-talks.txt", "ex05-oslo-talks.txt", "ex08-nairobi-obc.txt"]
    for name in good:
        shutil.copy(ARTICLES / name, root / name)
    rng = random.Random(8)
    (root / "empty.txt").write_bytes(b"")
    (root / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + rng.randbytes(8192))
    (root / "invalid-utf8.txt").write_bytes(bytes(rng.choice(b"abcdefgh \x80\x9f\xc3\xe2\xff") for _ in range(20_000)))
    with (root / "huge.txt").open("w", encoding="utf-8") as out:  # 50 MB under the default max_bytes: max_chars stops it
        chunk = (ARTICLES / "ex01-vienna-talks.txt").read_text(encoding="utf-8") + "\n\n"
        for _ in range(50_000_000 // len(chunk.encode()) + 1):
            out.write(chunk)
    (root / "deep.html").write_text(
        "<html><head><title>Vienna</title></head><body>" + "<div>" * 100_000 + _paragraphs("ex02-vienna-harborwire.txt"),
        encoding="utf-8",
    )
    script = "<script>" + "document.write('<p>tracking pixel</p>');" * 20_000 + "</script>"
    (root / "scripts.html").write_text(
        f"<html><head>{script * 3}</head><body>{script}<nav><a href='/'>Home</a></nav>"
        f"<article>{_paragraphs('ex04-singapore-vna.txt')}</article>{script * 3}</body></html>",
        encoding="utf-8",
    )
    (root / "only-scripts.html").write_text(f"<html><head>{script}</head><body>{script * 3}</body></html>", encoding="utf-8")
    (root / "german.txt").write_text("Handelsgespräche ohne Einigung\n\n" + GERMAN, encoding="utf-8")
    (root / "chinese.html").write_text(
        f"<html><head><title>磋商</title></head><body><article><p>{CHINESE}</p><p>{CHINESE}</p></article></body></html>",
        encoding="utf-8",
    )
    lines = [
        json.dumps({"title": "Fisheries talks open", "text": WIRE[0], "published": "0001-01-01"}),
        '{"title": "cut off", "text": "The envoys',
        json.dumps({"title": "A number for a body", "text": 42}),
        json.dumps({"title": ["not", "text"], "body": {"nested": True}}),
        json.dumps({"title": "Gespräche vertagt", "text": GERMAN}),
        "[" * 50_000 + "]" * 50_000,
        json.dumps({"title": "Port inspections suspended", "text": WIRE[1], "published_at": "9999-12-31T00:00:00Z"}),
    ]
    (root / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / "dump.json").write_text(
        json.dumps([{"headline": "Coffee tariffs in Nairobi", "content": WIRE[2], "date": "1066-10-14"}, {"headline": "no body"}, {"text": None}]),
        encoding="utf-8",
    )
    expected = [
        Expected("empty.txt", None, "TT101"),
        Expected("image.txt", None, "TT103"),
        Expected("invalid-utf8.txt", None, "TT104"),
        Expected("huge.txt", None, "TT114"),
        Expected("only-scripts.html", None, "TT106"),
        Expected("german.txt", None, "TT113"),
        Expected("chinese.html", None, "TT113"),
        Expected("feed.jsonl", 2, "TT102"),
        Expected("feed.jsonl", 3, "TT109"),
        Expected("feed.jsonl", 4, "TT109"),
        Expected("feed.jsonl", 5, "TT113"),
        Expected("feed.jsonl", 6, "TT102"),
        Expected("dump.json", 2, "TT109"),
        Expected("dump.json", 3, "TT109"),
    ]
    found_by = ["Frank talks firm positions", "Oslo", "Nairobi", "homework starts", "Singapore",
                "Fisheries talks open", "Port inspections suspended", "Coffee tariffs"]
    return found_by, expected


def tt(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    """A query over the store, in process: the ingest is what runs as the installed script."""
    return talktrack(*args, "--db", str(db))


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, subprocess.CompletedProcess[str], float, list[str], list[Expected]]:
    base = tmp_path_factory.mktemp("hostile")
    corpus, db = base / "corpus", base / "record.db"
    found_by, expected = make_corpus(corpus)
    start = time.perf_counter()
    result = subprocess.run([SCRIPT, "ingest", str(corpus), "--no-progress", "--db", str(db)], capture_output=True, text=True, timeout=600)
    return corpus, db, result, time.perf_counter() - start, found_by, expected


def test_ingest_finishes_in_bounded_time_and_memory(ingested):
    _, _, result, seconds, _, _ = ingested
    assert result.returncode == 1, result.stderr  # 1: some inputs rejected, the rest stored
    assert "Traceback" not in result.stderr
    assert seconds < 300
    peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # the largest child so far
    assert peak_mib < 2048, peak_mib


def test_every_good_article_is_stored(ingested):
    _, db, result, _, found_by, _ = ingested
    status = json.loads(tt("status", "--json", db=db).stdout)
    assert status["counts"]["documents"] == len(found_by), result.stderr
    for words in found_by:
        hits = json.loads(tt("search", words, "--json", db=db).stdout)
        assert any(h["kind"] == "document" for h in hits), words


def test_every_bad_input_is_reported_and_kept_with_path_line_and_code(ingested):
    corpus, db, result, _, _, expected = ingested
    status = json.loads(tt("status", "--json", db=db).stdout)
    kept = {(Path(r["source"]).name, r["line"], r["code"]) for r in status["rejects"]}
    assert kept == {(e.name, e.line, e.code) for e in expected}
    assert all(Path(r["source"]).parent == corpus for r in status["rejects"])
    for e in expected:
        where = f"{corpus / e.name}" + (f", line {e.line}" if e.line is not None else "")
        assert any(f"[{e.code}] {where}:" in line for line in result.stderr.splitlines()), e
    assert f"{len(expected)} inputs rejected" in result.stderr


def test_hostile_pages_and_absurd_dates_are_stored_with_their_warnings(ingested):
    _, db, _, _, _, _ = ingested

    def document(words: str) -> dict[str, object]:
        hit = next(h for h in json.loads(tt("search", words, "--json", db=db).stdout) if h["kind"] == "document")
        return json.loads(tt("show", hit["id"], "--json", db=db).stdout)["record"]

    deep = document("homework starts")
    assert any(str(w).startswith("[TT156]") for w in deep["warnings"])  # type: ignore[union-attr]
    scripts = document("Singapore")
    assert "tracking pixel" not in str(scripts["text"])
    for words, code in (("Fisheries talks open", "TT153"), ("Port inspections suspended", "TT155"), ("Coffee tariffs", "TT155")):
        record = document(words)
        assert record["published"] is None or record["published_basis"] != "metadata", record
        assert any(str(w).startswith(f"[{code}]") for w in record["warnings"]), (words, record["warnings"])  # type: ignore[union-attr]
