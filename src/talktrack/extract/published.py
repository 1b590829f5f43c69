"""The publication date of a document that does not state one, inferred from its text.

A dated photo caption ("pose for a photo on October 25, 2025") gives a
lower bound (see below). Without one, a wire dateline at the head of the
body ("LIMA, Sept 7 (Reuters) -") is the day the story was filed; its year
is the one that puts it nearest the dates the text states with a year and
month (a year alone, "the 2015 accord", or a number, "some 2000 farmers",
does not count). Without either, the latest full date the text reports in
the past is the lower bound (else the latest it gives no direction; never one
it looks ahead to, such as a deadline). From a lower bound, the weekdays the
story reports in the past ("met from Saturday to Sunday", "said on Sunday")
then pin the day: the earliest date on or after the bound from which the most
of them fall on or after the bound (less a day: "announced on Friday" before
talks that the Saturday photo shows). In a live blog the entry stamps
("Sunday 19:30" on a line of its own) stand for the weekdays after the first
of them, which count from their entry's day. A story that says "yesterday"
(outside a live blog's entries) is at least a day after the bound and names
no weekday for its own day. A range of weekdays counts as its last day and
the days before it.

A dateline in a text that states no year ("LIMA, June 3 (Reuters) -" and
nothing else) cannot be dated alone. Such a document waits (`needs_anchor`)
until the other articles of the run are read; it is then given their median
publication date as its `anchor`, and the dateline takes the year that puts
it nearest the anchor.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Set as AbstractSet
from dataclasses import replace
from datetime import date, timedelta
from typing import Any, TypeVar

from spacy.tokens import Doc

from talktrack.extract.registry import extractor
from talktrack.extract.timex.anchor import entry_stamps
from talktrack.extract.timex.calendar import FUTURE, PAST, pick_weekday
from talktrack.extract.timex.direction import direction_at
from talktrack.extract.timex.grammar import vocabulary
from talktrack.extract.timex.scan import find_expressions
from talktrack.model import Document, Layers
from talktrack.nlp.views import doc_text
from talktrack.settings import Settings

MAX_LAG_DAYS = 7
T = TypeVar("T")
_YEARISH = re.compile(r"(?<!\d)(?:1[89]|2[01])\d\d(?!\d)")
# an embedded social-media post ends with its author, handle and the day it was posted:
# "... — Bloomberg TV (@BloombergTV) August 6, 2025"; that day is past, whatever the post's words look ahead to
_POST_STAMP = re.compile(r"[—–-]\s*[^\n—–]{0,80}\(@\w{1,30}\)\s*$")
_DATELINE = re.compile(r"[A-Z][A-Z .'-]{2,40},\s+(?P<month>[A-Z][a-z]+\.?)\s+\d{1,2}\b")


def body_start(document: Document) -> int:
    """Return where the document's body starts (0 when it has no sections)."""
    return next((s.start for s in document.sections if s.kind == "body"), 0)


def needs_anchor(document: Document) -> bool:
    """Whether the document dates itself only by a dateline without a year, in a text that names no year.

    A cheap test on the text alone, made before the parse: such a document is
    extracted after the others of its run, with their median date as anchor.
    """
    if document.published or document.anchor:
        return False
    if _dateline_month(document.text, body_start(document)) is None:
        return False
    # the time grammar only when the text has a number that could be a year (it runs before the parse)
    return not _YEARISH.search(document.text) or not _stated_dates(find_expressions(document.text))


def waits_for_anchor(document: Document, waiting: AbstractSet[str]) -> bool:
    """Whether `document` must be extracted after the others of its run (`waiting`: the ids set aside so far).

    An original that `needs_anchor`, and a near-duplicate copy of one that
    waits: the copy's evidence comes from its original, extracted (and stored) first.
    """
    return document.duplicate_of in waiting if document.duplicate_of else needs_anchor(document)


