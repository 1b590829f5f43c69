"""The one driver: ingest -> nlp -> extract -> resolve, into a ledger (`extract_ledger`) or the store (`ingest`).

    from talktrack.pipeline import extract_ledger, ingest

Both take the same steps (`steps`): read, mark near-duplicate copies,
parse and extract in batches (here or on workers: `parallel`), set aside
and re-anchor undated documents, give copies their original's events.
Importing this package loads spaCy; the store, the queries, the API and
the web page never import it (the API's write endpoint does, when called).
The store side (`to_store`: SQLAlchemy, Alembic) is imported on first use of
`ingest`, so `talktrack extract` never loads it.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from talktrack.pipeline.parallel import Workers
from talktrack.pipeline.to_ledger import extract_ledger

if TYPE_CHECKING:
    from talktrack.pipeline.to_store import IngestReport, ingest, ingest_documents

__all__ = ["IngestReport", "Workers", "extract_ledger", "ingest", "ingest_documents"]
_TO_STORE = ("IngestReport", "ingest", "ingest_documents")


def __getattr__(name: str) -> Any:
    if name in _TO_STORE:
        return getattr(import_module("talktrack.pipeline.to_store"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
