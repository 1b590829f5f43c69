"""The store: the record kept in SQLite or PostgreSQL; it only stores (the runs that fill it are `talktrack.pipeline`)."""

from talktrack.store.database import connect, database_url

__all__ = ["connect", "database_url"]
