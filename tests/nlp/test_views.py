"""doc_text and doc_ents read a finished parse once, and release lets the Doc go."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Callable

from spacy.tokens import Doc

from talktrack.model import Document
from talktrack.nlp.views import doc_ents, doc_text, release

MakeDoc = Callable[[str], tuple[Document, Doc]]


def test_views_equal_what_spacy_gives_and_are_kept(make_doc: MakeDoc) -> None:
    _, doc = make_doc("Trade ministers from Chile and Peru met in Lima on Tuesday.")
    assert doc_text(doc) == doc.text
    assert [(e.start, e.end, e.label_) for e in doc_ents(doc)] == [(e.start, e.end, e.label_) for e in doc.ents]
    assert doc_ents(doc) is doc_ents(doc)  # collected once


def test_release_lets_reference_counting_free_the_doc(make_doc: MakeDoc) -> None:
    _, kept = make_doc("Officials from Chile and Peru met in Lima.")
    _, released = make_doc("Officials from Chile and Peru met again in Lima.")
    doc_ents(kept)
    doc_ents(released)
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