def with_anchor(documents: Iterable[Document], anchor: str | None) -> list[Document]:
    """Return `documents` given `anchor`; copies are not parsed and keep none."""
    return [replace(d, anchor=anchor) if not d.duplicate_of else d for d in documents]


def _dateline_month(text: str, start: int) -> int | None:
    """Return where the month of a wire dateline at `start` begins ("OSLO, July 31 (Wire) --"), or None."""
    match = _DATELINE.match(text, start)
    if match is None or match.group("month").lower().rstrip(".") not in vocabulary().months:
        return None  # "NATO, Russia 24 hours after ...": not a dateline
    return match.start("month")


def _stated_dates(found: list[Any]) -> list[date]:
    """Return the dates the text states with their year and month ("May 2031", "September 5, 2031").

    A bare number ("some 2000 protesters") or a year alone ("the 2015 accord")
    does not say when the story was written.
    """
    out = []
    for f in found:
        value = _full_date(f)
        if value is None and f.groups.get("year") and f.groups.get("month"):
            try:
                value = date(int(f.groups["year"] or 0), _month(f.groups["month"]), 15)
            except (ValueError, KeyError):
                value = None
        if value is not None:
            out.append(value)
    return out


def _month(word: str | None) -> int:
    """Return the number of a month name or abbreviation ("Sept." is 9); KeyError for another word."""
    return vocabulary().months[(word or "").lower().rstrip(".")]


