"""WARC archives: every HTML 200 response is an article; damage costs only the records after it."""

from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings as hsettings, strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from talktrack.ingest import file_kind, read_inputs
from talktrack.ingest.warc import read_warc
from talktrack.model import Document, Reject
from talktrack.settings import Settings

from tests.conftest import ROOT

pytestmark = pytest.mark.issue(7)

FISHERIES_URL = "https://www.northwinddaily.example/world/2029/06/04/fisheries-talks-stall?utm_source=feed"
FISHERIES_CANONICAL = "https://www.northwinddaily.example/world/2029/06/04/fisheries-talks-stall"
PORTS_URL = "https://harborwire.example/news/valdoria-port-inspections-geneva"

FISHERIES = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Fisheries talks stall over northern cod quota | Northwind Daily</title>
  <meta property="og:site_name" content="Northwind Daily">
  <meta property="og:title" content="Fisheries talks stall over northern cod quota">
  <meta property="article:published_time" content="2029-06-04T16:10:00Z">
  <link rel="canonical" href="https://www.northwinddaily.example/world/2029/06/04/fisheries-talks-stall">
  <script>var ndPaywall = {meter: 3, section: "world"};</script>
</head>
<body>
  <header><a class="logo" href="/">Northwind Daily</a>
    <nav><ul><li><a href="/">Home</a></li><li><a href="/world/">World</a></li><li><a href="/sport/">Sport</a></li></ul></nav>
  </header>
  <main>
    <article>
      <h1>Fisheries talks stall over northern cod quota</h1>
      <p class="byline">By Ingrid Solvang, Northwind Daily</p>
      <p>TROMSVIK, June 4 -- Negotiators from Ostrevia and Valdoria ended a third day of fisheries talks in
      Tromsvik on Tuesday without agreeing how to divide next year's northern cod quota, officials on both
      sides said.</p>
      <p>Ostrevian Fisheries Minister Tove Aalberg told reporters that her delegation had offered to cut its
      own share by eight percent if Valdoria accepted joint inspections of trawlers in the disputed grounds.
      "We came with a serious offer and we are still waiting for a serious answer," Aalberg said.</p>
      <p>The Valdorian side, led by Deputy Minister Oskar Lind, wants the quota to follow the scientific advice
      published in April, which would lower the total catch by a fifth. Lind said joint inspections were a
      separate question that belonged in a later round.</p>
      <p>The two governments agreed in February to settle the quota before the season opens on September 1.
      Both delegations said they would meet again in Tromsvik in the second week of July.</p>
      <p>Fishing communities on the Ostrevian coast have warned that a deep cut would cost hundreds of jobs on
      the processing lines, where the cod season accounts for most of the year's work.</p>
    </article>
  </main>
  <aside class="related"><h3>Most read</h3><ul><li><a href="/sport/1">Derby ends level</a></li></ul></aside>
  <footer><p>Copyright 2029 Northwind Daily. All rights reserved.</p></footer>
</body>
</html>
"""

PORTS = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Valdoria offers to reopen port inspections as Geneva round begins - Harbor Wire</title>
  <meta property="og:site_name" content="Harbor Wire">
</head>
<body>
  <div class="masthead"><a href="/">Harbor Wire</a> | <a href="/markets">Markets</a> | <a href="/about">About</a></div>
  <article>
    <h1>Valdoria offers to reopen port inspections as Geneva round begins</h1>
    <p>GENEVA, June 11 (Harbor Wire) -- Valdoria is ready to let Ostrevian inspectors back into its container
    ports for the first time in two years, Valdorian Trade Minister Aurel Vance said on Monday as a new round
    of shipping talks opened in Geneva.</p>
    <p>The offer would end a dispute that began when Valdoria suspended the inspection agreement in 2027,
    accusing Ostrevian officials of delaying cargo for political reasons. Ostrevia answered with extra port
    fees on ships arriving from Valdorian harbours.</p>
    <p>"If our inspectors can work again, the fees have no reason to exist," Ostrevian negotiator Marta Rask
    told reporters outside the Palais des Nations, adding that her team would study the proposal overnight.</p>
    <p>Diplomats familiar with the talks said the two sides were also discussing a joint registry of vessels
    and a hotline for port authorities. The Geneva round is scheduled to last until Wednesday.</p>
    <p>Shipping companies have estimated that the fees and the halted inspections together add four days to
    the average crossing between the two countries.</p>
  </article>
  <div class="footer">Harbor Wire - Terms - Privacy</div>
</body>
</html>
"""

NOT_FOUND = "<html><head><title>Page not found</title></head><body><h1>404</h1><p>Sorry, nothing here.</p></body></html>"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


def _response(writer: WARCWriter, url: str, body: bytes, content_type: str, status: str = "200 OK") -> None:
    http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http))


def build_warc(path: Path, *, gzip: bool, pages: list[tuple[str, str]] | None = None) -> list[int]:
    """Write a crawl to `path`; return the byte offset where each record starts (and the end)."""
    data, offsets = make_warc(name=path.name, gzip=gzip, pages=pages)
    path.write_bytes(data)
    return offsets


