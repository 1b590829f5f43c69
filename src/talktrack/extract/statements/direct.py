"""Direct quotes: their speakers, their continuations, and quotes in headlines and in paragraphs of their own."""

from __future__ import annotations

import re

from rapidfuzz import fuzz
from spacy.tokens import Doc, Span, Token

from talktrack.extract.attribution import Cues, Speaker, describe, subject_of
from talktrack.extract.statements.content import stray_that_clause
from talktrack.extract.statements.cue_verbs import goes_on, inverted_subject, puts_it
from talktrack.extract.statements.found import Found
from talktrack.extract.statements.quotes import Quote, find_headline_quotes
from talktrack.gazetteer import Gazetteer
from talktrack.model import Document
from talktrack.nlp.views import char_span, doc_columns, doc_text, span_ents


EMBEDDED = re.compile(r"[A-Za-z0-9]\s*$")  # 'for a "productive meeting"': a quoted fragment inside a clause
HEADLINE_MATCH = 75  # rapidfuzz token-set ratio at which a headline quote restates a body statement


def headline_quotes(doc: Doc, document: Document, found: list[Found], vocab: Cues, gaz: Gazetteer) -> list[Found]:
    """Return the quotes of a headline whose speaker the text gives.

    "'We will keep talking,' says Brekke" names its speaker; a bare quoted
    headline is someone's words only when the body has the same statement
    (the headline's "'US expresses its position in a tough manner ...'"
    restates what Li said in the body), and then it is that speaker's.
    """
    out: list[Found] = []
    headlines = [s for s in document.sections if s.kind == "headline"]
    if not headlines:
        return out
    text = doc_text(doc)
    for section in headlines:
        for quote in find_headline_quotes(text, section.start, section.end):
            attribution = attribute_quote(doc, quote, vocab, gaz)
            if attribution is not None:
                out.append(Found(quote.inner_start, quote.inner_end, "direct", attribution[1], attribution[0], how="headline_cue"))
                continue
            words = text[quote.inner_start : quote.inner_end]
            scored = [(fuzz.token_set_ratio(words, text[f.start : f.end]), f) for f in found]
            ratio, best = max(scored, key=lambda p: p[0], default=(0.0, None))
            if best is not None and ratio >= HEADLINE_MATCH:
                out.append(Found(quote.inner_start, quote.inner_end, "direct", best.speaker, None, list(best.via), "headline_match"))
    return out


def after_cue(doc: Doc, quote: Quote, vocab: Cues) -> bool:
    """Return True for 'said that "..."': a quote right after a cue verb (and "that") is a statement.

    'said on Tuesday "..."': a time between the verb and the quote is skipped. A
    quote that is only part of the clause ('said that "a bomb" had gone off') is
    not: the reported clause, with the quote inside it, is the statement.
    """
    span = char_span(doc, quote.start, quote.end)
    if span is None or span.start == 0:
        return False
    i = span.start - 1
    while i > 0 and (doc[i].ent_type_ in ("DATE", "TIME") or doc[i].lower_ == "on" and doc[i + 1].ent_type_ in ("DATE", "TIME")):
        i -= 1
    before = doc[i]
    if before.lower_ == "that":
        clause: Token | None = before.head  # "that" marks the clause, which hangs from the cue
        cue = before.head.head
    elif before.lemma_.lower() in vocab.reporting:
        cue = before
        clause = next((c for c in cue.children if c.dep_ == "ccomp"), None)
    else:
        return False
    if clause is None or clause.i == cue.i or cue.lemma_.lower() not in vocab.reporting:
        return True
    # the clause without what is coordinated to it: 'said "..." but reiterated that ...'
    tokens = [t for t in clause.subtree if not any(a.i != clause.i and a.dep_ in ("conj", "cc") and a.head.i == clause.i for a in [t, *t.ancestors])]
    start, end = min(t.idx for t in tokens), max(t.idx + len(t) for t in tokens)
    inner = max(0, min(quote.end, end) - max(quote.start, start))
    return inner >= 0.7 * (end - start)


