"""Statements and the people who make them queried: who said what, the people of the record, who held which role."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select

from talktrack.codec import decode
from talktrack.errors import TalktrackError
from talktrack.model import Entity, Event, Statement
from talktrack.query.dates import check_date, day_after
from talktrack.query.reader import MAX_OFFSET, Reader, has_nul, row_limit, whole_words
from talktrack.query.results import Person, Quote, RoleTenure
from talktrack.query.roles import spoken_by, tenures, with_holders
from talktrack.store import tables as t
from talktrack.store.read import load_entities

LEAD_CHARS = 600  # headline and first paragraph of a news story


def quote_of(record: Any, published: str | None, outlet: str | None, title: str | None) -> Quote:
    """Return the Quote of a stored statement; undated, it takes its article's publication date (basis "published")."""
    st = decode(Statement, record)
    basis = (st.date_basis or "text") if st.date else "published" if published else None  # a record stored before bases: as it was read
    return Quote(
        st.id, st.date or published, st.speaker_name, st.speaker_id, st.speaker_side, st.kind, st.cue,
        st.content, list(st.via), list(st.topics), st.doc_id, st.start, st.end, outlet, title, basis == "text",
        date_basis=basis, speaker_confidence=st.speaker_confidence, speaker_method=st.speaker_method,
    )


def _person(entity: Entity, statements: int) -> Person:
    """Return an entity as a Person row, each title with its organization, with the number of its statements."""
    titles = [x.title + (f", {x.organization}" if x.organization else "") for x in entity.titles]
    return Person(
        entity.id, entity.name, entity.country, titles, list(entity.aliases), len(entity.mentions),
        len({m.doc_id for m in entity.mentions}), statements,
    )


class StatementQueries(Reader):
    """The queries over the record's statements, speakers and roles."""

    def quotes(
        self,
        speaker: str | None = None,
        topic: str | None = None,
        side: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Quote]:
        """Return who said what, oldest first, filtered by speaker (name or id), topic, side and period.

        `speaker` matches an entity id or whole words of the name, literally (% and _ are no wildcards):
        "He" finds He Lifeng, not Li Chenggang or "the expert". `side` is a code or a country's name.
        A speaker named only by a role is the one person who held it then, where the store knows
        one (`speaker_inferred`; see talktrack.query.roles): `speaker` finds those statements too.
        Raises TalktrackError TT303 when `since` or `until` is not a date, TT604 for an unknown topic,
        TT606 for a side that names no country.
        """
        check_date(since)
        check_date(until)
        if has_nul(speaker, side):
            return []
        when = func.coalesce(t.statements.c.date, t.documents.c.published)
        query = select(t.statements.c.record, when.label("when"), t.documents.c.outlet, t.documents.c.title).join(
            t.documents, t.documents.c.id == t.statements.c.doc_id
        )
        with self._conn() as conn:
            if speaker:
                query = query.where(or_(
                    t.statements.c.speaker_id == speaker, whole_words(t.statements.c.speaker_name, speaker),
                    t.statements.c.id.in_(spoken_by(conn, self._gazetteer(), speaker)),
                ))
            if topic:
                ids = select(t.statement_topics.c.statement_id).where(t.statement_topics.c.topic.in_(self._covered(conn, topic)))
                query = query.where(t.statements.c.id.in_(ids))
            if side:
                query = query.where(func.upper(t.statements.c.speaker_side) == self._side(conn, side))
            if since:
                query = query.where(when >= since)
            if until and (bound := day_after(until)):
                query = query.where(when < bound)
            query = query.order_by(when.is_(None), when, t.statements.c.doc_id, t.statements.c.start)
            query = query.limit(row_limit(limit)).offset(max(0, min(offset, MAX_OFFSET)))
            return with_holders(conn, self._gazetteer(), [quote_of(row.record, row.when, row.outlet, row.title) for row in conn.execute(query)])

    def event_quotes(self, event: Event) -> list[Quote]:
        """Return the statements of the articles reporting `event` that were made during it (a day either side).

        An undated statement (or any, for an event not dated to the day) counts
        only in an article that leads with the event: one whose first
        `LEAD_CHARS` characters report it. A story about a later round that
        recalls this one in passing does not lend it its quotes.
        """
        docs = {s.doc_id for s in event.evidence}
        leads_with = {s.doc_id for s in event.evidence if s.start < LEAD_CHARS}
        dated = bool(event.start and len(event.start) == 10 and (not event.end or len(event.end) == 10))
        first = (date.fromisoformat(event.start) - timedelta(days=1)).isoformat() if dated and event.start else None
        last = (date.fromisoformat(event.end or event.start or "") + timedelta(days=1)).isoformat() if dated else None
        out = []
        for q in self._quotes_in(docs):
            day = q.date if q.date and len(q.date) == 10 else None
            if first and last and day:
                if first <= day <= last:
                    out.append(q)
            elif q.doc_id in leads_with:
                out.append(q)
        return out

    def _quotes_in(self, doc_ids: set[str]) -> list[Quote]:
        with self._conn() as conn:
            query = (
                select(t.statements.c.record, t.documents.c.published, t.documents.c.outlet, t.documents.c.title)
                .join(t.documents, t.documents.c.id == t.statements.c.doc_id)
                .where(t.statements.c.doc_id.in_(doc_ids))
                .order_by(t.statements.c.doc_id, t.statements.c.start)
            )
            return with_holders(conn, self._gazetteer(), [quote_of(row.record, row.published, row.outlet, row.title) for row in conn.execute(query)])

    def people(self, side: str | None = None) -> list[Person]:
        """Return the people of the record, most mentioned first."""
        if has_nul(side):
            return []
        with self._conn() as conn:
            where = t.entities.c.type == "person"
            if side:
                where = and_(where, func.upper(t.entities.c.country) == self._side(conn, side))
            entities = load_entities(conn, where)
            spoke = Counter(
                conn.scalars(select(t.statements.c.speaker_id).where(t.statements.c.speaker_id.in_([e.id for e in entities])))
            )
        return sorted((_person(e, spoke[e.id]) for e in entities), key=lambda p: (-p.mentions, p.name))

    def person(self, entity_id: str) -> Person:
        """Return one person (or organization) of the record; TT603 when unknown."""
        if has_nul(entity_id):
            raise TalktrackError("TT603", id=entity_id)
        with self._conn() as conn:
            found = load_entities(conn, t.entities.c.id == entity_id)
            if not found:
                raise TalktrackError("TT603", id=entity_id)
            spoke = conn.scalar(select(func.count()).select_from(t.statements).where(t.statements.c.speaker_id == entity_id)) or 0
        return _person(found[0], spoke)

    def roles(self, role: str | None = None, side: str | None = None) -> list[RoleTenure]:
        """Return who held which role when, by role and then date, from the articles that name each holder with it.

        `role` keeps the roles with all its words, in any form ("foreign ministry spokeswoman" finds
        "spokesperson, Foreign Ministry"; a side it names counts too); `side` is a code or a country's name.
        Raises TalktrackError TT606 for a side that names no country.
        """
        if has_nul(role, side):
            return []
        with self._conn() as conn:
            return tenures(conn, self._gazetteer(), role, self._side(conn, side) if side else None)
