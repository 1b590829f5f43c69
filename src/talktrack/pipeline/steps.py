"""The steps every run takes, whether it ends in a ledger (`to_ledger`) or in the store (`to_store`).

Read the inputs once each, with the user's overrides; mark near-duplicate
copies; parse and extract, setting aside the documents that wait for an
anchor date and extracting them after everything read before them; give a
copy its original's events with evidence from the copy. The two drivers
differ only in where the records go and where an anchor or an original is
looked up (the documents of this run, or the store).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace

from talktrack.errors import message
from talktrack.extract.published import waits_for_anchor, with_anchor
from talktrack.ingest import read_inputs
from talktrack.model import Document, Event, Layers, Reject
from talktrack.pipeline.dedupe import copy_events
from talktrack.pipeline.parallel import Extracted, Submit, extract_all
from talktrack.settings import Settings


def apply_overrides(document: Document, published: str | None, outlet: str | None) -> Document:
    """Return `document` with a user-given publication date and outlet, which win over metadata."""
    if published:
        document = replace(document, published=published, published_basis="given")
    if outlet:
        document = replace(document, outlet=outlet)
    return document


def read_documents(
    paths: Iterable[str],
    settings: Settings,
    *,
    published: str | None = None,
    outlet: str | None = None,
    on_reject: Callable[[Reject], None] | None = None,
    on_repeat: Callable[[Document, str], None] | None = None,
) -> Iterator[Document]:
    """Yield the documents in `paths` once each, with the user's overrides; rejects go to `on_reject`.

    A text read twice is one document: `on_repeat` gets the repeat and where the first copy came from.
    """
    seen: dict[str, str] = {}
    for item in read_inputs(paths, settings):
        if isinstance(item, Reject):
            if on_reject:
                on_reject(item)
        elif item.id in seen:
            if on_repeat:
                on_repeat(item, seen[item.id])
        else:
            seen[item.id] = item.source or ""
            yield apply_overrides(item, published, outlet)


def repeat_notice(document: Document, first: str) -> str:
    """Return the notice for a text read a second time (TT160)."""
    return message("TT160", path=document.source, first=first)


def mark_copies(documents: Iterable[Document], original_of: Callable[[Document], str | None] | None) -> Iterator[Document]:
    """Yield `documents`, each with `duplicate_of` set to the original it nearly copies (None: it is an original).

    `original_of` answers from an index of the originals seen so far (this
    run's, or the store's too); None leaves every document its own.
    """
    for document in documents:
        if original_of is not None:
            document.duplicate_of = original_of(document)
        yield document


def extract_in_parts(
    documents: Iterable[Document],
    settings: Settings,
    submit: Submit | None,
    window: int,
    anchor: Callable[[], str | None],
    max_waiting: int | None = None,
) -> Iterator[Iterator[Extracted]]:
    """Yield the documents extracted, in parts, each part in input order (`submit`: see `parallel.executor`).

    A document that waits for an anchor (`waits_for_anchor`: dated only by a
    dateline without a year) is set aside; once the input ends, or
    `max_waiting` documents wait, the part before them ends and a part of the
    waiting ones follows, anchored on what `anchor()` answers then. Consume
    each part before asking for the next: the anchor is the median date of
    everything extracted before, so the record does not depend on batch
    sizes or workers.
    """
    aside = _SetAside(iter(documents), max_waiting)
    while not aside.exhausted:
        yield extract_all(aside.until_full(), settings, submit, window)
        if aside.waiting:
            yield extract_all(aside.anchored(anchor()), settings, submit, window)


class _SetAside:
    """The documents of one run that wait for an anchor, and how far the input was read."""

    def __init__(self, source: Iterator[Document], limit: int | None) -> None:
        self.source = source
        self.limit = limit
        self.waiting: list[Document] = []
        self.waiting_ids: set[str] = set()
        self.exhausted = False

    def until_full(self) -> Iterator[Document]:
        """Yield the documents that need no anchor, until `limit` wait or the input ends."""
        for document in self.source:
            if waits_for_anchor(document, self.waiting_ids):
                self.waiting.append(document)
                self.waiting_ids.add(document.id)
                if self.limit is not None and len(self.waiting) >= self.limit:
                    return
                continue
            yield document
        self.exhausted = True

    def anchored(self, anchor: str | None) -> list[Document]:
        """Return the waiting documents with `anchor`, and wait for none."""
        out = with_anchor(self.waiting, anchor)
        self.waiting = []
        self.waiting_ids = set()
        return out


def copied_layers(copy: Document, original_text: str, original_events: Iterable[Event]) -> Layers:
    """Return the layers a near-duplicate adds: its original's events with evidence from the copy, nothing else."""
    return Layers(events=copy_events(original_events, original_text, copy.id, copy.text))


def copy_notice(copy: Document, original: str) -> str:
    """Return the notice that `copy` was linked to its original (TT161); `original` names it (source or id)."""
    return message("TT161", path=copy.source, first=original)
