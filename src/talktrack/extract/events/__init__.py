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

from collections.abc import Iterator, Set as AbstractSet
from datetime import date
from typing import cast

from spacy.tokens import Doc, Span as SpacySpan, Token

from talktrack.event_records import ROUND_TYPES, absorb, dated_status, overlaps
from talktrack.extract.registry import extractor
from talktrack.extract.attribution import subject_of, without_the
from talktrack.extract.event_words import GATHERINGS, EventWords, event_words, triggers
from talktrack.extract.events.clauses import (
    acted_on, conditional, denied, in_series, mutual, noun_phrase_heads, other_triggers, reported_act, requested, set_apart,
    status_of,
)
from talktrack.extract.events.dates import DAY, UNDATED, When, event_dates, span_of_days
from talktrack.extract.events.datelines import dateline_day, dateline_place, news_dated
from talktrack.extract.events.deadlines import deadline_day, goal_of_round, target_dates, timexes_within, window_end
from talktrack.extract.events.occasions import (
    bilateral, hosted, journey, journey_there, made_at_summit, round_pointed, signed_together, signing_meeting,
    spoke_after,
)
from talktrack.extract.events.participants import participants_of, pronoun_lead, speaker_span
from talktrack.extract.events.places import YEAR, conjoined_rounds, named_where_when, place_of, short_place, title_of
from talktrack.gazetteer import Gazetteer, load_gazetteer
from talktrack.confidence import rate_event
from talktrack.model import (
    Document, Event, EventStatus, EventType, Layers, Mention, Participant, Span, Statement, Timex, TopicMention, stable_id,
)
from talktrack.nlp.views import char_span, doc_text
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
            titled.extend(_headline_places(sent, words, mentions))  # details: only where the reported round was
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
    merged = _frame(merged, document, doc, mentions, apart, titled, load_gazetteer(tuple(settings.gazetteers)), timexes)
    _place_series(merged, serial)
    _frame_leads(merged, document, doc, mentions, acts)
    _announced_end(merged, timexes)
    for event in merged:  # a round of which only the last day is known is dated by it
        if event.start is None and event.end is not None:
            event.start, event.start_basis = event.end, event.end_basis
    main = _reported(merged) or max((e for e in merged if e.type == "talks"), key=lambda e: len(e.evidence), default=None)
    _attach_topics(merged, main, topics)
    _attach_outcomes(merged, main, doc, captions, acts)
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


def merge_mentions(events: list[Event], apart: AbstractSet[int] = frozenset()) -> list[Event]:
    """Return the document's events with mentions of one event merged.

    A meeting at the place and time of a round of talks is that round; a
    mention of talks with neither place nor date is the document's main round.
    A round the text sets apart (`apart`, ids of events: "a previous round of
    negotiations in July") joins only a round at its own place.
    """
    rounds = [e for e in events if e.type in ROUND_TYPES]
    others = [e for e in events if e.type not in ROUND_TYPES]
    merged: list[Event] = []
    # a mention without a place joins the first placed round it can be: one held before one announced
    for event in sorted(rounds, key=lambda e: (e.place is None, e.status == "scheduled", e.type != "talks")) + others:
        target = next((m for m in merged if _same(m, event) and not _kept_apart(m, event, apart)), None)
        if target is None:
            merged.append(event)
        else:
            undated = target.start is None
            absorb(target, event)
            if undated and target.start is not None:
                target.status = event.status  # the mention that dates the event tells whether it is over
    # "the visit would be the first ...": a mention with neither place nor date is the document's one such event
    for event in [e for e in merged if e.type not in ROUND_TYPES and not e.place and not e.start]:
        alike = [m for m in merged if m is not event and m.type == event.type]
        if len(alike) == 1 and (event.action is None or alike[0].action in (None, event.action)):  # not "suspended" into "extended"
            absorb(alike[0], event)
            merged.remove(event)
    for event in merged:
        event.id = stable_id("ev", event.type, event.place, event.start, *(f"{s.doc_id}:{s.start}" for s in event.evidence[:1]))
    return merged


def _place_series(events: list[Event], serial: AbstractSet[int]) -> None:
    """Place the earlier rounds the story counts in a series ("the first six rounds of talks, between April and
    June") at the one place all the rounds it places were held: rounds of one negotiation are held at its venue
    unless the text names another. Not when the story places rounds at two places, nor a round still to come."""
    places = {e.place.lower(): e.place for e in events if e.type in ROUND_TYPES and e.place}
    if len(places) != 1:
        return
    place = next(iter(places.values()))
    for event in events:
        if id(event) in serial and event.place is None and event.status == "occurred":
            event.place, event.place_basis = place, "story"