def attribute_quote(doc: Doc, quote: Quote, vocab: Cues, gaz: Gazetteer) -> tuple[Token | None, Speaker] | None:
    """Return the cue and speaker of a quote: the nearest reporting verb with a subject, outside it.

    '"...," said Li.'; '"...," Li said.'; 'Guo said on Friday that "..."'; and
    '"...," said Zhou Mi, a senior research fellow ..., told the Global Times'.
    """
    first = char_span(doc, quote.start, quote.start + 1)
    last = char_span(doc, max(quote.end - 1, 0), quote.end)
    if first is None or last is None:
        return None
    columns = doc_columns(doc)
    candidates = []
    end = last.sent.end
    if (after := _attribution_after_question(doc, quote, last.end)) is not None:
        end = after.end  # '"Why are you still backing him?" Brekke asked.': the parser ends the sentence at "?"
    for i in range(first.sent.start, end):
        if columns.pos[i] not in ("VERB", "AUX"):
            continue
        if columns.lemma_lower[i] not in vocab.reporting and not goes_on(doc[i], vocab) and not puts_it(doc[i]):
            continue
        token = doc[i]
        if quote.start <= token.idx < quote.end:
            continue
        distance = token.idx - quote.end if token.idx >= quote.end else quote.start - token.idx + 1000
        candidates.append((distance, token))
    for _, cue in sorted(candidates, key=lambda c: c[0]):
        subject = subject_of(cue) or inverted_subject(cue)
        if subject is not None and not (quote.start <= subject.idx < quote.end):
            return cue, describe(subject, gaz, vocab)
    return None


SHORT_ATTRIBUTION = 25  # tokens: "Brekke asked the delegates in Geneva on Tuesday." is well under it


def _attribution_after_question(doc: Doc, quote: Quote, after: int) -> Span | None:
    """Return the sentence right after a quote that ends in "?" or "!" when it is only the quote's attribution.

    The parser ends a sentence at a question or exclamation mark inside the
    quote, so in '"Why are you still backing him?" Brekke asked the delegates.'
    the attribution is a sentence of its own. That sentence attributes the
    quote when it starts right after the closing mark, is short, and its main
    verb reports nothing else (no clause, no quote of its own): '"Is it
    fair?" The minister said that the fees would stay.' is a new statement,
    not the attribution.
    """
    inner = doc_text(doc)[quote.inner_start : quote.inner_end].rstrip()
    if not inner or inner[-1] not in "?!" or after >= len(doc):
        return None
    sent = doc[after].sent
    if sent.start != after or sent.end - sent.start > SHORT_ATTRIBUTION:
        return None
    verbs = [t for t in sent if t.pos_ in ("VERB", "AUX") and t.dep_ != "aux"]
    if not verbs or verbs[0].dep_ != "ROOT":
        return None
    root = verbs[0]
    if any(c.dep_ in ("ccomp", "xcomp", "csubj") for c in root.children) or any(t.text in ('"', "\u201c", "\u201d", "''") for t in sent):
        return None
    return sent


def part_of_clause(cue: Token, quote: Quote) -> bool:
    """Return True when a quote is a small part of its cue's reported clause (under half of it).

    'She added that most of the vote seems anti-incumbent, which is a problem
    because, "in the end, we vote for somebody."': the reported clause, quote
    inside, is what was said; the reported-speech pass takes it whole.
    """
    clause = next((c for c in cue.children if c.dep_ == "ccomp"), None)
    if clause is not None:
        start, end = clause.left_edge.idx, clause.right_edge.idx + len(clause.right_edge)
    elif (stray := stray_that_clause(cue)) is not None:  # 'said at ... that candidates may run, "as long as ..."'
        start, end = stray.start_char, stray.end_char
    else:
        return False
    if not (start <= quote.start and quote.end <= end + 1):
        return False
    return quote.end - quote.start < 0.5 * (end - start)


def continued_quote(
    found: list[Found], quote: Quote, text: str, attribution: tuple[Token | None, Speaker] | None
) -> tuple[Token | None, Speaker] | None:
    """Return the attribution of the previous quote when this one continues it.

    '"...," Li said. "..."' and '"...," she said, "..."': one utterance split by
    its attribution is one statement, from the first quote to the last (the
    attribution inside it, as annotators of attribution mark it). A second quote
    with a cue of its own continues only when that cue is the first quote's.
    """
    if not found or found[-1].kind != "direct":
        return None
    if attribution is not None and (attribution[0] is None or found[-1].cue is None or attribution[0].i != found[-1].cue.i):
        return None
    gap = text[found[-1].end : quote.start]
    if EMBEDDED.search(text[max(0, quote.start - 3) : quote.start]):
        return None
    if len(gap) < 120 and "\n\n" not in gap.strip("\n"):
        return found[-1].cue, found[-1].speaker
    cue = found[-1].cue
    if attribution is None and cue is not None and "\n" not in gap and found[-1].end <= cue.sent.end_char <= quote.start and not text[cue.sent.end_char : quote.start].strip():
        return cue, found[-1].speaker  # '"...," said Li, a fellow at ... who has studied the talks for years. "..."'
    return None


