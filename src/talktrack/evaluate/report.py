"""Score a whole ledger against a gold file: every layer, per document and summed over the corpus."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from talktrack.evaluate.events import events_in, score_events
from talktrack.evaluate.gold import GoldDocument
from talktrack.evaluate.layers import score_people, score_timexes, score_topics
from talktrack.evaluate.scores import Accuracy, LayerScore, doc_key
from talktrack.evaluate.statements import Scores, SystemStatement, from_talktrack, match_document
from talktrack.model import Document, Entity, Ledger, Timex

# the layers, in report order, with the attribute accuracies each reports
LAYERS: dict[str, tuple[str, ...]] = {
    "entities": ("country",),
    "timexes": ("type", "value"),
    "statements": ("speaker", "via", "kind"),
    "events": ("date", "place", "status", "leads"),
    "topics": (),
}


def empty_layer(name: str) -> LayerScore:
    """Return a layer with no counts but every accuracy it reports, so the output always has the same shape."""
    layer = LayerScore(accuracies={field_name: Accuracy() for field_name in LAYERS[name]})
    if name == "entities":
        layer.counts["not_people_violations"] = 0
    return layer


@dataclass
class Evaluation:
    """The figures of one run: per layer over the corpus, per gold document, and what could not be scored.

    `missing` lists gold documents no input produced (counted as all missed);
    `unscored` lists documents read that the gold file does not describe.
    """

    layers: dict[str, LayerScore] = field(default_factory=lambda: {name: empty_layer(name) for name in LAYERS})
    documents: dict[str, dict[str, LayerScore]] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    unscored: list[str] = field(default_factory=list)

    def add(self, key: str, name: str, layer: LayerScore) -> None:
        """Record one document's figures for one layer and add them to the corpus totals."""
        self.documents.setdefault(key, {})[name] = layer
        self.layers[name].merge(layer)

    def to_dict(self) -> dict[str, Any]:
        """Return the figures as one JSON-ready object."""
        return {
            "layers": {name: layer.to_dict() for name, layer in self.layers.items()},
            "documents": {
                key: {name: {"gold": s.gold, "found": s.found, "matched": s.matched} for name, s in layers.items()}
                for key, layers in self.documents.items()
            },
            "missing": list(self.missing),
            "unscored": list(self.unscored),
        }


@dataclass
class _System:
    """The ledger's records of one document, gathered for scoring."""

    text: str = ""
    people: list[Entity] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    statements: list[SystemStatement] = field(default_factory=list)
    topics: set[str] = field(default_factory=set)


def _by_document(ledger: Ledger) -> tuple[dict[str, Document], dict[str, _System]]:
    """Return the ledger's documents by gold key, and their records by document id."""
    documents: dict[str, Document] = {}
    for document in ledger.documents:
        key = doc_key(document.source)
        if key is not None and key not in documents:  # two inputs with one file name: the first is scored
            documents[key] = document
    systems = {d.id: _System(text=d.text) for d in ledger.documents}
    for entity in ledger.entities:
        if entity.type == "person":
            for doc_id in dict.fromkeys(m.doc_id for m in entity.mentions):
                if doc_id in systems:
                    systems[doc_id].people.append(entity)
    for timex in ledger.timexes:
        if timex.doc_id in systems:
            systems[timex.doc_id].timexes.append(timex)
    for statement in ledger.statements:
        if statement.doc_id in systems:
            systems[statement.doc_id].statements.append(from_talktrack(statement))
            systems[statement.doc_id].topics.update(statement.topics)
    for event in ledger.events:
        for doc_id in {span.doc_id for span in event.evidence}:
            if doc_id in systems:
                systems[doc_id].topics.update(event.topics)
    return documents, systems


def evaluate_ledger(gold: Mapping[str, GoldDocument], ledger: Ledger) -> Evaluation:
    """Return the figures of `ledger` against `gold`; a gold document the ledger lacks counts as all missed."""
    documents, systems = _by_document(ledger)
    result = Evaluation()
    result.unscored = [key for key in documents if key not in gold]
    for key, item in gold.items():
        document = documents.get(key)
        if document is None:
            result.missing.append(key)
        system = systems[document.id] if document is not None else _System()
        if item.people is not None:
            result.add(key, "entities", score_people(item.people, item.not_people, system.people))
        if item.timexes is not None:
            result.add(key, "timexes", score_timexes(system.text, item.timexes, system.timexes))
        if item.statements is not None:
            scores = Scores()
            scores.add(match_document(system.text, item.statements, system.statements))
            result.add(key, "statements", scores.to_layer())
        if item.events is not None:
            events = events_in(ledger.events, document.id) if document is not None else []
            published = document.published if document is not None else None
            result.add(key, "events", score_events(item.events, events, published))
        topics = item.topics
        if topics is not None:
            result.add(key, "topics", score_topics(topics, system.topics))
    return result
