"""Views of a finished parse that spaCy rebuilds on every access, computed once per Doc.

`Doc.text` joins every token's text and `Doc.ents` walks every token's
entity tag each time they are read; the extractors read both many times
per document, which cost more than some of them. These functions keep
the first result in `doc.user_data`. The text never changes; the entities
do while the pipeline runs, so `doc_ents` is for the extractors, which
read a parse the pipeline has finished. The cached entities refer back to
the Doc (a reference cycle that only the cycle collector frees, with the
Doc's token arrays): whoever is done with a parse calls `release`.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

_TEXT = "talktrack.text"
_ENTS = "talktrack.ents"


def doc_text(doc: Doc) -> str:
    """Return `doc.text`, joined once."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


def doc_ents(doc: Doc) -> tuple[Span, ...]:
    """Return `doc.ents` of a finished parse, collected once."""
    ents = doc.user_data.get(_ENTS)
    if ents is None:
        ents = doc.user_data[_ENTS] = tuple(doc.ents)
    return ents


def release(doc: Doc) -> None:
    """Drop what `doc_text` and `doc_ents` kept, so the Doc is freed as soon as it is no longer used."""
    doc.user_data.pop(_TEXT, None)
    doc.user_data.pop(_ENTS, None)
