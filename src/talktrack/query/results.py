"""What queries return: flat records, so each list becomes a table, a JSON array or a DataFrame."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from talktrack.model import Span


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
    start_basis: str | None = None  # how `start` was reached: text (stated), else inferred (model.DateBasis); None when undated
    end_basis: str | None = None
    confidence: float | None = None  # the measured precision of the method that found it (docs/confidence.md)
    method: str | None = None  # that method: type, place basis, start basis ("talks.sentence.weekday")


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
    date_stated: bool = False  # the sentence gave the date with its year; else talktrack inferred it (see date_basis)
    speaker_inferred: bool = False  # the article names only a role: the speaker is the one person who held it then
    speaker_role: str | None = None  # that role, as the article wrote it ("a Foreign Ministry spokesperson")
    # how `date` was reached: text; inferred: relative, weekday (from the sentence's words and the publication date),
    # published (no date in the sentence: its article's publication date); None when undated (model.DateBasis)
    date_basis: str | None = None
    speaker_confidence: float | None = None  # the measured precision of the method that found the speaker
    speaker_method: str | None = None  # that method ("quote_cue.name", "reported.pronoun")


@dataclass(frozen=True, slots=True)
class RoleTenure:
    """One person's time in one role on one side, as the articles that name them with it show it."""

    role: str  # as the articles write it most often: "spokesperson, Foreign Ministry"
    side: str | None
    holder_id: str
    holder: str
    first: str  # publication date of the first article naming the holder with the role
    last: str  # ... and of the last
    documents: int
    evidence: list[Span]  # the mentions naming the holder with the role


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


@dataclass(frozen=True, slots=True)
class MeasureEntry:
    """One step in a measure's history: a change, an expiry, or a change discussed, with its sentences."""

    date: str | None
    date_stated: bool  # the text gives the date with its year; else talktrack inferred it (see date_basis)
    # text; inferred: how its event was dated (relative, weekday, dateline: model.DateBasis), published (its article's
    # date), round (that discussed it), period (expiry less its days); none
    date_basis: str
    change: str  # threatened, announced, agreed, imposed, suspended, extended, raised, reduced, removed, expired, expiry, discussed
    summary: str  # what happened, in words: "extended: expiry 2029-08-16 moved to 2029-11-14"
    state: str | None  # the state it leaves the measure in; None for an expiry or a discussion
    status: str  # occurred, scheduled, discussed; an expiry: scheduled, moved, expired?, expired, passed
    expiry: str | None  # when what it starts or extends runs out; for an expiry its date
    expiry_stated: bool  # the text gives the expiry; else it is inferred from a stated period
    previous_expiry: str | None  # an extension: the expiry it moved
    moved_to: str | None  # an expiry an extension moved: the new one
    about: str | None  # what an announcement or a discussion speaks of ("extended")
    sides: list[str]
    event_id: str | None  # the event it is read from, or the round that discussed it
    note: str | None
    evidence: list[Evidence]
    confidence: float | None = None  # that of the event it is read from (for a discussion: the round that dated it)


@dataclass(frozen=True, slots=True)
class Measure:
    """A tariff, a suspension, an export control, fees, a sanction or a purchase commitment, with its state on a date."""

    id: str
    kind: str  # suspension, export_control, sanction, fee, tariff, quota, purchase (data/measures.yaml)
    name: str  # "Suspension: Reciprocal tariffs"
    topic: str | None  # what it acts on: the most specific topic its sentences name
    topics: list[str]  # every topic its sentences name, with their ancestors
    sides: list[str]  # who took its steps
    on: str  # the date `state` is for
    state: str | None  # threatened, announced, in force, suspended, extended, reduced, removed, expired, expired?
    since: str | None  # when it entered that state (an "expired?" measure: its expiry)
    since_stated: bool
    expiry: str | None  # when it runs out, as known on `on`
    expiry_stated: bool
    history: list[MeasureEntry]
    confidence: float | None = None  # that of the step that put it in its state (MeasureEntry.confidence)