def _lower_median(values: list[T]) -> T | None:
    """Return the lower median of sorted `values`, None for none."""
    return values[(len(values) - 1) // 2] if values else None


def median_date(dates: Iterable[str | None]) -> str | None:
    """Return the lower median of the ISO dates given (None when there are none): a run's anchor."""
    return _lower_median(sorted(d[:10] for d in dates if d and len(d) >= 10))


def nearest_year(month: int, day: int, anchor: date) -> date | None:
    """Return the date of `month`/`day` nearest `anchor`, in its year or the one before or after."""
    candidates = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:  # 29 February
            continue
    return min(candidates, key=lambda d: (abs((d - anchor).days), d), default=None)


@extractor("published")
def infer_published(document: Document, doc: Doc, settings: Settings, _layers: Layers) -> Iterator[str]:
    """Yield the inferred publication date (YYYY-MM-DD) of a document that has none."""
    if document.published:
        return
    inferred = infer_from_doc(doc, document)
    if inferred:
        yield inferred.isoformat()


def infer_from_doc(doc: Doc, document: Document | None = None) -> date | None:
    """Return the publication date the text implies, or None when it gives no dated anchor."""
    vocab = vocabulary()
    found = find_expressions(doc_text(doc))
    bound, from_dateline = _lower_bound(doc, found, document)
    if bound is None:
        return None
    if from_dateline:
        return bound  # a wire dateline is the day the story was filed
    # a live blog's entry stamps ("Sunday 19:30") date it by its last entry; a weekday inside an entry
    # ("a video call on Tuesday", under "Saturday 09:00") counts from the entry's day, not the blog's
    stamps = entry_stamps(doc_text(doc), found)
    first_entry = stamps[0].start if stamps else len(doc_text(doc))
    # (last weekday, days it runs back): "from Monday to Wednesday" is the Wednesday gone and the two days before
    weekdays: list[tuple[int, int]] = [(vocab.weekdays[(f.groups["weekday"] or "").lower()], 0) for f in stamps]
    for f in found:
        if f.rule not in ("weekday", "range_weekday") or f.groups.get("rel") or f.start >= first_entry:
            continue
        if direction_at(doc, f.start, f.end, vocab) == FUTURE:
            continue
        first = vocab.weekdays[(f.groups["weekday"] or "").lower()]
        last = vocab.weekdays[(f.groups["weekday2"] or "").lower()] if f.groups.get("weekday2") else first
        weekdays.append((last, 0))
        if last != first:
            weekdays.append((last, (last - first) % 7))
    # a paper that says "yesterday" names the day before it so, and by weekday only the days before that
    strict = any(
        f.rule in ("today", "today_time") and "yesterday" in ((f.groups.get("word") or "") + (f.groups.get("day") or "")).lower()
        and f.start < first_entry
        for f in found
    )
    if not weekdays:
        return bound + timedelta(days=1) if strict else bound

    # a caption's photo is taken the day of the events or the day before the ones it previews
    earliest = bound - timedelta(days=1)

    def day_of(candidate: date, weekday: int) -> date:
        day = pick_weekday(candidate, weekday, -1)
        return day - timedelta(days=7) if strict and day == candidate else day

    def covered(candidate: date) -> int:
        return sum(1 for wd, back in weekdays if day_of(candidate, wd) - timedelta(days=back) >= earliest)

    # and it says "yesterday" of the latest day it reports: the paper is at least a day after the bound
    candidates = [bound + timedelta(days=n) for n in range(1 if strict else 0, MAX_LAG_DAYS)]
    return max(candidates, key=lambda c: (covered(c), -c.toordinal()))


def _lower_bound(doc: Doc, found: list[Any], document: Document | None) -> tuple[date | None, bool]:
    """Return the latest full date in the caption or dateline, else the latest the text reports; and whether it is the dateline's.

    Of the text's dates, those it reports in the past count first, then those
    it gives no direction; never those it looks ahead to ("extended until July
    15, 2026", "will meet on May 31, 2026"), which come after the story.
    """
    text = doc_text(doc)
    caption = next((s for s in (document.sections if document else []) if s.kind == "caption"), None)
    dates = []
    for f in found:
        value = _full_date(f)
        if value is not None:
            in_caption = caption is not None and caption.start <= f.start < caption.end
            dates.append((in_caption, f, value))
    if any(in_caption for in_caption, _, _ in dates):
        return max(d for in_caption, _, d in dates if in_caption), False
    dateline = _dateline_date(text, found, document)
    if dateline is not None:
        return dateline, True
    vocab = vocabulary()
    reported = [(PAST if _POST_STAMP.search(text, max(0, f.start - 120), f.start) else direction_at(doc, f.start, f.end, vocab), d) for _, f, d in dates]
    return max(((direction == PAST, d) for direction, d in reported if direction != FUTURE), default=(False, None))[1], False


def _full_date(f: Any) -> date | None:
    """Return the day a match names with its year: a date's, or a range's last ("April 15 and 16, 2026")."""
    try:
        if f.rule == "iso_date":
            return date.fromisoformat(f.groups["iso"])
        if f.rule not in ("date", "date_dmy", "range_date", "date_time") or not f.groups.get("year"):
            return None
        if f.rule == "range_date":
            return date(int(f.groups["year"]), _month(f.groups.get("month2") or f.groups["month"]), int(f.groups["day2"]))
        return date(int(f.groups["year"]), _month(f.groups["month"]), int(f.groups["day"]))
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


def _dateline_date(text: str, found: list[Any], document: Document | None) -> date | None:
    """Return the date of a wire dateline at the start of the body.

    Its year is the one that puts it nearest the dates the text states with a
    year (their lower median), else nearest the run's anchor: "OSLO, July 31"
    in a story that names "September 5, 2031" is 2031-07-31, and so it is in
    a story that looks ahead to "January 1, 2032".
    """
    start = body_start(document) if document else 0
    at = _dateline_month(text, start)
    if at is None:
        return None
    first = next((f for f in found if f.start == at and f.rule == "date"), None)
    if first is None:
        return None
    anchor = _lower_median(sorted(_stated_dates(found)))
    if anchor is None and document is not None and document.anchor:
        anchor = date.fromisoformat(document.anchor[:10])
    if anchor is None:
        return None
    try:
        month, day = _month(first.groups["month"]), int(first.groups["day"] or 0)
    except (ValueError, KeyError):
        return None
    return nearest_year(month, day, anchor)
