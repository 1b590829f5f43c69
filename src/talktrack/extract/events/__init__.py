"""Events in one document: rounds of talks, calls, meetings, summits, visits, briefings,
agreements, threats, measures and deadlines, with dates, place, participants and topics.

"Chinese Vice Premier He Lifeng said after meeting in Kuala Lumpur from
Saturday to Sunday with US Treasury Secretary Scott Bessent and US Trade
Representative Jamieson Greer": talks in Kuala Lumpur, 2025-10-25 to 26, He
Lifeng leading for CN, Bessent and Greer for the US. "the talks in Geneva this
May" is a round too, with what little the text gives. resolve/rounds.py
merges what several documents say about one event.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import cast

from spacy.tokens import Doc, Span as SpacySpan, Token

from talktrack.event_records import ROUND_TYPES, dated_status
from talktrack.extract.registry import extractor
from talktrack.extract.attribution import subject_of
from talktrack.extract.event_words import GATHERINGS, EventWords, event_words, triggers
from talktrack.extract.events.clauses import (
    acted_on, conditional, denied, in_series, mutual, noun_phrase_heads, other_triggers, reported_act, requested, set_apart,
    status_of,
)
from talktrack.extract.events.dates import UNDATED, When, event_dates, span_of_days
from talktrack.extract.events.deadlines import deadline_day, goal_of_round, target_dates, timexes_within, window_end
from talktrack.extract.events.occasions import (
    bilateral, hosted, journey, journey_there, made_at_summit, round_pointed, signed_together, signing_meeting,
    spoke_after,
)
from talktrack.extract.events.participants import participants_of, pronoun_lead, speaker_span
from talktrack.extract.events.places import conjoined_rounds, headline_places, named_where_when, place_of, short_place, title_of
from talktrack.extract.events.story import (
    announced_end, attach_outcomes, attach_topics, frame_leads, frame_reported, merge_mentions, place_series, reported_round,
)
from talktrack.gazetteer import load_gazetteer
from talktrack.confidence import rate_event
from talktrack.model import (
    Document, Event, EventStatus, EventType, Layers, Mention, Participant, Span, Statement, Timex,
)
from talktrack.nlp.views import doc_text
from talktrack.settings import Settings

_PARTIES = {"side", "sides", "negotiator", "delegation", "team", "country", "government", "they", "we"}
_TRUCE = {"truce", "pause", "suspension", "ceasefire", "moratorium"}


@extractor("events", needs=("entities", "timexes", "statements", "topics"))
def find_events(document: Document, doc: Doc, settings: Settings, layers: Layers) -> Iterator[Event]:
    """Yield the events of one document, mentions of the same event merged, each with its evidence."""
    words = event_words().for_text(doc_text(doc))
    mentions = layers.entities
    timexes = layers.timexes
    statements = layers.statements
    topics = layers.topics
    captions = [(s.start, s.end) for s in document.sections if s.kind in ("caption", "headline")]
    published = document.published or next(iter(layers.published), None)
    found: list[Event] = []
    acts: set[int] = set()  # sentences that report an agreement being made ("the two sides agreed ...")
    apart: set[int] = set()  # ids of rounds the text sets apart from the one it reports ("a previous round")
    serial: set[int] = set()  # ids of rounds the text counts in a series ("the first six rounds of talks")
    headlines = [(s.start, s.end) for s in document.sections if s.kind == "headline"]
    previous: SpacySpan | None = None
    timexes = sorted(timexes, key=lambda t: t.start)
    by_start = [t.start for t in timexes]
    titled: list[str] = []  # where the headline's rounds were: "New round of talks in Doha"
    for sent in doc.sents:
        if any(s <= sent.start_char < e for s, e in headlines):  # a headline sums up what the body reports, with fewer
            titled.extend(headline_places(sent, words, mentions))  # details: only where the reported round was
            continue
        in_caption = any(s <= sent.start_char < e for s, e in captions)
        done: set[str] = set()
        found_here = triggers(sent, words, previous)
        previous = sent
        for token, kind in found_here:
            if kind == "measure" and acted_on(token, found_here):
                continue  # "will suspend the tariffs they have imposed": what another event acts on, not a new measure
            others = other_triggers(found_here, kind)
            event = _event(document, doc, sent, token, kind, words, mentions, timexes, statements, in_caption, published, others)
            if event is not None and event.type in done and event.type not in ROUND_TYPES:
                continue  # one event of a type per sentence ("agreed on Tuesday to extend the truce": one agreement)
            if event is not None:  # rounds may be several ("the Lisbon talks ..., the Geneva talks")
                done.add(event.type)
                if event.type == "agreement" and reported_act(token) and not made_at_summit(token):
                    acts.add(sent.start_char)
                if event.type in ROUND_TYPES and set_apart(token):
                    apart.add(id(event))
                if event.type in ROUND_TYPES and in_series(token):
                    serial.add(id(event))
                found.append(event)
                found.extend(conjoined_rounds(event, token, mentions, timexes))
                if event.type == "agreement" and event.place and signed_together(token):
                    found.append(signing_meeting(event))
        if "deadline" not in done and not in_caption:
            here = timexes_within(timexes, by_start, sent)  # the sentence's dates, found by bisection, not by a scan per sentence
            found.extend(
                target_dates(document, sent, words, here, published)
                or window_end(document, sent, words, here, published)
                or goal_of_round(document, sent, words, [e for e in found if e.evidence and e.evidence[0].start == sent.start_char])
            )
    for event in found:  # dated before merging: a round that is over is not the next one (see `_same`)
        event.status = dated_status(event, published)
    merged = merge_mentions(found, apart)
    merged = frame_reported(merged, document, doc, mentions, apart, titled, load_gazetteer(tuple(settings.gazetteers)), timexes)
    place_series(merged, serial)
    frame_leads(merged, document, doc, mentions, acts)
    announced_end(merged, timexes)
    for event in merged:  # a round of which only the last day is known is dated by it
        if event.start is None and event.end is not None:
            event.start, event.start_basis = event.end, event.end_basis
    main = reported_round(merged) or max((e for e in merged if e.type == "talks"), key=lambda e: len(e.evidence), default=None)
    attach_topics(merged, main, topics)
    attach_outcomes(merged, main, doc, captions, acts)
    for event in merged:
        event.status = dated_status(event, published)
        rate_event(event)
    yield from merged


def _event(
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
    if kind in ("measure", "agreement") and (conditional(token) or requested(token, words) or denied(token)):
        return None  # "unless both sides agree to extend it", "urged Argentina to lift the duties": not (yet) an event
    if kind == "summit" and bilateral(token):
        kind = "meeting"  # "the prime minister and the EU chief finalised the deal during a summit at Windsor"
    if kind == "meeting" and token.pos_ == "VERB":
        subject = subject_of(token)
        if subject is not None and subject.ent_type_ != "PERSON" and subject.lemma_.lower() in _PARTIES:
            kind = "talks"  # "the two sides will meet again in May": the next round
    truce_words = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")] + (noun_phrase_heads(token.head) if token.dep_ == "acl" else [])
    if kind == "measure" and (any(c.lemma_.lower() in _TRUCE for c in truce_words) or mutual(token, mentions)):
        kind = "agreement"  # extending a truce, or both sides suspending tariffs, is something they agreed on
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
    people = participants_of(sent, token, kind, mentions) + pronoun_lead(sent, token, kind, statements)
    if kind in ("measure", "agreement") and any(s.kind == "direct" and s.start <= token.idx < s.end for s in statements):
        return None  # "Raising tariffs has never settled a trade dispute," she said: words, not a measure
    if kind == "threat":  # "X warned that ... could result in steep tariffs": the warning is X's
        speaker = next((s for s in statements if s.start <= token.idx < s.end), None)
        if speaker is not None:
            people = [Participant(speaker.speaker_name, None, speaker.speaker_side, "lead", speaker_span(speaker))]
            when = When(speaker.date, speaker.date, speaker.date_basis, speaker.date_basis)
        elif not (token.pos_ == "VERB" and subject_of(token) is not None):
            return None  # a threat word with no one making it
        else:  # "Pakistan threatened on Tuesday to break off relations": the subject threatens
            people = [Participant(p.name, p.entity_id, p.side, "lead", p.mention) for p in people]  # who threatens leads
    if kind == "briefing":  # "Responding to a question ..., spokesperson Guo Jiakun said on Wednesday that ..."
        said = next((s for s in statements if sent.start_char <= (s.cue_start or -1) < sent.end_char), None)
        if said is not None:
            when = When(
                when.start or said.date, when.end or said.date,
                when.start_basis if when.start else said.date_basis, when.end_basis if when.end else said.date_basis,
            )
            if not people and said.speaker_start is not None:
                people = [Participant(said.speaker_name, None, said.speaker_side, "spokesperson", speaker_span(said))]
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


