"""Who took part in an event: the people its sentence ties to the trigger (its subject, "with X", "led by X"),
a pronoun subject's latest quoted speaker, and a statement's speaker.
"""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan, Token

from talktrack.event_records import ROUND_TYPES
from talktrack.extract.attribution import subject_of
from talktrack.extract.events.occasions import ROUND_NOUNS, hosted, journey, journey_there, spoke_after
from talktrack.model import Mention, Participant, Span, Statement
from talktrack.nlp.views import char_span, doc_columns

_TAKING_PART = {"hold", "lead", "attend", "have", "conduct", "make", "pay"}  # "He Lifeng held talks"
_INCLUDING = {"include", "involve", "bring", "gather", "join"}  # "a meeting which included the finance ministers"
_LEAD_ROLES = {"talks": "lead", "meeting": "lead", "call": "lead", "summit": "lead", "visit": "lead", "briefing": "spokesperson"}


def participants_of(sent: SpacySpan, token: Token, kind: str, mentions: list[Mention]) -> list[Participant]:
    """Return the people the sentence ties to the trigger: its subject, "with X", "led by X"."""
    doc = sent.doc
    tied: set[int] = set()
    heads = [token]
    if token.pos_ in ("NOUN", "PROPN") and token.head.pos_ in ("VERB", "AUX"):
        heads.append(token.head)  # "He Lifeng held talks", "the talks, held ..., were led by"
    host = (hosted(token) or journey(token) or spoke_after(token)) if kind in ROUND_TYPES else None
    hosts: set[int] = set()
    if host is not None:  # "Griffiths and al-Huthi during their meeting addressed ...": they met; who came for it took part
        heads.append(host)
        went = journey_there(host)
        if went is not None:  # "X will go to Doha on Sunday, and Y will be there for the talks": X takes part too
            heads.append(went)
            hosts.add(went.i)
        hosts.add(host.i)
    for head in heads:
        subject = subject_of(head)
        if subject is not None and (head.i == token.i or head.i in hosts or head.lemma_ in _TAKING_PART
                                    or kind == "agreement" and head.lemma_ in ("sign", "initial", "ink")):
            tied.update(t.i for t in subject.subtree)
            reporter = _reporter(head, subject)
            if reporter is not None:  # "Choi said he conveyed ... during the meeting": Choi took part
                tied.update(t.i for t in reporter.subtree)
            for other in head.children:  # "Delegations led by Rubio and Lavrov met": the parser's second subject
                if other.dep_ in ("nsubj", "nsubjpass") and other.i != subject.i:
                    tied.update(t.i for t in other.subtree)
    for child in token.children:  # "the 85-minute meeting, which included Bessent and Greer"
        if child.dep_ in ("relcl", "acl") and child.lemma_.lower() in _INCLUDING:
            tied.update(t.i for c in child.children if c.dep_ == "dobj" for t in c.subtree)
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in ("with", "by", "between"):
                tied.update(t.i for t in child.subtree)
            if child.dep_ == "agent" or (child.dep_ == "dobj" and kind in ("meeting", "visit", "call")):
                tied.update(t.i for t in child.subtree)
    columns = doc_columns(doc)  # the walks test plain lists and make a Token only for a match
    for i in range(sent.start, sent.end):
        if columns.lemma_lower[i] != "lead" or columns.dep[i] not in ("acl", "relcl", "ROOT", "conj"):
            continue
        t = doc[i]
        if t.lemma_ == "lead" and any(a.i == token.i for a in [t.head, *t.children, *t.head.children]):
            for child in t.children:
                if child.dep_ == "agent":
                    tied.update(x.i for x in child.subtree)
    if kind in ROUND_TYPES:  # "the new round of talks in Stockholm ... with US lead person ... Bessent"
        for i in range(sent.start, sent.end):
            if columns.dep[i] == "prep" and columns.lower[i] in ("with", "between") or columns.dep[i] == "agent":
                tied.update(x.i for x in doc[i].subtree)
    role = _LEAD_ROLES.get(kind, "member")
    out: list[Participant] = []
    for m in mentions:
        if m.type != "person" or not (sent.start_char <= m.start < sent.end_char):
            continue
        span = char_span(doc, m.start, m.end)
        if span is not None and span.root.i in tied and not _described_by(span.root, token):
            out.append(Participant(m.name, None, m.country, role, Span(m.doc_id, m.start, m.end)))
    return out


def _reporter(verb: Token, subject: Token) -> Token | None:
    """Return who a "he" or "she" subject reports on themselves: the subject of the verb of saying above it."""
    if subject.pos_ != "PRON" or subject.lower_ not in ("he", "she") or verb.dep_ != "ccomp":
        return None
    said = subject_of(verb.head)
    return said if said is not None and said.pos_ == "PROPN" else None


def _described_by(root: Token, token: Token) -> bool:
    """Whether a name only describes another participant: "Security Advisor to Prime Minister Abiy Ahmed"."""
    prep = root.head
    return (
        root.dep_ == "pobj" and prep.lower_ in ("to", "of", "for", "under")
        and prep.head.pos_ in ("NOUN", "PROPN") and prep.head.i != token.i and prep.head.lemma_.lower() not in ROUND_NOUNS
    )


def pronoun_lead(sent: SpacySpan, token: Token, kind: str, statements: list[Statement]) -> list[Participant]:
    """Return the person a pronoun subject of a round sentence refers to: the latest person quoted.

    "He made the remarks during the new round of talks in Stockholm ..." after
    He Lifeng's statement: He Lifeng took part.
    """
    if kind not in ROUND_TYPES:
        return []
    root = sent.root
    subject = subject_of(root)
    if subject is None or subject.pos_ != "PRON" or subject.lower_ not in ("he", "she"):
        return []
    if any(s.cue_start == root.idx for s in statements):
        return []  # "the two sides held constructive discussions, he added": he reports the round, is not said to attend
    before = [s for s in statements if s.start < sent.start_char and s.speaker_start is not None]
    if not before:
        return []
    st = before[-1]
    return [Participant(st.speaker_name, None, st.speaker_side, "lead", speaker_span(st))]


def speaker_span(st: Statement) -> Span | None:
    """Return where a statement names its speaker, None where it names none."""
    if st.speaker_start is None or st.speaker_end is None:
        return None
    return Span(st.doc_id, st.speaker_start, st.speaker_end)
