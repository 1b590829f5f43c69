"""Vocabulary and parse helpers for attribution: cue verbs, speakers, relays.

Shared by the statement extractor; the word lists live in data/cues.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.tokens import Span, Token

from talktrack.datafiles import bundled_yaml
from talktrack.gazetteer import Gazetteer
from talktrack.nlp.views import doc_ents, span_ents, span_text


@dataclass(frozen=True, slots=True)
class Cues:
    """Attribution vocabulary loaded from data/cues.yaml."""

    reporting: frozenset[str]
    group_opinion: frozenset[str]
    relay: frozenset[str]
    willingness: frozenset[str]
    not_statements: frozenset[str]
    group_heads: frozenset[str]
    pronouns: frozenset[str]
    anonymous_heads: frozenset[str] = frozenset()
    quote_verbs: frozenset[str] = frozenset()
    organization_heads: frozenset[str] = frozenset()
    commissive: frozenset[str] = frozenset()
    stance: frozenset[str] = frozenset({"express"})
    speech_nouns: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def cues() -> Cues:
    """Return the bundled attribution vocabulary."""
    raw: dict[str, Any] = bundled_yaml("cues.yaml")

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in raw.get(key) or [])

    return Cues(
        reporting=words("reporting_verbs"),
        group_opinion=words("opinion_verbs_for_groups"),
        relay=words("relay_verbs"),
        willingness=words("willingness_nouns"),
        not_statements=words("not_statements"),
        group_heads=words("group_heads"),
        pronouns=words("pronouns"),
        anonymous_heads=words("anonymous_heads"),
        quote_verbs=words("quote_verbs"),
        organization_heads=words("organization_heads"),
        commissive=words("commissive_verbs"),
        stance=words("stance_verbs") or frozenset({"express"}),
        speech_nouns=words("speech_nouns"),
    )


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who a cue's subject names: a mention span, how to call it, and its side."""

    name: str
    start: int
    end: int
    kind: str  # person, organization, outlet, group, pronoun
    side: str | None = None


def subject_of(verb: Token) -> Token | None:
    """Return the subject of `verb`, borrowing it from the verb it is coordinated with or hangs from.

    "the US side said ..., expressing willingness to ...": the participle has
    the subject of "said".
    """
    seen = 0
    while seen < 4:
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                return child
        for child in verb.lefts:
            if child.ent_type_ == "PERSON":  # "Will told reporters": a surname the parser made a modal
                return child
        before = verb.doc[verb.i - 1] if verb.i > 0 else None
        if before is not None and before.ent_type_ == "PERSON" and verb.tag_ in ("VBD", "VBZ"):
            return before  # "Speaking to reporters in Oslo, Brekke said": the parse hung the name elsewhere
        if verb.dep_ in ("conj", "advcl", "xcomp") and verb.head.i != verb.i:
            verb = verb.head
            seen += 1
            continue
        if verb.dep_ == "ccomp" and seen > 0 and verb.head.i != verb.i:
            # 'Cohen said "there are talks" but reiterated that ...': the parser tied the second
            # verb to the quoted clause, which has no subject of its own; the reporter's is meant
            verb = verb.head
            seen += 1
            continue
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":  # "He said after meeting X": He met X
            verb = verb.head.head
            seen += 1
            continue
        return None
    return None


def entity_span(token: Token) -> Span | None:
    """Return the named entity `token` belongs to, if any."""
    if not token.ent_type_:
        return None
    for ent in doc_ents(token.doc):
        if ent.start <= token.i < ent.end:
            return ent
    return None


def noun_phrase(token: Token) -> Span:
    """Return the noun phrase headed by `token`, without appositions, relative clauses or trailing commas."""
    doc = token.doc
    left = token.left_edge.i
    right = token.i
    for child in token.rights:
        if child.dep_ in ("appos", "relcl", "acl", "punct", "cc", "conj", "advmod", "prep"):
            break
        right = child.right_edge.i
    return doc[left : right + 1]


