"""Records that flow between stages: ingest -> nlp -> extract -> resolve -> export.

Plain dataclasses, free of spaCy, so they pickle (for worker processes) and
serialise to the ledger schema. Every `start`/`end` is a character offset
into `Document.text`, end exclusive.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields
from typing import Literal

EntityType = Literal["person", "organization", "place", "country", "group"]
SectionKind = Literal["headline", "caption", "body"]
PublishedBasis = Literal["given", "metadata", "inferred"]
# how a date was reached (docs/confidence.md): "text" when the words give the calendar date itself, with its year;
# the others are inferred: "relative" counted from the publication date (or a date the story gave before) from
# words such as "yesterday", "last week", "this May" or a day and month without a year; "weekday" a weekday
# resolved against the publication date; "published" the publication date itself; "dateline" the day of the
# story's dateline; "period" a first or last day counted from a stated length ("two days of talks", "a 90-day
# window"); "round" the day of the round the sentence ties it to
DateBasis = Literal["text", "relative", "weekday", "published", "dateline", "period", "round"]
# how an event's place was found: named in one of its own sentences, or read from the rest of the story
# (another sentence, the headline, the dateline, the rounds of a series)
PlaceBasis = Literal["sentence", "story"]


def stable_id(prefix: str, *parts: object) -> str:
    """Return `prefix` plus a short hash of `parts`: the same input gives the same id."""
    digest = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return f"{prefix}-{digest[:12]}"


@dataclass(frozen=True, slots=True)
class Section:
    """A part of a document's text: its headline, a photo caption or the body."""

    kind: SectionKind
    start: int
    end: int


@dataclass(slots=True)
class Document:
    """One article, decoded and cleaned; `text` is what every offset refers to."""

    id: str
    text: str
    source: str | None = None
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    published_basis: PublishedBasis | None = None
    sections: list[Section] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    duplicate_of: str | None = None  # the original this text nearly copies (syndication): it adds evidence, not records
    # the median publication date of the run's dated articles, given to a text that dates itself only by a
    # dateline without a year ("LIMA, June 3 (Reuters) -"): the year nearest it is the dateline's
    anchor: str | None = None

    @staticmethod
    def make_id(text: str) -> str:
        """Return the id of a document with this text: re-reading it finds the same id."""
        return stable_id("doc", text)


