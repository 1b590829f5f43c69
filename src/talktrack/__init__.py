"""talktrack: turn news coverage of negotiations into a sourced, queryable record."""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from pathlib import Path

    from talktrack.query.record import Record


def open(db: str = "talktrack.db", gazetteers: "tuple[Path, ...]" = ()) -> "Record":  # noqa: A001 - like sqlite3.connect
    """Return the record in store `db` (an SQLite file path or a database URL) for queries.

    `gazetteers`: the extra gazetteer files the articles were read with (their sides and title words name roles).
    """
    from talktrack.query.record import open_record

    return open_record(db, tuple(gazetteers))


__all__ = ["open", "__version__"]
