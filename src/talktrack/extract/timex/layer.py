"""The time layer of a parsed text: each expression found, kept, valued and anchored, in text order."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from spacy.tokens import Doc

from talktrack.event_records import period_bounds
from talktrack.extract.timex.anchor import (
    NO_ANCHOR,
    count_from,
    date_basis,
    entry_stamps,
    in_named_week,
    is_relative,
    story_date,
    unanchored,
)
from talktrack.extract.timex.calendar import PAST
from talktrack.extract.timex.direction import direction_at
from talktrack.extract.timex.filters import is_someday, rejected
from talktrack.extract.timex.grammar import vocabulary
from talktrack.extract.timex.scan import find_expressions
from talktrack.extract.timex.values import normalize, reports_by_quarter
from talktrack.model import Timex
from talktrack.nlp.views import doc_text
from talktrack.settings import Settings


def find_timexes_in(doc: Doc, anchor: date | None, doc_id: str = "") -> Iterator[Timex]:
    """Yield the time expressions of a parsed text, normalized against `anchor`.

    Without an anchor only absolute expressions (with a year) get a value;
    the others get the TIMEX3 placeholders of their granularity (XXXX-XX-XX).
    """
    text = doc_text(doc)
    found_timexes = list(_found_timexes(doc, text, anchor, doc_id))
    yield from in_named_week(found_timexes, text)


def _found_timexes(doc: Doc, text: str, anchor: date | None, doc_id: str) -> Iterator[tuple[str, Timex]]:
    """Yield each expression the grammar found and kept, with the rule that found it.

    After a live blog's entry stamp, relative expressions count from the
    stamp's day: in the entry stamped "Saturday 09:00", "today" is that
    Saturday, whatever day the blog was last updated.
    """
    vocab = vocabulary()
    quarterly = reports_by_quarter(text)
    story: str | None = None  # the last calendar date the text named: "in March", "in 1995", "on May 3"
    expressions = find_expressions(text)
    stamps = {f.start for f in entry_stamps(text, expressions)} if anchor is not None else set()
    entry: date | None = None  # the day of the live-blog entry the expression is in
    for found in expressions:
        if rejected(doc, text, found):
            continue
        direction = direction_at(doc, found.start, found.end, vocab)
        narrative = count_from(found, story, direction, entry or anchor)
        if found.start in stamps:
            entry = None  # a stamp is read against the publication date
        result = normalize(found, narrative or entry or anchor or NO_ANCHOR, direction, vocab, text[found.start : found.end], quarterly)
        if result is None:
            continue
        if found.start in stamps:
            entry = date.fromisoformat(result[1][:10])
            story = entry.isoformat()  # the entry's story starts on its day
        if found.rule == "duration" and is_someday(doc, found, text):
            result = "DATE", "PAST_REF" if direction == PAST else "FUTURE_REF", None
        kind, value, span_range = result
        masked = anchor is None and narrative is None and is_relative(found)
        if masked and kind in ("DATE", "TIME"):
            value, span_range = unanchored(found.rule, value), None
        story = story_date(kind, value) or story
        if span_range is None and kind == "DATE":
            span_range = period_bounds(value)  # "last week": its first and last day, as a reader counts it
        basis = date_basis(found, masked)
        yield found.rule, Timex(doc_id, found.start, found.end, text[found.start : found.end], kind, value, span_range, basis)


def annotate_text(text: str, dct: date, settings: Settings | None = None, *, split_ranges: bool = True) -> list[Timex]:
    """Return the time expressions of `text` normalized against `dct` (for benchmarks and tests).

    With `split_ranges`, "from Monday to Tuesday" becomes two expressions, as
    TimeML annotates it; the ledger keeps one expression with a `range`.
    """
    from talktrack.nlp import load_nlp

    doc = load_nlp(settings or Settings())(text)
    out: list[Timex] = []
    for timex in find_timexes_in(doc, dct):
        if split_ranges and timex.range and timex.range != period_bounds(timex.value):  # a week is one expression
            out.extend(_split_range(timex))
        else:
            out.append(timex)
    return out


def _split_range(timex: Timex) -> list[Timex]:
    """Return the two ends of a range as separate expressions ("Saturday", "Sunday")."""
    m = re.search(r"\s*(?:\bto\b|\bthrough\b|\buntil\b|\btill\b|\band\b|[-–])\s*", timex.text)
    if m is None or timex.range is None:
        return [timex]
    lead = re.match(r"(?:from|between)\s+", timex.text, re.I)
    first_start = timex.start + (lead.end() if lead else 0)
    left = Timex(timex.doc_id, first_start, timex.start + m.start(), timex.text[first_start - timex.start : m.start()], timex.type,
                 timex.range[0], basis=timex.basis)
    right = Timex(timex.doc_id, timex.start + m.end(), timex.end, timex.text[m.end() :], timex.type, timex.range[1], basis=timex.basis)
    return [left, right]
