"""Speech attributed without a cue verb beside it: a name and a colon, a signature line, a block quote."""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc, Token

from talktrack.extract.attribution import Cues, Speaker, describe, subject_of
from talktrack.extract.statements.found import Found, TRIM
from talktrack.extract.statements.quotes import Quote
from talktrack.gazetteer import Gazetteer
from talktrack.nlp.views import char_span, span_ents


_SIGNATURE = re.compile(r"[ \t]*\n[ \t]*[\u2014\u2013-]{1,2}[ \t]*(\S[^\n]{0,60})$", re.M)
_INTRO = re.compile(r"([^\n.!?:\u201c\u201d\"]{2,80}):[ \t]*(?:\n\s*)?$")


def introduced_speaker(doc: Doc, quote: Quote, text: str, gaz: Gazetteer, vocab: Cues) -> tuple[Token | None, Speaker] | None:
    """Return the speaker of a quote introduced by a name and a colon, or signed on the line after it.

    'Kim: "Today we had a historic meeting ..."', 'Remarks by the Chairperson:'
    above a quote paragraph, and a quote followed by a line '— President Trump'
    are transcript and live-blog forms of attribution without a cue verb.
    """
    sign = _SIGNATURE.match(text, quote.end)
    if sign is not None:
        speaker = _named_in(doc, sign.start(1), sign.end(1), gaz, vocab)
        if speaker is not None:
            return None, speaker
    intro = _INTRO.search(text, max(0, quote.start - 120), quote.start)
    if intro is None or intro.end() != quote.start:
        return None
    said = _cue_before_colon(doc, intro.end(1), vocab)
    if said is not None:  # 'He said:' closing the paragraph above the quote
        subject = subject_of(said)
        return (said, describe(subject, gaz, vocab)) if subject is not None else None
    start = intro.start(1) + len(intro.group(1)) - len(intro.group(1).lstrip(" \t\u2022*-"))
    return (None, speaker) if (speaker := _named_in(doc, start, intro.end(1), gaz, vocab)) is not None else None


_BLOCK = re.compile(r":[ \t]*\n\s*(?=[^\s\"\u201c\u201e\u00ab'])([^\n]{20,})")


def block_quotes(doc: Doc, text: str, found: list[Found], vocab: Cues, gaz: Gazetteer) -> list[Found]:
    """Return the paragraphs set off as block quotes by 'The governor added:' closing the paragraph above.

    Transcripts and opinion pieces print the words after such a line without
    quote marks; the paragraph is what was said, word for word. A paragraph in
    quote marks is the quote pass's; a colon after anything but a cue verb with a
    subject ("the following tasks:") introduces a list, not speech.
    """
    out: list[Found] = []
    if ":" not in text:
        return out
    for m in _BLOCK.finditer(text):
        cue = _cue_before_colon(doc, m.start(), vocab)
        subject = subject_of(cue) if cue is not None else None
        if subject is None or any(f.start <= m.start(1) < f.end for f in found):
            continue
        start, end = m.start(1), m.end(1)
        while end > start and text[end - 1] in TRIM:
            end -= 1
        out.append(Found(start, end, "direct", describe(subject, gaz, vocab), cue, how="block_quote"))
    return out


def _cue_before_colon(doc: Doc, colon: int, vocab: Cues) -> Token | None:
    """Return the reporting verb that a colon closes ('Trump tweeted:', 'he continued:', 'She said on Monday:')."""
    span = char_span(doc, max(0, colon - 60), colon)
    if span is None:
        return None
    for token in reversed(span):
        if token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in vocab.reporting:
            return token
        if token.pos_ in ("VERB", "AUX") or token.is_sent_start:
            return None
    return None


def _named_in(doc: Doc, start: int, end: int, gaz: Gazetteer, vocab: Cues) -> Speaker | None:
    """Return who a short heading names: 'Kim', 'President Trump', 'Remarks by the Chairperson of the Conference'.

    The heading must be a noun phrase (no verb: 'The minister said:' is a cue's
    business); 'Remarks by X', 'Statement from X' name X.
    """
    span = char_span(doc, start, end)
    if span is None or len(span) > 14 or any(t.pos_ in ("VERB", "AUX") for t in span):
        return None
    if span[0].lemma_.lower() in ("remark", "statement", "comment", "message", "speech", "address"):
        by = next((t for t in span if t.lower_ in ("by", "from", "of") and t.i < span.end - 1), None)
        if by is None:
            return None
        span = span.doc[by.i + 1 : span.end]
    people = [e for e in span_ents(span) if e.label_ == "PERSON" and e.start <= span.root.i < e.end]
    if people:  # the heading's head is a name ('President Trump'), not a name inside a phrase after it
        return _bare(describe(people[-1].root, gaz, vocab))
    if span.root.pos_ not in ("NOUN", "PROPN") or span.root.ent_type_ in ("GPE", "DATE", "TIME", "CARDINAL", "LOC", "EVENT"):
        return None
    return _bare(describe(span.root, gaz, vocab))


_MARKS = " \t\u2022*:-\u2013\u2014"


def _bare(speaker: Speaker) -> Speaker:
    """Return a heading's speaker without the bullet or colon the tagger may have taken into the name."""
    name = speaker.name.lstrip(_MARKS)
    start = speaker.start + len(speaker.name) - len(name)
    name = name.rstrip(_MARKS)
    return replace(speaker, name=name, start=start, end=start + len(name))
