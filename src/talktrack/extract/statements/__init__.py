"""Who said what: direct quotes and reported speech, with speakers, cues, relays and dates.

"He said ..., according to Xinhua" in a Global Times story is He Lifeng's
statement relayed by Xinhua; "citing Washington's top trade envoy, per a
Reuters report" names a described speaker and a relay; "He urged the US side
to ..." after "He Lifeng said" is He Lifeng again, whether "He" is his
surname or the pronoun. Agreements ("the two sides agreed to ...") are events,
not statements.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from rapidfuzz import fuzz
from spacy.tokens import Doc, Span, Token

from talktrack.confidence import confidence, speaker_method
from talktrack.extract.registry import extractor
from talktrack.extract.attribution import (
    Cues,
    Speaker,
    appositive_person,
    cues,
    describe,
    entity_span,
    is_outlet_phrase,
    lower_article,
    noun_phrase,
    subject_of,
)
from talktrack.extract.statements.quotes import Quote, find_headline_quotes, find_quotes
from talktrack.gazetteer import Gazetteer, load_gazetteer
from talktrack.model import Document, Statement, Timex, stable_id
from talktrack.nlp.components.section_breaks import DATELINE
from talktrack.nlp.views import char_span, doc_columns, doc_text, span_ents
from talktrack.settings import Settings

_EMBEDDED = re.compile(r"[A-Za-z0-9]\s*$")  # 'for a "productive meeting"': a quoted fragment inside a clause
_TRIM = " \t\n,;:.\"'\u201c\u201d\u2018\u2019"
# "OSLO, July 31 (Harbor Wire) --", "SINGAPORE —": a wire dateline opens the story, not the statement
HEADLINE_MATCH = 75  # rapidfuzz token-set ratio at which a headline quote restates a body statement


@dataclass(slots=True)
class _Found:
    """A statement being assembled, before its speaker is resolved."""

    start: int
    end: int
    kind: str
    speaker: Speaker
    cue: Token | None
    via: list[str] = field(default_factory=list)
    how: str = "reported"  # how it was attributed: one of talktrack.confidence.SPEAKER_ATTRIBUTIONS


@extractor("statements", needs=("entities", "timexes", "topics"))
def find_statements(document: Document, doc: Doc, settings: Settings, layers: dict[str, list[Any]]) -> Iterator[Statement]:
    """Yield the statements of `doc` in text order, each with speaker, cue, relays and date."""
    gaz = load_gazetteer(tuple(settings.gazetteers))
    vocab = cues()
    text = doc_text(doc)
    headings = [(sec.start, sec.end) for sec in document.sections if sec.kind in ("headline", "caption")]
    quotes = [q for q in find_quotes(text) if not _inside(q.start, headings)]
    found: list[_Found] = []
    orphans: list[Quote] = []
    trailing: list[Quote] = []  # unattributed quotes inside a paragraph: a sentence that goes on with the one before
    used_cues: set[int] = set()
    owned: list[tuple[int, int]] = []  # the quotes that became direct statements
    for quote in quotes:
        if _embedded_continuation(found, quote, text, vocab):
            found[-1].end = quote.inner_end  # '"I love him," he said, but "when it comes to energy ..."'
            owned.append((quote.start, quote.end))
            continue
        if _EMBEDDED.search(text[max(0, quote.start - 3) : quote.start]) and not _after_cue(doc, quote, vocab):
            continue
        attribution = _attribute_quote(doc, quote, vocab, gaz)
        if _continued_quote(found, quote, text, attribution) is not None:
            found[-1].end = quote.inner_end  # '"...," Li said. "..."': one utterance, one statement
            owned.append((quote.start, quote.end))
            continue
        how = "quote_cue"
        if attribution is None:
            attribution, how = _introduced(doc, quote, text, gaz, vocab), "quote_intro"
        if attribution is None:
            if _own_paragraph(quote, text):
                orphans.append(quote)
            else:
                trailing.append(quote)
            continue
        cue, speaker = attribution
        if cue is not None and _part_of_clause(cue, quote):
            continue  # 'added that most voters ..., because "in the end ..."': the clause is the statement
        if cue is not None:
            used_cues.add(cue.i)
        end = quote.inner_end
        while end > quote.inner_start and text[end - 1] in ", ":
            end -= 1  # '"The meetings were very productive," Bessent said': the comma is punctuation of the report
        found.append(_Found(quote.inner_start, end, "direct", speaker, cue, how=how))
        owned.append((quote.start, quote.end))
    quoted = [(q.start, q.end) for q in quotes]
    for cue in _cue_tokens(doc, vocab):
        if cue.i in used_cues or _inside(cue.idx, quoted) or _inside(cue.idx, headings):
            continue  # a headline's "Will urges ..." sums up the body, where the statement is
        outer = next((f for f in found if f.start <= cue.idx < f.end), None)
        if outer is not None and not _same_speaker_clause(cue, outer):
            continue  # nested speech belongs to its reporter's content
        statement = _reported(doc, text, cue, vocab, gaz, owned)
        if statement is not None:
            if outer is not None:  # "the US side said that ..., expressing willingness to ...": same speaker
                statement.speaker, statement.how = outer.speaker, "same_clause"
            found.append(statement)
    found.extend(_according_to(doc, text, found, gaz, vocab))
    found.extend(_said_in_nouns(doc, text, found, gaz, vocab))
    _go_on(doc, text, found, trailing)
    found.extend(_quote_paragraphs(doc, text, found, orphans))
    found.extend(_block_quotes(doc, text, found, vocab, gaz))
    found.sort(key=lambda f: f.start)
    _in_open_quotes(text, found)
    _relays(doc, found, gaz, vocab, document.outlet)
    found = _headline_quotes(doc, document, found, vocab, gaz) + found
    timexes: list[Timex] = layers.get("timexes", [])
    for said in _finish(document, doc, found, layers.get("entities", []), timexes, vocab, gaz):
        topics = [t.topic for t in layers.get("topics", []) if said.start <= t.start and t.end <= said.end]
        yield replace(said, topics=tuple(dict.fromkeys(topics)))


def _headline_quotes(doc: Doc, document: Document, found: list[_Found], vocab: Cues, gaz: Gazetteer) -> list[_Found]:
    """Return the quotes of a headline whose speaker the text gives.

    "'We will keep talking,' says Brekke" names its speaker; a bare quoted
    headline is someone's words only when the body has the same statement
    (the headline's "'US expresses its position in a tough manner ...'"
    restates what Li said in the body), and then it is that speaker's.
    """
    out: list[_Found] = []
    headlines = [s for s in document.sections if s.kind == "headline"]
    if not headlines:
        return out
    text = doc_text(doc)
    for section in headlines:
        for quote in find_headline_quotes(text, section.start, section.end):
            attribution = _attribute_quote(doc, quote, vocab, gaz)
            if attribution is not None:
                out.append(_Found(quote.inner_start, quote.inner_end, "direct", attribution[1], attribution[0], how="headline_cue"))
                continue
            words = text[quote.inner_start : quote.inner_end]
            scored = [(fuzz.token_set_ratio(words, text[f.start : f.end]), f) for f in found]
            ratio, best = max(scored, key=lambda p: p[0], default=(0.0, None))
            if best is not None and ratio >= HEADLINE_MATCH:
                out.append(_Found(quote.inner_start, quote.inner_end, "direct", best.speaker, None, list(best.via), "headline_match"))
    return out


def _same_speaker_clause(cue: Token, outer: _Found) -> bool:
    """Return True for a second report by the same speaker inside the first one's span.

    "said ..., expressing willingness to ...", "said, calling for the US to ...":
    a participle or a willingness phrase continues the speaker's own words.
    """
    return cue.lemma_.lower() in cues().stance or (cue.tag_ == "VBG" and outer.cue is not None and cue.head.i == outer.cue.i)


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


def _after_cue(doc: Doc, quote: Quote, vocab: Cues) -> bool:
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


def _cue_tokens(doc: Doc, vocab: Cues) -> list[Token]:
    """Return reporting verbs, outermost first so nested speech joins its reporter's content."""
    columns = doc_columns(doc)
    lemmas = vocab.reporting | vocab.stance | {"cite"}
    found = zip(columns.pos, columns.lemma_lower)
    verbs = [
        doc[i]
        for i, (pos, lemma) in enumerate(found)
        if pos in ("VERB", "AUX") and (lemma in lemmas or lemma == "put" and _puts_it(doc[i]) or lemma == "agree" and _that_clause(doc[i]))
    ]
    return sorted(verbs, key=lambda t: (len(list(t.ancestors)), t.i))


