"""The event one trigger reports: its kind as the sentence settles it, its dates and place, who took part, and
whether it is an event at all ("unless both sides agree", "urged Argentina to lift the duties" are not yet).
"""

from __future__ import annotations

from typing import cast

from spacy.tokens import Doc, Span as SpacySpan, Token

from talktrack.event_records import ROUND_TYPES
from talktrack.extract.attribution import subject_of
from talktrack.extract.event_words import GATHERINGS, EventWords
from talktrack.extract.events.clauses import conditional, denied, mutual, noun_phrase_heads, requested, status_of
from talktrack.extract.events.dates import UNDATED, When, event_dates, span_of_days
from talktrack.extract.events.deadlines import deadline_day
from talktrack.extract.events.occasions import bilateral, hosted, journey, journey_there, round_pointed, spoke_after
from talktrack.extract.events.participants import participants_of, pronoun_lead, speaker_span
from talktrack.extract.events.places import named_where_when, place_of, short_place, title_of
from talktrack.model import Document, Event, EventStatus, EventType, Mention, Participant, Span, Statement, Timex

_PARTIES = {"side", "sides", "negotiator", "delegation", "team", "country", "government", "they", "we"}
_TRUCE = {"truce", "pause", "suspension", "ceasefire", "moratorium"}


def event_at(
    document: Document,
    doc: Doc,
    sent: SpacySpan,
    token: Token,
    kind: str,
    words: EventWords,
    mentions: list[Mention],
    timexes: list[Timex],
    statements: list[Statement],
    in_caption: bool,
    published: str | None,
    others: frozenset[int] = frozenset(),
) -> Event | None:
    """Return the event a trigger of `kind` reports in its sentence, None where it reports none (yet)."""
    if kind in ("measure", "agreement") and (conditional(token) or requested(token, words) or denied(token)):
        return None  # "unless both sides agree to extend it", "urged Argentina to lift the duties": not (yet) an event
    kind = _settled_kind(token, kind, mentions)
    when, place = _when_where(sent, token, kind, mentions, timexes, in_caption, others)
    people = participants_of(sent, token, kind, mentions) + pronoun_lead(sent, token, kind, statements)
    if kind in ("measure", "agreement") and any(s.kind == "direct" and s.start <= token.idx < s.end for s in statements):
        return None  # "Raising tariffs has never settled a trade dispute," she said: words, not a measure
    if kind == "threat":  # "X warned that ... could result in steep tariffs": the warning is X's
        threat = _threatened(token, statements, people, when)
        if threat is None:
            return None  # a threat word with no one making it
        people, when = threat
    if kind == "briefing":  # "Responding to a question ..., spokesperson Guo Jiakun said on Wednesday that ..."
        people, when = _briefed(sent, statements, people, when)
    if kind in ("deadline",) and when.start is None:
        return None
    if kind == "deadline":
        day, basis = deadline_day(when.start, when.start_basis, timexes, sent, token, published)
        when = When(day, day, basis, basis)
    if kind in GATHERINGS and (place is None or when.start is None):
        named_place, named_year = named_where_when(token, mentions)  # the gathering's own name: "the 2020 Berlin Conference"
        place = place or named_place
        if when.start is None and named_year is not None:
            when = When(named_year, when.end or named_year, "text", when.end_basis if when.end else "text")
    status = status_of(doc, token, when.start, published)
    event_type = cast(EventType, kind)
    end, end_basis = (when.end, when.end_basis) if when.end else (when.start, when.start_basis)
    return Event(
        id="",
        type=event_type,
        title=title_of(token, kind),
        start=when.start,
        end=end,
        place=place,
        start_basis=when.start_basis if when.start else None,
        end_basis=end_basis if end else None,
        place_basis="sentence" if place else None,
        status=cast(EventStatus, status),
        participants=people,
        plover=words.plover.get(kind),
        evidence=[Span(document.id, sent.start_char, sent.end_char)],
        action=words.actions.get(token.lemma_.lower()) if kind in ("measure", "agreement", "deadline") else None,
    )


