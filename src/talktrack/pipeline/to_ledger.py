"""A run that ends in a ledger: ingest -> nlp -> extract -> resolve, in memory, for `talktrack extract`."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from talktrack.extract.published import median_date
from talktrack.model import Document, Layers, Ledger, Reject, Topic
from talktrack.pipeline.dedupe import NearDuplicates
from talktrack.pipeline.parallel import Extracted, Workers, executor
from talktrack.pipeline.steps import copied_layers, copy_notice, extract_in_parts, mark_copies, read_documents, repeat_notice
from talktrack.resolve import link_speakers, merge_events, resolve_entities
from talktrack.settings import Settings
from talktrack.taxonomy import load_taxonomy


def used_topics(ledger: Ledger, settings: Settings) -> list[Topic]:
    """Return the taxonomy topics the ledger refers to, with their ancestors, in taxonomy order."""
    taxonomy = load_taxonomy(settings.taxonomy)
    used = {a for m in ledger.topic_mentions for a in taxonomy.lineage(m.topic)}
    return [t for t in taxonomy.topics.values() if t.id in used]


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

    def rejected(reject: Reject) -> None:
        ledger.rejects.append(reject)
        if on_reject:
            on_reject(reject)

    def repeated(document: Document, first: str) -> None:
        ledger.notices.append(repeat_notice(document, first))

    near = NearDuplicates(settings.near_duplicates) if settings.near_duplicates else None
    read = read_documents(paths, settings, published=published, outlet=outlet, on_reject=rejected, on_repeat=repeated)
    order: list[str] = []  # input order, whatever order the waiting documents are extracted in
    documents = _listed(mark_copies(read, (lambda d: near.add(d.id, d.text)) if near is not None else None), order)
    done: dict[str, Extracted] = {}

    def anchor() -> str | None:
        return median_date(d.published for d, _ in done.values() if not d.duplicate_of)

    with executor(workers) as (submit, window):
        for part in extract_in_parts(documents, settings, submit, window, anchor):
            done.update((document.id, (document, found)) for document, found in part)
    layers = Layers()
    for doc_id in order:
        document, found = done[doc_id]
        ledger.documents.append(document)
        if document.duplicate_of:
            original, original_found = done[document.duplicate_of]
            found = copied_layers(document, original.text, original_found.events)
            ledger.notices.append(copy_notice(document, original.source or original.id))
        layers.extend(found)
    ledger.entities = resolve_entities(layers.entities, settings)
    ledger.timexes = layers.timexes
    ledger.statements = link_speakers(layers.statements, ledger.entities)
    ledger.topic_mentions = layers.topics
    ledger.topics = used_topics(ledger, settings)
    ledger.events = merge_events(layers.events, ledger.entities)
    return ledger


def _listed(documents: Iterable[Document], order: list[str]) -> Iterator[Document]:
    """Yield `documents`, noting each one's id in `order` as it is read."""
    for document in documents:
        order.append(document.id)
        yield document