def _puts_it(verb: Token) -> bool:
    """Return True for "as the minister put it": a comment on the words before, an attribution."""
    return any(c.dep_ == "dobj" and c.lower_ == "it" for c in verb.children) and _as_clause(verb, subject_of(verb)) is not None


def _attribute_quote(doc: Doc, quote: Quote, vocab: Cues, gaz: Gazetteer) -> tuple[Token | None, Speaker] | None:
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
    for i in range(first.sent.start, last.sent.end):
        if columns.pos[i] not in ("VERB", "AUX"):
            continue
        if columns.lemma_lower[i] not in vocab.reporting and not _goes_on(doc[i], vocab) and not _puts_it(doc[i]):
            continue
        token = doc[i]
        if quote.start <= token.idx < quote.end:
            continue
        distance = token.idx - quote.end if token.idx >= quote.end else quote.start - token.idx + 1000
        candidates.append((distance, token))
    for _, cue in sorted(candidates, key=lambda c: c[0]):
        subject = subject_of(cue) or _inverted_subject(cue)
        if subject is not None and not (quote.start <= subject.idx < quote.end):
            return cue, describe(subject, gaz, vocab)
    return None


def _part_of_clause(cue: Token, quote: Quote) -> bool:
    """Return True when a quote is a small part of its cue's reported clause (under half of it).

    'She added that most of the vote seems anti-incumbent, which is a problem
    because, "in the end, we vote for somebody."': the reported clause, quote
    inside, is what was said; the reported-speech pass takes it whole.
    """
    clause = next((c for c in cue.children if c.dep_ == "ccomp"), None)
    if clause is not None:
        start, end = clause.left_edge.idx, clause.right_edge.idx + len(clause.right_edge)
    elif (stray := _stray_that_clause(cue)) is not None:  # 'said at ... that candidates may run, "as long as ..."'
        start, end = stray.start_char, stray.end_char
    else:
        return False
    if not (start <= quote.start and quote.end <= end + 1):
        return False
    return quote.end - quote.start < 0.5 * (end - start)


def _goes_on(verb: Token, vocab: Cues) -> bool:
    """Return True for '"...," she continued.': a verb of going on speaking, with nothing it goes on with.

    Such verbs (data/cues.yaml quote_verbs) attribute a quote beside them; with an
    object or a phrase after them ("the talks continued into the night") they report nothing.
    """
    return verb.lemma_.lower() in vocab.quote_verbs and not any(
        c.dep_ in ("dobj", "xcomp", "ccomp", "prep", "advcl", "attr", "acomp") for c in verb.rights
    )


def _inverted_subject(cue: Token) -> Token | None:
    """Return the subject after the verb in '"...," said Zhou Mi' when the parser made it an object.

    Right after the quote's closing marks a common noun is the speaker too: '"...," sighed a delegate'.
    """
    inverted = cue.i > 0 and cue.doc[cue.i - 1].is_punct
    for child in cue.rights:
        if child.dep_ in ("dobj", "attr", "npadvmod", "nsubj") and (
            child.ent_type_ == "PERSON" or child.pos_ == "PROPN" or inverted and child.pos_ == "NOUN"
        ):
            return child
    return None


