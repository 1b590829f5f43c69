"""Texts and token rows for the tests that compare talktrack's components with the stock ones they stand in for."""

from __future__ import annotations

from spacy.tokens import Doc

from tests.conftest import EXAMPLES, ROOT

NEWS = ROOT.parent / "shared" / "data" / "news" / "text"


def real_texts() -> list[str]:
    """Return the sample corpus and, where the data is beside the checkout, twelve real articles from other outlets."""
    paths = sorted((EXAMPLES / "articles").glob("*.txt"))
    if NEWS.is_dir():
        paths += sorted(NEWS.glob("*.txt"))[:12]
    return [p.read_text(encoding="utf-8") for p in paths]


def token_rows(doc: Doc) -> list[tuple[object, ...]]:
    """Return every annotation of every token that a component before the entity tagger may set."""
    return [(t.text, t.lemma_, t.pos_, t.tag_, str(t.morph), t.dep_, t.head.i, t.ent_iob_, t.ent_type_, t.is_sent_start)
            for t in doc]
