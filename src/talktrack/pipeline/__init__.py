"""The one driver: ingest -> nlp -> extract -> resolve, into a ledger (`extract_ledger`) or the store (`ingest`).

    from talktrack.pipeline import extract_ledger, ingest

Both take the same steps (`steps`): read, mark near-duplicate copies,
parse and extract in batches (here or on workers: `parallel`), set aside
and re-anchor undated documents, give copies their original's events.
Importing this package loads spaCy; the store, the queries, the API and
the web page never import it (the API's write endpoint does, when called).
"""

from talktrack.pipeline.parallel import Workers
from talktrack.pipeline.to_ledger import extract_ledger
from talktrack.pipeline.to_store import IngestReport, ingest, ingest_documents

__all__ = ["IngestReport", "Workers", "extract_ledger", "ingest", "ingest_documents"]