def _continued_quote(
    found: list[_Found], quote: Quote, text: str, attribution: tuple[Token | None, Speaker] | None
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
    if _EMBEDDED.search(text[max(0, quote.start - 3) : quote.start]):
        return None
    if len(gap) < 120 and "\n\n" not in gap.strip("\n"):
        return found[-1].cue, found[-1].speaker
    cue = found[-1].cue
    if attribution is None and cue is not None and "\n" not in gap and found[-1].end <= cue.sent.end_char <= quote.start and not text[cue.sent.end_char : quote.start].strip():
        return cue, found[-1].speaker  # '"...," said Li, a fellow at ... who has studied the talks for years. "..."'
    return None


def _embedded_continuation(found: list[_Found], quote: Quote, text: str, vocab: Cues) -> bool:
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


def _own_paragraph(quote: Quote, text: str) -> bool:
    """Return True when a quote is its paragraph (a bullet mark aside), with no words outside it."""
    before = text.rfind("\n", 0, quote.start)
    after = text.find("\n", quote.end)
    return not text[before + 1 : quote.start].strip(" \t\u2022*-") and not text[quote.end : len(text) if after < 0 else after].strip()


def _go_on(doc: Doc, text: str, found: list[_Found], trailing: list[Quote]) -> None:
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


def _in_open_quotes(text: str, found: list[_Found]) -> None:
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


def _quote_paragraphs(doc: Doc, text: str, found: list[_Found], orphans: list[Quote]) -> list[_Found]:
    """Return statements for quote paragraphs without attribution, each the words of the speaker reported before.

    News style gives a speaker's next words their own paragraph without a new
    "he said": '"...," the minister said.' or 'Feltman said he was surprised.'
    then a paragraph '"What we heard ..."'. The speaker is the one of the
    latest statement before it, when it ended at most a few paragraphs back and
    no other person is named in between.
    """
    out: list[_Found] = []
    for quote in orphans:
        last = max((f for f in found if f.end <= quote.start), key=lambda f: f.end, default=None)
        if last is None or quote.start - last.end > PARAGRAPH_REACH or text.count("\n\n", last.end, quote.start) > 2:
            continue
        between = char_span(doc, last.end, quote.start)
        if between is not None and any(e.label_ == "PERSON" and e.start_char >= last.end for e in span_ents(between)):
            continue  # someone else named since: the quote may be theirs
        out.append(_Found(quote.inner_start, _trim_end(text, quote), "direct", last.speaker, last.cue, list(last.via), "quote_paragraph"))
    return out


def _trim_end(text: str, quote: Quote) -> int:
    end = quote.inner_end
    while end > quote.inner_start and text[end - 1] in ", ":
        end -= 1
    return end


_SIGNATURE = re.compile(r"[ \t]*\n[ \t]*[\u2014\u2013-]{1,2}[ \t]*(\S[^\n]{0,60})$", re.M)
_INTRO = re.compile(r"([^\n.!?:\u201c\u201d\"]{2,80}):[ \t]*(?:\n\s*)?$")


def _introduced(doc: Doc, quote: Quote, text: str, gaz: Gazetteer, vocab: Cues) -> tuple[Token | None, Speaker] | None:
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


def _block_quotes(doc: Doc, text: str, found: list[_Found], vocab: Cues, gaz: Gazetteer) -> list[_Found]:
    """Return the paragraphs set off as block quotes by 'The governor added:' closing the paragraph above.

    Transcripts and opinion pieces print the words after such a line without
    quote marks; the paragraph is what was said, word for word. A paragraph in
    quote marks is the quote pass's; a colon after anything but a cue verb with a
    subject ("the following tasks:") introduces a list, not speech.
    """
    out: list[_Found] = []
    if ":" not in text:
        return out
    for m in _BLOCK.finditer(text):
        cue = _cue_before_colon(doc, m.start(), vocab)
        subject = subject_of(cue) if cue is not None else None
        if subject is None or any(f.start <= m.start(1) < f.end for f in found):
            continue
        start, end = m.start(1), m.end(1)
        while end > start and text[end - 1] in _TRIM:
            end -= 1
        out.append(_Found(start, end, "direct", describe(subject, gaz, vocab), cue, how="block_quote"))
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


def _content_of(cue: Token, vocab: Cues) -> Span | None:
    """Return the reported clause of a cue verb: its complement clause, or object and infinitive."""
    doc = cue.doc
    lemma = cue.lemma_.lower()
    if lemma in vocab.stance:
        # "expressing welcome for enterprises ... to invest in China", "conveyed their commitment to ...":
        # the feeling and what it is about
        obj = next((c for c in cue.children if c.dep_ == "dobj" and c.lemma_.lower() in vocab.willingness), None)
        return doc[obj.left_edge.i : cue.right_edge.i + 1] if obj is not None else None
    if lemma == "talk":
        # "has talked of levying a tariff": what was spoken of; "talked with the envoy" reports nothing
        about = next((c for c in cue.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
        return doc[about.i + 1 : about.right_edge.i + 1] if about is not None and about.right_edge.i > about.i else None
    if lemma == "appeal":
        # "appealed to Saudi Arabia to increase output": to whom and what; "appealed for calm": what
        to = next((c for c in cue.rights if c.dep_ == "prep" and c.lower_ == "to"), None)
        act = next((c for c in cue.rights if c.dep_ == "xcomp"), None)
        if to is not None and act is not None and to.i < act.i:
            return doc[to.i + 1 : act.right_edge.i + 1]
        about = next((c for c in cue.rights if c.dep_ == "prep" and c.lower_ == "for"), None)
        return doc[about.i + 1 : about.right_edge.i + 1] if about is not None and about.right_edge.i > about.i else None
    if lemma == "thank":
        # "thanked the delegations for traveling to Geneva": whom, and for what
        obj = next((c for c in cue.children if c.dep_ == "dobj"), None)
        about = next((c for c in cue.rights if c.dep_ == "prep" and c.lower_ == "for"), None)
        if obj is None or about is None:
            return None
        return doc[obj.left_edge.i : about.right_edge.i + 1]
    if lemma == "call" and any(c.dep_ == "dobj" and c.tag_ == "WP" for c in cue.children):
        # "pushed the country into what the UN has called the world's worst crisis": the naming is what was said
        named = next((c for c in cue.rights if c.dep_ == "oprd"), None)
        return doc[named.left_edge.i : named.right_edge.i + 1] if named is not None else None
    if lemma in ("describe", "accuse"):
        # "described the meeting as 'a very strong start'", "accused Mexico of exporting ...": what was
        # said of whom, the object with its "as"/"of" phrase
        obj = next((c for c in cue.children if c.dep_ == "dobj"), None)
        word = "as" if lemma == "describe" else "of"
        # the parser often hangs "as ..." from the object's last noun: any "as" after the object will do;
        # "of" only when what follows is an act ("of exporting"), not the object's own ("the leader of the party")
        what = next(
            (t for t in cue.doc[obj.i + 1 : cue.right_edge.i + 1] if t.lower_ == word and (word == "as" or t.head.i == cue.i or t.nbor().tag_ == "VBG")),
            None,
        ) if obj is not None and obj.i > cue.i else None
        if obj is not None and what is not None and what.i < what.right_edge.i:
            if lemma == "describe":
                return doc[obj.left_edge.i : what.right_edge.i + 1]
            # what they are accused of; run on to the cue's end over a relative clause the parser hung elsewhere
            end = what.right_edge.i
            if not any(t.text in (",", ";", "(") for t in doc[end + 1 : cue.right_edge.i + 1]):
                end = max(end, cue.right_edge.i)
            return doc[what.i + 1 : end + 1]
    clause = next((c for c in cue.children if c.dep_ == "ccomp"), None)
    if clause is None and (around := _interrupted_clause(cue)) is not None:
        return around
    if clause is None and (stray := _stray_that_clause(cue)) is not None:
        return stray
    if clause is None and (told := _told_clause(cue)) is not None:
        return told
    if clause is None and lemma in ("highlight", "stress", "emphasize", "emphasise", "underline", "underscore", "note"):
        obj = next((c for c in cue.children if c.dep_ == "dobj"), None)
        if obj is not None:  # "Chinese experts highlighted the constructive atmosphere of the talks"
            return doc[obj.left_edge.i : obj.right_edge.i + 1]
    if clause is None and lemma in ("say", "add", "note"):
        # "X, He said." is sometimes parsed with the reported clause as an adverbial before the verb
        clause = next((c for c in cue.children if c.dep_ == "advcl" and c.i < cue.i and c.tag_ != "VBG"), None)
    if clause is not None:
        return doc[clause.left_edge.i : _split_off_object(cue, clause).right_edge.i + 1]
    if lemma in vocab.commissive:
        # "threatened to impose tariffs", "vowed to continue the talks": the announced act is the content
        act = next((c for c in cue.rights if c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.lefts)), None)
        if act is not None:
            return doc[act.left_edge.i : act.right_edge.i + 1]
    if lemma in ("urge", "call", "warn", "tell", "caution"):
        obj = next((c for c in cue.children if c.dep_ in ("dobj", "dative")), None)
        xcomp = next((c for c in cue.children if c.dep_ in ("xcomp", "ccomp") and c.i > cue.i), None)
        if obj is not None and xcomp is not None:
            return doc[obj.left_edge.i : xcomp.right_edge.i + 1]  # "urged the US side to work with China"
        about = next((c for c in cue.children if c.dep_ == "prep" and c.lower_ in ("of", "for", "against") and c.i > cue.i), None)
        if about is not None and _about_speech(cue, about):
            return doc[about.left_edge.i : about.right_edge.i + 1]  # "warned of production stoppages"
        if lemma == "call":  # "calling for the US to meet China halfway", parsed as a clause
            clause = next((c for c in cue.rights if c.dep_ in ("advcl", "xcomp", "ccomp")), None)
            if clause is not None:
                return doc[clause.left_edge.i : clause.right_edge.i + 1]
    return _preceding_clause(cue)


_CUE_PHRASES = frozenset({"prep", "dobj", "dative", "npadvmod", "advmod", "pobj"})


def _stray_that_clause(cue: Token) -> Span | None:
    """Return a reported clause the parser hung from a noun of the cue's own phrases.

    In "said at a press conference after the signing that candidates ... are
    allowed" or "told Reuters before Monday's meeting that the issues ... had
    been resolved", the "that" clause is taken for a relative clause of
    "signing" or "meeting". When every word between the cue and "that"
    belongs to the cue's objects and phrases, and "that" is followed by a
    subject and its verb (not a verb: "the conference that followed"), what
    follows "that" to the end of the sentence is what was said.
    """
    doc = cue.doc
    sent = cue.sent
    that = next((t for t in doc[cue.i + 1 : sent.end] if t.lower_ == "that" or t.is_punct and t.text not in (",",)), None)
    if that is None or that.lower_ != "that" or that.i == cue.i + 1 or that.dep_ == "det" or that.i + 2 >= sent.end:
        return None
    own = {t.i for c in cue.rights if c.dep_ in _CUE_PHRASES for t in c.subtree}
    if not all(i in own for i in range(cue.i + 1, that.i)):
        return None
    if any(c.dep_ == "dobj" and not _listener(c) for c in cue.children):
        return None  # "said the deal that ...": an object of its own, no clause reported
    nxt = doc[that.i + 1]
    if nxt.pos_ in ("VERB", "AUX") or nxt.is_punct:
        return None
    rest = doc[that.i + 1 : sent.end]
    if not any(t.dep_ in ("nsubj", "nsubjpass") for t in rest) or not any(t.pos_ in ("VERB", "AUX") for t in rest):
        return None
    return rest


def _told_clause(cue: Token) -> Span | None:
    """Return the clause a listener object was taken to govern: "told advisers he wanted to pull ...".

    Without "that", the parser often reads the reported clause as a relative
    clause of the one told. A clause right after the listener, with its own
    subject that is no relative pronoun, is what was told.
    """
    if cue.lemma_.lower() not in ("tell", "assure", "inform", "remind", "warn"):
        return None
    listener = next((c for c in cue.children if c.dep_ in ("dobj", "dative") and c.i > cue.i and c.pos_ in ("NOUN", "PROPN", "PRON")), None)
    if listener is None:
        return None
    clause = next((c for c in listener.rights if c.dep_ == "relcl"), None)
    if clause is None or clause.left_edge.i != listener.i + 1:
        return None
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < clause.i), None)
    if subject is None or subject.tag_ in ("WP", "WDT") or subject.lower_ == "that":
        return None
    return cue.doc[clause.left_edge.i : clause.right_edge.i + 1]


