"""Bad input costs only itself: every file yields Documents or Rejects with a TT code."""

from __future__ import annotations

import json

import pytest

from talktrack.ingest import count_inputs, read_inputs
from talktrack.model import Document, Reject
from talktrack.settings import Settings


def _read(paths, settings=None):
    return list(read_inputs([str(p) for p in paths], settings or Settings()))


def test_read_inputs_reports_each_bad_file_and_reads_the_rest(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Talks resume\nThe two sides met in Oslo on Monday.", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    (tmp_path / "blank.html").write_text("<html><body><script>alert(1)</script></body></html>")
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"title": "A", "text": "The ministers met on Friday."}) + "\n"
        "{not json\n"
        + json.dumps(["a list"]) + "\n"
        + json.dumps({"title": "no body"}) + "\n\n"
        + json.dumps({"headline": "B", "body": "The envoys spoke on Monday.", "published_at": "2029-05-18T09:30:00Z"}) + "\n",
        encoding="utf-8",
    )
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")  # not a known type: ignored inside a directory
    items = _read([tmp_path, tmp_path / "missing.txt"])
    docs = [i for i in items if isinstance(i, Document)]
    rejects = {(r.source.rsplit("/", 1)[-1], r.code, r.line) for r in items if isinstance(r, Reject)}
    assert sorted(d.title or d.text[:10] for d in docs) == ["A", "B", "Talks resume"]
    assert rejects == {
        ("binary.txt", "TT103", None),
        ("blank.html", "TT106", None),
        ("empty.txt", "TT101", None),
        ("feed.jsonl", "TT102", 2),
        ("feed.jsonl", "TT102", 3),
        ("feed.jsonl", "TT109", 4),
        ("missing.txt", "TT107", None),
    }
    b = next(d for d in docs if d.title == "B")
    assert (b.published, b.published_basis) == ("2029-05-18", "metadata")
    assert b.source is not None and b.source.endswith("feed.jsonl#6")


