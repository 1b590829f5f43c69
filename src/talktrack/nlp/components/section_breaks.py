"""`talktrack_section_breaks`: a blank line ends a sentence and any entity.

Reads: token.text of whitespace tokens. Writes: token.is_sent_start (before
the parser, which respects it) and, after "ner", doc.ents.

Headline, caption and body are joined by blank lines; without this the
tagger reads "Photo: Xinhua\\n\\nChina, US delegations ..." as one entity
"Xinhua China" and one sentence.
"""

from __future__ import annotations

import re
from typing import cast

from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span
from thinc.types import Ints2d

from talktrack.nlp.views import Columns


_NEVER_OPENS = {",", ";", ":", ")", "]", "}", "%", "'s", "\u2019s", "n't"}
_ENDS = {".", "!", "?", "...", "\u2026"}
_PLACE = r"[A-Z][A-Z.'/-]+(?: [A-Z][A-Z.'/-]+){0,3}"
_DATE = r",\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}"
_AGENCY = r"\s*\([^)\n]{1,40}\)"
# a wire dateline opening a paragraph: "SINGAPORE --", "OSLO, May 17 (VNA) --", "BRUSSELS, March 4 (Reuters) - ";
# a plain hyphen only after a date or an agency ("US - China talks" is no dateline)
DATELINE = re.compile(
    rf"{_PLACE}(?:{_DATE})?(?:{_AGENCY})?\s*(?:--|\u2014|\u2013)[ \t]*|{_PLACE}(?:{_DATE}(?:{_AGENCY})?|{_AGENCY})[ \t]+-[ \t]+"
)
OPENING = 12  # how many tokens of a paragraph's opening are held together at most (the splits seen came within 3)


def _is_break(token_text: str) -> bool:
    return "\n" in token_text and not token_text.strip()


@Language.component("talktrack_section_breaks")
def section_breaks(doc: Doc) -> Doc:
    """Start a sentence after every whitespace token that holds a line break, never at a comma."""
    texts = Columns(doc).text  # the walk reads plain strings
    breaks = [_is_break(t) for t in texts]
    starts = doc.to_array([SENT_START]).astype("int64")  # 1 starts a sentence, -1 does not, 0 leaves it to the parser; set at once
    held = OPENING  # tokens of a paragraph's opening still to hold to its first sentence
    story = _after_dateline(doc, 0)
    for i in range(len(doc) - 1):
        if i + 1 == story:
            starts[i + 1] = 1  # the story after a dateline is a sentence of its own
            held = OPENING
        elif breaks[i]:
            starts[i + 1] = 1
            held = OPENING
            story = _after_dateline(doc, i + 1)
        elif i > 0 and texts[i] in _NEVER_OPENS and not breaks[i - 1]:
            starts[i] = -1  # the parser once split "China / , US delegations reached ..."
        elif held and i > 0 and not breaks[i - 1] and i != story:
            # a paragraph's first sentence runs at least to its first full stop: made to start a sentence
            # at "Britain and India have agreed ...", the parser once closed one after "Britain"
            starts[i] = -1
        if texts[i] in _ENDS or breaks[i] and held != OPENING:
            held = 0
        elif held:
            held -= 1
    doc.from_array([SENT_START], cast(Ints2d, starts.astype("uint64").reshape(-1, 1)))  # -1 as spaCy stores it
    return doc


def _after_dateline(doc: Doc, start: int) -> int:
    """Return the index of the first token after a dateline opening a paragraph at token `start`, or -1."""
    if start >= len(doc) or not doc[start].is_upper:
        return -1
    window = doc[start : start + 24]  # a dateline is short; joining the whole text here would cost a millisecond
    match = DATELINE.match(window.text)
    if match is None:
        return -1
    end = window.start_char + match.end()
    for token in window:
        if token.idx >= end:
            return token.i
    return -1


@Language.component("talktrack_split_ents")
def split_ents(doc: Doc) -> Doc:
    """Cut entities at line-break tokens, keeping each piece with the entity's label."""
    if not any(_is_break(t.text) for e in doc.ents for t in e):
        return doc
    ents: list[Span] = []
    for ent in doc.ents:
        start = ent.start
        for token in ent:
            if _is_break(token.text):
                if token.i > start:
                    ents.append(Span(doc, start, token.i, label=ent.label_))
                start = token.i + 1
        if start < ent.end:
            ents.append(Span(doc, start, ent.end, label=ent.label_))
    doc.ents = ents
    return doc