def _split_off_object(cue: Token, clause: Token) -> Token:
    """Return the last token-tree of a reported clause, counting an object a parenthetical split off it.

    In "said Kosovo agreed to launch, immediately, negotiations on ..." the
    parser takes the object after the inserted adverb for a conjunct or a
    second complement of the cue verb. A bare noun there, right after the
    clause, with no "and"/"or" and no subject of its own, is the clause's
    object: the content runs on.
    """
    doc = cue.doc
    after = next((c for c in cue.rights if c.dep_ in ("conj", "ccomp") and c.i > clause.right_edge.i), None)
    if after is None or after.pos_ not in ("NOUN", "PROPN") or any(c.dep_ in ("nsubj", "nsubjpass") for c in after.children):
        return clause
    between = doc[clause.right_edge.i : after.i]  # the clause may end with the comma before the insertion
    if not any(t.is_punct for t in between) or any(t.dep_ == "cc" or t.pos_ in ("VERB", "AUX", "CCONJ") for t in between[1:]):
        return clause
    return after


def _interrupted_clause(cue: Token) -> Span | None:
    """Return the whole sentence a parenthetical attribution interrupts: "Back home, Li said, he would ...".

    The parser hangs "Li said" from the reported clause (parataxis). What was
    said runs on both sides of it; the statement spans the clause, the
    attribution inside it, as annotators of attribution mark it.
    """
    head = cue.head
    if cue.dep_ != "parataxis" or head.i == cue.i or head.pos_ not in ("VERB", "AUX"):
        return None
    doc = cue.doc
    if cue.left_edge.i <= head.left_edge.i and head.i > cue.i and cue.i + 1 < head.i and doc[cue.i + 1].text == ",":
        # "Also, he said, Serbia and Kosovo agreed to ...": a lead-in attribution, what follows its comma is said
        return doc[cue.i + 2 : head.right_edge.i + 1]
    after = [t for t in doc[cue.right_edge.i + 1 : head.right_edge.i + 1] if not t.is_punct]
    if not after or cue.left_edge.i <= head.left_edge.i:
        return None  # "..., Li said." closes the sentence: the clause before it, as _preceding_clause finds
    return doc[head.left_edge.i : head.right_edge.i + 1]


_LISTENERS = frozenset({"investor", "official", "side", "government", "country", "member", "leader", "public", "company", "party"})


def _about_speech(cue: Token, about: Token) -> bool:
    """Return True when "of"/"for" says what a call or warning is about: "called for talks", "warned investors of
    losses"; not "called protests in Paris for next week", a time, after an object that is no listener."""
    if any(t.ent_type_ in ("DATE", "TIME") for t in about.subtree):
        return False
    listeners = {t.i for c in cue.children if c.dep_ in ("dobj", "dative") and _listener(c) for t in c.subtree}
    return all(i in listeners for i in range(cue.i + 1, about.i))


def _listener(token: Token) -> bool:
    """Return True for an object that can be told or warned: a name, a pronoun, or people and bodies."""
    return token.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or token.pos_ == "PRON" or token.lemma_.lower() in _LISTENERS


