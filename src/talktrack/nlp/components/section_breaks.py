"""`talktrack_section_breaks`: a blank line ends a sentence and any entity.

Reads: token.text of whitespace tokens. Writes: token.is_sent_start (before
the parser, which respects it) and, after "ner", doc.ents.

Headline, caption and body are joined by blank lines; without this the
tagger reads "Photo: Xinhua\\n\\nChina, US delegations ..." as one entity
"Xinhua China" and one sentence.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

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
OPENING = 60  # how many tokens of a paragraph's opening are held together at most


def _is_break(token_text: str) -> bool:
    return "\n" in token_text and not token_text.strip()


@Language.component("talktrack_section_breaks")
def section_breaks(doc: Doc) -> Doc:
    """Start a sentence after every whitespace token that holds a line break, never at a comma."""
    texts = Columns(doc).text  # the walk reads plain strings and makes a Token only to mark it
    held = OPENING  # tokens of a paragraph's opening still to hold to its first sentence
    story = _after_dateline(doc, 0)
    for i in range(len(doc) - 1):
        if i + 1 == story:
            doc[i + 1].is_sent_start = True  # the story after a dateline is a sentence of its own
            held = OPENING
        elif _is_break(texts[i]):
            doc[i + 1].is_sent_start = True
            held = OPENING
            story = _after_dateline(doc, i + 1)
        elif i > 0 and texts[i] in _NEVER_OPENS and not _is_break(texts[i - 1]):
            doc[i].is_sent_start = False  # the parser once split "China / , US delegations reached ..."
        elif held and i > 0 and not _is_break(texts[i - 1]) and i != story:
            # a paragraph's first sentence runs at least to its first full stop: made to start a sentence
            # at "Britain and India have agreed ...", the parser once closed one after "Britain"
            doc[i].is_sent_start = False
        if texts[i] in _ENDS or _is_break(texts[i]) and held != OPENING:
            held = 0
        elif held:
            held -= 1
    return doc


def _after_dateline(doc: Doc, start: int) -> int:
    """Return the index of the first token after a dateline opening a paragraph at token `start`, or -1."""
    match = DATELINE.match(doc.text, doc[start].idx) if start < len(doc) else None
    if match is None:
        return -1
    for token in doc[start:]:
        if token.idx >= match.end():
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
