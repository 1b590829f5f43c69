"""Topics queried: each with how much touches it (`issues`), one topic's history (`issue`), the board of rounds by topic.

A topic includes its subtopics throughout; the history itself is built by
`talktrack.query.issues` from the events and statements read here.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from sqlalchemy import func, select

from talktrack.codec import decode
from talktrack.model import Document, Event, Ledger, Statement
from talktrack.query.events import EventQueries
from talktrack.query.issues import IssueEntry, issue_history
from talktrack.query.results import IssueSummary, TimelineEntry
from talktrack.store import tables as t


def _under(topic: str, ancestor: str, parent: dict[str, str | None]) -> bool:
    """Whether `topic` is `ancestor` or below it in the taxonomy `parent` describes."""
    current: str | None = topic
    while current:
        if current == ancestor:
            return True
        current = parent.get(current)
    return False


class TopicQueries(EventQueries):
    """The queries over the record's topics; the board takes its rounds from the timeline."""

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
            return sum(n for k, n in counts.items() if _under(k, topic, parent))

        out = []
        for x in topics:
            seen = [d for k, ds in dates.items() if _under(k, x.id, parent) for d in ds]
            out.append(IssueSummary(x.id, x.label, x.parent, below(x.id, events), below(x.id, statements), min(seen, default=None), max(seen, default=None)))
        return sorted(out, key=lambda s: (-(s.events + s.statements), s.topic))

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