def _preceding_clause(cue: Token) -> Span | None:
    """Return the clause before a trailing attribution: "Xi will attend ..., the ministry announced on Friday"."""
    doc = cue.doc
    subject = next((c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    as_clause = _as_clause(cue, subject)
    if subject is None or subject.i > cue.i or any(c.dep_ == "dobj" and as_clause is None for c in cue.children):
        return None  # "When they left, neither side declared a breakthrough": the verb has its object
    edge = subject.left_edge.i
    sent = cue.sent
    if as_clause is not None:
        # '..., "and then other issues," as Iran's lead negotiator put it': the clause the "as" one comments on
        if as_clause.i == sent.start:  # "As the minister noted, the talks ...": the clause after it
            after = cue.right_edge.i + 1
            return doc[after + 1 : sent.end] if after + 1 < sent.end and doc[after].text == "," else None
        quoted = _quote_beside(cue, as_clause)
        if quoted is not None:  # "the requirement is a "lawful source of income," as a memo put it": the quote's words
            return quoted
        edge = as_clause.i
    if edge - 1 <= sent.start or doc[edge - 1].text not in (",", "—", "--"):
        return None
    if not _main_clause_in(doc[sent.start : edge - 1]):
        return None  # "With 214 delegates at stake, Clinton assured ...", "Though he has not ..., he pledged": no clause said
    if _goes_on_after(doc, cue.right_edge.i + 1, sent.end):
        return doc[sent.start : sent.end]  # "A paid 8.9 percent, the agency said, and B paid 0.8 percent"
    return doc[sent.start : edge - 1]


def _main_clause_in(span: Span) -> bool:
    """Return True when a span holds a clause of its own: a verb with a subject, not opened by "though", "when" ..."""
    return any(
        t.pos_ in ("VERB", "AUX")
        and any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in t.children)
        and not any(c.dep_ == "mark" for c in t.children)
        for t in span
    )


_COORDINATING = frozenset({"and", "but", "while", "whereas"})
_CLOSING_QUOTES = frozenset({'"', "\u201d", "\u2019", "'"})
_OPENING_QUOTES = frozenset({'"', "\u201c", "\u2018", "'"})


def _quote_beside(cue: Token, mark: Token) -> Span | None:
    """Return the quote an "as X put it" clause comments on: the one that closes right before it or opens right after."""
    doc = cue.doc
    sent = cue.sent
    i = mark.i - 1
    while i > sent.start and doc[i].text == ",":
        i -= 1
    if doc[i].text in _CLOSING_QUOTES:
        start = next((j for j in range(i - 1, sent.start - 1, -1) if doc[j].text in _OPENING_QUOTES), None)
        if start is not None and start + 1 < i:
            return doc[start + 1 : i]
    j = next((k for k in range(cue.i + 1, sent.end) if doc[k].text in _OPENING_QUOTES), sent.end)
    if j < sent.end and not any(t.pos_ in ("VERB", "AUX") for t in doc[cue.i + 1 : j]):
        end = next((k for k in range(j + 1, sent.end) if doc[k].text in _CLOSING_QUOTES), None)
        if end is not None and end > j + 1:
            return doc[j + 1 : end]
    return None


def _as_clause(cue: Token, subject: Token | None) -> Token | None:
    """Return the "as" that makes a cue a comment on another clause: "as a delegate noted", "as X put it"."""
    if subject is None:
        return None
    mark = next((c for c in cue.children if c.dep_ == "mark" and c.lower_ == "as"), None)
    return mark if mark is not None and mark.i == subject.left_edge.i - 1 else None


def _goes_on_after(doc: Doc, i: int, end: int) -> bool:
    """Return True when a comma and a coordinated clause follow an attribution: ', and those in the bottom fifth paid ...'."""
    while i < end and doc[i].is_punct and doc[i].text == ",":
        i += 1
    if i >= end or doc[i].lower_ not in _COORDINATING or i == 0 or doc[i - 1].text != ",":
        return False
    return any(t.pos_ in ("VERB", "AUX") for t in doc[i + 1 : end])


def _reported(
    doc: Doc, text: str, cue: Token, vocab: Cues, gaz: Gazetteer, quoted: list[tuple[int, int]]
) -> _Found | None:
    """Return the reported-speech statement of a cue verb, or None when it reports nothing."""
    lemma = cue.lemma_.lower()
    if lemma in vocab.not_statements and not (lemma == "agree" and _that_clause(cue)):
        return None  # "agreed to meet again" is an agreement; "agreed that the direction should be ..." a position
    content: Span | None
    if lemma == "cite":
        # "..., citing Washington's top trade envoy, per a Reuters report": the cited one speaks
        obj = next((c for c in cue.children if c.dep_ == "dobj"), None)
        clause = cue.head
        if obj is None or clause.i >= cue.i:
            return None
        speaker = describe(obj, gaz, vocab)
        content = doc[clause.left_edge.i : cue.left_edge.i]
    elif (misparsed := _trailing_apposed_subject(cue)) is not None:
        # "Talks will begin on Monday, Economy Secretary Ebrard said after ...", the name taken for an
        # apposition of the clause's last noun and "said" for a conjunct: the clause before the name is said
        speaker = describe(misparsed, gaz, vocab)
        content = doc[cue.sent.start : misparsed.left_edge.i - 1]
    else:
        content = _content_of(cue, vocab)
        if content is None:
            return None
        if content.start == cue.i + 1:
            content = _past_leading_time(content)
        subject = subject_of(cue)
        if subject is None and lemma in ("say", "report", "note", "add"):
            subject = next((c for c in cue.rights if c.ent_type_ == "ORG" and c.i <= cue.i + 3), None)  # "..., said Xinhua"
        if subject is None or subject.dep_ == "nsubjpass" and lemma in ("ask", "tell"):
            return None  # "Reagan was once asked how ...": the one asked is not the speaker
        if lemma in ("ask", "tell") and cue.tag_ == "VBN" and not any(c.dep_ == "aux" and c.lemma_ == "have" for c in cue.children):
            return None  # "Asked whether ..., the spokesperson said": a participle of the question put to the speaker
        speaker = describe(subject, gaz, vocab)
        # a bare capitalized word the tagger left unnamed ("Reuters reported") is a body's name, not a description
        named = subject.text[:1].isupper() and subject.pos_ != "NOUN" and not any(c.dep_ == "det" for c in subject.children)
        body = speaker.kind in ("outlet", "organization") or speaker.kind == "group" and named
        if body and _reports_speech(content, cue, vocab):
            # "He noted that ..., said Xinhua", "Dahlberg told Hradek ..., the office said": relays. A
            # described person is not ("Li had told officials that ..., the source added": both speak)
            return None
        if lemma in vocab.group_opinion and speaker.kind != "group":
            return None  # "Analysts believe" is a statement; "he hopes" alone is not reported speech
    start, end = _trim(text, content)
    if end - start < 8:
        return None
    quoted_share = sum(max(0, min(end, e) - max(start, s)) for s, e in quoted)
    if quoted_share > 0.8 * (end - start):
        return None  # the quote pass owns it
    return _Found(start, end, "indirect", speaker, cue, how="cited" if lemma == "cite" else "reported")


def _that_clause(verb: Token) -> bool:
    """Return True when a verb governs a clause opened by "that"."""
    return any(c.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children) for c in verb.children)


def _trailing_apposed_subject(cue: Token) -> Token | None:
    """Return the name right before a subjectless conjunct cue that the parser hung as an apposition after a comma."""
    if cue.dep_ != "conj" or cue.i == 0 or any(c.dep_ in ("nsubj", "nsubjpass") for c in cue.children):
        return None
    name = cue.doc[cue.i - 1]
    if name.dep_ != "appos" or name.ent_type_ != "PERSON" or name.head.i >= name.i:
        return None
    comma = name.left_edge.i - 1
    if comma <= cue.sent.start or cue.doc[comma].text != ",":
        return None
    return name


def _past_leading_time(content: Span) -> Span:
    """Return a clause without the time the parser hung from it rather than from its cue: in "said on
    Wednesday they had agreed ...", "on Wednesday" is when it was said."""
    first = content[0]
    end = first.right_edge.i + 1
    if first.dep_ != "prep" or end >= content.end or not all(t.ent_type_ in ("DATE", "TIME") for t in content.doc[first.i + 1 : end]):
        return content
    return content.doc[end : content.end]


def _reports_speech(content: Span, cue: Token, vocab: Cues) -> bool:
    """Return True when a clause holds reported speech of its own (a cue verb with a subject)."""
    columns = doc_columns(content.doc)
    return any(
        i != cue.i
        and columns.lemma_lower[i] in vocab.reporting
        and columns.pos[i] in ("VERB", "AUX")
        and subject_of(content.doc[i]) is not None
        and not _request(content.doc[i])
        for i in range(content.start, content.end)
    )


def _request(verb: Token) -> bool:
    """Return True for "had asked Ostrevia to scrap the fees": someone asked to do something, no words reported."""
    children = list(verb.children)
    return any(c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children) for c in children) and not any(
        c.dep_ in ("ccomp", "parataxis") for c in children
    )


def _trim(text: str, content: Span) -> tuple[int, int]:
    """Return character offsets of a clause without a leading "that" or surrounding punctuation."""
    start, end = content.start_char, content.end_char
    lead = re.match(r"(?:that|That)\s+", text[start:end]) or DATELINE.match(text, start, end)
    if lead:
        start = lead.end() if lead.re is DATELINE else start + lead.end()
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return start, end


def _said_in_nouns(doc: Doc, text: str, found: list[_Found], gaz: Gazetteer, vocab: Cues) -> list[_Found]:
    """Return what a noun of saying reports: "Iranian officials' statements ... that the negotiations would not ...".

    The noun (data/cues.yaml speech_nouns) governs a clause opened by "that"
    (not a relative clause: "the statement that he read"), and names its
    sayer as possessor or after "from"/"by" ("jibes from Brussels that ...").
    A noun with no sayer ("the claim that ...") is left alone.
    """
    out: list[_Found] = []
    taken = [(f.start, f.end) for f in found]
    for noun in doc:
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in vocab.speech_nouns:
            continue
        # the clause opened by the first "that" after the noun's own phrases ("statements ahead of the talks
        # that ..."): the parser often hangs it from the phrases' last noun
        own = {t.i for c in noun.rights for t in c.subtree}
        that = next((t for t in doc[noun.i + 1 : noun.sent.end] if t.lower_ == "that" or t.i not in own), None)
        if that is None or that.lower_ != "that" or that.dep_ != "mark":
            continue
        clause = that.head
        if clause.i < that.i or not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in clause.children):
            continue
        sayer = next((c for c in noun.children if c.dep_ == "poss" and c.pos_ != "PRON"), None)
        if sayer is None:
            prep = next((c for c in noun.rights if c.dep_ == "prep" and c.lower_ in ("from", "by") and c.i < clause.i), None)
            sayer = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
        if sayer is None:
            continue
        content = doc[that.i + 1 : clause.right_edge.i + 1]
        start, end = _trim(text, content)
        if end - start < 8 or any(abs(s - start) < 8 and abs(e - end) < 8 for s, e in taken):
            continue  # found already; inside another report it is a report of its own ("insisted ..., despite jibes from Brussels that ...")
        speaker = describe(sayer, gaz, vocab)
        bare = re.sub(r"(?:['\u2019]s?)$", "", speaker.name).rstrip()  # "Iranian officials’ statements": the officials
        said = replace(speaker, name=bare, end=speaker.end - (len(speaker.name) - len(bare)))
        out.append(_Found(start, end, "indirect", said, noun, how="nominal"))
        taken.append((start, end))
    return out


