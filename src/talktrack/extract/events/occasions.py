"""The round a trigger's sentence ties it to: the occasion a verb happened at ("agreed during a meeting"), the
journey a round is the purpose of ("arrived in Moscow for consultations"), the round an agreement was made at,
a summit that is two leaders meeting, and the sides signing together.
"""

from __future__ import annotations

from spacy.tokens import Token

from talktrack.extract.attribution import subject_of
from talktrack.model import Event

ROUND_NOUNS = {"talk", "round", "meeting", "negotiation", "consultation", "summit"}
_EDGES = {"sideline", "sidelines", "margin", "margins"}


def hosted(token: Token) -> Token | None:
    """Return the verb a round is the occasion of: "agreed ... during a meeting", "signed at the talks", "talked on
    the sidelines of a G-20 meeting"."""
    if token.dep_ == "pobj" and token.head.lower_ in ("during", "at") and token.head.head.pos_ == "VERB":
        return token.head.head
    edge = token.head.head if token.dep_ == "pobj" and token.head.lower_ == "of" else None
    if edge is not None and edge.lemma_.lower() in _EDGES and edge.dep_ == "pobj" and edge.head.head.pos_ == "VERB":
        return edge.head.head
    holder = token.head.head if token.dep_ == "pobj" and token.head.lower_ in ("during", "at") else None
    if holder is not None and holder.dep_ in ("nsubj", "nsubjpass") and holder.head.pos_ == "VERB":
        return holder.head  # "Griffiths and al-Huthi during their meeting addressed ...": parsed onto the subject
    return None


def spoke_after(token: Token) -> Token | None:
    """Return the verb of one who acts right after a round with someone: "Hochstein spoke in Beirut following talks
    with Berri", "the minister said after a meeting with his counterpart". The round was with its subject; not
    when the round was "between" others, which an onlooker reports on."""
    if token.dep_ != "pobj" or token.head.lower_ not in ("after", "following") or token.head.head.pos_ != "VERB":
        return None
    preps = {c.lower_ for c in token.children if c.dep_ == "prep"}
    return token.head.head if "with" in preps and "between" not in preps else None


_SIGNING = {"sign", "ink", "initial"}
_PARTY_NOUNS = {"representative", "party", "side", "delegation", "negotiator", "leader", "envoy"}


def signed_together(token: Token) -> bool:
    """Whether the parties signed the agreement together: "representatives of the army and the RSF signed an
    agreement ... in Jeddah", "the two sides signed the deal". Signing brings the sides to one table, a meeting."""
    if token.dep_ != "dobj" or token.head.lemma_.lower() not in _SIGNING:
        return False
    subject = subject_of(token.head)
    if subject is None:
        return False
    named = [subject] + [t for t in subject.subtree if t.dep_ == "conj"]
    return len(named) > 1 or (subject.lemma_.lower() in _PARTY_NOUNS and subject.tag_ == "NNS")


def signing_meeting(agreement: Event) -> Event:
    """Return the meeting at which the sides signed an agreement: its place, day, signatories and evidence."""
    return Event(
        id="", type="meeting", start=agreement.start, end=agreement.end, place=agreement.place, status=agreement.status,
        participants=list(agreement.participants), plover="CONSULT", evidence=list(agreement.evidence),
        start_basis=agreement.start_basis, end_basis=agreement.end_basis, place_basis=agreement.place_basis,
    )


def bilateral(token: Token) -> bool:
    """Whether a summit is two leaders meeting each other, a meeting of their negotiation rather than a gathering
    of many: held by two coordinated subjects ("X and Y finalised the deal during a summit"), or "between" two."""
    between = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "between"), None)
    obj = next((c for c in between.children if c.dep_ == "pobj"), None) if between is not None else None
    if obj is not None:
        return sum(1 for c in obj.children if c.dep_ == "conj") == 1
    host = hosted(token)
    while host is not None and subject_of(host) is None and host.dep_ in ("acl", "relcl", "xcomp") and host.head.head.i != host.head.i:
        host = next((a for a in host.ancestors if a.pos_ in ("VERB", "AUX") and a.i != host.i), None)  # parsed on a clause
    subject = subject_of(host) if host is not None else None
    if subject is not None:
        conj = [c for c in subject.children if c.dep_ == "conj"]
        return len(conj) == 1 and not any(c.dep_ == "conj" for c in conj[0].children)
    return False


_JOURNEYS = {"arrive", "travel", "fly", "come", "go", "head", "return", "gather", "assemble", "be"}


def journey(token: Token) -> Token | None:
    """Return the verb of going somewhere that a round is the purpose of: "arrived in Moscow on Friday for
    consultations", "the delegation is in Geneva for talks". Where and when the delegates went is where and
    from when the round was held; "be" counts only with a place ("is in Geneva for talks", not "is for talks")."""
    if token.dep_ != "pobj" or token.head.lower_ != "for" or token.head.head.pos_ not in ("VERB", "AUX"):
        return None
    verb = token.head.head
    if verb.lemma_.lower() not in _JOURNEYS:
        return None
    if verb.lemma_.lower() == "be" and not any(
        c.dep_ == "prep" and c.lower_ in ("in", "at") or c.dep_ == "advmod" and c.lower_ in _THERE for c in verb.children
    ):
        return None
    return verb


_THERE = {"there", "here"}


def journey_there(verb: Token) -> Token | None:
    """Return the journey a "there" points back to: in "X will go to Doha on Sunday, and Y will be there for the
    talks", Y is where X goes, when X goes."""
    if not any(c.dep_ == "advmod" and c.lower_ in _THERE for c in verb.children):
        return None
    head = verb.head if verb.dep_ == "conj" else None
    return head if head is not None and head.lemma_.lower() in _JOURNEYS and head.lemma_.lower() != "be" else None


def made_at_summit(token: Token) -> bool:
    """Whether an agreement was made at a summit of many, another gathering than the round the story reports:
    "Johnson and von der Leyen agreed at a summit earlier this month that the meetings would restart". Its makers
    are not the round's leads, nor was it made where the round was."""
    pointed = round_pointed(token)
    return pointed is not None and pointed.lemma_.lower() == "summit" and not bilateral(pointed)


def round_pointed(token: Token) -> Token | None:
    """Return the round the trigger says it happened at: "renewed at the Lima talks in June" -> "talks"."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in ("at", "during"):
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.lemma_.lower() in ROUND_NOUNS:
                    return obj
    return None
