"""Full-text search over the record's articles and statements, in one order on SQLite and PostgreSQL.

Each backend's index finds the matches; talktrack ranks them itself
(`_score`), so both give the same hits in the same order. A snippet marks
each match between `HIT_START` and `HIT_END`.
"""

from __future__ import annotations

import dataclasses
import math
import re

from sqlalchemy import select, text

from talktrack.query.reader import Reader, row_limit
from talktrack.query.results import SearchHit
from talktrack.store import tables as t

HIT_START, HIT_END = "\x02", "\x03"
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


class SearchQueries(Reader):
    """The full-text search of the record."""

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
        n = row_limit(limit)
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