def side_of(phrase: Span, gaz: Gazetteer) -> str | None:
    """Return the side a description names: "the US side" -> US, "Washington's top trade envoy" -> US."""
    for token in phrase:
        code = gaz.country_of(token.text)
        if code:
            return code
    return None


def describe(token: Token, gaz: Gazetteer, cue_set: Cues) -> Speaker:
    """Return the speaker named by a subject token: an entity, a pronoun or a description."""
    token = antecedent_of_relative(token)
    ent = entity_span(token)
    if ent is not None and ent.label_ == "PERSON":
        return Speaker(span_text(ent), ent.start_char, ent.end_char, "person")
    if ent is not None and ent.label_ in ("ORG", "NORP", "GPE"):
        outlet = gaz.outlet(span_text(ent))
        phrase = noun_phrase(token)
        heads_it = ent.start <= token.i < ent.end  # "EU officials", "a UN source": the officials speak, not the EU
        if outlet is not None or heads_it and ent.label_ == "ORG" and phrase.start >= ent.start - 1 and len(phrase) <= len(ent) + 1:
            if outlet is not None:
                return Speaker(without_the(span_text(ent)), ent.start_char, ent.end_char, "outlet", outlet.country)
            return Speaker(_as_written(ent), ent.start_char, ent.end_char, "organization")
    if token.lemma_.lower() in ("statement", "report"):
        # "according to a statement on the MOFCOM website": the site or outlet speaks
        for prep in token.children:
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep.dep_ == "prep" else None
            if pobj is not None and prep.lower_ in ("on", "by", "from", "of"):
                phrase = noun_phrase(pobj)
                return Speaker(without_the(span_text(phrase)), phrase.start_char, phrase.end_char, "organization", side_of(phrase, gaz))
    if token.lemma_.lower() == "report":
        # "A Bloomberg report noted ...": the outlet speaks
        reporter = next((e for e in doc_ents(token.doc) if token.left_edge.i <= e.start < token.i), None)
        if reporter is not None:
            return Speaker(span_text(reporter), reporter.start_char, reporter.end_char, "outlet")
    if token.lower_ in cue_set.pronouns and token.pos_ == "PRON":
        return Speaker(token.text, token.idx, token.idx + len(token.text), "pronoun")
    named = appositive_person(token) or conjoined_person(token)
    if named is not None:  # "India's commerce minister, Arvind Kulkarni, said": the person, of the side the role names
        return Speaker(span_text(named), named.start_char, named.end_char, "person", side_of(noun_phrase(token), gaz))
    # "Saudi Arabia and the United States said in a joint statement": the named bodies speak together
    phrase = with_affiliation(token, noun_phrase(token), gaz)
    if token.ent_type_ in ("GPE", "ORG", "NORP"):
        phrase = _with_conjoined_names(token, phrase)
    text = lower_article(span_text(phrase))
    return Speaker(text, phrase.start_char, phrase.end_char, "group", side_of(phrase, gaz))


def appositive_person(token: Token) -> Span | None:
    """Return the person a description names in apposition: "the shadow trade secretary, Fiona MacAllister"."""
    for child in token.rights:
        if child.dep_ == "appos":
            ent = entity_span(child)
            return ent if ent is not None and ent.label_ == "PERSON" else None
    return None


def antecedent_of_relative(token: Token) -> Token:
    """Return the person a relative pronoun stands for: in "Khalilzad, who has stressed ...", Khalilzad.

    Only a named person: a relative clause after a common noun attaches too
    often to the wrong noun ("Democrats on Capitol Hill, who ...") to be trusted.
    """
    if token.tag_ in ("WP", "WDT") and token.head.dep_ == "relcl" and token.head.head.ent_type_ == "PERSON":
        return token.head.head
    return token


