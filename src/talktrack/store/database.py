"""Open a store: an SQLite file by default, PostgreSQL given a URL; migrate it to the current schema.

`database_url` accepts a SQLAlchemy URL or a plain file path (an SQLite
file). Opening runs the Alembic migrations up to head, so an older store is
upgraded in place and a new one is created. SQLite runs in WAL mode with a
busy timeout, so concurrent ingests wait for each other instead of failing,
and enforces foreign keys as PostgreSQL does (PRAGMA foreign_keys). JSON
columns hold UTF-8 text on both ("Šefčovič", not as escapes).

A transaction that writes should be opened with `writing(engine)`: on
SQLite it starts with BEGIN IMMEDIATE (the write lock, taken before it reads
anything, waiting up to the busy timeout) and its DDL is transactional, so
a migration killed half-way leaves the store as it was; on PostgreSQL it
first takes a transaction-scoped advisory lock. Concurrent writers queue
there; readers never wait for them. Other connections keep pysqlite's own
handling (reads outside a transaction, BEGIN before the first INSERT,
UPDATE or DELETE).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url

from talktrack.errors import TalktrackError

BUSY_TIMEOUT_MS = 60_000
WRITE = "talktrack_write"  # execution option set by writing(): this connection's transactions write
WRITER_LOCK = 0x7461_6C6B  # PostgreSQL advisory lock key ("talk") held by each writing transaction


def database_url(value: str) -> str:
    """Return a SQLAlchemy URL for `value`: a URL as given (postgresql:// uses psycopg 3), a path as SQLite."""
    if "://" not in value:
        return f"sqlite:///{Path(value).expanduser().resolve()}"
    if value.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + value.split("://", 1)[1]
    return value


def _migrations() -> Config:
    config = Config()
    config.set_main_option("script_location", str(resources.files("talktrack.store") / "migrations"))
    return config


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def _json(value: Any) -> str:
    """Serialize a JSON column's value as UTF-8 text, non-ASCII characters as they are."""
    return json.dumps(value, ensure_ascii=False)


def _sqlite_begin(conn: Connection) -> None:
    """Start a writing() transaction with BEGIN IMMEDIATE; leave any other to pysqlite.

    pysqlite's own handling emits BEGIN only before INSERT, UPDATE or DELETE:
    DDL and the reads before the first write run outside the transaction
    (a killed migration left half a schema), and a deferred transaction that
    reads and then writes fails at once with "database is locked" when
    another connection committed in between (the busy timeout does not help
    a stale snapshot). Taking the lock first makes writers queue instead.
    """
    dbapi: Any = conn.connection.dbapi_connection
    if conn.get_execution_options().get(WRITE):
        dbapi.isolation_level = None  # no transaction is open yet: nothing to commit
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        dbapi.isolation_level = ""  # pysqlite's default: BEGIN (deferred) before the first write


def _postgres_begin(conn: Connection) -> None:
    """Serialize writing() transactions across processes (the lock goes at commit or rollback)."""
    if conn.get_execution_options().get(WRITE):
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITER_LOCK})")


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """Like `engine.begin()`, for a transaction that writes: it holds the store's write lock from its first statement.

    Concurrent writers (two ingests, two processes opening a new store) wait
    for each other here instead of failing or deciding on what another is
    about to change. Readers are not blocked.
    """
    with engine.connect().execution_options(**{WRITE: True}) as conn:
        with conn.begin():
            yield conn


def connect(value: str, *, migrate: bool = True, must_exist: bool = False) -> Engine:
    """Return an engine on the store named by `value`, its schema migrated to the current version.

    Raises TalktrackError TT601 when the database cannot be opened, TT602
    when it is newer than this talktrack, and TT605 when `must_exist` and an
    SQLite file is not there: a command that only reads must not create an
    empty store under a mistyped name and answer from it.
    """
    url = database_url(value)
    try:
        parsed = make_url(url)
    except Exception as exc:  # noqa: BLE001 - any parse failure is a bad --db value
        raise TalktrackError("TT601", db=value, reason=exc) from exc
    if parsed.get_backend_name() == "sqlite" and parsed.database:
        folder = Path(parsed.database).parent
        if must_exist and parsed.database != ":memory:" and not Path(parsed.database).is_file():
            raise TalktrackError("TT605", db=value)
        if not folder.is_dir():
            raise TalktrackError("TT601", db=value, reason=f"folder {folder} does not exist")
    engine = create_engine(url, future=True, pool_pre_ping=True, json_serializer=_json)
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    elif parsed.get_backend_name() == "postgresql":
        event.listen(engine, "begin", _postgres_begin)
    try:
        if migrate:
            upgrade(engine)
        else:
            with engine.connect():
                pass
    except TalktrackError:
        raise
    except Exception as exc:  # noqa: BLE001 - driver errors differ by database; the message names the cause
        engine.dispose()
        raise TalktrackError("TT601", db=_safe(url), reason=" ".join(str(exc).split())[:300]) from exc
    return engine


def _safe(url: str) -> str:
    """Return `url` with any password hidden, for messages."""
    return make_url(url).render_as_string(hide_password=True)


def upgrade(engine: Engine) -> None:
    """Migrate the store to the newest schema version (no-op when it is current).

    The version is read without the write lock first, so opening a current
    store never waits for an ingest; an upgrade runs in one writing
    transaction (DDL included), so a second process opening a new store
    waits for the first and then finds it current, and a killed upgrade
    leaves the store as it was.
    """
    config = _migrations()
    head = ScriptDirectory.from_config(config).get_current_head()
    with engine.connect() as conn:
        if MigrationContext.configure(conn).get_current_revision() == head:
            return
    with migrating(engine) as conn:
        current = MigrationContext.configure(conn).get_current_revision()
        if current == head:
            return
        known = {s.revision for s in ScriptDirectory.from_config(config).walk_revisions()}
        if current is not None and current not in known:
            raise TalktrackError("TT602", db=_safe(str(engine.url)), version=current)
        config.attributes["connection"] = conn
        command.upgrade(config, "head")


@contextmanager
def migrating(engine: Engine) -> Iterator[Connection]:
    """Like `writing(engine)`, for a transaction that changes the schema; on SQLite, with foreign keys off until it ends.

    SQLite changes a table by building it anew and dropping the old one,
    which foreign keys would forbid (or empty the tables that refer to it);
    its documentation prescribes turning enforcement off for the change
    (only possible outside a transaction) and checking every key before
    committing, which this does: a violation rolls the change back.
    """
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as conn:
        if sqlite:
            conn.exec_driver_sql("PRAGMA foreign_keys = OFF")
            conn.commit()
        try:
            conn.execution_options(**{WRITE: True})
            with conn.begin():
                yield conn
                if sqlite and (broken := conn.exec_driver_sql("PRAGMA foreign_key_check").first()) is not None:
                    raise RuntimeError(f"migration left table {broken[0]} referring to a missing row of {broken[2]}")
        finally:
            if sqlite:
                conn.execution_options(**{WRITE: False})  # outside a transaction again: a PRAGMA in one does nothing
                conn.exec_driver_sql("PRAGMA foreign_keys = ON")
                conn.commit()
