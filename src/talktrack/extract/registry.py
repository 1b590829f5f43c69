"""The registry of extractors: small functions from a parsed document to records.

Each extractor is registered with the layers it needs; `run_extractors`
orders them and fails at start-up, not mid-corpus, when a need is missing.
The extractor modules register themselves when `talktrack.extract` imports them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from spacy.tokens import Doc

from talktrack.model import Document
from talktrack.nlp.views import release
from talktrack.settings import Settings

Extractor = Callable[[Document, Doc, Settings, dict[str, list[Any]]], Iterable[Any]]
EXTRACTORS: dict[str, tuple[Extractor, tuple[str, ...]]] = {}


def extractor(name: str, needs: tuple[str, ...] = ()) -> Callable[[Extractor], Extractor]:
    """Register `func` as the extractor of layer `name`, run after the layers it `needs`."""

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


def run_extractors(document: Document, doc: Doc, settings: Settings) -> dict[str, list[Any]]:
    """Return every registered layer's records for one parsed document."""
    layers: dict[str, list[Any]] = {}
    try:
        for name in extractor_order():
            func, _ = EXTRACTORS[name]
            layers[name] = list(func(document, doc, settings, layers))
    finally:
        release(doc)
    return layers
