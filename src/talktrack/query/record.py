"""The record in a store, queried: what the CLI, the Python API, the HTTP API and the web page call.

    import talktrack
    record = talktrack.open("talktrack.db")
    record.timeline()                  # list of TimelineEntry
    record.frame("quotes", topic="tariffs")   # the same as a pandas DataFrame

Every query is read-only and builds its SQL from SQLAlchemy expressions
with bound parameters, never from strings.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, get_args

from sqlalchemy import Engine, and_, func, or_, select, text
from sqlalchemy.engine import Connection

from talktrack.codec import decode
from talktrack.errors import TalktrackError
from talktrack.export.ledger import document_to_dict, entity_to_dict, event_to_dict, statement_to_dict
from talktrack.gazetteer import Gazetteer, load_gazetteer
from talktrack.labels import Labels, document_label, make_labels
from talktrack.model import Document, Event, EventType, Ledger, Span, Statement, Topic
from talktrack.query.deadlines import standings
from talktrack.query.evidence import sentence_bounds
from talktrack.query.issues import IssueEntry, issue_history
from talktrack.query.measures import read_measures
from talktrack.query.results import (
    Change, Evidence, IssueSummary, Measure, Person, Quote, RoleTenure, SearchHit, Shown, Status, TimelineEntry,
)
from talktrack.query.roles import spoken_by, tenures, with_holders
from talktrack.store import tables as t
from talktrack.store.database import connect
from talktrack.store.read import document_from_row, load_entities, load_ledger, pending_count
from talktrack.store.rows import chunks

if TYPE_CHECKING:
    import pandas

MAX_LIMIT = 1000
LEAD_CHARS = 600  # headline and first paragraph of a news story
QUERIES = ("timeline", "quotes", "issues", "issue", "deadlines", "people", "roles", "search", "changes", "measures")
HIT_START, HIT_END = "\x02", "\x03"
DATE_SHAPE = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")
MAX_OFFSET = 2**62  # SQL integers are 64-bit


EVENT_TYPES: tuple[str, ...] = get_args(EventType)
_STEM = 5  # letters of a word compared: "tariffs" and "tariff", "negotiations" and "negotiators" alike


def _score(words: list[str], title: str, body: str) -> float:
    """Return how well a text matches the words: occurrences (a title's count three times) per root of its length.

    The backends' stemmers differ, so a word counts where a text word shares its first letters.
    """
    stems = {w.lower()[:_STEM] for w in words}

    def hits(text_: str) -> int:
        return sum(1 for w in re.findall(r"\w+", text_.lower()) if w[:_STEM] in stems)

    length = len(body.split()) + len(title.split())
    return (3 * hits(title) + hits(body)) / math.sqrt(max(length, 1))


def _whole_words(column: Any, words: str) -> Any:
    """Return a condition: `words` (case-insensitive) is the name or a run of whole words in it."""
    name, q = func.lower(column), " ".join(words.lower().split())
    return or_(
        name == q, name.startswith(q + " ", autoescape=True), name.endswith(" " + q, autoescape=True),
        name.contains(" " + q + " ", autoescape=True),
    )


def open_record(db: str, gazetteers: tuple[Path, ...] = ()) -> "Record":
    """Return the record in the store `db` (a file path or a database URL); `gazetteers` as in `Record`."""
    return Record(connect(db, must_exist=True), gazetteers)


def check_date(value: str | None) -> str | None:
    """Return `value` when it names a period that exists (YYYY, YYYY-MM or YYYY-MM-DD); raise TalktrackError TT303 otherwise."""
    if value is None or value == "":
        return value
    if not isinstance(value, str) or not DATE_SHAPE.fullmatch(value):
        raise TalktrackError("TT303", value=value)
    parts = [int(p) for p in value.split("-")]
    try:
        date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError as exc:  # year 0, month 13, February 30th
        raise TalktrackError("TT303", value=value) from exc
    return value


def check_since(value: str) -> datetime:
    """Return the moment a `since` names: a date (its first moment, UTC) or an ISO 8601 time (UTC unless it says).

    Raises TalktrackError TT607 when it is neither.
    """
    if DATE_SHAPE.fullmatch(value):
        try:
            check_date(value)
        except TalktrackError as exc:
            raise TalktrackError("TT607", value=value) from exc
        parts = [int(p) for p in value.split("-")] + [1, 1]
        return datetime(parts[0], parts[1], parts[2], tzinfo=timezone.utc)
    try:
        moment = datetime.fromisoformat(value)
    except (ValueError, TypeError) as exc:
        raise TalktrackError("TT607", value=value) from exc
    if "T" not in value and " " not in value.strip():
        raise TalktrackError("TT607", value=value)
    try:  # a time at the edge of the calendar may have no UTC equivalent (9999-12-31T23:00-14:00)
        return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)
    except OverflowError as exc:
        raise TalktrackError("TT607", value=value) from exc


def day_after(value: str) -> str | None:
    """Return the first date after the period `value` (YYYY, YYYY-MM or YYYY-MM-DD): an exclusive upper bound.

    None when no date follows (the period ends on 9999-12-31): there is no upper bound then.
    Raises TalktrackError TT303 when `value` is not such a date.
    """
    check_date(value)
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return f"{parts[0] + 1:04d}" if parts[0] < 9999 else None
    if len(parts) == 2:
        y, m = parts
        return f"{y + (m == 12):04d}-{m % 12 + 1:02d}" if (y, m) != (9999, 12) else None
    day = date(*parts)
    return (day + timedelta(days=1)).isoformat() if day < date.max else None


def _nul(*values: str | None) -> bool:
    """Whether any value holds a NUL character: no stored name or id does, and PostgreSQL refuses them in text."""
    return any(v is not None and "\x00" in v for v in values)


def _limit(limit: int | None) -> int:
    return MAX_LIMIT if limit is None else max(0, min(limit, MAX_LIMIT))


class Record:
    """Read-only queries over one store.

    `gazetteers` are the extra gazetteer files the articles were read with: their
    sides and title words let `roles` and `quotes` read the roles the articles name.
    """

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
        children: dict[str, list[str]] = defaultdict(list)
        for x in topics:
            if x.parent:
                children[x.parent].append(x.id)
        out, todo = set(), [topic]
        while todo:
            current = todo.pop()
            if current not in out:
                out.add(current)
                todo.extend(children[current])
        return out

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

    @staticmethod
    def _entry(event: Event) -> TimelineEntry:
        leads: dict[str, list[str]] = defaultdict(list)
        for p in event.participants:
            if p.role == "lead" and p.name not in leads[p.side or "?"]:
                leads[p.side or "?"].append(p.name)
        return TimelineEntry(
            id=event.id, type=event.type, start=event.start, end=event.end, status=event.status, place=event.place,
            leads=dict(leads), topics=list(event.topics), outcome=event.outcome, action=event.action,
            reports=len({s.doc_id for s in event.evidence}), conflicts=list(event.conflicts), title=event.title,
            start_basis=event.start_basis, end_basis=event.end_basis, confidence=event.confidence, method=event.method,
        )

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

    # --- queries -------------------------------------------------------------------------
    def timeline(
        self, since: str | None = None, until: str | None = None, types: list[str] | None = None, limit: int | None = None
    ) -> list[TimelineEntry]:
        """Return the events in date order (undated last), optionally limited to a period and event types.

        Raises TalktrackError TT303 when `since` or `until` is not a date, TT606 for a type that is none.
        """
        check_date(since)
        for kind in types or []:
            if kind not in EVENT_TYPES and not _nul(kind):
                raise TalktrackError("TT606", what="event type", value=kind, choices=", ".join(EVENT_TYPES))
        query = select(t.events.c.record)
        if since:
            query = query.where(or_(t.events.c.end >= since, and_(t.events.c.end.is_(None), t.events.c.start >= since)))
        if until and (bound := day_after(until)):
            query = query.where(t.events.c.start < bound)
        if types:
            if all(_nul(x) for x in types):
                return []
            query = query.where(t.events.c.type.in_([x for x in types if not _nul(x)]))
        query = query.order_by(t.events.c.start.is_(None), t.events.c.start, t.events.c.type, t.events.c.id).limit(_limit(limit))
        with self._conn() as conn:
            found = [self._entry(decode(Event, r)) for r in conn.scalars(query)]
        if any(e.type == "deadline" for e in found):  # each deadline with its standing: one moved since is not "scheduled"
            standing = {d.id: d for d in self.deadlines()}
            found = [standing.get(e.id, e) if e.type == "deadline" else e for e in found]
        return found

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
        if _nul(speaker, side):
            return []
        when = func.coalesce(t.statements.c.date, t.documents.c.published)
        query = select(t.statements.c.record, when.label("when"), t.documents.c.outlet, t.documents.c.title).join(
            t.documents, t.documents.c.id == t.statements.c.doc_id
        )
        with self._conn() as conn:
            if speaker:
                query = query.where(or_(
                    t.statements.c.speaker_id == speaker, _whole_words(t.statements.c.speaker_name, speaker),
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
            query = query.limit(_limit(limit)).offset(max(0, min(offset, MAX_OFFSET)))
            return with_holders(conn, self._gazetteer(), [_quote(row.record, row.when, row.outlet, row.title) for row in conn.execute(query)])

    def issues(self) -> list[IssueSummary]:
        """Return every topic in the record with the events and statements that touch it (its subtopics included)."""
        with self._conn() as conn:
            topics = self._topics(conn)
            dates: dict[str, list[str]] = defaultdict(list)
            events: Counter[str] = Counter()
            statements: Counter[str] = Counter()
            for r in conn.execute(select(t.event_topics.c.topic, t.events.c.start).join(t.events, t.events.c.id == t.event_topics.c.event_id)):
                events[r.topic] += 1
                if r.start:
                    dates[r.topic].append(r.start)
            when = func.coalesce(t.statements.c.date, t.documents.c.published)
            rows = conn.execute(
                select(t.statement_topics.c.topic, when.label("when"))
                .join(t.statements, t.statements.c.id == t.statement_topics.c.statement_id)
                .join(t.documents, t.documents.c.id == t.statements.c.doc_id)
            )
            for r in rows:
                statements[r.topic] += 1
                if r.when:
                    dates[r.topic].append(r.when)
        parent = {x.id: x.parent for x in topics}

        def below(topic: str, counts: Counter[str]) -> int:
            return sum(n for k, n in counts.items() if self._under(k, topic, parent))

        out = []
        for x in topics:
            seen = [d for k, ds in dates.items() if self._under(k, x.id, parent) for d in ds]
            out.append(IssueSummary(x.id, x.label, x.parent, below(x.id, events), below(x.id, statements), min(seen, default=None), max(seen, default=None)))
        return sorted(out, key=lambda s: (-(s.events + s.statements), s.topic))

    @staticmethod
    def _under(topic: str, ancestor: str, parent: dict[str, str | None]) -> bool:
        current: str | None = topic
        while current:
            if current == ancestor:
                return True
            current = parent.get(current)
        return False

    def issue(self, topic: str) -> list[IssueEntry]:
        """Return one topic's history: the rounds, statements and measures that touch it, oldest first."""
        with self._conn() as conn:
            covered = self._covered(conn, topic)
            ledger = Ledger(topics=self._topics(conn))
            ev_ids = select(t.event_topics.c.event_id).where(t.event_topics.c.topic.in_(covered))
            ledger.events = [decode(Event, r) for r in conn.scalars(select(t.events.c.record).where(t.events.c.id.in_(ev_ids)))]
            st_ids = select(t.statement_topics.c.statement_id).where(t.statement_topics.c.topic.in_(covered))
            ledger.statements = [decode(Statement, r) for r in conn.scalars(select(t.statements.c.record).where(t.statements.c.id.in_(st_ids)))]
            doc_ids = {s.doc_id for s in ledger.statements}
            ledger.documents = [
                Document(r.id, "", published=r.published)
                for r in conn.execute(select(t.documents.c.id, t.documents.c.published).where(t.documents.c.id.in_(doc_ids)))
            ]
        return issue_history(ledger, topic)

    def deadlines(self, upcoming: bool = False, today: str | None = None) -> list[TimelineEntry]:
        """Return deadlines in date order, each with its standing on `today` (default: the real today).

        A deadline a later report moved to another date is "moved", with the
        deadline it moved to; else "passed" once its last day is before
        `today`, "ahead" until then (talktrack.query.deadlines). With
        `upcoming`, only those on or after `today` that were not moved.
        Raises TalktrackError TT303 when `today` is not a date.
        """
        check_date(today)
        day = today or date.today().isoformat()
        query = select(t.events.c.record).where(t.events.c.type == "deadline")
        query = query.order_by(t.events.c.start.is_(None), t.events.c.start, t.events.c.id)
        with self._conn() as conn:
            events = [decode(Event, r) for r in conn.scalars(query)]  # deadlines are few; all are needed to tell moves
            published: dict[str, str | None] = {}
            for part in chunks(sorted({s.doc_id for e in events for s in e.evidence})):
                rows = conn.execute(select(t.documents.c.id, t.documents.c.published).where(t.documents.c.id.in_(part)))
                published.update((r.id, r.published) for r in rows)
            named = make_labels(self._topics(conn), {})
        standing = standings(events, published, named, day)
        out = []
        for event in events:
            found = standing[event.id]
            if upcoming and (found.moved_to is not None or (event.end or event.start or "") < day or not (event.end or event.start)):
                continue
            moved = found.moved_to
            out.append(dataclasses.replace(
                self._entry(event), state=found.state, moved_to=moved.id if moved else None,
                moved_to_start=moved.start if moved else None, moved_to_end=moved.end if moved else None,
            ))
        return out

    def measures(self, on: str | None = None, topic: str | None = None) -> list[Measure]:
        """Return the measures that stood on a date, each with its state then and its whole history.

        `on` defaults to the store's latest publication date (a month or a
        year: its last day); a measure with no state by then is left out.
        `topic` keeps the measures acting on it or its subtopics. Raises
        TalktrackError TT303 when `on` is not a date, TT604 for an unknown topic.
        """
        check_date(on)
        with self._conn() as conn:
            covered = self._covered(conn, topic) if topic else None
            found = read_measures(conn, make_labels(self._topics(conn), {}), on or None)
        return [m for m in found if m.state is not None and (covered is None or covered & set(m.topics))]

    def measure(self, measure_id: str, on: str | None = None) -> Measure:
        """Return one measure with its history and its state on `on` (as `measures`); TT603 when there is none with this id."""
        check_date(on)
        if _nul(measure_id):
            raise TalktrackError("TT603", id=measure_id)
        with self._conn() as conn:
            found = read_measures(conn, make_labels(self._topics(conn), {}), on or None)
        shown = next((m for m in found if m.id == measure_id), None)
        if shown is None:
            raise TalktrackError("TT603", id=measure_id)
        return shown

    def people(self, side: str | None = None) -> list[Person]:
        """Return the people of the record, most mentioned first."""
        if _nul(side):
            return []
        with self._conn() as conn:
            where = t.entities.c.type == "person"
            if side:
                where = and_(where, func.upper(t.entities.c.country) == self._side(conn, side))
            entities = load_entities(conn, where)
            spoke = Counter(
                conn.scalars(select(t.statements.c.speaker_id).where(t.statements.c.speaker_id.in_([e.id for e in entities])))
            )
        out = [
            Person(
                e.id, e.name, e.country, [x.title + (f", {x.organization}" if x.organization else "") for x in e.titles],
                list(e.aliases), len(e.mentions), len({m.doc_id for m in e.mentions}), spoke[e.id],
            )
            for e in entities
        ]
        return sorted(out, key=lambda p: (-p.mentions, p.name))

    def roles(self, role: str | None = None, side: str | None = None) -> list[RoleTenure]:
        """Return who held which role when, by role and then date, from the articles that name each holder with it.

        `role` keeps the roles with all its words, in any form ("foreign ministry spokeswoman" finds
        "spokesperson, Foreign Ministry"; a side it names counts too); `side` is a code or a country's name.
        Raises TalktrackError TT606 for a side that names no country.
        """
        if _nul(role, side):
            return []
        with self._conn() as conn:
            return tenures(conn, self._gazetteer(), role, self._side(conn, side) if side else None)

    def search(self, query: str, limit: int | None = 20) -> list[SearchHit]:
        """Return the documents and statements matching the words of `query` (all of them), best first.

        Each backend's full-text index finds the matches (SQLite FTS5 with the
        Porter stemmer, PostgreSQL's English configuration); the order is
        talktrack's own, the same on both: how often the words occur, title
        first, per length of text (`_score`), then the record id. A
        near-duplicate (a syndicated copy) is not listed beside its original;
        each hit carries its article's outlet and date.
        """
        words = re.findall(r"\w+", query)
        if not words:
            return []
        n = _limit(limit)
        pool = min(max(n * 5, 100), 1000)  # enough candidates that the shared order decides the top n
        with self._conn() as conn:
            if conn.dialect.name == "sqlite":
                match = " ".join('"' + w.replace('"', "") + '"' for w in words)
                sql = text(
                    "SELECT kind, record_id, doc_id, title, body, snippet(search_items, 4, :a, :b, '…', 16) AS snip "
                    "FROM search_items WHERE search_items MATCH :q ORDER BY bm25(search_items), record_id LIMIT :n"
                )
                rows = list(conn.execute(sql, {"q": match, "n": pool, "a": HIT_START, "b": HIT_END}))
            else:
                sql = text(
                    "SELECT kind, record_id, doc_id, title, body, "
                    "ts_headline('english', body, plainto_tsquery('english', :q), :opts) AS snip "
                    "FROM search_items WHERE to_tsvector('english', coalesce(title, '') || ' ' || coalesce(body, '')) "
                    "@@ plainto_tsquery('english', :q) "
                    "ORDER BY ts_rank(to_tsvector('english', coalesce(title, '') || ' ' || coalesce(body, '')), "
                    "plainto_tsquery('english', :q)) DESC, record_id LIMIT :n"
                )
                opts = f"StartSel={HIT_START}, StopSel={HIT_END}, MaxWords=30, MinWords=10, FragmentDelimiter=…"
                rows = list(conn.execute(sql, {"q": " ".join(words), "n": pool, "opts": opts}))
            docs = {
                r.id: r for r in conn.execute(
                    select(t.documents.c.id, t.documents.c.outlet, t.documents.c.published, t.documents.c.duplicate_of)
                    .where(t.documents.c.id.in_({r.doc_id for r in rows}))
                )
            }
            rows = [r for r in rows if not (r.kind == "document" and docs.get(r.doc_id) is not None and docs[r.doc_id].duplicate_of)]
            rows.sort(key=lambda r: (-_score(words, r.title or "", r.body or ""), r.record_id))
            hits = [
                SearchHit(r.kind, r.record_id, r.doc_id, r.title or "", r.snip or "",
                          docs[r.doc_id].outlet if r.doc_id in docs else None, docs[r.doc_id].published if r.doc_id in docs else None)
                for r in rows[:n]
            ]
            said = [h.id for h in hits if h.kind == "statement"]
            speakers: dict[str, str] = {}
            if said:
                for r in conn.execute(select(t.statements.c.id, t.statements.c.speaker_name).where(t.statements.c.id.in_(said))):
                    speakers[r.id] = r.speaker_name
        # the index keeps the speaker as the article wrote it; show the resolved name
        return [dataclasses.replace(h, title=speakers.get(h.id, h.title)) for h in hits]

    def document(self, doc_id: str) -> Document:
        """Return one stored document; TT603 when there is none with this id."""
        if _nul(doc_id):
            raise TalktrackError("TT603", id=doc_id)
        with self._conn() as conn:
            row = conn.execute(select(t.documents).where(t.documents.c.id == doc_id)).first()
        if row is None:
            raise TalktrackError("TT603", id=doc_id)
        return document_from_row(row)

    def show(self, record_id: str) -> Shown:
        """Return any record (document, entity, event or statement) with its evidence sentences; TT603 when unknown."""
        if _nul(record_id):
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

    def event(self, event_id: str) -> Event:
        """Return one event; TT603 when there is none with this id."""
        if _nul(event_id):
            raise TalktrackError("TT603", id=event_id)
        with self._conn() as conn:
            raw = conn.scalar(select(t.events.c.record).where(t.events.c.id == event_id))
        if raw is None:
            raise TalktrackError("TT603", id=event_id)
        return decode(Event, raw)

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
            return with_holders(conn, self._gazetteer(), [_quote(row.record, row.published, row.outlet, row.title) for row in conn.execute(query)])

    def person(self, entity_id: str) -> Person:
        """Return one person (or organization) of the record; TT603 when unknown."""
        if _nul(entity_id):
            raise TalktrackError("TT603", id=entity_id)
        with self._conn() as conn:
            found = load_entities(conn, t.entities.c.id == entity_id)
            if not found:
                raise TalktrackError("TT603", id=entity_id)
            spoke = conn.scalar(select(func.count()).select_from(t.statements).where(t.statements.c.speaker_id == entity_id)) or 0
        e = found[0]
        titles = [x.title + (f", {x.organization}" if x.organization else "") for x in e.titles]
        return Person(e.id, e.name, e.country, titles, list(e.aliases), len(e.mentions), len({m.doc_id for m in e.mentions}), spoke)

    def events_of(self, entity_id: str) -> list[TimelineEntry]:
        """Return the events an entity took part in, in date order."""
        if _nul(entity_id):
            return []
        ids = select(t.event_participants.c.event_id).where(t.event_participants.c.entity_id == entity_id)
        query = select(t.events.c.record).where(t.events.c.id.in_(ids)).order_by(t.events.c.start.is_(None), t.events.c.start, t.events.c.id)
        with self._conn() as conn:
            return [self._entry(decode(Event, r)) for r in conn.scalars(query)]

    def issue_board(self) -> tuple[list[TimelineEntry], list[IssueSummary], dict[str, dict[str, int]]]:
        """Return the rounds (talks, meetings, calls, summits) in date order, the topics, and statements per topic by side.

        A topic counts for a round when the round has it on the table (`topics` of the entry).
        """
        rounds = self.timeline(types=["talks", "meeting", "call", "summit"])
        issues = self.issues()
        by_side: dict[str, Counter[str]] = defaultdict(Counter)
        with self._conn() as conn:
            topics = self._topics(conn)
            rows = conn.execute(
                select(t.statement_topics.c.topic, t.statements.c.speaker_side).join(t.statements, t.statements.c.id == t.statement_topics.c.statement_id)
            )
            parent = {x.id: x.parent for x in topics}
            for r in rows:
                current: str | None = r.topic
                while current:  # a statement on reciprocal tariffs is on tariffs too
                    by_side[current][r.speaker_side or "?"] += 1
                    current = parent.get(current)
        return rounds, issues, {k: dict(v) for k, v in by_side.items()}

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
            if kind not in EVENT_TYPES and kind != "statement" and not _nul(kind):
                raise TalktrackError("TT606", what="type", value=kind, choices=", ".join((*EVENT_TYPES, "statement")))
        for kind in kinds or []:
            if kind not in KINDS:
                raise TalktrackError("TT606", what="kind of change", value=kind, choices=", ".join(KINDS))
        if _nul(speaker, side, topic):
            return []
        c = t.changes.c
        query = select(t.changes)
        if moment is not None:
            query = query.where(c.at >= (moment if self.engine.dialect.name != "sqlite" else moment.replace(tzinfo=None)))
        if types:
            query = query.where(c.type.in_([x for x in types if not _nul(x)]))
        if kinds:
            query = query.where(c.kind.in_(kinds))
        with self._conn() as conn:
            covered = self._covered(conn, topic) if topic else None
            code = self._side(conn, side) if side else None
            if speaker:
                query = query.where(or_(c.speaker_id == speaker, _whole_words(c.speaker, speaker)))
            order = (c.at.desc(), c.kind, c.date, c.id) if newest_first else (c.at, c.kind, c.date, c.id)
            out: list[Change] = []
            for row in conn.execute(query.order_by(*order)):
                if covered is not None and not covered & set(row.topics or []):
                    continue
                if code is not None and code not in {s.upper() for s in row.sides or []}:
                    continue
                out.append(_change(row))
                if len(out) >= _limit(limit):
                    break
        return out

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


def _quote(record: Any, published: str | None, outlet: str | None, title: str | None) -> Quote:
    """Return the Quote of a stored statement; undated, it takes its article's publication date (basis "published")."""
    st = decode(Statement, record)
    basis = (st.date_basis or "text") if st.date else "published" if published else None  # a record stored before bases: as it was read
    return Quote(
        st.id, st.date or published, st.speaker_name, st.speaker_id, st.speaker_side, st.kind, st.cue,
        st.content, list(st.via), list(st.topics), st.doc_id, st.start, st.end, outlet, title, basis == "text",
        date_basis=basis, speaker_confidence=st.speaker_confidence, speaker_method=st.speaker_method,
    )


def _change(row: Any) -> Change:
    at = row.at if row.at.tzinfo else row.at.replace(tzinfo=timezone.utc)  # SQLite keeps the UTC time without its zone
    return Change(
        row.id, at.astimezone(timezone.utc).isoformat(timespec="microseconds"), row.kind, row.record_id, row.type, row.date,
        row.before, row.after, row.title, list(row.sides or []), list(row.topics or []), row.speaker, row.speaker_id, row.content,
    )


def _columns(query: str) -> list[str]:
    kind = {
        "timeline": TimelineEntry, "deadlines": TimelineEntry, "quotes": Quote, "issues": IssueSummary,
        "issue": IssueEntry, "people": Person, "roles": RoleTenure, "search": SearchHit, "changes": Change, "measures": Measure,
    }[query]
    return [f.name for f in dataclasses.fields(kind)]


