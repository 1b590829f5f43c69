"""HTML pages: main text with trafilatura, title, outlet and date from the page's metadata.

Navigation, scripts, footers and comment threads are dropped by trafilatura;
the publication date comes from htmldate (via trafilatura's metadata) and is
marked `published_basis="metadata"`.

Hostile pages: libxml2 stops building the tree 255 elements deep, so a page
of 100,000 nested <div>s reaches trafilatura empty. When trafilatura and its
baseline find no text, `visible_text` reads the markup as a flat stream of
tags (no tree, no recursion, linear time) and keeps what a browser would
show; the document says so (TT156). A parser that raises on crafted markup
costs that page its layout or its date, never the run.
"""

from __future__ import annotations

import html as html_lib
import logging
import re

import trafilatura
from htmldate import find_date

from talktrack.errors import message
from talktrack.ingest.build import build_document, normalize_published
from talktrack.ingest.repair import repair_text
from talktrack.model import Document

log = logging.getLogger(__name__)


class NoArticle(Exception):
    """The page holds no extractable article text."""


# libxml2 refuses a text node or attribute over 10,000,000 bytes (without its "huge" option, which lifts
# other limits too) and then hands back a tree without the page's head: an inline image or a JSON blob in one
# attribute cost the page its title and date. Such a value carries no article text; it is emptied first.
_HUGE_VALUE = 1_000_000
_LONG_ATTRIBUTE = re.compile(r'=\s*(?:"[^"<>]{%d,}+"|\'[^\'<>]{%d,}+\')' % (_HUGE_VALUE, _HUGE_VALUE))


def shrink_huge_attributes(html: str) -> str:
    """Return `html` with every attribute value over a megabyte emptied ("data:..." images, inline JSON)."""
    if len(html) <= _HUGE_VALUE:
        return html
    return _LONG_ATTRIBUTE.sub('=""', html)


def read_html(html: str, source: str, warnings: list[str]) -> Document:
    """Return the article in `html`; raises NoArticle when there is none."""
    html = shrink_huge_attributes(html)
    try:
        extracted = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            favor_precision=True,
            deduplicate=False,
        )
    except Exception as exc:  # third-party parsing of untrusted markup: the page falls back, the run goes on
        log.debug("%s: trafilatura failed: %r", source, exc)
        extracted = None
    if not isinstance(extracted, trafilatura.settings.Document) or not (extracted.text or "").strip():
        return _read_without_layout(html, source, warnings)
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


def _read_without_layout(html: str, source: str, warnings: list[str]) -> Document:
    """Return a page trafilatura found no main text in: its baseline text, else its visible text (TT156)."""
    try:
        # short pages fall below trafilatura's size thresholds; the baseline keeps them
        text = trafilatura.baseline(html)[1]
    except Exception as exc:
        log.debug("%s: trafilatura baseline failed: %r", source, exc)
        text = ""
    if not text.strip():
        text = visible_text(html)  # non-empty only when the tree lost text a browser would show
        if not text.strip():
            raise NoArticle("no main text in the page")
        warnings = warnings + [message("TT156")]
    body, fixes = repair_text(text)
    return build_document(body=body, source=source, warnings=warnings + fixes)


def _metadata_date(html: str) -> str | None:
    """Return the date the page's own metadata states, even when it lies after today or is absurd.

    htmldate refuses dates after today (and before 1995) by default, which
    loses archived or embargoed pages stamped later than the machine's
    clock, and drops an absurd date silently; asked with wide bounds, it
    hands back what the page's own meta tags say (not a guess from its
    text), and normalize_published keeps it or warns why not (TT155).
    """
    try:
        found = find_date(html, extensive_search=False, original_date=True, min_date="1000-01-01", max_date="9999-12-31")
    except Exception as exc:  # htmldate raises on some crafted values ("year 0 is out of range")
        log.debug("htmldate failed: %r", exc)
        return None
    return found if isinstance(found, str) else None


# a comment, a declaration (<!DOCTYPE>, <?xml>, <![CDATA[), or a tag with its name; possessive quantifiers keep
# every attempt to the next "<" or ">", so the scan is linear even over "<a <a <a ..." without a closing ">"
_MARKUP = re.compile(r"<!--|<[!?][^<>]*+>|<(/?)([A-Za-z][^\s/<>]*+)[^<>]*+>")
_HIDDEN = frozenset({"script", "style", "noscript", "template", "title", "svg", "math", "iframe", "object"})
_BLOCK = frozenset(
    "address article aside blockquote br dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 header hr li main nav "
    "ol p pre section table tr ul".split()
)


def visible_text(html: str) -> str:
    """Return the text a browser would show, paragraphs apart, reading tags as a flat stream (no tree, linear time).

    Script, style and the like are skipped to their end tag, or to the end of
    the page when it never comes, as a browser does.
    """
    parts: list[str] = []
    pos = 0
    while (tag := _MARKUP.search(html, pos)) is not None:
        parts.append(html[pos : tag.start()])
        pos = tag.end()
        if tag.group(0) == "<!--":
            end = html.find("-->", pos)
            pos = len(html) if end < 0 else end + 3
            continue
        name = (tag.group(2) or "").lower()
        if name in _HIDDEN and not tag.group(1) and not tag.group(0).endswith("/>"):
            close = re.compile(rf"</{name}\b[^<>]*+>", re.I).search(html, pos)
            pos = len(html) if close is None else close.end()
        elif name in _BLOCK:
            parts.append("\n")
    parts.append(html[pos:])
    lines = (" ".join(line.split()) for line in html_lib.unescape("".join(parts)).split("\n"))
    return "\n\n".join(line for line in lines if line)


def strip_site_suffix(title: str | None, site: str | None) -> str | None:
    """Return a page title without its " - Site" / " | Site" suffix: "Talks resume | Meridian Post"."""
    if not title or not site:
        return title
    stripped = re.sub(rf"\s*[-–—|:]\s*{re.escape(site)}\s*$", "", title)
    return stripped or title
