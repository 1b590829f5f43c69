"""HTML pages: main text with trafilatura, title, outlet and date from the page's metadata.

Navigation, scripts, footers and comment threads are dropped by trafilatura;
the publication date comes from htmldate (via trafilatura's metadata) and is
marked `published_basis="metadata"`.
"""

from __future__ import annotations

import trafilatura

import re

from htmldate import find_date

from talktrack.ingest.build import MAX_YEAR, build_document, normalize_published
from talktrack.ingest.repair import repair_text
from talktrack.model import Document


class NoArticle(Exception):
    """The page holds no extractable article text."""


def read_html(html: str, source: str, warnings: list[str]) -> Document:
    """Return the article in `html`; raises NoArticle when there is none."""
    extracted = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        deduplicate=False,
    )
    if not isinstance(extracted, trafilatura.settings.Document) or not (extracted.text or "").strip():
        # short pages fall below trafilatura's size thresholds; the baseline keeps them
        _, text, _ = trafilatura.baseline(html)
        if not text.strip():
            raise NoArticle("no main text in the page")
        body, fixes = repair_text(text)
        return build_document(body=body, source=source, warnings=warnings + fixes)
    date = extracted.date or _metadata_date(html)
    published = normalize_published(date, warnings)
    body, fixes = repair_text(extracted.text or "")
    title = strip_site_suffix(extracted.title, extracted.sitename)
    first, _, rest = body.partition("\n")
    if title and first.strip() == title.strip() and rest.strip():
        body = rest  # the page's <h1> repeats the title we already put first
    return build_document(
        body=body,
        source=source,
        headline=repair_text(title)[0] if title else None,
        outlet=extracted.sitename,
        url=extracted.url,
        published=published,
        published_basis="metadata",
        warnings=warnings + fixes,
    )


def _metadata_date(html: str) -> str | None:
    """Return the date the page's own metadata states, even when it lies after today.

    htmldate refuses dates after today by default, which loses archived or
    embargoed pages stamped later than the machine's clock; the page's own
    meta tags (not a guess from its text) are trusted up to MAX_YEAR.
    """
    found = find_date(html, extensive_search=False, original_date=True, max_date=f"{MAX_YEAR}-12-31")
    return found if isinstance(found, str) else None


def strip_site_suffix(title: str | None, site: str | None) -> str | None:
    """Return a page title without its " - Site" / " | Site" suffix: "Talks resume | Meridian Post"."""
    if not title or not site:
        return title
    stripped = re.sub(rf"\s*[-–—|:]\s*{re.escape(site)}\s*$", "", title)
    return stripped or title
