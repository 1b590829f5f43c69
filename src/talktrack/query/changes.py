"""The change log queried: what the store learned since a moment, filtered as a feed needs it.

The log itself is written at each settle (`talktrack.store.changes`); here
it is read back, in the order the store learned it or newest first.
"""

from __future__ import annotations

from datetime import timezone
from typing import Any

from sqlalchemy import or_, select

from talktrack.errors import TalktrackError
from talktrack.query.dates import check_since
from talktrack.query.events import EVENT_TYPES
from talktrack.query.reader import Reader, has_nul, row_limit, whole_words
from talktrack.query.results import Change
from talktrack.store import tables as t


def _change(row: Any) -> Change:
    """Return a row of the change log as a Change, its time in UTC."""
    at = row.at if row.at.tzinfo else row.at.replace(tzinfo=timezone.utc)  # SQLite keeps the UTC time without its zone
    return Change(
        row.id, at.astimezone(timezone.utc).isoformat(timespec="microseconds"), row.kind, row.record_id, row.type, row.date,
        row.before, row.after, row.title, list(row.sides or []), list(row.topics or []), row.speaker, row.speaker_id, row.content,
    )


class ChangeQueries(Reader):
    """The query over the store's change log."""

    def changes(
        self,
        since: str | None = None,
        types: list[str] | None = None,
        topic: str | None = None,
        side: str | None = None,
        speaker: str | None = None,
        kinds: list[str] | None = None,
        limit: int | None = None,
        newest_first: bool = False,
    ) -> list[Change]:
        """Return what the store learned since a moment (a date or an ISO time), in the order it learned it.

        "Since" is when a settle put it in the record, not the date of the
        event or statement. `types` are event types ("statement" for
        statements), `topic` includes its subtopics, `side` is a code or a
        country's name (an event's participants or a statement's speaker),
        `speaker` matches as in `quotes`. `newest_first` for a feed.
        Raises TalktrackError TT607 for a `since` that is not a date or time,
        TT604 for an unknown topic, TT606 for an unknown type, kind or side.
        """
        from talktrack.store.changes import KINDS

        moment = check_since(since) if since else None
        for kind in types or []:
            if kind not in EVENT_TYPES and kind != "statement" and not has_nul(kind):
                raise TalktrackError("TT606", what="type", value=kind, choices=", ".join((*EVENT_TYPES, "statement")))
        for kind in kinds or []:
            if kind not in KINDS:
                raise TalktrackError("TT606", what="kind of change", value=kind, choices=", ".join(KINDS))
        if has_nul(speaker, side, topic):
            return []
        c = t.changes.c
        query = select(t.changes)
        if moment is not None:
            query = query.where(c.at >= (moment if self.engine.dialect.name != "sqlite" else moment.replace(tzinfo=None)))
        if types:
            query = query.where(c.type.in_([x for x in types if not has_nul(x)]))
        if kinds:
            query = query.where(c.kind.in_(kinds))
        with self._conn() as conn:
            covered = self._covered(conn, topic) if topic else None
            code = self._side(conn, side) if side else None
            if speaker:
                query = query.where(or_(c.speaker_id == speaker, whole_words(c.speaker, speaker)))
            order = (c.at.desc(), c.kind, c.date, c.id) if newest_first else (c.at, c.kind, c.date, c.id)
            out: list[Change] = []
            for row in conn.execute(query.order_by(*order)):
                if covered is not None and not covered & set(row.topics or []):
                    continue
                if code is not None and code not in {s.upper() for s in row.sides or []}:
                    continue
                out.append(_change(row))
                if len(out) >= row_limit(limit):
                    break
        return out
