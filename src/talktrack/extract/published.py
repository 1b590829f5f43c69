"""The publication date of a document that does not state one, inferred from its text.

A dated photo caption ("pose for a photo on October 25, 2025") or dateline
("KALLISPORT, Sept 7 (Harbor Wire) --") gives a lower bound; the weekdays the
story reports in the past ("met from Saturday to Sunday", "said on Sunday")
then pin the day: the earliest date on or after the bound from which the most
of them fall on or after the bound (less a day: "announced on Friday" before
talks that the Saturday photo shows). A dateline is the day the story was
filed, and is taken as it stands.

A dateline without a year in a text that names no year ("OSLO, July 31
(Harbor Wire) --" and nothing else) cannot be dated alone. Such a document
waits (`needs_anchor`) until the other articles of the run are read; it is
then given their median publication date as its `anchor`, and the dateline
takes the year that puts it nearest the anchor.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from typing import Any

from spacy.tokens import Doc

from talktrack.extract import extractor
from talktrack.extract.timex import direction_at, find_expressions
from talktrack.extract.timex_calendar import FUTURE, pick_weekday
from talktrack.extract.timex_grammar import vocabulary
from talktrack.model import Document
from talktrack.settings import Settings

MAX_LAG_DAYS = 7
_DATELINE = re.compile(r"[A-Z][A-Z .'-]{2,40},\s+(?:[A-Z][a-z]+\.?\s+\d{1,2})")
_YEAR = re.compile(r"(?<![\d.,])(?:1[89]|2[01])\d\d(?![\d.,]\d)")


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
    return bool(_DATELINE.match(document.text, body_start(document))) and not _YEAR.search(document.text)


def median_date(dates: Iterable[str | None]) -> str | None:
    """Return the lower median of the ISO dates given (None when there are none): a run's anchor."""
    known = sorted(d[:10] for d in dates if d and len(d) >= 10)
    return known[(len(known) - 1) // 2] if known else None


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
def infer_published(document: Document, doc: Doc, settings: Settings, _layers: dict[str, list[Any]]) -> Iterator[str]:
    """Yield the inferred publication date (YYYY-MM-DD) of a document that has none."""
    if document.published:
        return
    inferred = infer_from_doc(doc, document)
    if inferred:
        yield inferred.isoformat()


def infer_from_doc(doc: Doc, document: Document | None = None) -> date | None:
    """Return the publication date the text implies, or None when it gives no dated anchor."""
    vocab = vocabulary()
    text = doc.text
    found = find_expressions(text)
    bound, from_dateline = _lower_bound(text, found, document)
    if bound is None:
        return None
    if from_dateline:
        return bound  # a wire dateline is the day the story was filed
    weekdays: list[int] = []
    for f in found:
        if f.rule not in ("weekday", "range_weekday") or f.groups.get("rel"):
            continue
        if direction_at(doc, f.start, f.end, vocab) == FUTURE:
            continue
        weekdays.append(vocab.weekdays[(f.groups["weekday"] or "").lower()])
        if f.groups.get("weekday2"):
            weekdays.append(vocab.weekdays[(f.groups["weekday2"] or "").lower()])
    if not weekdays:
        return bound

    # a caption's photo is taken the day of the events or the day before the ones it previews
    earliest = bound - timedelta(days=1)

    def covered(candidate: date) -> int:
        return sum(1 for wd in weekdays if pick_weekday(candidate, wd, -1) >= earliest)

    candidates = [bound + timedelta(days=n) for n in range(MAX_LAG_DAYS)]
    return max(candidates, key=lambda c: (covered(c), -c.toordinal()))


def _lower_bound(text: str, found: list[Any], document: Document | None) -> tuple[date | None, bool]:
    """Return the latest full date in the caption or dateline, else the latest in the text; and whether it is the dateline's."""
    caption = next((s for s in (document.sections if document else []) if s.kind == "caption"), None)
    full = [f for f in found if f.rule in ("date", "date_dmy", "iso_date") and (f.groups.get("year") or f.rule == "iso_date")]
    years = [int(f.groups["year"]) for f in found if f.groups.get("year")]
    dates = []
    for f in full:
        value = _full_date(f)
        if value is not None:
            in_caption = caption is not None and caption.start <= f.start < caption.end
            dates.append((in_caption, value))
    if any(in_caption for in_caption, _ in dates):
        return max(d for in_caption, d in dates if in_caption), False
    dateline = _dateline_date(text, found, document, years)
    if dateline is not None:
        return dateline, True
    return max((d for _, d in dates), default=None), False


def _full_date(f: Any) -> date | None:
    vocab = vocabulary()
    try:
        if f.rule == "iso_date":
            return date.fromisoformat(f.groups["iso"])
        return date(int(f.groups["year"]), vocab.months[f.groups["month"].lower().rstrip(".")], int(f.groups["day"]))
    except (ValueError, KeyError, TypeError):
        return None


def _dateline_date(text: str, found: list[Any], document: Document | None, years: list[int]) -> date | None:
    """Return the date of a wire dateline at the start of the body, its year taken from the text or the anchor."""
    start = body_start(document) if document else 0
    anchor = document.anchor if document else None
    if not _DATELINE.match(text, start) or not (years or anchor):
        return None
    vocab = vocabulary()
    first = next((f for f in found if start <= f.start < start + 60 and f.rule == "date"), None)
    if first is None:
        return None
    try:
        month, day = vocab.months[(first.groups["month"] or "").lower().rstrip(".")], int(first.groups["day"] or 0)
        if years:
            return date(max(years), month, day)
        return nearest_year(month, day, date.fromisoformat(anchor or ""))
    except (ValueError, KeyError):
        return None