def embedded_continuation(found: list[Found], quote: Quote, text: str, vocab: Cues) -> bool:
    """Return True for a quoted fragment that goes on with the direct quote just before, in its sentence.

    '"You know, I love him," he said, but "when it comes to energy ..."': the
    fragment after the attribution is the same speaker's, one statement. Not
    after a cue of its own: '..., adding that "..."' is a second statement.
    """
    if not found or found[-1].kind != "direct" or found[-1].cue is None or quote.start <= found[-1].end:
        return False
    cue = found[-1].cue
    sent = cue.sent
    gap = text[found[-1].end : quote.start]
    if not (quote.start < sent.end_char and len(gap) < 60 and "\n" not in gap and found[-1].start < sent.end_char):
        return False
    between = char_span(cue.doc, found[-1].end, quote.start)
    return between is None or not any(t.i != cue.i and t.lemma_.lower() in vocab.reporting and t.pos_ == "VERB" for t in between)


def own_paragraph(quote: Quote, text: str) -> bool:
    """Return True when a quote is its paragraph (a bullet mark aside), with no words outside it."""
    before = text.rfind("\n", 0, quote.start)
    after = text.find("\n", quote.end)
    return not text[before + 1 : quote.start].strip(" \t\u2022*-") and not text[quote.end : len(text) if after < 0 else after].strip()


def go_on(doc: Doc, text: str, found: list[Found], trailing: list[Quote]) -> None:
    """Extend a statement over the unattributed quote that opens the next sentence of its paragraph.

    'The summit accomplished "too little," he added. "Without changing course,
    Europe risks a lot."': the second sentence is the same speaker going on.
    """
    for quote in trailing:
        span = char_span(doc, quote.start, quote.start + 1)
        if span is None or span.sent.start == 0 or span.sent.start_char < quote.start - 1:
            continue  # the quote does not open its sentence
        prev = doc[span.sent.start - 1].sent
        last = max((f for f in found if f.end <= quote.start), key=lambda f: f.end, default=None)
        if last is None or not (prev.start_char <= last.end <= prev.end_char) or "\n" in text[last.end : quote.start]:
            continue
        last.end = _trim_end(text, quote)


_QUOTE_MARKS = "\"\u201c\u201d"


def in_open_quotes(text: str, found: list[Found]) -> None:
    """Mark as direct the reports inside a paragraph that opens a quote and never closes it.

    '"The violence we have lived through ... as a nation, Petro stressed. Here
    a new world is born, he added.': a quote mark opening a paragraph with no
    other mark in it holds the speaker's own words up to the attribution (the
    style of a quote that runs over paragraphs, or a closing mark lost).
    """
    for f in found:
        if f.kind != "indirect":
            continue
        start = text.rfind("\n", 0, f.start) + 1
        end = text.find("\n", f.end)
        paragraph = text[start : len(text) if end < 0 else end]
        lead = paragraph.lstrip()
        if lead[:1] in _QUOTE_MARKS and not any(c in _QUOTE_MARKS for c in lead[1:]):
            f.kind = "direct"


PARAGRAPH_REACH = 700  # characters back to the statement whose speaker an unattributed quote paragraph continues


def quote_paragraphs(doc: Doc, text: str, found: list[Found], orphans: list[Quote]) -> list[Found]:
    """Return statements for quote paragraphs without attribution, each the words of the speaker reported before.

    News style gives a speaker's next words their own paragraph without a new
    "he said": '"...," the minister said.' or 'Feltman said he was surprised.'
    then a paragraph '"What we heard ..."'. The speaker is the one of the
    latest statement before it, when it ended at most a few paragraphs back and
    no other person is named in between.
    """
    out: list[Found] = []
    for quote in orphans:
        last = max((f for f in found if f.end <= quote.start), key=lambda f: f.end, default=None)
        if last is None or quote.start - last.end > PARAGRAPH_REACH or text.count("\n\n", last.end, quote.start) > 2:
            continue
        between = char_span(doc, last.end, quote.start)
        if between is not None and any(e.label_ == "PERSON" and e.start_char >= last.end for e in span_ents(between)):
            continue  # someone else named since: the quote may be theirs
        out.append(Found(quote.inner_start, _trim_end(text, quote), "direct", last.speaker, last.cue, list(last.via), "quote_paragraph"))
    return out


def _trim_end(text: str, quote: Quote) -> int:
    end = quote.inner_end
    while end > quote.inner_start and text[end - 1] in ", ":
        end -= 1
    return end
