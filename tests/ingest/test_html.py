"""Hostile HTML: deep nesting, scripts and absurd dates cost a page its layout or its date, never the run."""

from __future__ import annotations

import time

import pytest

from talktrack.ingest import read_inputs
from talktrack.ingest.html import NoArticle, read_html, visible_text
from talktrack.model import Document, Reject
from talktrack.settings import Settings

from tests.conftest import EXAMPLES

pytestmark = pytest.mark.issue(8)

BODY = (EXAMPLES / "articles" / "ex05-oslo-talks.txt").read_text(encoding="utf-8")
PARAGRAPHS = "".join(f"<p>{p}</p>" for p in BODY.split("\n\n"))
LAST_WORDS = BODY.split()[-3:]


def _page(inner: str, head: str = "") -> str:
    return f"<!doctype html><html><head><title>Oslo round</title>{head}</head><body>{inner}</body></html>"


@pytest.mark.parametrize(
    "html",
    [
        _page("<div>" * 100_000 + PARAGRAPHS + "</div>" * 100_000),
        _page("<div>" * 100_000 + PARAGRAPHS),  # never closed
        _page("<span><b><i>" * 30_000 + PARAGRAPHS),
    ],
    ids=["nested-divs", "unclosed-divs", "nested-inline"],
)
def test_deeply_nested_page_keeps_its_visible_text(html: str):
    start = time.perf_counter()
    doc = read_html(html, "deep.html", [])
    assert time.perf_counter() - start < 10
    assert all(word in doc.text for word in LAST_WORDS) and "Oslo" in doc.text
    assert any(w.startswith("[TT156]") for w in doc.warnings)


def test_script_laden_page_keeps_only_the_article():
    script = "<script>" + "document.write('<p>not news</p>');" * 5000 + "</script>"
    html = _page(script + "<nav><a href='/'>Home</a></nav>" + script + f"<article>{PARAGRAPHS}</article>" + script * 3
                 + "<noscript>Enable JavaScript</noscript><style>p { color: red }</style>", head=script * 5)
    doc = read_html(html, "scripts.html", [])
    assert all(word in doc.text for word in LAST_WORDS)
    assert "not news" not in doc.text and "document.write" not in doc.text and "Enable JavaScript" not in doc.text


@pytest.mark.parametrize(
    "html",
    [_page("<script>var a = 1;</script>" * 1000), _page("<script>" + "x<y " * 10_000), _page("<!--" + "<p>hidden</p>" * 100)],
    ids=["only-scripts", "unclosed-script", "unclosed-comment"],
)
def test_page_without_visible_text_has_no_article(html: str):
    with pytest.raises(NoArticle):
        read_html(html, "empty.html", [])


@pytest.mark.parametrize(
    "markup",
    ["<a " * 300_000, "<" * 1_000_000, "<!--" * 300_000, "<script>" * 200_000, "<a" + "b" * 1_000_000, '<img alt="<' * 200_000],
    ids=["unclosed-attrs", "bare-lt", "comments", "scripts", "long-name", "lt-in-attr"],
)
def test_visible_text_is_linear_on_crafted_markup(markup: str):
    start = time.perf_counter()
    visible_text(markup)
    assert time.perf_counter() - start < 2  # a quadratic scan of these would take minutes


def test_visible_text_reads_like_a_browser():
    html = ("<!DOCTYPE html><title>T</title><p>Talks &amp; tariffs<br>resume</p><script>if (a<b) {}</script>"
            "<div>in <b>Oslo</b></div><!-- note --><style>x{}</style><svg><text>chart</text></svg>")
    assert visible_text(html) == "Talks & tariffs\n\nresume\n\nin Oslo"


@pytest.mark.parametrize(
    "value, published, warned",
    [
        ("2029-05-18T09:30:00Z", "2029-05-18", None),  # after today: an embargo or the sample corpus, kept
        ("9999-12-31", None, "TT155"),
        ("2150-01-01", None, "TT155"),
        ("1066-10-14", None, "TT155"),
        ("0001-01-01", None, None),  # htmldate cannot even read it: no date, nothing to warn about
    ],
)
def test_page_metadata_dates_are_bounded(value: str, published: str | None, warned: str | None):
    doc = read_html(_page(f"<article>{PARAGRAPHS}</article>", head=f'<meta property="article:published_time" content="{value}">'), "p.html", [])
    assert doc.published == published
    assert [w[1:6] for w in doc.warnings if w.startswith("[TT155]")] == ([warned] if warned else [])


def test_hostile_pages_in_a_directory_cost_only_themselves(tmp_path):
    (tmp_path / "deep.html").write_text(_page("<div>" * 50_000 + PARAGRAPHS), encoding="utf-8")
    (tmp_path / "blank.html").write_text(_page("<script>alert(1)</script>"), encoding="utf-8")
    (tmp_path / "good.txt").write_text(BODY, encoding="utf-8")
    items = list(read_inputs([str(tmp_path)], Settings()))
    assert [(type(i), (i.source or "").rsplit("/", 1)[-1]) for i in items] == [
        (Reject, "blank.html"), (Document, "deep.html"), (Document, "good.txt"),
    ]


def test_a_huge_attribute_costs_the_page_nothing():
    from talktrack.ingest.html import read_html

    body = "".join(f"<p>Negotiators from both sides met in Geneva for the {n}th session of talks on tariffs.</p>" for n in range(30))
    page = (  # an inline icon in the head, over libxml2's 10 MB limit for one value
        f'<html><head><link rel="icon" href="data:image/png;base64,{"A" * 11_000_000}"><title>Talks resume in Geneva</title>'
        '<meta property="article:published_time" content="2029-03-10"><meta property="og:site_name" content="Harbor Wire">'
        f'</head><body><article><h1>Talks resume in Geneva</h1>{body}</article></body></html>'
    )
    doc = read_html(page, "big.html", [])
    assert doc.title == "Talks resume in Geneva" and doc.published == "2029-03-10" and doc.outlet == "Harbor Wire"
    assert "Negotiators from both sides" in doc.text and not any("TT156" in w for w in doc.warnings)
