"""Row helpers shared by the store's writers: bounded IN lists, bulk inserts and bulk updates."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any, TypeVar

from sqlalchemy import Connection, Table, bindparam, insert, update

T = TypeVar("T")
CHUNK = 500  # ids per IN (...) list, well under every database's parameter limit


def chunks(items: Iterable[T], size: int = CHUNK) -> Iterator[list[T]]:
    """Yield `items` in lists of at most `size`."""
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def insert_rows(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert `rows` into `table` in one statement; nothing for none (an empty list would insert one row of defaults)."""
    if rows:
        conn.execute(insert(table), rows)


def update_rows(conn: Connection, table: Table, key: str, rows: list[dict[str, Any]]) -> None:
    """Set the other columns of each of `rows` on the row whose `key` column holds its `key` value, in one statement.

    Every row names the same columns. The parameters are renamed because
    SQLAlchemy reserves a column's own name for the values of an UPDATE.
    """
    if not rows:
        return
    columns = [c for c in rows[0] if c != key]
    statement = update(table).where(table.c[key] == bindparam(f"b_{key}")).values({c: bindparam(f"b_{c}") for c in columns})
    for part in chunks(rows, 10 * CHUNK):
        conn.execute(statement, [{f"b_{c}": v for c, v in row.items()} for row in part])