def make_warc(*, name: str, gzip: bool, pages: list[tuple[str, str]] | None = None) -> tuple[bytes, list[int]]:
    """Return a crawl's bytes and the byte offset where each record starts (and the end).

    Records: 1 warcinfo, 2 request, 3 fisheries article, 4 image, 5 HTML 404,
    6 metadata, 7 ports article (or the given `pages` in place of the articles).
    """
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gzip)
    offsets: list[int] = []
    articles = pages or [(FISHERIES_URL, FISHERIES), (PORTS_URL, PORTS)]

    def mark() -> None:
        offsets.append(buf.tell())

    mark()
    writer.write_record(writer.create_warcinfo_record(name, {"software": "test-crawler/1.0"}))
    mark()
    request = StatusAndHeaders("GET /world/ HTTP/1.1", [("Host", "www.northwinddaily.example")], is_http_request=True)
    writer.write_record(writer.create_warc_record(articles[0][0], "request", payload=io.BytesIO(b""), http_headers=request))
    mark()
    _response(writer, articles[0][0], articles[0][1].encode("utf-8"), "text/html; charset=utf-8")
    mark()
    _response(writer, "https://www.northwinddaily.example/img/cod.png", PNG, "image/png")
    mark()
    _response(writer, "https://www.northwinddaily.example/gone", NOT_FOUND.encode(), "text/html", "404 Not Found")
    mark()
    writer.write_record(writer.create_warc_record(
        articles[0][0], "metadata", payload=io.BytesIO(b"outlinks: 12\n"), warc_content_type="application/warc-fields"))
    mark()
    _response(writer, articles[1][0], articles[1][1].encode("utf-8"), "application/xhtml+xml")
    mark()
    return buf.getvalue(), offsets


def _read(path: Path, settings: Settings | None = None) -> list[Document | Reject]:
    return list(read_inputs([str(path)], settings or Settings()))


@pytest.mark.parametrize("name, gzip", [("crawl.warc.gz", True), ("crawl.warc", False)])
def test_warc_yields_only_the_html_articles(tmp_path, name, gzip):
    path = tmp_path / name
    build_warc(path, gzip=gzip)
    items = _read(path)
    assert all(isinstance(i, Document) for i in items), items
    fisheries, ports = items
    assert isinstance(fisheries, Document) and isinstance(ports, Document)
    assert (fisheries.source, ports.source) == (f"{path}#3", f"{path}#7")
    assert fisheries.title == "Fisheries talks stall over northern cod quota"
    assert fisheries.url == FISHERIES_CANONICAL  # the page's own canonical URL wins over the crawled one
    assert (fisheries.outlet, fisheries.published, fisheries.published_basis) == ("Northwind Daily", "2029-06-04", "metadata")
    assert "divide next year's northern cod quota" in fisheries.text
    assert "second week of July" in fisheries.text
    assert "Derby ends level" not in fisheries.text and "Copyright" not in fisheries.text
    assert ports.title == "Valdoria offers to reopen port inspections as Geneva round begins"
    assert ports.url == PORTS_URL  # none in the page: WARC-Target-URI
    assert ports.outlet == "Harbor Wire"
    assert "Palais des Nations" in ports.text and "four days" in ports.text
    assert ports.published is None  # the WARC-Date is the crawl date, never the publication date


def test_warc_gz_is_recognized_but_other_gz_is_not(tmp_path):
    build_warc(tmp_path / "a.warc.gz", gzip=True)
    build_warc(tmp_path / "b.WARC", gzip=False)
    (tmp_path / "notes.txt.gz").write_bytes(b"\x1f\x8b not read")
    assert [file_kind(tmp_path / n) for n in ("a.warc.gz", "b.WARC", "notes.txt.gz", "x.gz")] == ["warc", "warc", None, None]
    items = _read(tmp_path)
    assert sorted(Path(i.source or "").name for i in items) == ["a.warc.gz#3", "a.warc.gz#7", "b.WARC#3", "b.WARC#7"]
    (reject,) = _read(tmp_path / "notes.txt.gz")
    assert isinstance(reject, Reject) and reject.code == "TT108" and "'.gz'" in reject.message


def test_empty_directory_message_names_warc(tmp_path):
    (reject,) = _read(tmp_path)
    assert reject.code == "TT111" and ".warc.gz" in reject.message


@pytest.mark.parametrize("damage, gzip", [("truncate", True), ("truncate", False), ("corrupt", True)])
def test_damaged_warc_keeps_the_records_before_the_damage(tmp_path, damage, gzip):
    whole = tmp_path / "whole.warc"
    offsets = build_warc(whole, gzip=gzip)
    data = whole.read_bytes()
    start, end = offsets[6], offsets[7]  # the ports article, the second one
    middle = (start + end) // 2
    if damage == "truncate":
        data = data[:middle]
    else:
        data = data[:middle] + bytes(b ^ 0x5A for b in data[middle : middle + 40]) + data[middle + 40 :]
    path = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")
    path.write_bytes(data)
    items = _read(path)
    assert [type(i) for i in items] == [Document, Reject]
    kept, reject = items
    assert isinstance(kept, Document) and kept.title == "Fisheries talks stall over northern cod quota"
    assert isinstance(reject, Reject) and reject.code == "TT112" and reject.source == str(path)
    assert reject.message.startswith(f"[TT112] {path}: WARC archive cannot be read past record 6 (")


