"""Where an event was: the place named "in" or "at" nearest its trigger, a short form of a place named in full,
the rounds a coordination places ("talks in Geneva in May and London in June"), the places a headline gives its
rounds, and what a gathering's own name says ("the 2020 Berlin Conference": its title, city and year).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span as SpacySpan, Token

from talktrack.event_records import ROUND_TYPES
from talktrack.extract.attribution import without_the
from talktrack.extract.event_words import GATHERINGS, EventWords, triggers
from talktrack.extract.events.dates import attached
from talktrack.extract.events.occasions import ROUND_NOUNS
from talktrack.gazetteer import load_gazetteer
from talktrack.model import Event, Mention, Timex
from talktrack.nlp.views import char_span, doc_ents, span_text

def place_of(sent: SpacySpan, token: Token, mentions: list[Mention], kind: str, others: frozenset[int] = frozenset()) -> str | None:
    """Return where the event happens: the place named "in" or "at" nearest its trigger."""
    places = [m for m in mentions if m.type in ("place", "country") and sent.start_char <= m.start < sent.end_char]
    if not places:
        return None
    doc = sent.doc

    def preposition(m: Mention) -> str:
        span = char_span(doc, m.start, m.end)
        if span is None or span.start == 0:
            return ""
        i = span.start - 1
        if doc[i].lower_ == "the" and i > 0:
            i -= 1  # "a state visit to the South Korea"
        head = span.root.head
        if doc[i].lower_ == "of" and head.lower_ == "of" and head.head.dep_ == "pobj" and head.head.head.i != head.head.i:
            return head.head.head.lower_  # "met in the Swiss Alpine resort of Crans-Montana", "in the city of Mosul"
        return doc[i].lower_

    wanted = ("in", "at", "to") if kind == "visit" else ("in", "at")
    for m in places:  # "the Stockholm meeting", "the Kuala Lumpur talks"
        span = char_span(doc, m.start, m.end)
        if span is not None and span.root.head.i == token.i and span.root.dep_ in ("compound", "nmod", "amod") and m.type == "place":
            return m.name
    located = [
        m for m in places
        if preposition(m) in wanted and attached(token, m.start, m.end, others, kind)
        and (m.type == "place" or kind in ("visit", "summit") or _names_where(doc, m, token))
    ]
    if not located:
        if kind == "deadline":
            return None  # "the truce, extended at the Lima talks, runs until December 1": the round's place, not the deadline's
        # "renewed at the Lima talks in June": the place of the round the trigger points to
        for m in places:
            span = char_span(doc, m.start, m.end)
            if span is None:
                continue
            head = span.root.head
            if head.lemma_.lower() in ROUND_NOUNS and span.root.dep_ == "compound":
                if any(a.i == token.i for a in head.ancestors) and m.type == "place":
                    return m.name
        return None  # "China-US talks": a country named is not where the talks were
    best = min(located, key=lambda m: (_place_rank(doc, m), abs(m.start - token.idx)))
    return without_the(best.text) if best.type == "country" else best.name


def _names_where(doc: Doc, m: Mention, token: Token) -> bool:
    """Whether a country is named as where the trigger happened: "met in Barbados", "talks in Qatar"; not "the
    war in Ukraine" that the talks are about, nor "the China-US talks" (see `place_of`)."""
    span = char_span(doc, m.start, m.end)
    if span is None or span.root.dep_ != "pobj":
        return False
    head = span.root.head.head
    return head.i == token.i or head.i == token.head.i and token.dep_ in ("dobj", "nsubj", "nsubjpass")


def _place_rank(doc: Doc, m: Mention) -> int:
    """Rank where an event was by how an analyst names it: a city first ("at the Diriyah Palace in Riyadh" is
    in Riyadh), then a venue, then a country ("met in Saudi Arabia" when no city is named)."""
    if m.type == "country":
        return 2
    span = char_span(doc, m.start, m.end)
    return 0 if span is not None and span.root.ent_type_ == "GPE" else 1


