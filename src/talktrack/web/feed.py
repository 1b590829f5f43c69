"""The change log as an Atom feed (RFC 4287), for a risk team's feed reader: `/feed.atom`.

Each entry is one change (`Record.changes`), newest first. Its id is a
`urn:uuid` made from the change's own id, which hashes what changed, so a
reader shows each change once: the same change keeps its id when the store
is rebuilt from the same articles, on SQLite or PostgreSQL. The XML is
written by ElementTree, which escapes every text, and characters XML 1.0
cannot carry (control characters an article may hold) are dropped, so the
feed is well-formed whatever the articles say.
"""

from __future__ import annotations

import re
import uuid
from xml.etree import ElementTree as ET

from talktrack.query.results import Change

ATOM = "http://www.w3.org/2005/Atom"
EPOCH = "1970-01-01T00:00:00+00:00"  # `updated` of a feed with no entries: a fixed time, so it does not change on every fetch
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
KIND_WORDS = {
    "event_added": "new", "event_status": "status changed", "event_moved": "dated anew", "statement_added": "new statement",
    "deadline_added": "new deadline", "deadline_moved": "deadline moved", "deadline_passed": "deadline passed",
}


def entry_id(change_id: str) -> str:
    """Return the Atom id of a change: a URN that depends only on the change's id."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'talktrack:change:' + change_id)}"


def _text(value: str) -> str:
    return _NOT_XML.sub("", value)


def _add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: _text(v) for k, v in attrs.items()})
    if text is not None:
        element.text = _text(text)
    return element


def record_path(change: Change) -> str:
    """Return the page of the change's record: the event's, or the statement's sentence in its article."""
    return f"/statements/{change.record_id}" if change.type == "statement" else f"/events/{change.record_id}"


def atom_feed(changes: list[Change], *, self_url: str, base_url: str, title: str) -> bytes:
    """Return the Atom document of `changes` (newest first) as UTF-8 bytes.

    `self_url` is the feed's own address (its id is made from it, so each
    filtered feed has one id), `base_url` the site the entries link into.
    """
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _add(feed, "id", f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, self_url)}")
    _add(feed, "title", title)
    _add(feed, "updated", max((c.at for c in changes), default=EPOCH))
    author = _add(feed, "author")
    _add(author, "name", "talktrack")
    _add(feed, "link", rel="self", type="application/atom+xml", href=self_url)
    _add(feed, "link", rel="alternate", type="text/html", href=base_url.rstrip("/") + "/")
    _add(feed, "generator", "talktrack")
    for c in changes:
        entry = _add(feed, "entry")
        _add(entry, "id", entry_id(c.id))
        _add(entry, "title", c.title)
        _add(entry, "updated", c.at)
        _add(entry, "published", c.at)
        _add(entry, "link", rel="alternate", type="text/html", href=base_url.rstrip("/") + record_path(c))
        _add(entry, "category", term=c.kind, label=KIND_WORDS.get(c.kind, c.kind))
        _add(entry, "category", term=c.type)
        for topic in c.topics:
            _add(entry, "category", term=topic, scheme="talktrack:topic")
        for side in c.sides:
            _add(entry, "category", term=side, scheme="talktrack:side")
        _add(entry, "summary", _summary(c), type="text")
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8", xml_declaration=False)


def _summary(c: Change) -> str:
    """Return an entry's text: what changed, when the record dates it, and a statement's words or an event's outcome."""
    parts = [KIND_WORDS.get(c.kind, c.kind) + (f": {c.before} -> {c.after}" if c.before and c.after else "")]
    if c.date:
        parts.append(f"dated {c.date}")
    if c.speaker:
        parts.append(f"speaker {c.speaker}" + (f" ({', '.join(c.sides)})" if c.sides else ""))
    if c.content:
        parts.append(c.content)
    return "; ".join(parts)