def _kept_apart(a: Event, b: Event, apart: AbstractSet[int]) -> bool:
    """Whether one of two rounds is set apart from the other and they are not at one named place."""
    if (id(a) in apart) == (id(b) in apart):
        return False
    return not (a.place and b.place and a.place.lower() == b.place.lower())


def _same(a: Event, b: Event) -> bool:
    kinds = {a.type, b.type}
    if not (a.type == b.type or kinds <= set(ROUND_TYPES)):
        return False
    if a.type not in ROUND_TYPES:
        if a.title and b.title and a.title == b.title:
            return True  # "the APEC Economic Leaders' Meeting in Gyeongju" and "... in South Korea"
        return a.type == b.type and (a.place or "") == (b.place or "") and a.start == b.start
    ending = (a.start is None and a.end) or (b.start is None and b.end)  # "to last until July 7": under way, not over
    if {a.status, b.status} == {"occurred", "scheduled"} and (a.start or b.start) and not ending:
        return False  # "talks in Lima ended ..." and "meet again in October"; "will meet in Doha" and "talks that ended in August"
    if a.place and b.place:
        return a.place.lower() == b.place.lower() and overlaps(a, b)
    return overlaps(a, b) and (a.type == "talks" or b.type == "talks")


def _frame(
    events: list[Event],
    document: Document,
    doc: Doc,
    mentions: list[Mention],
    apart: AbstractSet[int] = frozenset(),
    titled: list[str] | None = None,
    gaz: Gazetteer | None = None,
    timexes: list[Timex] | None = None,
) -> list[Event]:
    """Return the events with the document's reported round filled from the whole document.

    A story reports one round (or meeting) and names others in passing: the
    round of its first report in the body is that round. Where none of its
    sentences ties a place to the trigger, the place named "in X" in that first
    sentence, else the story's dateline ("SANAA --", "Ohrid, 19 March 2023
    (MIA) --"), says where it was. Mentions of a round with no place of
    their own and dates that fit it ("the talks went into a second day") are
    that round too.
    """
    rounds = [e for e in events if e.type in ROUND_TYPES and e.evidence]
    if not rounds:
        return events
    main = _reported(rounds)
    assert main is not None
    countries, cities = _codes(mentions)
    headline = next(iter(titled or []), None)
    if main.place is None:
        first = min(main.evidence, key=lambda s: s.start)
        main.place = (
            _sentence_place(doc, first, mentions)
            or next((c for e in main.evidence if (c := _described_capital(doc, e, gaz)) is not None), None)
            or next((c for e in sorted(main.evidence, key=lambda s: s.start) if (c := _together_place(doc, e, mentions, timexes or [], main))), None)
            or headline
            or dateline_place(document, doc, mentions)
        )
        main.place_basis = "story" if main.place else None
    elif headline and main.place.lower() in countries and cities.get(headline.lower()) == countries[main.place.lower()]:
        main.place, main.place_basis = headline, "story"  # "got under way in Qatar" under the headline "talks in Doha": in Doha
    if main.start is None and main.end is None and main.status != "scheduled":
        day, basis = news_dated(document, doc, mentions, timexes or [], main, events)
        main.start = main.end = day
        main.start_basis = main.end_basis = basis
    elif main.start is not None and main.start == main.end and YEAR.fullmatch(main.start) and main.status != "scheduled":
        # "This year's conference is underway in Baku" over "November 21, Baku -": the day the wire reports
        day = dateline_day(document, doc, mentions, timexes or [], main, before=True)
        if day is not None and day.startswith(main.start):
            main.start = main.end = day
            main.start_basis = main.end_basis = "dateline"
    city = next((e for e in rounds if e is not main and _inside(main, e, countries, cities) and _fits(main, e)), None)
    if city is not None:  # "met in Saudi Arabia on Tuesday" and "met at the Diriyah Palace in Riyadh": in Riyadh
        place, placed = city.place, city.place_basis
        absorb(main, city)
        main.place, main.place_basis = place, placed
        events = [e for e in events if e is not city]
    out: list[Event] = []
    for event in events:
        if event is not main and event.type in ROUND_TYPES and event.place is None and id(event) not in apart and _fits(main, event):
            absorb(main, event)
            continue
        out.append(event)
    return out


def _reported(events: list[Event]) -> Event | None:
    """Return the round the story reports: the first it names (headlines give none) that is not only announced.

    Of two in one sentence, the one dated to the day: "met on Thursday to prepare talks expected in December".
    """
    rounds = [e for e in events if e.type in ROUND_TYPES and e.evidence]
    if not rounds:
        return None
    return min(rounds, key=lambda e: (e.status == "scheduled", min(s.start for s in e.evidence), -len(e.start or "")))


