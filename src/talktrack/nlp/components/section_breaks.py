"""`talktrack_section_breaks`: a blank line ends a sentence and any entity.

Reads: token.text of whitespace tokens. Writes: token.is_sent_start (before
the parser, which respects it) and, after "ner", doc.ents.

Headline, caption and body are joined by blank lines; without this the
tagger reads "Photo: Xinhua\\n\\nChina, US delegations ..." as one entity
"Xinhua China" and one sentence.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from talktrack.nlp.views import Columns


_NEVER_OPENS = {",", ";", ":", ")", "]", "}", "%", "'s", "\u2019s", "n't"}


def _is_break(token_text: str) -> bool:
    return "\n" in token_text and not token_text.strip()


@Language.component("talktrack_section_breaks")
def section_breaks(doc: Doc) -> Doc:
    """Start a sentence after every whitespace token that holds a line break, never at a comma."""
    texts = Columns(doc).text  # the walk reads plain strings and makes a Token only to mark it
    for i in range(len(doc) - 1):
        if _is_break(texts[i]):
            doc[i + 1].is_sent_start = True
        elif i > 0 and texts[i] in _NEVER_OPENS and not _is_break(texts[i - 1]):
            doc[i].is_sent_start = False  # the parser once split "China / , US delegations reached ..."
    return doc


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
