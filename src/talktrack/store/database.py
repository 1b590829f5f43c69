"""Open a store: an SQLite file by default, PostgreSQL given a URL; migrate it to the current schema.

`database_url` accepts a SQLAlchemy URL or a plain file path (an SQLite
file). Opening runs the Alembic migrations up to head, so an older store is
upgraded in place and a new one is created. SQLite runs in WAL mode with a
busy timeout, so concurrent ingests wait for each other instead of failing.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

from talktrack.errors import TalktrackError

BUSY_TIMEOUT_MS = 60_000


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
    cursor.close()


def connect(value: str, *, migrate: bool = True) -> Engine:
    """Return an engine on the store named by `value`, its schema migrated to the current version.

    Raises TalktrackError TT601 when the database cannot be opened and TT602
    when it is newer than this talktrack.
    """
    url = database_url(value)
    try:
        parsed = make_url(url)
    except Exception as exc:  # noqa: BLE001 - any parse failure is a bad --db value
        raise TalktrackError("TT601", db=value, reason=exc) from exc
    if parsed.get_backend_name() == "sqlite" and parsed.database:
        folder = Path(parsed.database).parent
        if not folder.is_dir():
            raise TalktrackError("TT601", db=value, reason=f"folder {folder} does not exist")
    engine = create_engine(url, future=True, pool_pre_ping=True)
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
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
    """Migrate the store to the newest schema version (no-op when it is current)."""
    config = _migrations()
    head = ScriptDirectory.from_config(config).get_current_head()
    with engine.begin() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
        if current == head:
            return
        known = {s.revision for s in ScriptDirectory.from_config(config).walk_revisions()}
        if current is not None and current not in known:
            raise TalktrackError("TT602", db=_safe(str(engine.url)), version=current)
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
