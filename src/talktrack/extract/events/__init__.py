"""Events in one document: rounds of talks, calls, meetings, summits, visits, briefings,
agreements, threats, measures and deadlines, with dates, place, participants and topics.

"Chinese Vice Premier He Lifeng said after meeting in Kuala Lumpur from
Saturday to Sunday with US Treasury Secretary Scott Bessent and US Trade
Representative Jamieson Greer": talks in Kuala Lumpur, 2025-10-25 to 26, He
Lifeng leading for CN, Bessent and Greer for the US. "the talks in Geneva this
May" is a round too, with what little the text gives. resolve/rounds.py
merges what several documents say about one event.

`find_events` walks the sentences: event_words.py finds the triggers,
`mention` turns each into an event, reading its clause (`clauses`), the
round it is tied to (`occasions`), its `dates`, `places` and `participants`;
`deadlines` finds the dates a sentence sets. `story` then merges the mentions
of one event and frames the round the story reports from the whole document,
with what its dateline says (`datelines`).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span as SpacySpan

from talktrack.confidence import rate_event
from talktrack.event_records import ROUND_TYPES, dated_status
from talktrack.extract.event_words import event_words, triggers
from talktrack.extract.events.clauses import acted_on, in_series, other_triggers, reported_act, set_apart
from talktrack.extract.events.deadlines import goal_of_round, target_dates, timexes_within, window_end
from talktrack.extract.events.mention import event_at
from talktrack.extract.events.occasions import made_at_summit, signed_together, signing_meeting
from talktrack.extract.events.places import conjoined_rounds, headline_places
from talktrack.extract.events.story import (
    announced_end, attach_outcomes, attach_topics, frame_leads, frame_reported, merge_mentions, place_series, reported_round,
)
from talktrack.extract.registry import extractor
from talktrack.gazetteer import load_gazetteer
from talktrack.model import Document, Event, Layers
from talktrack.nlp.views import doc_text
from talktrack.settings import Settings


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
            event = event_at(document, doc, sent, token, kind, words, mentions, timexes, statements, in_caption, published, others)
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
    for event in found:  # dated before merging: a round that is over is not the next one (see `story._same`)
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