@dataclass(frozen=True, slots=True)
class Reject:
    """An input (or one line of it) that could not be read, with the reason."""

    source: str
    code: str
    message: str
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of one document's text."""

    doc_id: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Title:
    """A position a person holds, as the text gives it: "Vice Premier", "senior research fellow"."""

    title: str
    organization: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention of an entity in one document, before names are reconciled.

    `name` is the mention's own normalized form ("Global Times" for "the
    Global Times"); `key` is set when a gazetteer already knows the entity
    (a country code, an outlet's canonical name).
    """

    doc_id: str
    start: int
    end: int
    text: str
    type: EntityType
    name: str
    key: str | None = None
    country: str | None = None
    titles: tuple[Title, ...] = ()


@dataclass(slots=True)
class Entity:
    """One real-world person, organization, place or country, across documents."""

    id: str
    name: str
    type: EntityType
    aliases: list[str] = field(default_factory=list)
    country: str | None = None
    titles: list[Title] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)


TimexType = Literal["DATE", "TIME", "DURATION", "SET"]


@dataclass(frozen=True, slots=True)
class Timex:
    """A time expression normalized to a TIMEX3 type and value.

    `range` holds the first and last day of "from Saturday to Sunday" style
    spans; `value` is then the first day.
    """

    doc_id: str
    start: int
    end: int
    text: str
    type: TimexType
    value: str
    range: tuple[str, str] | None = None
    # text, relative or weekday: how the value was reached (see DateBasis), for the events and statements dated by
    # it; None where not known (the store keeps the value, not how it was reached)
    basis: DateBasis | None = None


@dataclass(frozen=True, slots=True)
class Topic:
    """An issue on the table, from the taxonomy: "tariffs", "export_controls"."""

    id: str
    label: str
    parent: str | None = None


@dataclass(frozen=True, slots=True)
class TopicMention:
    """Words in a document that signal a topic ("port fees" for shipbuilding)."""

    doc_id: str
    start: int
    end: int
    topic: str


StatementKind = Literal["direct", "indirect"]


@dataclass(frozen=True, slots=True)
class Statement:
    """Who said what: direct or reported speech, its speaker, cue and relay chain.

    `start`/`end` cover the content; `speaker_start`/`speaker_end` the
    mention the speaker was resolved from (for "He said", the name it refers
    to), which resolve/ links to an entity. `via` lists relays innermost
    first ("He said ..., according to Xinhua": ("Xinhua",)).
    """

    id: str
    doc_id: str
    start: int
    end: int
    content: str
    kind: StatementKind
    speaker_name: str
    speaker_id: str | None = None
    cue: str | None = None
    via: tuple[str, ...] = ()
    date: str | None = None
    topics: tuple[str, ...] = ()
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_side: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    date_basis: DateBasis | None = None  # how `date` was reached; None when undated
    speaker_method: str | None = None  # how the speaker was found (talktrack.confidence.SPEAKER_METHODS)
    speaker_confidence: float | None = None  # the measured precision of that method (data/confidence.yaml)


EventType = Literal[
    "talks", "call", "meeting", "summit", "visit", "briefing", "agreement", "threat", "measure", "deadline", "other"
]
EventStatus = Literal["occurred", "scheduled", "proposed", "unknown"]


@dataclass(frozen=True, slots=True)
class Participant:
    """Who took part in an event, for which side, in what role (lead, member, host, spokesperson)."""

    name: str
    entity_id: str | None = None
    side: str | None = None
    role: str | None = None
    mention: Span | None = None  # where the text names them; resolve/ links it to the entity


@dataclass(slots=True)
class Event:
    """Something that happened or is due: a round of talks, a call, a deadline, a threat.

    One event may gather evidence from several documents (the Geneva round
    reported by two articles); where they disagree, `conflicts` says how.
    """

    id: str
    type: EventType
    start: str | None = None
    end: str | None = None
    place: str | None = None
    status: EventStatus = "unknown"
    title: str | None = None
    participants: list[Participant] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    outcome: str | None = None
    plover: str | None = None
    evidence: list[Span] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    action: str | None = None  # for measures and agreements: imposed, suspended, extended, cut, lifted ...
    start_basis: DateBasis | None = None  # how `start` was reached; None when undated
    end_basis: DateBasis | None = None
    place_basis: PlaceBasis | None = None
    method: str | None = None  # how it was found: type, place basis, start basis (talktrack.confidence.event_method)
    confidence: float | None = None  # the measured precision of that method (data/confidence.yaml)


@dataclass(slots=True)
class Layers:
    """What the extractors found in one document, one typed list per layer.

    The boundary between extract and what comes after it (resolve, the
    pipeline, the store): each extractor fills the list its layer is named
    for (talktrack.extract.registry checks the record type it yields), and
    every later stage reads the lists by name, so mypy checks both sides.
    """

    published: list[str] = field(default_factory=list)  # the publication date the text implies, when it gives one
    entities: list[Mention] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    topics: list[TopicMention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    def extend(self, other: Layers) -> None:
        """Add `other`'s records after this one's, layer by layer."""
        for name in LAYER_NAMES:
            getattr(self, name).extend(getattr(other, name))


LAYER_NAMES = tuple(f.name for f in fields(Layers))  # in order: published, entities, timexes, statements, topics, events


@dataclass(slots=True)
class Ledger:
    """Everything extracted from a set of documents; serialised by export.ledger."""

    documents: list[Document] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    topic_mentions: list[TopicMention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)  # what was read but counted once: repeated texts