def test_read_inputs_rejects_files_over_the_limit(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("word " * 100)
    items = _read([big], Settings(max_bytes=100))
    assert [(type(i), i.code) for i in items] == [(Reject, "TT110")]


def test_read_inputs_rejects_unknown_type_given_explicitly(tmp_path):
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(b"%PDF")
    assert [i.code for i in _read([pdf])] == ["TT108"]


@pytest.mark.parametrize(
    "field, value, published, warned",
    [
        ("published_at", "2029-05-18T09:30:00Z", "2029-05-18", None),
        ("date", "Fri, 18 May 2029 09:30:00 GMT", "2029-05-18", None),
        ("publishedAt", 1873791000, "2029-05-18", None),
        ("date", "yesterday-ish", None, "TT153"),
        ("date", True, None, "TT153"),
        ("date", "9999-01-01", None, "TT155"),
        ("date", "0001-01-01", None, "TT153"),  # dateutil's own default day: no date at all
        ("date", "1066-10-14", None, "TT155"),
        ("date", "2150-01-01", None, "TT155"),
        ("date", "1900-01-01", None, "TT155"),  # a placeholder (spreadsheets, SQL Server)
        ("published", 0, None, "TT155"),  # a Unix timestamp of 0: 1970-01-01
        ("date", "1901-02-03", "1901-02-03", None),
        ("date", "2100-12-31", "2100-12-31", None),
    ],
)
def test_read_inputs_normalizes_metadata_dates(tmp_path, field, value, published, warned):
    feed = tmp_path / "f.jsonl"
    feed.write_text(json.dumps({"text": "The envoys met.", field: value}) + "\n")
    (doc,) = _read([feed])
    assert isinstance(doc, Document)
    assert doc.published == published
    codes = [w[1:6] for w in doc.warnings if w.startswith(("[TT153]", "[TT155]"))]
    assert codes == ([warned] if warned else [])


def test_read_inputs_uses_named_fields(tmp_path):
    feed = tmp_path / "f.jsonl"
    feed.write_text(json.dumps({"story": "The envoys met.", "hed": "Envoys meet", "src": {"name": "Harbor Wire"}}) + "\n")
    settings = Settings(jsonl_text_field="story", jsonl_title_field="hed", jsonl_outlet_field="src")
    (doc,) = _read([feed], settings)
    assert (doc.title, doc.outlet) == ("Envoys meet", "Harbor Wire")
    assert doc.text == "Envoys meet\n\nThe envoys met."


def test_read_inputs_reads_json_list(tmp_path):
    f = tmp_path / "f.json"
    f.write_text(json.dumps([{"text": "One."}, {"text": "Two."}, 3]))
    items = _read([f])
    assert [type(i).__name__ for i in items] == ["Document", "Document", "Reject"]


def test_html_page_gives_title_outlet_date_and_main_text(tmp_path):
    page = tmp_path / "p.html"
    paragraphs = "".join(
        f"<p>Paragraph {i}: the trade envoys of both countries met again on Monday to discuss tariffs and export rules.</p>"
        for i in range(6)
    )
    page.write_text(
        "<!doctype html><html><head><title>Envoys meet again | Northwind Daily</title>"
        '<meta property="og:site_name" content="Northwind Daily">'
        '<meta property="article:published_time" content="2029-05-18T09:30:00Z"></head>'
        "<body><nav><a href='/'>Home</a><a href='/world'>World</a></nav><script>var x = '<b>';</script>"
        f"<article><h1>Envoys meet again</h1>{paragraphs}</article><footer>Copyright 2029</footer></body></html>",
        encoding="utf-8",
    )
    (doc,) = _read([page])
    assert isinstance(doc, Document)
    assert (doc.title, doc.outlet, doc.published, doc.published_basis) == (
        "Envoys meet again", "Northwind Daily", "2029-05-18", "metadata",
    )
    assert "Paragraph 5" in doc.text and "var x" not in doc.text and "Copyright" not in doc.text


def test_read_inputs_replaces_lone_surrogates_from_json_escapes(tmp_path):
    feed = tmp_path / "f.jsonl"
    feed.write_text('{"text": "Envoys met \\ud800 on Monday."}\n', encoding="utf-8")
    (doc,) = _read([feed])
    assert "\ufffd" in doc.text and doc.text.encode("utf-8")
    assert any(w.startswith(("[TT151]", "[TT152]")) for w in doc.warnings)  # repaired, and said so


@pytest.mark.issue(8)
def test_deeply_nested_json_is_a_bad_line_not_a_crash(tmp_path):
    feed = tmp_path / "f.jsonl"
    feed.write_text(json.dumps({"text": "The envoys met."}) + "\n" + "[" * 100_000 + "]" * 100_000 + "\n"
                    + '{"a":' * 50_000 + "1" + "}" * 50_000 + "\n" + json.dumps({"text": "They met again."}) + "\n")
    whole = tmp_path / "g.json"
    whole.write_text("[" * 100_000 + "]" * 100_000)
    items = _read([feed, whole])
    assert [(type(i).__name__, i.line if isinstance(i, Reject) else None) for i in items] == [
        ("Document", None), ("Reject", 2), ("Reject", 3), ("Document", None), ("Reject", 1),
    ]
    assert all("nested too deeply" in i.message for i in items if isinstance(i, Reject))


@pytest.mark.issue(8)
def test_text_over_max_chars_is_rejected_before_it_is_repaired(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("The envoys met in Oslo. " * 1000)
    feed = tmp_path / "f.jsonl"
    feed.write_text(json.dumps({"text": "Short."}) + "\n" + json.dumps({"text": "Long. " * 1000}) + "\n")
    items = _read([big, feed], Settings(max_chars=1000))
    assert [(type(i).__name__, getattr(i, "code", None), getattr(i, "line", None)) for i in items] == [
        ("Reject", "TT114", None), ("Document", None, None), ("Reject", "TT114", 2),
    ]
    assert "24000 characters exceeds the limit of 1000" in items[0].message


@pytest.mark.issue(8)
def test_bytes_that_are_mostly_invalid_utf8_are_not_text(tmp_path):
    noise = tmp_path / "noise.txt"
    noise.write_bytes(b"".join(bytes([65 + i % 26, 0xC3 + i % 3, 0xFF]) for i in range(2000)))
    flawed = tmp_path / "flawed.txt"
    flawed.write_bytes("The envoys met in Oslo on Monday to talk about tariffs and port fees. ".encode() * 30 + b"\xff\xfe\xc3")
    items = _read([flawed, noise])
    assert [(type(i).__name__, getattr(i, "code", None)) for i in items] == [("Document", None), ("Reject", "TT104")]


def test_read_inputs_follows_a_linked_folder_once(tmp_path):
    real = tmp_path / "elsewhere"
    real.mkdir()
    (real / "a.txt").write_text("Talks resume\nThe two sides met in Oslo on Monday.", encoding="utf-8")
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    (inputs / "linked").symlink_to(real, target_is_directory=True)
    (inputs / "linked" / "loop").symlink_to(inputs, target_is_directory=True)  # a link back up ends no walk
    docs = [x for x in _read([inputs]) if isinstance(x, Document)]
    assert [d.source for d in docs] == [str(inputs / "linked" / "a.txt")]


@pytest.mark.parametrize(
    "files, expected",
    [
        ({"a.txt": "x", "b.html": "<p>x</p>", "feed.jsonl": '{"text": "a"}\n\n{"text": "b"}\n{"text": "c"}\n'}, 5),
        ({"a.txt": "x", "notes.pdf": "x"}, 1),  # what talktrack does not read is not counted
        ({"a.txt": "x", "crawl.warc.gz": ""}, None),  # a WARC archive's records are known only once read
    ],
)
def test_count_inputs_counts_articles_before_the_parse(tmp_path, files, expected):
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert count_inputs([str(tmp_path)]) == expected
    assert count_inputs(["-"]) is None


def test_a_jsonl_line_over_the_limit_is_rejected_while_read(tmp_path):
    import tracemalloc

    good = json.dumps({"title": "A", "text": "The ministers met in Oslo on Friday."})
    huge = json.dumps({"title": "B", "text": "x" * 5_000_000})
    feed = tmp_path / "feed.jsonl"
    feed.write_text(f"{good}\n{huge}\n\n{good.replace('Oslo', 'Lima')}\n", encoding="utf-8")
    warm = tmp_path / "warm.jsonl"
    warm.write_text(good + "\n", encoding="utf-8")
    _read([warm], Settings(max_bytes=100_000))  # the gazetteer and the language model load once, outside the measure
    tracemalloc.start()
    items = _read([feed], Settings(max_bytes=100_000))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    rejects = [x for x in items if isinstance(x, Reject)]
    assert [(r.code, r.line) for r in rejects] == [("TT115", 2)]
    assert "line 2: 5000027 bytes or more exceeds the limit of 100000 bytes" in rejects[0].message
    assert [("Oslo" in d.text, "Lima" in d.text) for d in items if isinstance(d, Document)] == [(True, False), (False, True)]
    assert peak < 4_000_000  # the 5 MB line was never held whole (read whole, it costs three times its size)
