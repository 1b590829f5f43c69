"""What queries return: flat records, so each list becomes a table, a JSON array or a DataFrame."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Evidence:
    """A fact's source: the document, the exact span and the sentence around it."""

    doc_id: str
    start: int
    end: int
    sentence: str
    sentence_start: int
    sentence_end: int
    title: str | None = None
    outlet: str | None = None
    published: str | None = None


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One event on the timeline: a round, a call, a deadline ..."""

    id: str
    type: str
    start: str | None
    end: str | None
    status: str
    place: str | None
    leads: dict[str, list[str]]  # side -> names; "?" when the side is unknown
    topics: list[str]
    outcome: str | None
    action: str | None
    reports: int  # documents reporting it
    conflicts: list[str]
    title: str | None = None
    # deadlines only (`deadlines`): "ahead", "passed" or "moved" (to another date by a later report; None when undated),
    # and for a moved one the deadline it moved to (see talktrack.query.deadlines)
    state: str | None = None
    moved_to: str | None = None
    moved_to_start: str | None = None
    moved_to_end: str | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    """One statement with its speaker, date and source."""

    id: str
    date: str | None
    speaker: str
    speaker_id: str | None
    side: str | None
    kind: str
    cue: str | None
    content: str
    via: list[str]
    topics: list[str]
    doc_id: str
    start: int
    end: int
    outlet: str | None = None
    title: str | None = None
    date_stated: bool = False  # the sentence gave the time it was said; else `date` is the article's publication date


@dataclass(frozen=True, slots=True)
class IssueSummary:
    """One topic of the record with how much touches it."""

    topic: str
    label: str
    parent: str | None
    events: int
    statements: int
    first: str | None
    last: str | None


@dataclass(frozen=True, slots=True)
class Person:
    """A person of the record with titles, side and how often they appear and speak."""

    id: str
    name: str
    side: str | None
    titles: list[str]
    aliases: list[str]
    mentions: int
    documents: int
    statements: int


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A document or statement matching a search, with a snippet (matches between \\x02 and \\x03)."""

    kind: str
    id: str
    doc_id: str
    title: str
    snippet: str
    outlet: str | None = None
    published: str | None = None


@dataclass(frozen=True, slots=True)
class Shown:
    """Any record by id, as a schema-shaped dict, with its evidence sentences."""

    kind: str  # document, entity, event, statement
    id: str
    record: dict[str, Any]
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Status:
    """What the store holds."""

    database: str
    schema_version: str | None
    counts: dict[str, int]
    rejects: list[dict[str, Any]]


@dataclass(frozen=True, slots=True)
class Change:
    """One thing the store learned at a settle: a new event or statement, a status change, a deadline moved or passed."""

    id: str  # the same change has the same id in any store (a hash of what changed)
    at: str  # when the store learned it: the settle's time, ISO 8601 in UTC
    kind: str  # event_added, event_status, event_moved, statement_added, deadline_added, deadline_moved, deadline_passed
    record_id: str  # the event or statement
    type: str  # the event's type, or "statement"
    date: str | None  # the event's first day; the statement's date, else its article's publication date
    before: str | None  # the status or dates before; None for something new
    after: str | None  # the status or dates after; for a passed deadline its last day
    title: str
    sides: list[str]
    topics: list[str]
    speaker: str | None = None
    speaker_id: str | None = None
    content: str | None = None  # a statement's words, an event's outcome