def _according_to(doc: Doc, text: str, found: list[_Found], gaz: Gazetteer, vocab: Cues) -> list[_Found]:
    """Return statements whose only attribution is "according to X": X said it, unless X relays another's words."""
    out: list[_Found] = []
    lower = doc_columns(doc).lower
    if "according" not in lower:
        return out  # most documents cite no one so
    for i, word in enumerate(lower):
        if word != "according" or i + 2 >= len(doc) or lower[i + 1] != "to":
            continue
        token = doc[i]
        pobj = next((c for c in doc[i + 1].children if c.dep_ == "pobj"), None)
        if pobj is None:
            continue
        sent = token.sent
        if any(sent.start_char <= f.start < sent.end_char for f in found):
            continue  # a relay of a statement already found; _relays records it
        source = noun_phrase(pobj)
        # the source and what describes it: "According to a draft seen by our correspondent, China wants ..."
        last = max(source.end - 1, min(token.right_edge.i, sent.end - 1))
        clause = [t for t in sent if not (token.i <= t.i <= last or t.i == last + 1 and t.is_punct)]
        before = [t for t in clause if t.i < token.i and not t.is_punct]
        if len(before) >= 4 and not _goes_on_after(doc, last + 1, sent.end):
            # "X would gain most, according to Y, more than any other group": what Y says comes first
            clause = [t for t in clause if t.i < token.i]
        if not clause or sent.root.lemma_.lower() in vocab.not_statements:
            continue  # "both sides agreed that ..., according to Xinhua" is an agreement: an event
        start, end = clause[0].idx, clause[-1].idx + len(clause[-1].text)
        span = char_span(doc, start, end)
        if span is None:
            continue
        s, e = _trim(text, span)
        if e - s < 8:
            continue
        out.append(_Found(s, e, "indirect", describe(pobj, gaz, vocab), token, how="according_to"))
    return out


def _relays(doc: Doc, found: list[_Found], gaz: Gazetteer, vocab: Cues, publisher: str | None) -> None:
    """Fill each statement's `via`: who relayed it, innermost first, never the publishing outlet.

    "according to Xinhua", "per a Reuters report", "CNN reported", "said
    Xinhua", "told Reuters"; "told the Global Times" in the Global Times is
    how the paper got it, not a relay.
    """
    own = _outlet_key(publisher, gaz)
    columns = doc_columns(doc)  # the walks test plain lists and make a Token only where a relay may be
    lower, lemmas = columns.lower, columns.lemma_lower
    for f in found:
        anchor = f.cue if f.cue is not None else char_span(doc, f.start, f.end)
        if anchor is None:
            continue
        sent = anchor.sent
        relays: list[tuple[int, int, str]] = []
        for i in range(sent.start, sent.end):
            source: Span | None = None
            rank = 1
            if lower[i] == "according" and i + 1 < len(doc) and lower[i + 1] == "to":
                pobj = next((c for c in doc[i + 1].children if c.dep_ == "pobj"), None)
                source = noun_phrase(pobj) if pobj is not None else None
            elif lower[i] == "per" and columns.dep[i] == "prep":
                pobj = next((c for c in doc[i].children if c.dep_ == "pobj"), None)
                source = noun_phrase(pobj) if pobj is not None else None
            elif lemmas[i] in vocab.reporting and (f.cue is None or i != f.cue.i) and columns.pos[i] in ("VERB", "AUX"):
                token = doc[i]
                subject = subject_of(token)
                if subject is None:
                    subject = next((c for c in token.rights if c.ent_type_ == "ORG"), None)
                source = noun_phrase(subject) if subject is not None else None
            elif lemmas[i] == "tell" and f.cue is not None and i == f.cue.i and _relays_interviews(publisher, gaz):
                obj = next((c for c in f.cue.children if c.dep_ in ("dobj", "dative")), None)
                source, rank = (noun_phrase(obj) if obj is not None else None), 0
            if source is None:
                continue
            name = is_outlet_phrase(source, gaz)
            if name is None or _outlet_key(name, gaz) == own or name == f.speaker.name:
                continue
            if f.speaker.kind in ("outlet", "organization") and _outlet_key(f.speaker.name, gaz) == _outlet_key(name, gaz):
                continue
            relays.append((rank, i, name))
        outer = next((g for g in found if g is not f and g.speaker.kind == "person" and _reports_inside(g, f)), None)
        names = [_short_name(name, gaz) for _, _, name in sorted(relays)]
        if outer is not None:  # Zhou quoting the trade representative: Zhou relays, then Zhou's relays
            names = [outer.speaker.name, *outer.via, *names]
        f.via = list(dict.fromkeys(names))


def _reports_inside(outer: _Found, inner: _Found) -> bool:
    """Return True when `inner` is speech that `outer`'s speaker reports ("Zhou added that ..., as X said")."""
    if outer.start <= inner.start and inner.end <= outer.end:
        return True
    if outer.cue is None or inner.cue is None or outer.cue.i == inner.cue.i:
        return False
    return any(a.i == outer.cue.i for a in inner.cue.ancestors) and inner.speaker.name != outer.speaker.name


def _relays_interviews(publisher: str | None, gaz: Gazetteer) -> bool:
    """Return True when "told the X" names a relay: unless the publisher is a website reposting a paper's story.

    In its own pages "told the Global Times" is how the paper got the words
    (the publisher's own name is left out by the caller); on a website
    reposting a paper's story, the paper named is the one that wrote it. With
    no known publisher, "told Reuters" in a trade paper's story is how the
    words reached it: a relay.
    """
    outlet = gaz.outlet(publisher) if publisher else None
    return outlet is None or outlet.kind != "website"


def _short_name(name: str, gaz: Gazetteer) -> str:
    """Return an outlet's canonical name ("VNA" and "Valdoria News Agency" are one relay)."""
    outlet = gaz.outlet(name)
    return outlet.name if outlet is not None else name


def _outlet_key(name: str | None, gaz: Gazetteer) -> str | None:
    if not name:
        return None
    outlet = gaz.outlet(name)
    return outlet.name if outlet else re.sub(r"^the\s+", "", name.strip(), flags=re.I)


