"""Deadlines: the date "by" which something is to be done or "beyond" which a period is not to run, the day a
period of days ends, the date of a round held to conclude something, and a deadline's day put ahead of the story.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date, timedelta

from spacy.tokens import Span as SpacySpan, Token

from talktrack.event_records import ROUND_TYPES, calendar_span
from talktrack.extract.event_words import EventWords
from talktrack.extract.events.clauses import verb_of
from talktrack.extract.events.dates import DAY, number_of
from talktrack.model import DateBasis, Document, Event, Span, Timex
from talktrack.nlp.views import char_span

_PARTS = {"end", "close", "beginning", "start", "middle", "half"}  # "by the end of the year", "beyond the end of December"
_GOALS = {"goal", "aim", "objective", "view", "purpose", "intention", "target"}
_WINDOWS = {"window", "period", "pause", "truce", "suspension", "reprieve", "moratorium", "ceasefire", "extension", "exemption"}
_FROM = {"from", "starting", "beginning", "effective", "since"}


def timexes_within(timexes: list[Timex], starts: list[int], sent: SpacySpan) -> list[Timex]:
    """Return the time expressions that start in a sentence, from the list sorted by start (`starts`: their starts)."""
    return timexes[bisect_left(starts, sent.start_char) : bisect_left(starts, sent.end_char)]


def target_dates(
    document: Document, sent: SpacySpan, words: EventWords, timexes: list[Timex], published: str | None
) -> list[Event]:
    """Return the deadlines a sentence sets by its dates: the date "by" which something is to be concluded
    ("concluding the talks by the end of the year", "peace could be achieved by May 2025") or "beyond" which a
    period is not to be extended ("extending the transition period beyond the end of December")."""
    doc = sent.doc
    for t in timexes:
        if t.type != "DATE" or not (sent.start_char <= t.start < sent.end_char) or not t.value[:1].isdigit():
            continue
        span = char_span(doc, t.start, t.end)
        if span is None:
            continue
        head = span.root
        while head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lemma_.lower() in _PARTS:
            head = head.head.head  # "the end of December": what "by" or "beyond" governs is "end"
        prep = head.head if head.dep_ == "pobj" else None
        if prep is None or prep.dep_ not in ("prep", "agent") or prep.head.pos_ != "VERB":
            continue
        verb = prep.head
        lemma = verb.lemma_.lower()
        if not (prep.lower_ == "by" and lemma in words.targets or prep.lower_ in ("beyond", "past") and lemma in words.extensions):
            continue
        if any(c.dep_ == "neg" for c in verb.children) and prep.lower_ == "by":
            continue  # "did not conclude by Friday": no date set
        start, _ = calendar_span(t.value)
        if start is None:
            continue
        day, basis = deadline_day(start, t.basis, timexes, sent, verb, published)
        event = Event(
            id="", type="deadline", start=day, end=day, status="unknown", plover=words.plover.get("deadline"),
            evidence=[Span(document.id, sent.start_char, sent.end_char)], start_basis=basis, end_basis=basis,
        )
        return [event]  # one deadline a sentence
    return []


def goal_of_round(document: Document, sent: SpacySpan, words: EventWords, here: list[Event]) -> list[Event]:
    """Return the deadline a round sets when it is to meet with the goal of concluding something: "reconvening in
    Washington on January 13 ... with the goal of finalizing an agreement" sets January 13 for the agreement."""
    rounds = [e for e in here if e.type in ROUND_TYPES and e.status == "scheduled" and e.start and DAY.fullmatch(e.start)]
    if len(rounds) != 1:
        return []
    for token in sent:
        if token.lemma_.lower() not in _GOALS:
            continue
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ == "of" and any(
                c.dep_ in ("pcomp", "pobj") and c.lemma_.lower() in words.targets for c in prep.children
            ):
                start = rounds[0].start
                return [Event(id="", type="deadline", start=start, end=start, status="unknown", plover=words.plover.get("deadline"),
                              evidence=[Span(document.id, sent.start_char, sent.end_char)], start_basis="round", end_basis="round")]
    return []