def short_place(token: Token, mentions: list[Mention]) -> str | None:
    """Return the place a round is "at" or "in" by a short form of a place the document names in full: "a summit at
    Windsor" where the story names Windsor Castle. The parser and the entity layer miss such short forms."""
    for prep in token.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "at"):
            continue
        obj = next((c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "PROPN" and not c.ent_type_), None)
        if obj is None or any(c.dep_ == "compound" for c in obj.children):
            continue
        if any(m.type == "place" and m.name.split()[0] == obj.text and m.name != obj.text for m in mentions):
            return obj.text
    return None


def conjoined_rounds(event: Event, token: Token, mentions: list[Mention], timexes: list[Timex]) -> list[Event]:
    """Return the rounds named in a coordination: "talks in Geneva in May and London in June"."""
    if event.type not in ROUND_TYPES or event.place is None:
        return []
    doc = token.doc
    out: list[Event] = []
    sent = token.sent
    for m in mentions:
        if m.type != "place" or not (sent.start_char <= m.start < sent.end_char) or m.name == event.place:
            continue
        span = char_span(doc, m.start, m.end)
        if span is None or not any(a.i == token.i for a in span.root.ancestors):
            continue
        first = span.root
        coordinated_in = first.dep_ == "pobj" and first.head.dep_ == "conj" and first.head.lower_ in ("in", "at")
        if not coordinated_in:  # "meetings in Addis Ababa and in Cairo": the preposition is coordinated
            if first.dep_ != "conj":
                continue
            while first.dep_ == "conj" and first.head.i != first.i:
                first = first.head
            if not (first.dep_ == "pobj" and first.head.lower_ in ("in", "at") or first.lower_ in ("in", "at")):
                continue  # "officials from Russia and the U.S. met": who met, not where
        date = next((t for t in timexes if 0 <= t.start - m.end <= 6 and t.value[:1].isdigit()), None)
        basis = date.basis if date else None
        out.append(Event(
            id="", type=event.type, start=date.value if date else None, end=date.value if date else None,
            place=m.name, status=event.status, plover=event.plover, evidence=list(event.evidence),
            start_basis=basis, end_basis=basis, place_basis="sentence",
        ))
    return out


def title_of(token: Token, kind: str) -> str | None:
    """Return the event's own name when the text gives one: "the 32nd APEC Economic Leaders' Meeting"."""
    if kind not in GATHERINGS:
        return None
    ent = next((e for e in doc_ents(token.doc) if e.start <= token.i < e.end and e.label_ in ("EVENT", "ORG", "FAC", "LOC")), None)
    if ent is None:
        return None
    return without_the(span_text(ent))


YEAR = re.compile(r"(?:19|20)\d\d")


def named_where_when(token: Token, mentions: list[Mention]) -> tuple[str | None, str | None]:
    """Return the city and year a gathering's own name gives: "the 2020 Berlin Conference on Libya" was in Berlin in
    2020. The city is a capital the gazetteer knows or a place the entity layer found, inside the name before its
    head noun; a country in the name ("the Libya Conference") is what it is about, not where."""
    ent = next((e for e in doc_ents(token.doc) if e.start <= token.i < e.end and e.label_ in ("EVENT", "ORG", "FAC", "LOC")), None)
    if ent is None or len(ent) < 2:
        return None, None
    capitals = load_gazetteer().capitals
    places = {m.start for m in mentions if m.type == "place"}
    place = next((t.text for t in ent if t.i < token.i and t.pos_ == "PROPN" and (t.text in capitals or t.idx in places)), None)
    year = next((t.text for t in ent if t.i < token.i and YEAR.fullmatch(t.text)), None)
    return place, year


def headline_places(sent: SpacySpan, words: EventWords, mentions: list[Mention]) -> list[str]:
    """Return the places a headline gives its rounds: "Round 2 of trade talks ends in Mexico City"."""
    out = []
    for token, kind in triggers(sent, words, None):
        if kind in ROUND_TYPES:
            place = place_of(sent, token, mentions, kind)
            if place is not None:
                out.append(place)
    return out