def _finish(
    document: Document, doc: Doc, found: list[_Found], mentions: list[Any], timexes: list[Timex], vocab: Cues, gaz: Gazetteer
) -> Iterator[Statement]:
    """Resolve pronoun speakers, attach dates, and build the Statement records."""
    text = doc_text(doc)
    dates = _full_dates(doc, timexes)
    people = sorted((m for m in mentions if getattr(m, "type", None) == "person"), key=lambda m: m.start)
    organizations = sorted((m for m in mentions if getattr(m, "type", None) == "organization"), key=lambda m: m.start)
    last_person: Speaker | None = None
    roles: _Roles | None = None
    described: list[Speaker] = []
    for f in found:
        speaker = f.speaker
        pronoun = speaker.kind == "pronoun" or (speaker.kind == "person" and speaker.name in ("He", "She"))
        reading = "pronoun_unresolved" if pronoun else _READINGS.get(speaker.kind, "description")
        referred: Speaker | None = None  # what a pronoun stands for
        if speaker.kind == "pronoun" and speaker.name.lower() == "it":
            # "It also thanks ...": a body, never a person; the organization heading the sentence before
            referred = _subject_before(doc, speaker.start, organizations)
        elif speaker.kind == "pronoun" and speaker.name.lower() == "they":
            # "The Ministers of ... appreciate ... They noted ...": the plural subject before, never one person
            referred = _group_before(doc, speaker.start, gaz, vocab)
            if referred is not None:
                described.append(referred)
        elif pronoun:
            referred = _antecedent(speaker, last_person, people, _subject_before(doc, speaker.start, people))
        elif speaker.kind == "group" and (fuller := _fuller_group(doc, speaker, described)) is not None:
            speaker, reading = fuller, "role"  # "The Ministers of Foreign Affairs of A, B and C ... The Ministers agreed"
        elif speaker.kind == "group":
            roles = roles or _Roles(doc, people, gaz.honorifics)
            referent = roles.resolve(speaker, described)
            if referent is None and roles.salient_role(speaker, vocab):
                # "the Taoiseach tweeted" after "Irish premier Leo Varadkar has welcomed ...": no title
                # says so, but a definite role right after a person is that person, as "he" would be
                referent = _antecedent(speaker, last_person, people, _subject_before(doc, speaker.start, people))
                if referent is not None and _other_named_between(people, referent, speaker):
                    referent = None  # someone else named since: the role may be theirs
                if referent is not None:
                    referent = roles.untitled_instead(referent, speaker)
            if referent is None:
                referent = _named_organization(doc, speaker, mentions, vocab, (f.start, f.end))
            if referent is None:
                described.append(speaker)
            elif referent.kind == "person":  # the person's mention, to link; the words the text used, to keep
                last_person = referent
                speaker, reading = replace(referent, name=speaker.name), "role"
            else:
                speaker, reading = referent, "role"
        if referred is not None:
            speaker, reading = referred, "pronoun"
        if speaker.kind == "person" and f.speaker.kind != "group":
            last_person = speaker
        cue_text = None
        if f.cue is not None:
            cue_text = "according to" if f.cue.lower_ == "according" else f.cue.text
        said_on = _date_of(f, dates)
        method = speaker_method(f.how, reading)
        yield Statement(
            id=stable_id("st", document.id, f.start, f.end),
            doc_id=document.id,
            start=f.start,
            end=f.end,
            content=text[f.start : f.end],
            kind="direct" if f.kind == "direct" else "indirect",
            speaker_name=speaker.name,
            cue=cue_text,
            via=tuple(f.via),
            date=said_on.value if said_on is not None else None,
            speaker_start=speaker.start if speaker.kind != "pronoun" else None,
            speaker_end=speaker.end if speaker.kind != "pronoun" else None,
            speaker_side=speaker.side,
            cue_start=f.cue.idx if f.cue is not None else None,
            cue_end=f.cue.idx + len(f.cue.text) if f.cue is not None else None,
            date_basis=said_on.basis if said_on is not None else None,
            speaker_method=method,
            speaker_confidence=confidence("speaker", method),
        )


# how a speaker phrase that needed no resolving was read, by the kind `describe` gave it
_READINGS = {"person": "name", "organization": "organization", "outlet": "outlet", "group": "description"}


_NOT_PERSONAL = frozenset(
    {"side", "government", "ministry", "group", "party", "delegation", "statement", "office", "country", "organization",
     "alliance", "bloc", "team", "administration", "agency", "embassy", "document", "report", "source", "people"}
)  # heads of descriptions that name a body or a text, not one person
_INDEFINITE = frozenset({"a", "an", "one", "some", "another", "any", "many", "several", "two", "three"})


class _Roles:
    """What the document says each named person is, to resolve a description that refers back to one.

    "the high representative noted ...", "the former Nigerian leader said ...",
    "IMF Mission Chief ... was cited": a definite description or a bare title
    names someone the article has introduced with those words ("AU High
    Representative ..., former Nigerian President Olusegun Obasanjo"). Each
    person mention's role words are the titles the entities layer found plus
    the words the parse ties to the name: its premodifiers, its appositions and
    a title coordinated with it. The description's head noun counts twice, each
    modifier (a demonym, an organization, "former") once; a candidate needs the
    head or two modifiers, and the best one named last before the speaker wins
    (recency), else the nearest in the same sentence. An indefinite description
    ("a senior official") introduces someone unnamed and is left as it is; "the
    official" after it is that same unnamed speaker.
    """

    def __init__(self, doc: Doc, people: list[Any], honorifics: frozenset[str] = frozenset()) -> None:
        self.doc = doc
        self.people = [(m, self._context(m)) for m in people]
        self.honorifics = honorifics  # "Mr", "Dr": forms of address, no role

    def _context(self, mention: Any) -> frozenset[str]:
        words = {w.lower() for t in getattr(mention, "titles", ()) for w in re.findall(r"[\w-]+", t.title)}
        span = char_span(self.doc, mention.start, mention.end)
        if span is None:
            return frozenset(words)
        root = span.root
        phrases = [self.doc[root.left_edge.i : span.start]]
        if root.dep_ == "appos" or (root.dep_ == "conj" and root.head.ent_type_ != "PERSON"):
            phrases.append(self.doc[root.head.left_edge.i : root.head.i + 1])
        phrases += [self.doc[c.left_edge.i : c.i + 1] for c in root.rights if c.dep_ == "appos"]
        words |= {_word(t) for phrase in phrases for t in phrase if t.pos_ in ("NOUN", "PROPN", "ADJ")}
        return frozenset(words)

    def salient_role(self, speaker: Speaker, vocab: Cues) -> bool:
        """Return True for a definite description of one person's role that may stand for the person in focus.

        "the Taoiseach", "the EU's foreign policy chief", "the PM": definite, singular, a role
        word as head, and not one of the heads that usually stand for an unnamed source ("the official").
        """
        phrase = char_span(self.doc, speaker.start, speaker.end)
        if phrase is None or phrase[0].lower_ != "the" and not any(t.dep_ == "poss" for t in phrase):
            return False
        head = phrase.root
        lemma = head.lemma_.lower()
        return (
            head.tag_ in ("NN", "NNP")
            and not head.ent_type_
            and lemma not in _NOT_PERSONAL
            and lemma not in vocab.anonymous_heads
            and lemma not in vocab.group_heads
            and len(phrase) <= 6
        )

    def untitled_instead(self, referent: Speaker, speaker: Speaker) -> Speaker:
        """Return the person named beside `referent` with no role, when `referent` was introduced with another role.

        "Mr Johnson and EU commission chief Ursula von der Leyen agreed ... The PM
        has insisted ...": the commission chief is not "the PM"; the one named
        beside her with no title may be.
        """
        phrase = char_span(self.doc, speaker.start, speaker.end)
        words = next((w for m, w in self.people if m.start == referent.start), frozenset())
        if phrase is None or not words or _word(phrase.root) in words:
            return referent
        sent = char_span(self.doc, referent.start, referent.end)
        if sent is None:
            return referent
        bounds = (sent.sent.start_char, sent.sent.end_char)
        beside = [
            m for m, w in self.people
            if not w - self.honorifics and bounds[0] <= m.start < bounds[1] and m.start < speaker.start and m.text != referent.name
        ]
        if not beside:
            return referent
        m = beside[-1]
        return Speaker(m.text, m.start, m.end, "person", m.country)

    def resolve(self, speaker: Speaker, described: list[Speaker]) -> Speaker | None:
        """Return the person (or earlier described speaker) a definite description refers to, if one fits."""
        phrase = char_span(self.doc, speaker.start, speaker.end)
        if phrase is None or phrase[0].lower_ in _INDEFINITE:
            return None
        head = phrase.root
        if head.tag_ not in ("NN", "NNP") or head.lemma_.lower() in _NOT_PERSONAL or head.ent_type_:
            return None
        mods = {_word(t) for t in phrase if t.i != head.i and t.pos_ in ("NOUN", "PROPN", "ADJ")}
        key = _word(head)
        earlier = [d for d in described if d.end <= speaker.start and key in _description_words(self.doc, d)]
        if earlier and phrase[0].lower_ == "the":
            return earlier[-1]  # "a senior Hamas official said ... The official said": the same unnamed source
        best: tuple[int, int, Any] | None = None
        sent = phrase.sent
        for mention, words in self.people:
            score = 2 * (key in words) + len(mods & words)
            if score < 2 or mention.start >= speaker.start and mention.start >= sent.end_char:
                continue
            # before the description, the latest; in its own sentence after it, the nearest
            order = mention.start if mention.start < speaker.start else -mention.start
            if best is None or (score, order) > best[:2]:
                best = (score, order, mention)
        if best is None:
            return None
        m = best[2]
        return Speaker(m.text, m.start, m.end, "person", m.country)


