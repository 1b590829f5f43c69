"""Sides: the country or body that a name, a demonym, a possessive or the words around a title give."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from talktrack.gazetteer import Gazetteer


def side_ending_at(doc: Doc, i: int, gaz: Gazetteer, bodies: bool = False) -> tuple[str, int] | None:
    """Return the side named by the words ending at token `i`, and where they start.

    "Iranian", "South Korean", "the European Union's", "Mexico's": a country
    name or demonym, or the possessive of a body the gazetteer gives a side. A
    body named without "'s" stays in the title ("United Nations Secretary-General",
    "Foreign Ministry spokesperson"), which gives the side if nothing else does;
    a capital is a place here, not a side ("Geneva talks"). With `bodies`, a
    body is a side also without "'s" ("Hezbollah commanders").
    """
    possessive = doc[i].text in ("'s", "’s", "'", "’") and i > 0
    if possessive:
        i -= 1
    tok = doc[i]
    start = i
    if tok.ent_iob_ in ("B", "I") and tok.ent_type_ in ("GPE", "ORG", "NORP", "LOC"):
        while start > 0 and doc[start].ent_iob_ == "I":
            start -= 1
        if doc[start].lower_ == "the":
            start += 1
    for first in sorted({start, max(i - 1, 0), i}):
        text = doc[first : i + 1].text
        if text in gaz.capitals:
            continue
        code = gaz.country_names.get(text) or gaz.demonyms.get(text) or ((possessive or bodies) and gaz.organizations.get(text))
        if code:
            return code, first
    return None


def _side_before(doc: Doc, i: int, start: int, gaz: Gazetteer) -> str | None:
    """Return the nearest side (country, demonym or body with a side) named at or before token `i`."""
    for k in range(i, start - 1, -1):
        side = side_ending_at(doc, k, gaz, bodies=True)
        if side is not None:
            return side[0]
    return None


_LEADS = ("lead", "head", "represent")  # "the task force, led by X", "the UN was represented by X"


def side_of_context(doc: Doc, i: int, gaz: Gazetteer) -> str | None:
    """Return the side the words before a title give it, where the title walk stopped at `i`.

    "the group's top political leader" and "the bloc's chief": the side of
    the body "the group" refers to, the nearest one named before in this or
    the last sentence. "Hezbollah commanders including leader X": the side
    of the group X is counted in. "a task force, led by X" and "The UN was
    represented ... by X": the nearest side named before the verb.
    """
    tok = doc[i]
    sent = tok.sent
    if tok.text in ("'s", "’s", "’", "'") and doc[i - 1].pos_ == "NOUN" and doc[i - 1].is_lower:
        if any(doc[k].lower_ == "the" for k in range(max(0, i - 4), i - 1)):
            start = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
            return _side_before(doc, i - 2, max(start, i - 80), gaz)
    if tok.lower_ in ("the", "a", "an") and doc[i - 1].lower_ in ("including", "among"):
        tok, i = doc[i - 1], i - 1  # "a team of ten, including the Agriculture Commissioner X"
    if tok.lower_ in ("including", "among"):
        return _side_before(doc, i - 1, sent.start, gaz)
    if tok.lower_ == "by" and tok.head.lemma_ in _LEADS and tok.head.i < i:
        return _side_of_agent(tok.head, gaz)
    return None


def _side_of_agent(verb: Token, gaz: Gazetteer) -> str | None:
    """Return the side of what a person leads or represents: "The UN was represented by X" (the
    passive subject), "the Iranian delegation, led by X" (inside the noun phrase), "South Korea will
    launch a task force, led by X" (the subject of the clause the noun phrase is the object of)."""
    doc = verb.doc
    if verb.dep_ != "acl":
        subjects = [c for c in verb.children if c.dep_ in ("nsubjpass", "nsubj")]
        return _side_of_phrase(subjects[0], gaz) if subjects else None
    noun = verb.head
    side = _side_before(doc, noun.i, noun.left_edge.i, gaz)
    if side is None and noun.dep_ == "dobj":
        subjects = [c for c in noun.head.children if c.dep_ == "nsubj"]
        side = _side_of_phrase(subjects[0], gaz) if subjects else None
    return side


def _side_of_phrase(head: Token, gaz: Gazetteer) -> str | None:
    """Return the side a subject is when it names one itself ("South Korea", "the UN"), not a person's."""
    if head.ent_type_ == "PERSON":
        return None
    return _side_before(head.doc, head.i, head.left_edge.i, gaz)


def organization_name(name: str, gaz: Gazetteer) -> tuple[str, str | None]:
    """Return an organization's name without a leading side, and the side.

    "US Treasury" and "U.S. Treasury" are the Treasury of side US, and "Chinese
    Foreign Ministry" the Foreign Ministry of CN; "Chinese Academy of Social
    Sciences" keeps its demonym, which belongs to a longer proper name.
    """
    words = name.split()
    code = gaz.country_of(words[0]) if len(words) >= 2 else None
    if code and words[0] not in gaz.capitals and len(words) <= 3 and "of" not in words:
        return " ".join(words[1:]), code
    return name, gaz.organizations.get(name) or country_in(name, gaz)


_UN_ACRONYM = re.compile(r"UN[A-Z]{2,}")
# a known body's name that goes on is another body's: "the European Council on Foreign Relations"
_NAME_GOES_ON = re.compile(r"\s+(?:on|of|for|and)\s+[A-Z]")
# a capital standing for its government before one of these nouns
_METONYM_NOUN = re.compile(r"\s+(?:delegation|government|regime|authorities|administration|negotiators|team)\b")
_POSTING_PHRASE = re.compile(r"\s+(?:(?:to|in)\s+(?:the\s+)?|for\s+)(?=[A-Z])")  # "for the X" is the employer


def without_posting(text: str) -> str:
    """Cut "ambassador to Venezuela", "head of the UN mission in Libya" before the place of the post.

    The country a post is in is not the side of the person holding it.
    """
    return _POSTING_PHRASE.split(text, maxsplit=1)[0]


def country_in(text: str, gaz: Gazetteer) -> str | None:
    """Return the first country a name or demonym inside `text` points to ("Renmin University of China")."""
    text = re.sub(r"(?:'s|’s)\b", "", text)
    # each capitalized word with the one after it, then alone: "Deputy United States Trade Representative"
    for match in re.finditer(r"\b(?=([A-Z][\w.'’]*(?:\s+[A-Z][\w.'’]*)?))", text):
        phrase = match.group(1)
        for candidate in (phrase, phrase.split()[0]):
            whole = not _NAME_GOES_ON.match(text, match.start() + len(candidate))
            code = gaz.country_names.get(candidate) or gaz.demonyms.get(candidate) or (whole and gaz.organizations.get(candidate))
            if code:
                return code
            if _UN_ACRONYM.fullmatch(candidate):
                return "UN"  # "UNSMIL", "UNAMA", "UNRWA": the UN's missions and agencies
            if candidate in gaz.capitals and _METONYM_NOUN.match(text, match.start() + len(candidate)):
                return gaz.capitals[candidate]  # "the Caracas delegation", "the Kyiv government"
        for piece in re.split(r"[-–]", phrase.split()[0]):  # "US-China Business Council"
            code = gaz.country_names.get(piece)
            if code:
                return code
    return None