def test_file_that_is_no_warc_is_one_reject(tmp_path):
    path = tmp_path / "page.warc"
    path.write_text(FISHERIES)
    (reject,) = _read(path)
    assert reject.code == "TT112" and "past record 0" in reject.message


def test_each_page_is_held_to_max_bytes(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    build_warc(path, gzip=True, pages=[(FISHERIES_URL, FISHERIES), (PORTS_URL, "<html><body><p>Short.</p></body></html>")])
    items = _read(path, Settings(max_bytes=len(FISHERIES) - 1))
    assert [(type(i), i.source) for i in items] == [(Reject, f"{path}#3"), (Document, f"{path}#7")]
    assert isinstance(items[0], Reject) and items[0].code == "TT110"


def test_html_page_without_article_text_is_rejected_with_its_record(tmp_path):
    path = tmp_path / "crawl.warc"
    empty = "<html><body><script>var a = 1;</script></body></html>"
    build_warc(path, gzip=False, pages=[(FISHERIES_URL, empty), (PORTS_URL, PORTS)])
    items = _read(path)
    assert [(type(i), i.source) for i in items] == [(Reject, f"{path}#3"), (Document, f"{path}#7")]
    assert isinstance(items[0], Reject) and items[0].code == "TT106" and f"{path}#3" in items[0].message


def test_reading_can_stop_after_the_first_page(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    build_warc(path, gzip=True)
    items = read_warc(path, str(path), Settings())
    first = next(items)
    assert isinstance(first, Document) and first.source == f"{path}#3"
    items.close()  # stopping early closes the file


ARCHIVE, _ = make_warc(name="crawl.warc.gz", gzip=True)


@hsettings(max_examples=25, deadline=None)
@given(cut=st.floats(min_value=0.0, max_value=1.0))
def test_a_cut_archive_never_raises_and_keeps_a_prefix(cut: float) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "crawl.warc.gz"
        path.write_bytes(ARCHIVE[: max(1, int(len(ARCHIVE) * cut))])
        items = list(read_warc(path, str(path), Settings()))
    documents = [i.source for i in items if isinstance(i, Document)]
    assert documents == [f"{path}#3", f"{path}#7"][: len(documents)]
    assert all(i.code == "TT112" for i in items if isinstance(i, Reject))
    assert not any(isinstance(i, Reject) for i in items[:-1])  # a reject, if any, ends the file


@pytest.mark.slow
def test_cli_extract_reads_a_warc_gz(tmp_path):
    from tests.in_process import talktrack

    path = tmp_path / "crawl.warc.gz"
    build_warc(path, gzip=True)
    result = talktrack("extract", str(path), cwd=ROOT, text=False)
    assert result.returncode == 0, result.stderr.decode()
    ledger = json.loads(result.stdout)
    schema = json.loads((ROOT / "src" / "talktrack" / "data" / "ledger-1.schema.json").read_text())
    jsonschema.validate(ledger, schema)
    assert [(d["source"], d["title"]) for d in ledger["documents"]] == [
        (f"{path}#3", "Fisheries talks stall over northern cod quota"),
        (f"{path}#7", "Valdoria offers to reopen port inspections as Geneva round begins"),
    ]
    assert "Tove Aalberg" in {e["name"] for e in ledger["entities"]}


@pytest.mark.parametrize("delta", [-200, -30, 200])
def test_a_record_with_a_wrong_length_costs_only_itself(tmp_path, capfd, delta: int):
    import re

    whole = tmp_path / "whole.warc"
    offsets = build_warc(whole, gzip=False)
    data = whole.read_bytes()
    start, end = offsets[2], offsets[3]  # the fisheries article
    record = data[start:end]
    m = re.search(rb"Content-Length: (\d+)", record)
    assert m
    record = record[: m.start(1)] + str(int(m.group(1)) + delta).encode() + record[m.end(1) :]
    path = tmp_path / "crawl.warc"
    path.write_bytes(data[:start] + record + data[end:])
    items = _read(path)
    assert [(type(i).__name__, Path(i.source or "").name) for i in items] == [("Reject", "crawl.warc#3"), ("Document", "crawl.warc#7")]
    assert items[0].code == "TT116" and "Content-Length" in items[0].message  # type: ignore[union-attr]
    assert "Valdoria offers to reopen port inspections" in (items[1].title or "")  # type: ignore[union-attr]
    assert "WARNING" not in capfd.readouterr().err  # warcio's uncoded warning does not reach the terminal
