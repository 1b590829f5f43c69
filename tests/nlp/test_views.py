"""The views read a finished parse once, give what spaCy gives, and release lets the Doc go."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Callable

from spacy.tokens import Doc, Span

from talktrack.model import Document
from talktrack.nlp.views import Columns, char_span, doc_columns, doc_ents, doc_text, release, span_ents, span_text

MakeDoc = Callable[[str], tuple[Document, Doc]]


def test_views_equal_what_spacy_gives_and_are_kept(make_doc: MakeDoc) -> None:
    _, doc = make_doc("Trade ministers from Chile and Peru met in Lima on Tuesday.")
    assert doc_text(doc) == doc.text
    assert [(e.start, e.end, e.label_) for e in doc_ents(doc)] == [(e.start, e.end, e.label_) for e in doc.ents]
    assert doc_ents(doc) is doc_ents(doc)  # collected once


def test_columns_equal_the_token_attributes(make_doc: MakeDoc) -> None:
    _, doc = make_doc("Chinese Vice Premier He Lifeng said on Sunday that the talks in Kuala Lumpur were \"candid\".\n\nLead negotiators met.")
    columns = doc_columns(doc)
    assert columns is doc_columns(doc)  # read once
    assert columns.text == [t.text for t in doc]
    assert columns.lower == [t.lower_ for t in doc]
    assert columns.lemma_lower == [t.lemma_.lower() for t in doc]
    assert columns.pos == [t.pos_ for t in doc]
    assert columns.tag == [t.tag_ for t in doc]
    assert columns.dep == [t.dep_ for t in doc]
    assert columns.head == [t.head.i for t in doc]
    assert columns.is_title == [t.is_title for t in doc]
    assert [list(columns.lineage(t.i)) for t in doc] == [[t.i, *(a.i for a in t.ancestors)] for t in doc]
    empty = Columns(doc[:0].as_doc())
    assert empty.text == empty.pos == empty.head == []


def test_span_views_equal_what_spacy_gives(make_doc: MakeDoc) -> None:
    _, doc = make_doc("Trade ministers from Chile and Peru met in Lima on Tuesday, the Lima Times reported.")
    for start in range(len(doc)):
        for end in range(start, len(doc) + 1):
            span = doc[start:end]
            assert span_text(span) == span.text
            assert [(e.start, e.end) for e in span_ents(span)] == [(e.start, e.end) for e in span.ents]
    for start in range(len(doc.text)):
        for end in range(start + 1, len(doc.text) + 1):
            assert _bounds(char_span(doc, start, end)) == _bounds(doc.char_span(start, end, alignment_mode="expand"))
    assert char_span(doc, 0, 5) is char_span(doc, 0, 5)  # made once


def test_release_lets_reference_counting_free_the_doc(make_doc: MakeDoc) -> None:
    _, kept = make_doc("Officials from Chile and Peru met in Lima.")
    _, released = make_doc("Officials from Chile and Peru met again in Lima.")
    _read_views(kept)
    _read_views(released)
    release(released)
    gc.disable()
    try:
        kept_ref, released_ref = weakref.ref(kept), weakref.ref(released)
        del kept, released
        assert released_ref() is None  # freed at once
        assert kept_ref() is not None  # the cached entities refer back to it: only the collector frees it
    finally:
        gc.enable()
        gc.collect()


def _read_views(doc: Doc) -> None:
    doc_ents(doc)
    assert doc_columns(doc).pos
    char_span(doc, 0, 9)


def _bounds(span: Span | None) -> tuple[int, int] | None:
    return None if span is None else (span.start, span.end)