def window_end(
    document: Document, sent: SpacySpan, words: EventWords, timexes: list[Timex], published: str | None
) -> list[Event]:
    """Return the deadline a period of days sets from the day it starts: "a 180-day ceasefire effective from
    August 3" ends on January 30; a period with no first day in its sentence sets none."""
    doc = sent.doc
    for token in sent:
        if token.lemma_.lower() not in _WINDOWS:
            continue
        days = _days_in(token)
        if days is None:
            continue
        for t in timexes:
            if not (sent.start_char <= t.start < sent.end_char) or not DAY.fullmatch(t.value):
                continue
            span = char_span(doc, t.start, t.end)
            if span is None or span.start == 0 or doc[span.start - 1].lower_ not in _FROM:
                continue
            first = _ahead(t.value, timexes, sent, span.root, published) or t.value  # "effective from August 3": next August
            last = (date.fromisoformat(first) + timedelta(days=days)).isoformat()
            return [Event(
                id="", type="deadline", start=last, end=last, status="unknown", plover=words.plover.get("deadline"),
                evidence=[Span(document.id, sent.start_char, sent.end_char)], start_basis="period", end_basis="period",
            )]
    return []


def _days_in(token: Token) -> int | None:
    """Return the days a period's words give it: "a 90-day window", "a 180-day national ceasefire"."""
    for child in token.children:
        match = re.fullmatch(r"(\d+|\w+)-day", child.lower_)
        if child.dep_ in ("amod", "compound", "nummod") and match and number_of(match.group(1)) > 1:
            return number_of(match.group(1))
        if child.lemma_.lower() == "day" and child.dep_ in ("amod", "compound", "nmod"):
            number = next((number_of(c.lower_) for c in child.children if c.dep_ == "nummod"), 0)
            if number > 1:
                return number
    return None


def deadline_day(
    value: str | None, basis: DateBasis | None, timexes: list[Timex], sent: SpacySpan, token: Token, published: str | None
) -> tuple[str | None, DateBasis | None]:
    """Return a deadline's day (see `_year_end` and `_ahead`) and how it was reached: a year moved ahead is inferred."""
    day = _ahead(_year_end(value, timexes, sent), timexes, sent, token, published)
    moved = day is not None and value is not None and day[:4] != value[:4]
    return day, "relative" if moved else basis


def _year_end(value: str | None, timexes: list[Timex], sent: SpacySpan) -> str | None:
    """Return a year's last month where the text says "the end of the year": a deadline then falls in December."""
    if value is None or not re.fullmatch(r"\d{4}", value):
        return value
    for t in timexes:
        if sent.start_char <= t.start < sent.end_char and t.value == value and re.search(r"\bend of (?:the )?year\b", t.text.lower()):
            return f"{value}-12"
    return value


def _ahead(value: str | None, timexes: list[Timex], sent: SpacySpan, token: Token, published: str | None) -> str | None:
    """Return a deadline's date in the year that puts it ahead of the story, when the text gives no year and does
    not say it has passed: "the looming expiration of a waiver on July 8" in an April story is this July's.

    A verb in the past ("the truce expired on July 8") keeps the date it has.
    """
    if value is None or published is None or not re.fullmatch(r"\d{4}-\d\d(?:-\d\d)?", value):
        return value
    if value[:7] >= published[:7]:
        return value
    verb = verb_of(token)
    if verb.tag_ in ("VBD", "VBN") and not any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("is", "are", "be", "will") for c in verb.children):
        return value
    written = next((t.text for t in timexes if sent.start_char <= t.start < sent.end_char and t.value.startswith(value)), "")
    if re.search(r"\b\d{4}\b", written):
        return value  # "by May 2024" in a later story: the text says which year
    later = f"{int(value[:4]) + 1}{value[4:]}"
    try:
        if len(later) == 10:
            date.fromisoformat(later)
    except ValueError:
        return value  # February 29
    return later if later[:7] >= published[:7] and int(later[:4]) - int(published[:4]) <= 1 else value
