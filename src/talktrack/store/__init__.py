"""The store: the record kept in SQLite or PostgreSQL, grown by incremental ingests."""

from talktrack.store.database import connect, database_url
from talktrack.store.write import IngestReport, ingest

__all__ = ["connect", "database_url", "ingest", "IngestReport"]
