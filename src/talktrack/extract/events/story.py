"""The document's events as one story: mentions of one event merged, and the round the story reports framed by
the whole document (its place, day, leads, topics and outcome).
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from datetime import date

from spacy.tokens import Doc, Token

from talktrack.event_records import ROUND_TYPES, absorb, overlaps
from talktrack.extract.attribution import subject_of, without_the
from talktrack.extract.events.datelines import dateline_day, dateline_place, news_dated
from talktrack.extract.events.dates import DAY
from talktrack.extract.events.places import YEAR
from talktrack.gazetteer import Gazetteer
from talktrack.model import Document, Event, Mention, Participant, Span, Timex, TopicMention, stable_id
from talktrack.nlp.views import char_span, doc_text

_DELEGATIONS = {"delegation", "team", "side"}  # "head of the Caracas delegation"
_HEADS = {"head", "chief", "leader"}
_ROUND_SPAN_DAYS = 30  # a round that began more than a month before an announcement is not known to have run to it


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


def place_series(events: list[Event], serial: AbstractSet[int]) -> None:
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


def reported_round(events: list[Event]) -> Event | None:
    """Return the round the story reports: the first it names (headlines give none) that is not only announced.

    Of two in one sentence, the one dated to the day: "met on Thursday to prepare talks expected in December".
    """
    rounds = [e for e in events if e.type in ROUND_TYPES and e.evidence]
    if not rounds:
        return None
    return min(rounds, key=lambda e: (e.status == "scheduled", min(s.start for s in e.evidence), -len(e.start or "")))


def frame_reported(
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
    main = reported_round(rounds)
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


def frame_leads(events: list[Event], document: Document, doc: Doc, mentions: list[Mention], acts: AbstractSet[int]) -> None:
    """Give the document's reported round the leads the rest of the story names.

    Those who sign the agreement the story reports ("Rodriguez, head of the
    Caracas delegation, ... signed the agreement"), and the people the story
    calls a negotiator or the head of a delegation ("Iran's lead negotiator
    Ali Bagheri Kani"), led their sides at the round.
    """
    rounds = [e for e in events if e.type in ROUND_TYPES and e.evidence]
    if not rounds:
        return
    main = reported_round(rounds)
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


def announced_end(events: list[Event], timexes: list[Timex]) -> None:
    """End the reported round on the day its agreement was announced, when the story dates the round by its first
    day only: "have agreed to a cessation of hostilities, X said today ... where the talks began on 25 October". The
    agreement, undated itself, was announced on the day its sentence names (the day of saying); it was made at the
    round, which ran to it.
    """
    main = reported_round(events)
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


def attach_topics(events: list[Event], main: Event | None, topics: list[TopicMention]) -> None:
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


def attach_outcomes(
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
