"""The store: the record kept in SQLite or PostgreSQL, grown by incremental ingests."""

from talktrack.store.database import connect, database_url
from talktrack.store.write import IngestReport, ingest, ingest_documents, settle_pending

__all__ = ["connect", "database_url", "ingest", "ingest_documents", "IngestReport", "settle_pending"]
