"""The whole pipeline for a set of inputs: ingest -> nlp -> extract -> resolve -> Ledger."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from typing import Any

from talktrack.dedupe import NearDuplicates, copy_events

from talktrack.errors import message
from talktrack.extract import run_extractors
from talktrack.extract.published import median_date, waits_for_anchor, with_anchor
from talktrack.ingest import read_inputs
from talktrack.extract.topics import load_taxonomy
from talktrack.model import Document, Event, Ledger, Reject, Topic
from talktrack.nlp import parse_documents
from talktrack.parallel import Workers, executor, extract_all
from talktrack.resolve import link_speakers, merge_events, resolve_entities
from talktrack.settings import Settings


def apply_overrides(document: Document, published: str | None, outlet: str | None) -> Document:
    """Return `document` with a user-given publication date and outlet, which win over metadata."""
    if published:
        document = replace(document, published=published, published_basis="given")
    if outlet:
        document = replace(document, outlet=outlet)
    return document


def used_topics(ledger: Ledger, settings: Settings) -> list[Topic]:
    """Return the taxonomy topics the ledger refers to, with their ancestors, in taxonomy order."""
    taxonomy = load_taxonomy(settings.taxonomy)
    used = {a for m in ledger.topic_mentions for a in taxonomy.lineage(m.topic)}
    return [t for t in taxonomy.topics.values() if t.id in used]


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


def extract_documents(documents: Iterable[Document], settings: Settings) -> Iterator[tuple[Document, dict[str, list[Any]]]]:
    """Yield each document with its layers; an undated document gets the date its text implies (or TT154).

    A near-duplicate (`duplicate_of` set) is passed through with no layers: its
    original's records stand for it.
    """
    for document, doc in parse_documents(documents, settings):
        if document.duplicate_of:
            yield document, {}
            continue
        found = run_extractors(document, doc, settings)
        if not document.published and found.get("published"):
            document.published, document.published_basis = found["published"][0], "inferred"
            if document.anchor:
                document.warnings.append(message("TT157", year=document.published[:4]))
        elif not document.published:
            document.warnings.append(message("TT154"))
        yield document, found


def extract_ledger(
    paths: Iterable[str],
    settings: Settings,
    *,
    published: str | None = None,
    outlet: str | None = None,
    on_reject: Callable[[Reject], None] | None = None,
    workers: Workers = Workers(),
) -> Ledger:
    """Return the ledger of every article in `paths`; rejected inputs are listed, not raised.

    A near-duplicate of an earlier article (setting near_duplicates) is kept as
    a document linked to its original and adds the sentences it repeats as
    evidence of the original's events; it adds no statements, mentions or
    events of its own. `workers` runs the parse elsewhere, with the same result.
    """
    ledger = Ledger()
    near = NearDuplicates(settings.near_duplicates) if settings.near_duplicates else None

    def rejected(reject: Reject) -> None:
        ledger.rejects.append(reject)
        if on_reject:
            on_reject(reject)

    def repeated(document: Document, first: str) -> None:
        ledger.notices.append(message("TT160", path=document.source, first=first))

    def mark_copies(documents: Iterable[Document]) -> Iterator[Document]:
        for document in documents:
            if near is not None:
                document.duplicate_of = near.add(document.id, document.text)
            yield document

    order: list[str] = []
    done: dict[str, tuple[Document, dict[str, list[Any]]]] = {}
    waiting: list[Document] = []  # dated only by a yearless dateline: extracted once the others give an anchor
    waiting_ids: set[str] = set()

    def first_pass(documents: Iterable[Document]) -> Iterator[Document]:
        for document in documents:
            order.append(document.id)
            if waits_for_anchor(document, waiting_ids):
                waiting.append(document)
                waiting_ids.add(document.id)
            else:
                yield document

    documents = mark_copies(read_documents(paths, settings, published=published, outlet=outlet, on_reject=rejected, on_repeat=repeated))
    with executor(workers) as (submit, window):
        for document, found in extract_all(first_pass(documents), settings, submit, window):
            done[document.id] = (document, found)
        if waiting:
            anchor = median_date(d.published for d, _ in done.values() if not d.duplicate_of)
            for document, found in extract_all(with_anchor(waiting, anchor), settings, submit, window):
                done[document.id] = (document, found)
    layers: dict[str, list[Any]] = {}
    for doc_id in order:  # input order, whatever order the waiting documents were extracted in
        document, found = done[doc_id]
        ledger.documents.append(document)
        if document.duplicate_of:
            original, original_found = done[document.duplicate_of]
            found = {"events": copy_events(original_found.get("events", []), original.text, document.id, document.text)}
            ledger.notices.append(message("TT161", path=document.source, first=original.source or original.id))
        for name, records in found.items():
            layers.setdefault(name, []).extend(records)
    mentions = layers.get("entities", [])
    ledger.entities = resolve_entities(mentions, settings)
    ledger.timexes = layers.get("timexes", [])
    ledger.statements = link_speakers(layers.get("statements", []), ledger.entities)
    ledger.topic_mentions = layers.get("topics", [])
    ledger.topics = used_topics(ledger, settings)
    ledger.events = merge_events(layers.get("events", []), ledger.entities)
    return ledger
