"""The record in a store, queried: what the CLI, the Python API, the HTTP API and the web page call.

    import talktrack
    record = talktrack.open("talktrack.db")
    record.timeline()                  # list of TimelineEntry
    record.frame("quotes", topic="tariffs")   # the same as a pandas DataFrame

Every query is read-only and builds its SQL from SQLAlchemy expressions
with bound parameters, never from strings. `Record` combines the query
families, each in its own module: events (`query.events`), statements and
people (`query.statements`), topics (`query.topics`), search
(`query.search`) and the change log (`query.changes`), over what they share
(`query.reader`); the records by id, the store's status and the whole
ledger are here.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select, text

from talktrack.codec import decode
from talktrack.errors import TalktrackError
from talktrack.export.ledger import document_to_dict, entity_to_dict, event_to_dict, statement_to_dict
from talktrack.model import Document, Event, Ledger, Span, Statement
from talktrack.query.changes import ChangeQueries
from talktrack.query.issues import IssueEntry
from talktrack.query.reader import MAX_LIMIT, has_nul
from talktrack.query.results import Change, IssueSummary, Measure, Person, Quote, RoleTenure, SearchHit, Shown, Status, TimelineEntry
from talktrack.query.search import SearchQueries
from talktrack.query.statements import StatementQueries
from talktrack.query.topics import TopicQueries
from talktrack.store import tables as t
from talktrack.store.database import connect
from talktrack.store.read import document_from_row, load_entities, load_ledger, pending_count

if TYPE_CHECKING:
    import pandas

QUERIES = ("timeline", "quotes", "issues", "issue", "deadlines", "people", "roles", "search", "changes", "measures")


def open_record(db: str, gazetteers: tuple[Path, ...] = ()) -> "Record":
    """Return the record in the store `db` (a file path or a database URL); `gazetteers` as in `Record`."""
    return Record(connect(db, must_exist=True), gazetteers)


class Record(TopicQueries, StatementQueries, SearchQueries, ChangeQueries):
    """Read-only queries over one store.

    `gazetteers` are the extra gazetteer files the articles were read with: their
    sides and title words let `roles` and `quotes` read the roles the articles name.
    """

    def document(self, doc_id: str) -> Document:
        """Return one stored document; TT603 when there is none with this id."""
        if has_nul(doc_id):
            raise TalktrackError("TT603", id=doc_id)
        with self._conn() as conn:
            row = conn.execute(select(t.documents).where(t.documents.c.id == doc_id)).first()
        if row is None:
            raise TalktrackError("TT603", id=doc_id)
        return document_from_row(row)

    def show(self, record_id: str) -> Shown:
        """Return any record (document, entity, event or statement) with its evidence sentences; TT603 when unknown."""
        if has_nul(record_id):
            raise TalktrackError("TT603", id=record_id)
        with self._conn() as conn:
            row = conn.execute(select(t.events.c.record).where(t.events.c.id == record_id)).first()
            if row is not None:
                event = decode(Event, row.record)
                return Shown("event", event.id, event_to_dict(event), self._evidence(conn, event.evidence))
            row = conn.execute(select(t.statements.c.record).where(t.statements.c.id == record_id)).first()
            if row is not None:
                st = decode(Statement, row.record)
                return Shown("statement", st.id, statement_to_dict(st), self._evidence(conn, [Span(st.doc_id, st.start, st.end)]))
            found = load_entities(conn, t.entities.c.id == record_id)
            if found:
                entity = found[0]
                return Shown("entity", entity.id, entity_to_dict(entity), self._evidence(conn, entity.mentions[:50]))
            row = conn.execute(select(t.documents).where(t.documents.c.id == record_id)).first()
            if row is not None:
                return Shown("document", row.id, document_to_dict(document_from_row(row)))
        raise TalktrackError("TT603", id=record_id)

    def status(self) -> Status:
        """Return the counts of what the store holds and the inputs it rejected."""
        with self._conn() as conn:
            counts = {
                name: conn.scalar(select(func.count()).select_from(table)) or 0
                for name, table in (
                    ("documents", t.documents), ("entities", t.entities), ("events", t.events),
                    ("statements", t.statements), ("timexes", t.timexes), ("topics", t.topics), ("rejects", t.rejects),
                )
            }
            counts["duplicates"] = conn.scalar(select(func.count()).select_from(t.documents).where(t.documents.c.duplicate_of.is_not(None))) or 0
            counts["pending"] = pending_count(conn)  # stored, not yet settled into the record
            version = conn.scalar(text("SELECT version_num FROM alembic_version"))
            rejects = [
                {"source": r.source, "line": r.line, "code": r.code, "message": r.message, "at": r.at.isoformat() if r.at else None}
                for r in conn.execute(select(t.rejects).order_by(t.rejects.c.id.desc()).limit(MAX_LIMIT))
            ]
        url = self.engine.url.render_as_string(hide_password=True)
        return Status(url, version, counts, rejects)

    def ledger(self) -> Ledger:
        """Return the whole record as one Ledger (what `export --format json` writes)."""
        with self._conn() as conn:
            return load_ledger(conn)

    def frame(self, query: str, **kwargs: Any) -> "pandas.DataFrame":
        """Return the result of query `query` ("timeline", "quotes", ...) as a pandas DataFrame."""
        import pandas

        if query not in QUERIES:
            raise ValueError(f"unknown query {query!r}; one of {', '.join(QUERIES)}")
        rows = getattr(self, query)(**kwargs)
        return pandas.DataFrame([dataclasses.asdict(r) for r in rows], columns=_columns(query))

    def close(self) -> None:
        """Release the store's connections."""
        self.engine.dispose()

    def __enter__(self) -> "Record":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _columns(query: str) -> list[str]:
    kind = {
        "timeline": TimelineEntry, "deadlines": TimelineEntry, "quotes": Quote, "issues": IssueSummary,
        "issue": IssueEntry, "people": Person, "roles": RoleTenure, "search": SearchHit, "changes": Change, "measures": Measure,
    }[query]
    return [f.name for f in dataclasses.fields(kind)]
