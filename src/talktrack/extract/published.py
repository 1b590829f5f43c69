"""The publication date of a document that does not state one, inferred from its text.

A dated photo caption ("pose for a photo on October 25, 2025") or dateline
("KALLISPORT, Sept 7 (Harbor Wire) --") gives a lower bound; the weekdays the
story reports in the past ("met from Saturday to Sunday", "said on Sunday")
then pin the day: the earliest date on or after the bound from which the most
of them fall on or after the bound (less a day: "announced on Friday" before
talks that the Saturday photo shows).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
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
_DATELINE = re.compile(r"^[A-Z][A-Z .'-]{2,40},\s+(?:[A-Z][a-z]+\.?\s+\d{1,2})")


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
    bound = _lower_bound(text, found, document)
    if bound is None:
        return None
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


def _lower_bound(text: str, found: list[Any], document: Document | None) -> date | None:
    """Return the latest full date in the caption or dateline, else the latest in the text."""
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
        return max(d for in_caption, d in dates if in_caption)
    dateline = _dateline_date(text, found, document, years)
    if dateline is not None:
        return dateline
    return max((d for _, d in dates), default=None)


def _full_date(f: Any) -> date | None:
    vocab = vocabulary()
    try:
        if f.rule == "iso_date":
            return date.fromisoformat(f.groups["iso"])
        return date(int(f.groups["year"]), vocab.months[f.groups["month"].lower().rstrip(".")], int(f.groups["day"]))
    except (ValueError, KeyError, TypeError):
        return None


def _dateline_date(text: str, found: list[Any], document: Document | None, years: list[int]) -> date | None:
    """Return the date of a wire dateline at the start of the body, its year taken from the text."""
    body = next((s for s in (document.sections if document else []) if s.kind == "body"), None)
    start = body.start if body else 0
    if not _DATELINE.match(text, start) or not years:
        return None
    vocab = vocabulary()
    first = next((f for f in found if start <= f.start < start + 60 and f.rule == "date"), None)
    if first is None:
        return None
    try:
        return date(max(years), vocab.months[(first.groups["month"] or "").lower().rstrip(".")], int(first.groups["day"] or 0))
    except (ValueError, KeyError):
        return None
