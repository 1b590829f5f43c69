"""News-API dumps: JSON Lines (one article per line) and JSON files (an object or a list).

Field names differ per API (`body`, `content`, `text`; `publishedAt`,
`published_at`, `date`); the defaults try the common ones in order and the
settings `jsonl_*_field` name them exactly. A bad line is reported with its
number and the rest of the file is still read.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from talktrack.errors import message
from talktrack.ingest.build import build_document, normalize_published, screen_document, too_long
from talktrack.ingest.repair import repair_text
from talktrack.model import Document, Reject
from talktrack.settings import Settings

DEFAULT_FIELDS: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "maintext"),
    "title": ("title", "headline"),
    "date": ("published", "published_at", "publishedAt", "date", "pubdate", "date_publish"),
    "outlet": ("outlet", "source", "site_name", "sitename", "publisher", "source_domain"),
    "url": ("url", "link"),
}

_TOO_DEEP = "nested too deeply to decode"


def _fields(settings: Settings) -> dict[str, tuple[str, ...]]:
    chosen = {
        "text": settings.jsonl_text_field,
        "title": settings.jsonl_title_field,
        "date": settings.jsonl_date_field,
        "outlet": settings.jsonl_outlet_field,
        "url": settings.jsonl_url_field,
    }
    return {key: (name,) if name else DEFAULT_FIELDS[key] for key, name in chosen.items()}


def _pick(record: dict[str, Any], names: tuple[str, ...]) -> Any:
    for name in names:
        value = record.get(name)
        if value not in (None, ""):
            # {"source": {"name": "Reuters"}} as in NewsAPI
            if isinstance(value, dict):
                value = value.get("name") or value.get("title")
            return value
    return None


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def read_record(record: object, source: str, line: int | None, settings: Settings) -> Document | Reject:
    """Return the Document in one decoded JSON record, or a Reject saying what is wrong."""
    where = f"{source}#{line}" if line is not None else source
    if not isinstance(record, dict):
        code = "TT102"
        reason = f"a JSON {type(record).__name__}"
        return Reject(source, code, message(code, path=source, line=line or 1, reason=reason), line)
    fields = _fields(settings)
    body = _text(_pick(record, fields["text"]))
    if body is None:
        field = "/".join(fields["text"])
        return Reject(source, "TT109", message("TT109", path=source, line=line or 1, field=field), line)
    long = too_long(body, settings, source, line)
    if long is not None:
        return long
    warnings: list[str] = []
    body, fixes = repair_text(body)
    title = _text(_pick(record, fields["title"]))
    if title:
        title, title_fixes = repair_text(title)
        fixes += title_fixes
    published = normalize_published(_pick(record, fields["date"]), warnings)
    outlet = _text(_pick(record, fields["outlet"]))
    url = _text(_pick(record, fields["url"]))
    document = build_document(
        body=body,
        source=where,
        headline=title,
        outlet=outlet,
        url=url,
        published=published,
        published_basis="metadata",
        warnings=fixes + warnings,
    )
    return screen_document(document, settings, source, line)


def read_jsonl(lines: Iterable[str], source: str, settings: Settings, *, first: int = 1) -> Iterator[Document | Reject]:
    """Yield a Document or a Reject for every non-blank line, streaming: memory stays flat.

    `first` is the number of the first line, for a file read in pieces."""
    for number, raw in enumerate(lines, start=first):
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except json.JSONDecodeError as exc:
            reason = f"{exc.msg} at column {exc.colno}"
            yield Reject(source, "TT102", message("TT102", path=source, line=number, reason=reason), number)
            continue
        except RecursionError:  # "[[[[..." 100,000 deep: the decoder gives up, and so does this line
            yield Reject(source, "TT102", message("TT102", path=source, line=number, reason=_TOO_DEEP), number)
            continue
        yield read_record(record, source, number, settings)


def read_json(text: str, source: str, settings: Settings) -> Iterator[Document | Reject]:
    """Yield the articles of a .json file: one object, a list of objects, or JSON Lines."""
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        yield from read_jsonl(text.split("\n"), source, settings)  # many ".json" dumps are really JSON Lines
        return
    if isinstance(data, list):
        for index, record in enumerate(data, start=1):
            yield read_record(record, source, index, settings)
    else:
        yield read_record(data, source, None, settings)
