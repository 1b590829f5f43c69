"""Time expressions normalized to TIMEX3 type and value, against the publication date.

Detection is the rule grammar of `grammar` (built from data/timex_en.yaml)
over the raw text, scanned by `scan`; `filters` drops the matches that are no
time where they stand. `values` turns each match into a TIMEX3 value by a
table keyed by the grammar's rule names (its entries in `dates` and `times`,
their shared reading of a match and arithmetic in `groups`),
anchored to the publication date (given, read from metadata, or inferred by
extract/published.py) or to a date the story named (`anchor`). `direction`
reads the sentence's tense from the parse for the direction of bare dates:
the Stockholm talks "came just days before the expiration of a 90-day tariff
truce ..., with a deadline approaching on August 12" is the coming August 12,
while "met on Sunday" is the Sunday before. `calendar` holds the date
arithmetic, `layer` the loop that ties them together.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from spacy.tokens import Doc

from talktrack.extract.registry import extractor
from talktrack.extract.timex.anchor import entry_stamps
from talktrack.extract.timex.layer import annotate_text, find_timexes_in
from talktrack.extract.timex.scan import Found, find_expressions, scan
from talktrack.model import Document, Layers, Timex
from talktrack.settings import Settings

__all__ = ["Found", "annotate_text", "entry_stamps", "find_expressions", "find_timexes", "find_timexes_in", "scan"]


@extractor("timexes", needs=("published",))
def find_timexes(document: Document, doc: Doc, settings: Settings, layers: Layers) -> Iterator[Timex]:
    """Yield the document's time expressions, anchored to its (possibly inferred) publication date."""
    published = document.published or next(iter(layers.published), None)
    anchor = _anchor(published)
    yield from find_timexes_in(doc, anchor, document.id)


def _anchor(published: str | None) -> date | None:
    if not published:
        return None
    parts = [int(p) for p in published.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)