def _named_organization(
    doc: Doc, speaker: Speaker, mentions: list[Any], vocab: Cues, content: tuple[int, int]
) -> Speaker | None:
    """Return the organization a definite "the alliance"/"the organization" speaker refers back to.

    Such a description is the organization the article has named: the latest
    one named with that very noun ("the 23-member OPEC+ alliance ... The
    alliance said"), else the latest organization named before it, outside
    what it says ('"... the World Health Assembly," explained the organization').
    """
    phrase = char_span(doc, speaker.start, speaker.end)
    if phrase is None or len(phrase) != 2 or phrase[0].lower_ != "the":
        return None
    key = phrase.root.lemma_.lower()
    if key not in vocab.organization_heads:
        return None
    before = [
        m
        for m in mentions
        if getattr(m, "type", None) == "organization" and m.end <= speaker.start and not content[0] <= m.start < content[1]
    ]
    if not before:
        return None
    called = [m for m in before if re.match(rf"\W{{0,2}}{re.escape(phrase.root.text)}\b", doc_text(doc)[m.end : m.end + 40], re.I)]
    m = (called or before)[-1]
    return Speaker(m.text, m.start, m.end, "organization", getattr(m, "country", None))


def _other_named_between(people: list[Any], referent: Speaker, speaker: Speaker) -> bool:
    """Return True when a person other than `referent` is named between its mention and `speaker`."""
    name = referent.name.split()[-1] if referent.name.split() else referent.name
    return any(referent.end <= m.start < speaker.start and name not in m.text for m in people)


def _word(token: Token) -> str:
    """Return the form a role word is compared by: a name's own text, a common noun's lemma."""
    return token.lower_ if token.pos_ == "PROPN" else token.lemma_.lower()


def _description_words(doc: Doc, speaker: Speaker) -> set[str]:
    phrase = char_span(doc, speaker.start, speaker.end)
    return {_word(t) for t in phrase} if phrase is not None else set()


def _antecedent(
    pronoun: Speaker, last_person: Speaker | None, people: list[Any], subject: Speaker | None = None
) -> Speaker | None:
    """Return the person a "he"/"she" (or the surname-or-pronoun "He") refers to.

    The person who is the subject of the sentence before it (or of its own,
    before it) when named after the latest person quoted: "Speaking to
    reporters, Venkataraman struck a patient note. 'Our doors are open,' he
    said." Else the latest person quoted before it, else the latest named.
    """
    if subject is not None and (last_person is None or last_person.start < subject.start):
        return subject
    if last_person is not None and last_person.start < pronoun.start:
        return last_person
    before = [m for m in people if m.end <= pronoun.start]
    if before:
        m = before[-1]
        return Speaker(m.text, m.start, m.end, "person", m.country)
    return None


def _subject_before(doc: Doc, start: int, people: list[Any]) -> Speaker | None:
    """Return the person (or organization, given those) heading the main clause of the sentence holding `start`
    (before it), else of the one before."""
    for subject in _main_subjects_before(doc, start):
        named = appositive_person(subject) or entity_span(subject)
        mention = next((m for m in people if named is not None and m.start <= named.start_char < m.end), None)
        if mention is not None:
            return Speaker(mention.text, mention.start, mention.end, getattr(mention, "type", "person"), mention.country)
    return None


def _main_subjects_before(doc: Doc, start: int) -> Iterator[Token]:
    """Yield the subject of the main clause of the sentence holding `start` (when before it), then of the one before."""
    span = char_span(doc, start, start + 1)
    if span is None:
        return
    sent = span.sent
    for clause in (sent, doc[sent.start - 1].sent if sent.start > 0 else None):
        if clause is None:
            continue
        subject = next((c for c in clause.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and subject.idx < start:
            yield subject


def _group_before(doc: Doc, start: int, gaz: Gazetteer, vocab: Cues) -> Speaker | None:
    """Return the plural subject a "they" stands for: the main clause's of the sentence holding it, else the one before.

    A plural noun phrase or coordinated names ("The Ministers of Foreign
    Affairs of Egypt, Ethiopia and Sudan", "Iran and the IAEA"); a pronoun or a
    single name there leaves "they" as it is.
    """
    for subject in _main_subjects_before(doc, start):
        if subject.pos_ == "PRON":
            continue
        if subject.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in subject.children):
            # the whole phrase up to its verb ("of Egypt, Ethiopia and Sudan"), which the parser may hang elsewhere
            verb = min([subject.head.i, *(c.i for c in subject.head.lefts if c.dep_ in ("aux", "auxpass", "neg"))])
            between = doc[subject.right_edge.i + 1 : verb]
            end = verb if verb > subject.i and not any(t.pos_ in ("VERB", "AUX") or t.text in ("(", "\u2014") for t in between) else subject.right_edge.i + 1
            phrase = doc[subject.left_edge.i : end]
            said = describe(subject, gaz, vocab)
            if said.kind not in ("group", "organization") or len(phrase) <= len(char_span(doc, said.start, said.end) or ()):
                return said
            return Speaker(lower_article(phrase.text), phrase.start_char, phrase.end_char, "group", said.side)
        return None
    return None


def _fuller_group(doc: Doc, speaker: Speaker, described: list[Speaker]) -> Speaker | None:
    """Return the earlier, fuller description a short definite one repeats: "the Ministers" after "the Ministers of ..."."""
    phrase = char_span(doc, speaker.start, speaker.end)
    if phrase is None or len(phrase) != 2 or phrase[0].lower_ != "the":
        return None
    short = speaker.name.lower()
    return next((d for d in reversed(described) if d.end <= speaker.start and d.name.lower().startswith(short + " ")), None)


def _full_dates(doc: Doc, timexes: list[Timex]) -> list[tuple[Timex, frozenset[int]]]:
    """Return each full date of the document with the tokens a cue must be for the date to be its day.

    "said on Sunday", "on Tuesday claimed": the date hangs from the cue itself. The
    tokens are the same for every statement, so they are found once per document.
    """
    out: list[tuple[Timex, frozenset[int]]] = []
    for t in timexes:
        if t.type != "DATE" or len(t.value) != 10 or t.value.startswith("X"):
            continue
        span = char_span(doc, t.start, t.end)
        if span is None:
            continue
        root = span.root
        head = root.head if root.head.dep_ == "prep" else root
        cues = {root.head.i}
        if head.dep_ in ("prep", "npadvmod", "tmod", "pobj"):
            cues.add(head.head.i)
        out.append((t, frozenset(cues)))
    return out


def _date_of(f: _Found, dates: list[tuple[Timex, frozenset[int]]]) -> Timex | None:
    """Return the date expression of the day a statement was made when the cue carries one (see `_full_dates`), not
    a date inside it."""
    if f.cue is None:
        return None
    return next((t for t, cues in dates if f.cue.i in cues and not f.start <= t.start < f.end), None)