_DELEGATIONS = {"delegation", "team", "side"}  # "head of the Caracas delegation"
_HEADS = {"head", "chief", "leader"}


def _frame_leads(events: list[Event], document: Document, doc: Doc, mentions: list[Mention], acts: AbstractSet[int]) -> None:
    """Give the document's reported round the leads the rest of the story names.

    Those who sign the agreement the story reports ("Rodriguez, head of the
    Caracas delegation, ... signed the agreement"), and the people the story
    calls a negotiator or the head of a delegation ("Iran's lead negotiator
    Ali Bagheri Kani"), led their sides at the round.
    """
    rounds = [e for e in events if e.type in ROUND_TYPES and e.evidence]
    if not rounds:
        return
    main = _reported(rounds)
    assert main is not None
    known = {p.name for p in main.participants}
    found: list[Participant] = []
    for e in events:
        if e.type == "agreement" and e.status == "occurred" and e.place in (None, main.place) and overlaps(e, main):
            if any(span.start in acts for span in e.evidence):
                found.extend(p for p in e.participants if p.mention is not None)
    for m in mentions:
        if m.type == "person" and _negotiator(doc, m):
            found.append(Participant(m.name, None, m.country, "lead", Span(m.doc_id, m.start, m.end)))
    for p in found:
        if p.name not in known:
            known.add(p.name)
            main.participants.append(Participant(p.name, p.entity_id, p.side, "lead", p.mention))


_ROUND_SPAN_DAYS = 30  # a round that began more than a month before an announcement is not known to have run to it


def _announced_end(events: list[Event], timexes: list[Timex]) -> None:
    """End the reported round on the day its agreement was announced, when the story dates the round by its first
    day only: "have agreed to a cessation of hostilities, X said today ... where the talks began on 25 October". The
    agreement, undated itself, was announced on the day its sentence names (the day of saying); it was made at the
    round, which ran to it.
    """
    main = _reported(events)
    if main is None or main.start is None or main.start != main.end or not DAY.fullmatch(main.start):
        return
    for e in events:
        if e.type != "agreement" or e.status != "occurred" or e.start is not None or e.place not in (None, main.place):
            continue
        days = [t for span in e.evidence for t in timexes if span.start <= t.start < span.end and DAY.fullmatch(t.value)]
        later = [t for t in days if 0 < (date.fromisoformat(t.value) - date.fromisoformat(main.start)).days <= _ROUND_SPAN_DAYS]
        if later:
            main.end, main.end_basis = later[0].value, later[0].basis
            return


