"""Readers never raise on arbitrary input, and sections always lie inside the text."""

from __future__ import annotations

from hypothesis import given, settings as hsettings, strategies as st

from talktrack.gazetteer import load_gazetteer
from talktrack.ingest import read_bytes
from talktrack.ingest.txt import split_plaintext
from talktrack.model import Document, Reject
from talktrack.settings import Settings

SETTINGS = Settings()


@hsettings(max_examples=150, deadline=None)
@given(data=st.binary(max_size=600), kind=st.sampled_from(["txt", "json", "jsonl"]))
def test_read_bytes_never_raises(data: bytes, kind: str) -> None:
    for item in read_bytes(data, "fuzz", kind, SETTINGS):
        assert isinstance(item, (Document, Reject))
        if isinstance(item, Reject):
            assert item.code.startswith("TT1") and "fuzz" in item.message
        else:
            for section in item.sections:
                assert 0 <= section.start <= section.end <= len(item.text)
            assert item.id == Document.make_id(item.text)


@hsettings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=400))
def test_read_bytes_text_keeps_every_word(text: str) -> None:
    for item in read_bytes(text.encode("utf-8"), "fuzz", "txt", SETTINGS):
        if isinstance(item, Document):
            assert item.text.strip()


@hsettings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_split_plaintext_loses_no_words(text: str) -> None:
    layout = split_plaintext(text, load_gazetteer())
    original = text.split()
    parts = " ".join(p for p in (layout.headline, layout.outlet, *layout.header, layout.caption, layout.body) if p)
    # every word comes back, in order (header lines apart); only the separator between headline and outlet may go
    rebuilt = [w for w in parts.split()]
    dropped = [w for w in original if w not in rebuilt]
    assert all(w in "-–—|" for w in dropped)


_MARKUP = st.sampled_from(
    ["<div>", "</div>", "<p>", "</p>", "<script>", "</script>", "<style>", "<!--", "-->", "<", ">", "<a href='", "'>",
     "<br/>", "&amp;", "&#x0;", "<![CDATA[", "]]>", "<!DOCTYPE html>", "<meta property='article:published_time' content='9999-12-31'>",
     "The envoys met in Oslo on Monday. ", "Die Gespräche wurden vertagt. ", "中美会谈结束。"]
)


@hsettings(max_examples=100, deadline=None)
@given(parts=st.lists(_MARKUP, max_size=80), depth=st.integers(min_value=0, max_value=3000))
def test_read_bytes_html_never_raises(parts: list[str], depth: int) -> None:
    html = "<html><body>" + "<div>" * depth + "".join(parts)
    for item in read_bytes(html.encode("utf-8"), "fuzz.html", "html", SETTINGS):
        assert isinstance(item, (Document, Reject))
        if isinstance(item, Reject):
            assert item.code.startswith("TT1") and "fuzz.html" in item.message
