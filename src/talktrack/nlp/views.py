"""Views of a finished parse that spaCy rebuilds on every access, computed once per Doc.

`Doc.text` joins every token's text and `Doc.ents` walks every token's
entity tag each time they are read; the extractors read both many times
per document, which cost more than some of them. These functions keep
the first result in `doc.user_data`. The text never changes; the entities
do while the pipeline runs, so `doc_ents` is for the extractors, which
read a parse the pipeline has finished. The cached entities refer back to
the Doc (a reference cycle that only the cycle collector frees, with the
Doc's token arrays): whoever is done with a parse calls `release`.

The same goes for the token attributes the extractors' loops test
(`doc_columns`): spaCy makes a new Token object at every `doc[i]`,
`token.head` or step of a walk, and looks a string attribute up again at
every read, so loops over the tokens of every sentence cost more than the
rest of their extractor. They test plain lists instead, read from the
Doc's arrays once, and make a Token only where one matches. For the same
reason `span_text` and `span_ents` cut from the cached text and entities,
and `char_span` keeps the spans of the offsets the extractors look up again
and again. A pipeline component, whose parse is still in progress, makes
its own `Columns`.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cached_property

import numpy as np

from spacy.attrs import DEP, HEAD, IS_TITLE, LEMMA, LOWER, ORTH, POS, TAG
from spacy.tokens import Doc, Span

_TEXT = "talktrack.text"
_ENTS = "talktrack.ents"
_COLUMNS = "talktrack.columns"
_SPANS = "talktrack.spans"


class Columns:
    """Attributes of every token of a parse as plain lists, each read on first use: index i is `doc[i]`'s.

    A pipeline component makes its own for the parse in progress; the extractors share
    the one `doc_columns` keeps.
    """

    def __init__(self, doc: Doc) -> None:
        self.doc = doc

    @cached_property
    def text(self) -> list[str]:
        """token.text"""
        return _strings(self.doc, ORTH)

    @cached_property
    def lower(self) -> list[str]:
        """token.lower_"""
        return _strings(self.doc, LOWER)

    @cached_property
    def lemma_lower(self) -> list[str]:
        """token.lemma_.lower(), which is what the extractors compare"""
        return _strings(self.doc, LEMMA, lowercase=True)

    @cached_property
    def pos(self) -> list[str]:
        """token.pos_"""
        return _strings(self.doc, POS)

    @cached_property
    def tag(self) -> list[str]:
        """token.tag_"""
        return _strings(self.doc, TAG)

    @cached_property
    def dep(self) -> list[str]:
        """token.dep_"""
        return _strings(self.doc, DEP)

    @cached_property
    def head(self) -> list[int]:
        """token.head.i: a root's is its own index"""
        offsets = self.doc.to_array(HEAD).astype(np.int64)  # HEAD is the offset from the token to its head
        return (offsets + np.arange(len(offsets))).tolist()

    @cached_property
    def is_title(self) -> list[bool]:
        """token.is_title"""
        return self.doc.to_array(IS_TITLE).astype(bool).tolist()

    def lineage(self, i: int) -> Iterator[int]:
        """Yield `i`, then the indices of `doc[i].ancestors`, nearest first."""
        yield i
        heads = self.head
        for _ in range(len(heads)):  # as spaCy does, never more steps than tokens
            if heads[i] == i:
                return
            i = heads[i]
            yield i


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


def doc_columns(doc: Doc) -> Columns:
    """Return the per-token attributes of a finished parse, read once."""
    columns = doc.user_data.get(_COLUMNS)
    if columns is None:
        columns = doc.user_data[_COLUMNS] = Columns(doc)
    return columns


def char_span(doc: Doc, start: int, end: int) -> Span | None:
    """Return `doc.char_span(start, end, alignment_mode="expand")` of a finished parse, made once per offsets.

    The events layer looks the same mentions and dates up again for every event word of their sentence.
    """
    spans = doc.user_data.get(_SPANS)
    if spans is None:
        spans = doc.user_data[_SPANS] = {}
    if (start, end) not in spans:
        spans[start, end] = doc.char_span(start, end, alignment_mode="expand")
    return spans[start, end]


def span_ents(span: Span) -> list[Span]:
    """Return `span.ents` of a finished parse, from `doc_ents` (spaCy collects the Doc's entities again for it)."""
    ents = []
    for ent in doc_ents(span.doc):
        if ent.start >= span.start:
            if ent.end > span.end:
                break  # as `Span.ents` does: it stops at the first entity that runs past the span
            ents.append(ent)
    return ents


def span_text(span: Span) -> str:
    """Return `span.text`, cut from the Doc's cached text rather than joined from its tokens."""
    return doc_text(span.doc)[span.start_char : span.end_char]


def release(doc: Doc) -> None:
    """Drop what the views of a parse kept, so the Doc is freed as soon as it is no longer used."""
    for key in (_TEXT, _ENTS, _COLUMNS, _SPANS):
        doc.user_data.pop(key, None)


def _strings(doc: Doc, attr: int, lowercase: bool = False) -> list[str]:
    """Return every token's string attribute `attr`, looking each distinct string up once."""
    hashes, where = np.unique(doc.to_array(attr), return_inverse=True)  # the token structs, read in C
    names = [doc.vocab.strings[h] for h in hashes.tolist()]
    if lowercase:
        names = [name.lower() for name in names]
    return np.array(names, dtype=object)[where.reshape(-1)].tolist()
