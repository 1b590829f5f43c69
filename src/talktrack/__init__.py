"""talktrack: turn news coverage of negotiations into a sourced, queryable record."""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from talktrack.query.record import Record


def open(db: str = "talktrack.db") -> "Record":  # noqa: A001 - the documented entry point, like sqlite3.connect
    """Return the record in store `db` (an SQLite file path or a database URL) for queries."""
    from talktrack.query.record import open_record

    return open_record(db)


__all__ = ["open", "__version__"]