def _negotiator(doc: Doc, m: Mention) -> bool:
    """Whether the text calls a person a negotiator or the head of a delegation: "EU negotiator Enrique Mora",
    "Jorge Rodriguez, head of the Caracas delegation", "the delegation was led by X" is the parser's `agent`."""
    span = char_span(doc, m.start, m.end)
    if span is None:
        return False
    root = span.root
    near = [t for t in doc[max(span.start - 4, 0) : span.start] if t.head.i in range(span.start, span.end)]
    near += [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos" or root.dep_ == "conj" and root.head.pos_ == "NOUN":
        near.append(root.head)  # "EU negotiator and Political Director Enrique Mora": parsed as coordinated
    for t in near:
        if t.lemma_.lower() == "negotiator":
            return True
        if t.lemma_.lower() in _HEADS and any(
            c.dep_ == "prep" and c.lower_ == "of" and any(o.lemma_.lower() in _DELEGATIONS for o in c.children) for c in t.children
        ):
            return True
    return False


def _codes(mentions: list[Mention]) -> tuple[dict[str, str], dict[str, str]]:
    """Return the country code of each country and of each city the document names, by the name an event takes."""
    countries: dict[str, str] = {}
    cities: dict[str, str] = {}
    for m in mentions:
        if m.type == "country" and m.key:
            countries.setdefault(without_the(m.text).lower(), m.key)
        elif m.type == "place" and m.country:
            cities.setdefault(m.name.lower(), m.country)
    return countries, cities


def _inside(main: Event, other: Event, countries: dict[str, str], cities: dict[str, str]) -> bool:
    """Whether the main round's place is a country and the other round's a city of it."""
    if not (main.place and other.place):
        return False
    code = countries.get(main.place.lower())
    return code is not None and cities.get(other.place.lower()) == code


def _fits(main: Event, other: Event) -> bool:
    """Whether a round mention without a place can be the document's reported round: dates that overlap, and not
    one over and the other still to come."""
    if {main.status, other.status} == {"occurred", "scheduled"}:
        return False
    return overlaps(main, other)


def _headline_places(sent: SpacySpan, words: EventWords, mentions: list[Mention]) -> list[str]:
    """Return the places a headline gives its rounds: "Round 2 of trade talks ends in Mexico City"."""
    out = []
    for token, kind in triggers(sent, words, None):
        if kind in ROUND_TYPES:
            place = place_of(sent, token, mentions, kind)
            if place is not None:
                out.append(place)
    return out


def _described_capital(doc: Doc, evidence: Span, gaz: Gazetteer | None) -> str | None:
    """Return the city a sentence names by its country: "talks in the Cuban capital" were in Havana."""
    if gaz is None:
        return None
    span = doc.char_span(evidence.start, evidence.end, alignment_mode="expand")
    for token in span or ():
        if token.lower_ != "capital" or token.dep_ != "pobj" or token.head.lower_ not in ("in", "at"):
            continue
        for child in token.children:
            code = gaz.demonyms.get(child.text) or gaz.country_names.get(child.text)
            if child.dep_ in ("amod", "compound", "poss") and code:
                return next((name for name, c in gaz.capitals.items() if c == code), None)
    return None


def _together_place(doc: Doc, first: Span, mentions: list[Mention], timexes: list[Timex], main: Event) -> str | None:
    """Return the city of the sentence after a round's first report when that sentence tells two named people
    doing something together there, on no other day: "The two teams met today. David Frost and Michel Barnier
    gathered around a table in Brussels this morning": the round was in Brussels."""
    span = doc.char_span(first.start, first.end, alignment_mode="expand")
    if span is None or span.end >= len(doc):
        return None
    after = doc[span.end].sent
    root = after.root
    subject = subject_of(root) if root.pos_ == "VERB" else None
    people = {m.end for m in mentions if m.type == "person" and after.start_char <= m.start < after.end_char}

    def named(t: Token) -> bool:
        return t.ent_type_ == "PERSON" or t.idx + len(t.text) in people

    if subject is None or not named(subject) or not any(c.dep_ == "conj" and named(c) for c in subject.children):
        return None
    days = {t.value[:10] for t in timexes if after.start_char <= t.start < after.end_char and DAY.match(t.value)}
    if days and (main.start is None or days != {main.start[:10]}):
        return None
    return _sentence_place(doc, Span(first.doc_id, after.start_char, after.end_char), mentions)


def _sentence_place(doc: Doc, evidence: Span, mentions: list[Mention]) -> str | None:
    """Return the city named "in" or "at" in a sentence: "Hochstein spoke in Beirut following talks with Berri"."""
    for m in mentions:
        if m.type != "place" or not evidence.start <= m.start < evidence.end:
            continue
        span = char_span(doc, m.start, m.end)
        if span is not None and span.start > 0 and doc[span.start - 1].lower_ in ("in", "at") and span.root.ent_type_ == "GPE":
            return m.name
    return None


def _attach_topics(events: list[Event], main: Event | None, topics: list[TopicMention]) -> None:
    """Give each event the topics of its evidence sentences; the main round also takes unclaimed ones."""
    claimed: set[int] = set()
    for event in events:
        for t in topics:
            if any(e.start <= t.start < e.end for e in event.evidence):
                claimed.add(t.start)
                if t.topic not in event.topics:
                    event.topics.append(t.topic)
    if main is not None:
        for t in topics:
            if t.start not in claimed and t.topic not in main.topics:
                main.topics.append(t.topic)
        for event in events:  # what the story's agreement covers was on the round's agenda ("the pact would see ...")
            if event.type == "agreement" and event.place in (None, main.place):
                main.topics.extend(t for t in event.topics if t not in main.topics)


def _attach_outcomes(
    events: list[Event], main: Event | None, doc: Doc, headings: list[tuple[int, int]], acts: AbstractSet[int] = frozenset()
) -> None:
    """Give the main round the outcome the document reports: the agreements found in its body.

    An agreement the story reports being made, with no place of its own, was made at the round it
    reports ("both governments agreed ..." in the story of the Lima round).
    """
    if main is None:
        return
    text = doc_text(doc)
    outcomes = [
        text[ev.start : ev.end].strip()
        for e in events
        if e.type == "agreement" and e.place in (None, main.place)
        for ev in e.evidence
        if not any(s <= ev.start < t for s, t in headings)
    ]
    if outcomes:
        main.outcome = " ".join(dict.fromkeys(outcomes[:2]))
    if main.place and main.status == "occurred":  # "the two sides agreed ...", in the story of a round: agreed there
        for e in events:
            if e.type == "agreement" and e.place is None and e.status == "occurred" and overlaps(e, main):
                if any(span.start in acts for span in e.evidence):
                    e.place, e.place_basis = main.place, "story"
