"""Reported speech: the statements of cue verbs, of nouns of saying and of "according to X"."""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from talktrack.extract.attribution import Cues, describe, noun_phrase, subject_of
from talktrack.extract.statements.content import content_of, first_that, goes_on_after, past_leading_time
from talktrack.extract.statements.cue_verbs import that_clause
from talktrack.extract.statements.found import Found, trim
from talktrack.gazetteer import Gazetteer
from talktrack.nlp.views import char_span, doc_columns


def reported_statement(
    doc: Doc, text: str, cue: Token, vocab: Cues, gaz: Gazetteer, quoted: list[tuple[int, int]]
) -> Found | None:
    """Return the reported-speech statement of a cue verb, or None when it reports nothing."""
    lemma = cue.lemma_.lower()
    if lemma in vocab.not_statements and not (lemma == "agree" and that_clause(cue)):
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
    elif (misparsed := trailing_apposed_subject(cue)) is not None:
        # "Talks will begin on Monday, Economy Secretary Ebrard said after ...", the name taken for an
        # apposition of the clause's last noun and "said" for a conjunct: the clause before the name is said
        speaker = describe(misparsed, gaz, vocab)
        content = doc[cue.sent.start : misparsed.left_edge.i - 1]
    else:
        content = content_of(cue, vocab)
        if content is None:
            return None
        if content.start == cue.i + 1:
            content = past_leading_time(content)
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
    start, end = trim(text, content)
    if end - start < 8:
        return None
    quoted_share = sum(max(0, min(end, e) - max(start, s)) for s, e in quoted)
    if quoted_share > 0.8 * (end - start):
        return None  # the quote pass owns it
    return Found(start, end, "indirect", speaker, cue, how="cited" if lemma == "cite" else "reported")


def trailing_apposed_subject(cue: Token) -> Token | None:
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


def said_in_nouns(doc: Doc, text: str, found: list[Found], gaz: Gazetteer, vocab: Cues) -> list[Found]:
    """Return what a noun of saying reports: "Iranian officials' statements ... that the negotiations would not ...".

    The noun (data/cues.yaml speech_nouns) governs a clause opened by "that"
    (not a relative clause: "the statement that he read"), and names its
    sayer as possessor or after "from"/"by" ("jibes from Brussels that ...").
    A noun with no sayer ("the claim that ...") is left alone.
    """
    out: list[Found] = []
    taken = [(f.start, f.end) for f in found]
    for noun in doc:
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in vocab.speech_nouns:
            continue
        # the clause opened by the first "that" after the noun's own phrases ("statements ahead of the talks
        # that ..."): the parser often hangs it from the phrases' last noun
        own = {t.i for c in noun.rights for t in c.subtree}
        that = first_that(noun, lambda t: t.i not in own)
        if that is None or that.dep_ != "mark":
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
        start, end = trim(text, content)
        if end - start < 8 or any(abs(s - start) < 8 and abs(e - end) < 8 for s, e in taken):
            continue  # found already; inside another report it is a report of its own ("insisted ..., despite jibes from Brussels that ...")
        speaker = describe(sayer, gaz, vocab)
        bare = re.sub(r"(?:['\u2019]s?)$", "", speaker.name).rstrip()  # "Iranian officials’ statements": the officials
        said = replace(speaker, name=bare, end=speaker.end - (len(speaker.name) - len(bare)))
        out.append(Found(start, end, "indirect", said, noun, how="nominal"))
        taken.append((start, end))
    return out


def according_to_statements(doc: Doc, text: str, found: list[Found], gaz: Gazetteer, vocab: Cues) -> list[Found]:
    """Return statements whose only attribution is "according to X": X said it, unless X relays another's words."""
    out: list[Found] = []
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
            continue  # a relay of a statement already found; fill_relays records it
        source = noun_phrase(pobj)
        # the source and what describes it: "According to a draft seen by our correspondent, China wants ..."
        last = max(source.end - 1, min(token.right_edge.i, sent.end - 1))
        clause = [t for t in sent if not (token.i <= t.i <= last or t.i == last + 1 and t.is_punct)]
        before = [t for t in clause if t.i < token.i and not t.is_punct]
        if len(before) >= 4 and not goes_on_after(doc, last + 1, sent.end):
            # "X would gain most, according to Y, more than any other group": what Y says comes first
            clause = [t for t in clause if t.i < token.i]
        if not clause or sent.root.lemma_.lower() in vocab.not_statements:
            continue  # "both sides agreed that ..., according to Xinhua" is an agreement: an event
        start, end = clause[0].idx, clause[-1].idx + len(clause[-1].text)
        span = char_span(doc, start, end)
        if span is None:
            continue
        s, e = trim(text, span)
        if e - s < 8:
            continue
        out.append(Found(s, e, "indirect", describe(pobj, gaz, vocab), token, how="according_to"))
    return out
