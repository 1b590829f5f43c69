"""What a story's dateline and news say of the round it reports: where it was filed ("SANAA --", "Ohrid, 19
March 2023 (MIA) --") and, for a round the story dates only by its news, the day: the dateline's, a visit's
during which it was held, or the publication day.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from talktrack.extract.events.dates import DAY
from talktrack.extract.published import body_start
from talktrack.model import DateBasis, Document, Event, Mention, Timex
from talktrack.nlp.views import doc_text

# "SANAA --", "CRANS-MONTANA, Switzerland (Reuters) -", "Ohrid, 19 March 2023 (MIA) --", "November 21, Baku -", "Kabul:"
_DATELINE = re.compile(
    r"(?P<day>[A-Z][a-z]+\.? \d{1,2}(?:, \d{4})?,\s+)?"
    r"(?P<place>[A-Z][A-Za-z'.-]+(?:[ -][A-Z][A-Za-z'.-]+){0,3})"
    r"(?:,\s+[A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+){0,2})?"
    r"(?P<date>,\s+(?:\d{1,2} [A-Z][a-z]+|[A-Z][a-z]+\.? \d{1,2})(?:,? \d{4})?)?"
    r"\s*(?P<agency>\([^)\n]{1,40}\)\s*)?(?:[\u2014\u2013-]{1,2}|:)(?=\s)"
)
_DATELINE_PARAGRAPHS = 6  # a dateline opens the story, after at most a byline, a date line or a standfirst
_LEAD_REACH = 600  # characters after a dateline within which the story reports its round: its lead
_PRESENT = {"VBZ", "VBP"}


def dateline_place(document: Document, doc: Doc, mentions: list[Mention]) -> str | None:
    """Return the place of the story's dateline, where the reporter filed it and, most often, where the event was."""
    match = _dateline(document, doc, mentions)
    if match is None:
        return None
    name = match.group("place")
    return name.title() if name.isupper() else name


def _dateline(document: Document, doc: Doc, mentions: list[Mention]) -> re.Match[str] | None:
    """Return the story's dateline.

    The name must be a place the entity layer or the parser knows, be written in capitals
    as wires write datelines, or be followed by a date or an agency's name as datelines
    are: "Borrell: Kosovo and Serbia agree" is no dateline.
    """
    text = document.text
    at = body_start(document)
    for _ in range(_DATELINE_PARAGRAPHS):
        match = _DATELINE.match(text, at)
        if match is not None:
            name = match.group("place")
            known = any(m.start == match.start("place") and m.type in ("place", "country") for m in mentions)
            span = doc.char_span(match.start("place"), match.end("place"), alignment_mode="expand")
            dated = any(match.group(g) is not None for g in ("day", "date", "agency"))
            if known or dated or name.isupper() or (span is not None and span.root.ent_type_ in ("GPE", "LOC", "FAC")):
                return match
        nxt = text.find("\n", at)
        if nxt < 0:
            return None
        at = nxt + 1
        while at < len(text) and text[at] in " \n\t":
            at += 1
    return None


def dateline_day(
    document: Document, doc: Doc, mentions: list[Mention], timexes: list[Timex], main: Event, before: bool = False
) -> str | None:
    """Return the day of a dated dateline ("November 21, Baku -") for the round its lead reports without a date:
    the wire dates its story by the day of the events it reports. With `before`, the round may also be told in
    the standfirst just above the dateline."""
    match = _dateline(document, doc, mentions)
    if match is None:
        return None
    low = -_LEAD_REACH if before else 0
    if not any(low <= span.start - match.start() <= _LEAD_REACH for span in main.evidence):
        return None
    day = next((t.value for t in timexes if match.start() <= t.start < match.end() and DAY.fullmatch(t.value)), None)
    return day


def news_dated(
    document: Document, doc: Doc, mentions: list[Mention], timexes: list[Timex], main: Event, events: list[Event]
) -> tuple[str | None, DateBasis | None]:
    """Return the day of the reported round the story dates only by its news, and how: the dateline's day, the
    day of the visit it was held during, or the publication day (see `dateline_day`, `_visit_day`, `_news_day`)."""
    day = dateline_day(document, doc, mentions, timexes, main)
    if day is not None:
        return day, "dateline"
    visit = _visit_day(events, main, doc)
    if visit is not None:
        return visit.start, visit.start_basis
    day = _news_day(document, doc, main, mentions)
    return day, "published" if day is not None else None


def _visit_day(events: list[Event], main: Event, doc: Doc) -> Event | None:
    """Return the one-day visit during which the reported round was held, which dates it: "after the meeting
    between X and Y with Z in Washington ... during their visit on Wednesday". The visit must be the story's only
    dated one, not still to come, at the round's place or none, and name one of the round's participants."""
    visits = [e for e in events if e.type == "visit" and e.start and e.start == e.end and DAY.fullmatch(e.start)
              and e.status != "scheduled" and e.place in (None, main.place)]
    if len(visits) != 1 or not main.participants:
        return None
    text = doc_text(doc)
    said = " ".join(text[s.start : s.end] for s in visits[0].evidence)
    named = any(p.name.split()[-1] in said for p in main.participants if p.name)
    return visits[0] if named else None


def _news_day(document: Document, doc: Doc, main: Event, mentions: list[Mention]) -> str | None:
    """Return the publication day for the round the story reports without a date, when it was filed from the
    round's city (its dateline names the place of the round), or when the lead tells it as today's news: its first sentence in the present or the present perfect ("A US mediator says there is a real
    opportunity ...", "Negotiators have reached ..."), and the round reported within the lead. A wire story that
    reports what is new in the present tense reports what happened that day; a lead in the past tense ("met on
    ...", "said last week") dates itself or is about an earlier day, and is left undated.
    """
    if not document.published or not DAY.match(document.published):
        return None
    here = main.place and (dateline_place(document, doc, mentions) or "").lower() == main.place.lower()
    text = doc_text(doc)
    if here and main.place and any(main.place in text[span.start : span.end] for span in main.evidence):  # the body says it, too
        return document.published[:10]  # "ISTANBUL -- ... the negotiations in Istanbul": filed from the round, that day
    at = body_start(document)
    if not any(0 <= span.start - at <= _LEAD_REACH for span in main.evidence):
        return None
    first = next((s for s in doc.sents if s.start_char >= at and any(t.is_alpha for t in s)), None)
    if first is None:
        return None
    root = first.root
    present = root.tag_ in _PRESENT or any(c.dep_ == "aux" and c.tag_ in _PRESENT and c.lemma_ == "have" for c in root.children)
    return document.published[:10] if present and root.pos_ in ("VERB", "AUX") else None
