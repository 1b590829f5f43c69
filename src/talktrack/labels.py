"""Words a reader recognizes for what the record holds as ids and codes: topics, sides, events, articles.

"tariff_truce" is "Tariff truce", "CN" is "China", an untitled article is
"Harbor Wire, 2029-03-11", and an event without a title is "Talks in
Vienna" or "Deadline: Tariff truce". The web page, the calendar and the
feeds all say it the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from talktrack.model import Topic

TYPE_LABELS = {"talks": "Talks", "call": "Call", "meeting": "Meeting", "summit": "Summit", "visit": "Visit",
               "briefing": "Briefing", "agreement": "Agreement", "threat": "Threat", "measure": "Measure",
               "deadline": "Deadline", "other": "Event"}


class EventLike(Protocol):
    """An event as stored (model.Event) or as listed (query.results.TimelineEntry)."""

    @property
    def type(self) -> str: ...
    @property
    def title(self) -> str | None: ...
    @property
    def action(self) -> str | None: ...
    @property
    def place(self) -> str | None: ...
    @property
    def topics(self) -> Sequence[str]: ...


@dataclass(frozen=True)
class Labels:
    """Labels of one record's topics and sides."""

    topics: dict[str, Topic] = field(default_factory=dict)
    sides: dict[str, str] = field(default_factory=dict)

    def topic(self, topic_id: str) -> str:
        """Return a topic's label, or its id when the record has none."""
        topic = self.topics.get(topic_id)
        return topic.label if topic else topic_id

    def side(self, code: str | None) -> str:
        """Return a side's country name ("China" for CN), the code when none is known, "unknown" for no side."""
        if not code or code == "?":
            return "unknown"
        return self.sides.get(code.upper(), code)

    def subject(self, event: EventLike) -> str | None:
        """Return what an event is about in a few words: its action, else its most specific topic's label."""
        if event.action:
            return event.action
        known = [t for t in event.topics if t in self.topics]
        return self.topics[max(known, key=self._depth)].label if known else None

    def _depth(self, topic_id: str) -> int:
        depth, topic = 0, self.topics.get(topic_id)
        while topic is not None and topic.parent and depth < 10:
            depth, topic = depth + 1, self.topics.get(topic.parent)
        return depth

    def event(self, event: EventLike) -> str:
        """Return an event's name: its title, else "Talks in Vienna", "Deadline: Tariff truce", "Measure: cut"."""
        label = TYPE_LABELS.get(event.type, event.type.capitalize())
        if event.title:
            return event.title
        if event.type in ("deadline", "measure", "threat", "agreement"):
            about = self.subject(event)
            if about:
                return f"{label}: {about}" + (f" ({event.place})" if event.place else "")
        return f"{label} in {event.place}" if event.place else label

    def deadline_name(self, event: EventLike) -> str | None:
        """Return the name under which deadlines at two dates are one deadline moved: its name, casefolded.

        A truce whose expiry a later article gives anew is the same deadline
        ("Deadline: Tariff truce"). A deadline with neither title nor subject
        is just "Deadline": None, it is never the same as another.
        """
        if not event.title and self.subject(event) is None:
            return None
        return self.event(event).casefold()


def make_labels(topics: Iterable[Topic], sides: dict[str, str]) -> Labels:
    """Return the labels of a record's topics and of its sides' country names."""
    return Labels({t.id: t for t in topics}, {k.upper(): v for k, v in sides.items()})


def document_label(title: str | None, outlet: str | None, published: str | None, doc_id: str) -> str:
    """Return how to name an article: its title, else its outlet and date ("Harbor Wire, 2029-03-11"), never a path."""
    if title:
        return title
    parts = [p for p in (outlet, published) if p]
    return ", ".join(parts) if parts else f"Untitled article ({doc_id})"
