"""What every query over a store shares: its connection, the lookups filters need, and the evidence sentences.

`Reader` is the base of the query families a `Record` combines (events,
statements, topics, search, changes): it holds the engine and the
gazetteers, reads the topics, turns a `topic` filter into the topics below
it and a `side` filter into a code, and finds the sentence around a span.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, or_, select
from sqlalchemy.engine import Connection

from talktrack.errors import TalktrackError
from talktrack.gazetteer import Gazetteer, load_gazetteer
from talktrack.labels import Labels, document_label, make_labels
from talktrack.model import Span, Topic
from talktrack.query.evidence import sentence_bounds
from talktrack.query.issues import with_descendants
from talktrack.query.results import Evidence
from talktrack.store import tables as t

MAX_LIMIT = 1000
MAX_OFFSET = 2**62  # SQL integers are 64-bit


def has_nul(*values: str | None) -> bool:
    """Whether any value holds a NUL character: no stored name or id does, and PostgreSQL refuses them in text."""
    return any(v is not None and "\x00" in v for v in values)


def row_limit(limit: int | None) -> int:
    """Return how many rows a query returns for `limit`: `MAX_LIMIT` when None, never less than 0 or more."""
    return MAX_LIMIT if limit is None else max(0, min(limit, MAX_LIMIT))


def whole_words(column: Any, words: str) -> Any:
    """Return a condition: `words` (case-insensitive) is the name or a run of whole words in it."""
    name, q = func.lower(column), " ".join(words.lower().split())
    return or_(
        name == q, name.startswith(q + " ", autoescape=True), name.endswith(" " + q, autoescape=True),
        name.contains(" " + q + " ", autoescape=True),
    )


class Reader:
    """Read-only access to one store, with the lookups its queries share; `gazetteers` as in `Record`."""

    def __init__(self, engine: Engine, gazetteers: tuple[Path, ...] = ()) -> None:
        self.engine = engine
        self.gazetteers = tuple(gazetteers)

    # --- helpers -------------------------------------------------------------------------
    def _conn(self) -> Connection:
        return self.engine.connect()

    def _topics(self, conn: Connection) -> list[Topic]:
        return [Topic(r.id, r.label, r.parent) for r in conn.execute(select(t.topics).order_by(t.topics.c.id))]

    def _gazetteer(self) -> Gazetteer:
        return load_gazetteer(self.gazetteers)

    def _covered(self, conn: Connection, topic: str) -> set[str]:
        topics = self._topics(conn)
        if topic not in {x.id for x in topics}:
            raise TalktrackError("TT604", topic=topic)
        return with_descendants(topic, topics)

    def _evidence(self, conn: Connection, spans: list[Span]) -> list[Evidence]:
        docs = {
            r.id: r
            for r in conn.execute(
                select(t.documents.c.id, t.documents.c.text, t.documents.c.title, t.documents.c.outlet, t.documents.c.published).where(
                    t.documents.c.id.in_({s.doc_id for s in spans})
                )
            )
        }
        out = []
        for s in spans:
            d = docs.get(s.doc_id)
            if d is None:
                continue
            a, b = sentence_bounds(d.text, s.start, s.end)
            out.append(Evidence(s.doc_id, s.start, s.end, d.text[a:b], a, b, d.title, d.outlet, d.published))
        return out

    def _side(self, conn: Connection, side: str) -> str:
        """Return the side code a filter names: a code ("CN", "cn") or a country's name or demonym ("China", "Chinese").

        Raises TalktrackError TT606 when it names no country and no side the store holds.
        """
        known = {s for s in conn.scalars(select(t.entities.c.country).distinct()) if s}
        known |= {s for s in conn.scalars(select(t.statements.c.speaker_side).distinct()) if s}
        if side.upper() in known:
            return side.upper()
        words = side.strip()
        named = conn.scalar(  # a country the store's articles name: "Valdoria" in a store of fictional ones
            select(t.entities.c.country).where(t.entities.c.type == "country", func.lower(t.entities.c.name) == words.lower())
        )
        gaz = load_gazetteer()
        code = named or gaz.country_of(words) or gaz.country_of(words.title()) or gaz.country_names.get(words.upper())
        if code:
            return code
        if re.fullmatch(r"[A-Za-z]{2,3}", words):
            return words.upper()  # a code the store does not hold yet: nothing matches, as for a date with no events
        raise TalktrackError("TT606", what="side", value=side, choices=", ".join(sorted(known)) or "none yet")

    # --- lookups -------------------------------------------------------------------------
    def evidence(self, spans: list[Span]) -> list[Evidence]:
        """Return the sentence around each span, with its article's title, outlet and date."""
        with self._conn() as conn:
            return self._evidence(conn, spans)

    def labels(self) -> Labels:
        """Return the words for this record's topic ids and side codes ("Tariff truce", "China")."""
        gaz = load_gazetteer()
        with self._conn() as conn:
            topics = self._topics(conn)
            named = {r.country: r.name for r in conn.execute(
                select(t.entities.c.country, t.entities.c.name).where(t.entities.c.type == "country", t.entities.c.country.is_not(None))
            )}
        return make_labels(topics, gaz.country_labels | named)

    def document_labels(self, doc_ids: Iterable[str]) -> dict[str, str]:
        """Return how to name each article: its title, else its outlet and date, never a path."""
        wanted = {d for d in doc_ids if d}
        with self._conn() as conn:
            rows = conn.execute(
                select(t.documents.c.id, t.documents.c.title, t.documents.c.outlet, t.documents.c.published).where(t.documents.c.id.in_(wanted))
            )
            return {r.id: document_label(r.title, r.outlet, r.published, r.id) for r in rows}

    def topics(self) -> list[Topic]:
        """Return the topics of the record (those used and their ancestors), by id."""
        with self._conn() as conn:
            return self._topics(conn)
