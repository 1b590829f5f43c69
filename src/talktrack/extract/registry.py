"""The registry of extractors: small functions from a parsed document to records.

Each extractor is registered for one layer of `talktrack.model.Layers`,
with the layers it needs; `run_extractors` orders them and fails at
start-up, not mid-corpus, when a need is missing. Registration is typed: a
function registered for "entities" must yield Mentions, for "events"
Events, and so on, or mypy says so; what it reads from earlier layers is
typed the same way. The extractor modules register themselves when
`talktrack.extract` imports them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Literal, TypeVar, overload

from spacy.tokens import Doc

from talktrack.model import LAYER_NAMES, Document, Event, Layers, Mention, Statement, Timex, TopicMention
from talktrack.nlp.views import release
from talktrack.settings import Settings

R = TypeVar("R")
ExtractorOf = Callable[[Document, Doc, Settings, Layers], Iterable[R]]
Extractor = ExtractorOf[Any]
EXTRACTORS: dict[str, tuple[Extractor, tuple[str, ...]]] = {}


@overload
def extractor(name: Literal["published"], needs: tuple[str, ...] = ()) -> Callable[[ExtractorOf[str]], ExtractorOf[str]]: ...
@overload
def extractor(name: Literal["entities"], needs: tuple[str, ...] = ()) -> Callable[[ExtractorOf[Mention]], ExtractorOf[Mention]]: ...
@overload
def extractor(name: Literal["timexes"], needs: tuple[str, ...] = ()) -> Callable[[ExtractorOf[Timex]], ExtractorOf[Timex]]: ...
@overload
def extractor(
    name: Literal["statements"], needs: tuple[str, ...] = ()
) -> Callable[[ExtractorOf[Statement]], ExtractorOf[Statement]]: ...
@overload
def extractor(
    name: Literal["topics"], needs: tuple[str, ...] = ()
) -> Callable[[ExtractorOf[TopicMention]], ExtractorOf[TopicMention]]: ...
@overload
def extractor(name: Literal["events"], needs: tuple[str, ...] = ()) -> Callable[[ExtractorOf[Event]], ExtractorOf[Event]]: ...
def extractor(name: str, needs: tuple[str, ...] = ()) -> Callable[[Extractor], Extractor]:
    """Register `func` as the extractor of layer `name` (a field of Layers), run after the layers it `needs`."""
    if name not in LAYER_NAMES:
        raise ValueError(f"extractor layer {name!r} is not one of {', '.join(LAYER_NAMES)} (talktrack.model.Layers)")

    def register(func: Extractor) -> Extractor:
        EXTRACTORS[name] = (func, needs)
        return func

    return register


def extractor_order() -> list[str]:
    """Return the layer names so that each comes after what it needs; raise on a missing need."""
    order: list[str] = []

    def visit(name: str, path: tuple[str, ...]) -> None:
        if name in order:
            return
        if name not in EXTRACTORS or name in path:
            raise RuntimeError(f"extractor {path[-1] if path else name!r} needs unknown or circular layer {name!r}")
        for need in EXTRACTORS[name][1]:
            visit(need, (*path, name))
        order.append(name)

    for name in EXTRACTORS:
        visit(name, ())
    return order


def run_extractors(document: Document, doc: Doc, settings: Settings) -> Layers:
    """Return every registered layer's records for one parsed document."""
    layers = Layers()
    try:
        for name in extractor_order():
            func, _ = EXTRACTORS[name]
            setattr(layers, name, list(func(document, doc, settings, layers)))
    finally:
        release(doc)
    return layers