def _settled_kind(token: Token, kind: str, mentions: list[Mention]) -> str:
    """Return the trigger's kind as its sentence settles it: a summit of two is a meeting, sides meeting hold
    talks, a measure on a truce or taken by both sides is an agreement."""
    if kind == "summit" and bilateral(token):
        kind = "meeting"  # "the prime minister and the EU chief finalised the deal during a summit at Windsor"
    if kind == "meeting" and token.pos_ == "VERB":
        subject = subject_of(token)
        if subject is not None and subject.ent_type_ != "PERSON" and subject.lemma_.lower() in _PARTIES:
            kind = "talks"  # "the two sides will meet again in May": the next round
    truce_words = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")] + (noun_phrase_heads(token.head) if token.dep_ == "acl" else [])
    if kind == "measure" and (any(c.lemma_.lower() in _TRUCE for c in truce_words) or mutual(token, mentions)):
        kind = "agreement"  # extending a truce, or both sides suspending tariffs, is something they agreed on
    return kind


def _when_where(
    sent: SpacySpan,
    token: Token,
    kind: str,
    mentions: list[Mention],
    timexes: list[Timex],
    in_caption: bool,
    others: frozenset[int],
) -> tuple[When, str | None]:
    """Return the event's dates and place: those its sentence ties to the trigger, else those of the verb a round
    is the occasion of, of the journey it is the purpose of, or of the round an agreement or measure points to."""
    when = event_dates(sent, token, timexes, kind, others) if not in_caption else UNDATED
    place = place_of(sent, token, mentions, kind, others) or (short_place(token, mentions) if kind in ROUND_TYPES else None)
    if kind in ROUND_TYPES and when.start is not None:
        when = span_of_days(token, when)
    host = (hosted(token) or spoke_after(token)) if kind in ROUND_TYPES and when.start is None and not in_caption else None
    if host is not None:  # "agreed on a cut Wednesday during a meeting in Vienna": met on Wednesday; "said on Monday after talks"
        when = event_dates(sent, host, timexes, kind, others - {host.i})
    trip = journey(token) if kind in ROUND_TYPES and not in_caption else None
    if trip is not None:  # "arrived in Moscow on October 9 for consultations": held there, from that day
        trip = journey_there(trip) or trip
        if when.start is None:
            when = event_dates(sent, trip, timexes, kind, others - {trip.i})
        place = place or place_of(sent, trip, mentions, "visit", others - {trip.i})  # "flew to Lima": to where they went
    venue = round_pointed(token) if kind in ("agreement", "measure") else None
    if venue is not None and when.start is None and not in_caption:
        when = event_dates(sent, venue, timexes, "talks", others - {venue.i})  # "renewed at the Lima talks in June"
    return when, place


def _threatened(
    token: Token, statements: list[Statement], people: list[Participant], when: When
) -> tuple[list[Participant], When] | None:
    """Return who makes a threat and when: the speaker of the statement it is in, on the day of saying, else the
    trigger's subject, who leads; None where no one makes it."""
    speaker = next((s for s in statements if s.start <= token.idx < s.end), None)
    if speaker is not None:
        people = [Participant(speaker.speaker_name, None, speaker.speaker_side, "lead", speaker_span(speaker))]
        return people, When(speaker.date, speaker.date, speaker.date_basis, speaker.date_basis)
    if not (token.pos_ == "VERB" and subject_of(token) is not None):
        return None
    # "Pakistan threatened on Tuesday to break off relations": the subject threatens
    return [Participant(p.name, p.entity_id, p.side, "lead", p.mention) for p in people], when  # who threatens leads


def _briefed(
    sent: SpacySpan, statements: list[Statement], people: list[Participant], when: When
) -> tuple[list[Participant], When]:
    """Return who gave a briefing and when: the day of what was said in its sentence where the text gives no other,
    and its speaker as spokesperson where the sentence ties no one to it."""
    said = next((s for s in statements if sent.start_char <= (s.cue_start or -1) < sent.end_char), None)
    if said is None:
        return people, when
    when = When(
        when.start or said.date, when.end or said.date,
        when.start_basis if when.start else said.date_basis, when.end_basis if when.end else said.date_basis,
    )
    if not people and said.speaker_start is not None:
        people = [Participant(said.speaker_name, None, said.speaker_side, "spokesperson", speaker_span(said))]
    return people, when
