"""Assemble a Document from its parts, so every reader produces the same shape.

The text is headline, caption and body joined by blank lines; the sections
record where each part lies, so later stages can tell a caption's "October
25, 2025" from the body's dates.
"""

from __future__ import annotations

from datetime import date, datetime, timezone

from dateutil import parser as dateutil_parser

from talktrack.errors import message
from talktrack.model import Document, PublishedBasis, Section, SectionKind

MIN_YEAR, MAX_YEAR = 1800, 2200


def build_document(
    *,
    body: str,
    source: str | None,
    headline: str | None = None,
    caption: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    published: str | None = None,
    published_basis: PublishedBasis | None = None,
    warnings: list[str] | None = None,
) -> Document:
    """Return a Document whose text is headline, caption and body separated by blank lines."""
    given: tuple[tuple[SectionKind, str | None], ...] = (("headline", headline), ("caption", caption), ("body", body))
    parts: list[tuple[SectionKind, str]] = [
        (kind, part.strip())
        for kind, part in given
        if part and part.strip()
    ]
    text, sections = "", []
    for kind, part in parts:
        if text:
            text += "\n\n"
        sections.append(Section(kind, len(text), len(text) + len(part)))
        text += part
    return Document(
        id=Document.make_id(text),
        text=text,
        source=source,
        title=headline.strip() if headline else None,
        outlet=outlet,
        url=url,
        published=published,
        published_basis=published_basis if published else None,
        sections=sections,
        warnings=list(warnings or []),
    )


def normalize_published(value: object, warnings: list[str]) -> str | None:
    """Return a metadata date as YYYY-MM-DD, or None with a warning when it is not a plausible date.

    Accepts ISO strings ("2029-05-18T09:30:00Z"), RFC 2822 ("Fri, 18 May 2029
    09:30:00 GMT") and Unix timestamps; a year outside 1800-2200 is absurd.
    """
    if value is None or value == "":
        return None
    try:
        if isinstance(value, bool):
            raise ValueError("boolean")
        if isinstance(value, (int, float)):
            seconds = value / 1000 if value > 1e11 else value  # milliseconds in many news APIs
            day = datetime.fromtimestamp(seconds, tz=timezone.utc).date()
        elif isinstance(value, str):
            day = dateutil_parser.parse(value.strip(), default=datetime(1, 1, 1)).date()
            if day == date(1, 1, 1):
                raise ValueError("no date")
        else:
            raise ValueError(type(value).__name__)
    except (ValueError, OverflowError, OSError):
        warnings.append(message("TT153", value=str(value)[:80]))
        return None
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        warnings.append(message("TT153", value=str(value)[:80]))
        return None
    return day.isoformat()