def conjoined_person(token: Token) -> Span | None:
    """Return the person a bare title is coordinated with: "EU negotiator and Political Director Enrique Mora".

    Two titles joined before one name are that person's; a singular title with no
    determiner cannot be a second speaker ("the president and Mora" are two, and stay a phrase).
    """
    if token.tag_ not in ("NN", "NNP") or any(c.dep_ in ("det", "poss") for c in token.children):
        return None
    for child in token.rights:
        if child.dep_ == "conj":
            ent = entity_span(child)
            return ent if ent is not None and ent.label_ == "PERSON" else None
    return None


_AFFILIATING = {"of", "for", "at", "from", "with"}


def with_affiliation(token: Token, phrase: Span, gaz: Gazetteer) -> Span:
    """Return `phrase` with the prepositional phrase that says whom it speaks for, if one follows it.

    "a spokesman of the Ostrevian Commerce Ministry", "an official at the US Treasury", "a
    spokesperson for the prime minister, X": the organization, country or person is whom it
    speaks for, and its side the speaker's. A phrase after the
    head that names neither ("a spokesman at a briefing on Monday") is left out.
    """
    doc = token.doc
    for prep in token.rights:
        if prep.dep_ != "prep" or prep.lower_ not in _AFFILIATING or prep.i != phrase.end:
            continue
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if pobj is None:
            break
        extended = _with_conjoined_names(pobj, noun_phrase(pobj))
        # "a spokesperson for Prime Minister X": speaking for a person is an affiliation too
        labels = ("ORG", "GPE", "NORP", "PERSON") if prep.lower_ == "for" else ("ORG", "GPE", "NORP")
        names = any(e.label_ in labels for e in span_ents(extended))
        if names or side_of(extended, gaz) is not None:
            return doc[phrase.start : extended.end]
        break
    return phrase


def _with_conjoined_names(token: Token, phrase: Span) -> Span:
    """Return `phrase` run on over the names coordinated with it: "of Mexico, the United States and Canada".

    Those who speak for several countries or bodies speak for all of them; a
    coordinated common noun ("of the ministry and its partners") is left out.
    """
    last = token
    while (nxt := next((c for c in last.rights if c.dep_ == "conj"), None)) is not None:
        if nxt.ent_type_ not in ("GPE", "ORG", "NORP"):
            return phrase
        last = nxt
    if last is token:
        return phrase
    ent = entity_span(last)  # "the United States of America": the whole name, past its "of"
    return token.doc[phrase.start : max(noun_phrase(last).end, ent.end if ent is not None else 0)]


def lower_article(text: str) -> str:
    """Return a description without the capital its article has opening a sentence: "The US side" is "the US side"."""
    return re.sub(r"^(The|A|An) ", lambda m: m.group(1).lower() + " ", text)


def _as_written(ent: Span) -> str:
    """Return an organization's name as the sentence gives it, with its article: "the IMF said" names "the IMF".

    The entity it links to keeps the bare name; the statement keeps the words.
    """
    text = span_text(ent)
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    if before is not None and before.lower_ == "the" and before.head.i in range(ent.start, ent.end):
        text = "the " + text
    return "the" + text[3:] if text.startswith("The ") else text


def without_the(text: str) -> str:
    """Return `text` without a leading "the" (any case): "the Associated Press" names "Associated Press"."""
    return text[4:] if text.lower().startswith("the ") else text


def is_outlet_phrase(phrase: Span, gaz: Gazetteer) -> str | None:
    """Return the outlet a phrase names ("Xinhua", "a Reuters report", "the US media"), if it names one."""
    stripped = without_the(span_text(phrase))
    if gaz.outlet(stripped) is not None or gaz.looks_like_outlet(stripped):
        return stripped
    ents = span_ents(phrase)
    for ent in ents:
        ent_text = span_text(ent)
        if gaz.outlet(ent_text) is not None:
            return without_the(ent_text)
    if phrase.root.lemma_.lower() in ("media", "press") or phrase.root.lemma_.lower() == "report" and ents:
        words = [t.text for t in phrase if t.lower_ not in ("the", "a", "an", "report")]
        return " ".join(words) or None
    return None
