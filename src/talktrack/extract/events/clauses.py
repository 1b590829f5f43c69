"""What the clause around a trigger says of its event: a condition, a request or a denial (no event yet), two
sides acting together, another trigger it acts on, a round set apart or counted in a series, and whether the
event is over, scheduled or proposed.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from talktrack.event_records import ROUND_TYPES
from talktrack.extract.attribution import subject_of
from talktrack.extract.event_words import EventWords
from talktrack.extract.timex.calendar import FUTURE, PAST
from talktrack.extract.timex.direction import direction_at
from talktrack.extract.timex.grammar import vocabulary
from talktrack.model import Mention
from talktrack.nlp.views import char_span

_CONDITIONS = {"if", "unless", "whether"}


def noun_phrase_heads(token: Token) -> list[Token]:
    """Return `token` and the nouns it hangs from by prepositions: "countries" in "the truce between the two countries"."""
    out = [token]
    while token.dep_ == "pobj" and token.head.dep_ == "prep" and token.head.head.i != token.head.i:
        token = token.head.head
        out.append(token)
    return out


def acted_on(token: Token, found: list[tuple[Token, str]]) -> bool:
    """Whether the trigger is a relative clause on what another measure or agreement of the sentence acts on."""
    if token.dep_ != "relcl":
        return False
    governing = {t.i for t, k in found if t.i != token.i and k in ("measure", "agreement")}
    return token.head.i in governing or any(a.i in governing for a in token.head.ancestors)


def other_triggers(found: list[tuple[Token, str]], kind: str) -> frozenset[int]:
    """Return the token indices of the sentence's triggers of other events (the rounds' words count as one)."""
    rounds = kind in ROUND_TYPES
    return frozenset(t.i for t, k in found if k != kind and not (rounds and k in ROUND_TYPES))


def conditional(token: Token) -> bool:
    """Whether the trigger's clause is a condition or depends on one.

    "unless both sides agree to extend it"; "if they agree on quotas, the duties will be lifted".
    """
    for t in (token, *token.ancestors):
        if any(c.dep_ == "mark" and c.lower_ in _CONDITIONS for c in t.children):
            return True
        if any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children) for c in t.children):
            return True
        if t.dep_ not in ("xcomp", "aux", "conj"):
            break
    return False


def requested(token: Token, words: EventWords) -> bool:
    """Whether the measure is what someone asks for: "urged Argentina to lift the duties", "expects them to scrap it".

    Only a clause that has not happened counts: an infinitive or a modal
    ("should lift"); "insisted that Argentina had lifted the duties" reports a measure.
    """
    t = token.head if token.pos_ in ("NOUN", "PROPN") and token.dep_ in ("dobj", "nsubjpass") else token  # "(failed to) reach an agreement"
    while t.dep_ in ("xcomp", "ccomp", "conj") and t.head.i != t.i:
        if t.dep_ == "ccomp" and not _unrealised(t):
            return False
        t = t.head
        if t.lemma_.lower() in words.requests:
            return True
    return False


def denied(token: Token) -> bool:
    """Whether the measure or agreement is negated or only required: "did not agree", "must reach an agreement".

    For a noun trigger the verb it is the object of counts ("failed to reach agreement" is a request-like
    verb, see `requests`; "reached no agreement" has its own determiner).
    """
    verb = verb_of(token)
    if any(c.dep_ == "neg" for c in verb.children) or any(c.lower_ == "no" and c.dep_ == "det" for c in token.children):
        return True
    return any(c.dep_ == "aux" and c.lower_ in ("must", "should") for c in verb.children)


def verb_of(token: Token) -> Token:
    """Return the trigger if it is a verb, else the word it hangs from ("reached" for "reached a deal")."""
    return token if token.pos_ in ("VERB", "AUX") else token.head


def _unrealised(verb: Token) -> bool:
    """Whether a clause is an infinitive or a modal one: "(expects Argentina) to lift", "(that it) should lift"."""
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    return verb.tag_ == "VB" and bool(auxes & {"to", "should", "would", "could", "must", "will", "shall", "might"})


def mutual(token: Token, mentions: list[Mention]) -> bool:
    """Whether two sides act together: "Brazil and Argentina will suspend ...", "the two sides will cut".

    The coordinated subjects must name two different countries; two offices
    of one government ("the Commerce Department and the Treasury") are one side.
    """
    subject = subject_of(token)
    if subject is None:
        return False
    doc = token.doc
    countries: set[str] = set()
    for t in (subject, *(c for c in subject.subtree if c.dep_ == "conj" and c.head.i != c.i)):
        for m in mentions:
            span = char_span(doc, m.start, m.end)
            if span is not None and span.start <= t.i < span.end and m.country:
                countries.add(m.country)
    if len(countries) >= 2:
        return True
    return subject.lemma_.lower() in ("side", "country", "government") and any(c.lower_ in ("both", "two") for c in subject.children)


def _over_before(token: Token) -> bool:
    """Whether the text tells what came after the round in the present or past: "After the meeting ... there is no
    indication that the tariffs will be withdrawn", "following the talks, he said": the round is over, whatever
    the rest of the sentence says of the future. Not "after the talks, they will meet the press"."""
    if token.dep_ != "pobj" or token.head.lower_ not in ("after", "following"):
        return False
    verb = token.head.head
    if verb.pos_ not in ("VERB", "AUX") or verb.tag_ not in ("VBD", "VBZ", "VBP"):
        return False
    return not any(c.dep_ == "aux" and c.lower_ in ("will", "would", "shall", "'ll") for c in verb.children)


def status_of(doc: Doc, token: Token, start: str | None, published: str | None) -> str:
    """Return occurred or scheduled from the trigger's tense, else from its date against publication."""
    modifiers = {c.lower_ for c in token.children}
    if modifiers & {"should", "could", "may", "might", "must"}:
        return "proposed"  # "negotiators should meet again this month"
    if modifiers & {"planned", "upcoming", "scheduled", "expected", "next", "coming"}:
        return "scheduled"  # "ahead of a planned state visit"
    if modifiers & {"proposed", "possible", "potential"}:
        return "proposed"
    if _over_before(token):
        return "occurred"
    direction = direction_at(doc, token.idx, token.idx + len(token.text), vocabulary())
    if direction == FUTURE:
        return "scheduled"
    if direction == PAST:
        return "occurred"
    if start and published:
        return "scheduled" if start > published else "occurred"
    return "unknown"


_APART = {"previous", "earlier", "prior", "past", "former", "preceding"}


def set_apart(token: Token) -> bool:
    """Whether the text says the round is another than the one it reports: "a previous round", "earlier talks"."""
    return any(c.dep_ in ("amod", "advmod", "compound") and c.lower_ in _APART for c in token.children)


def in_series(token: Token) -> bool:
    """Whether the text counts the round in a series of rounds: "the first six rounds of talks", "the seventh round";
    not "a round of talks", "a previous round" (which may have been anywhere) nor "talks"."""
    while token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lemma_.lower() == "round":
        token = token.head.head
    if token.lemma_.lower() != "round":
        return False
    ordinals = vocabulary().ordinals
    return any(c.dep_ in ("amod", "nummod") and c.lower_ in ordinals for c in token.children)


def reported_act(token: Token) -> bool:
    """Whether the trigger reports an agreement being made, with who made it: "the two sides agreed", "reached
    basic consensuses"; not one referred to in passing ("a 90-day truce agreed upon by the two sides")."""
    verb = verb_of(token)
    return verb.dep_ not in ("acl", "amod", "relcl") and subject_of(verb) is not None
