"""The store's tables (SQLAlchemy Core), the same on SQLite and PostgreSQL.

Two kinds of rows: what one document gives on its own (documents, mentions,
timexes, topic mentions, raw events, statements as written), which never
changes once stored, and the record resolved across documents (entities,
events, statements' speakers), which an ingest rewrites only where new
documents touch it. Every reference to another row is a foreign key, which
both databases enforce at once (SQLite with PRAGMA foreign_keys, see
`database`): the writers insert a row's parents before it and delete its
children before it. Every table but the search index has a primary key; a link table's is the
pair it links. Full text search is an FTS5 table on SQLite and a GIN index
over `to_tsvector` on PostgreSQL; the migrations create both (see
migrations/versions). docs/store.md draws the tables and their links.
"""

from __future__ import annotations

from sqlalchemy import JSON, Column, DateTime, ForeignKey, Index, Integer, LargeBinary, MetaData, String, Table, Text

# foreign keys are named fk_<table>_<column> (migration 0006 creates them so): a migration can drop one by name
metadata = MetaData(naming_convention={"fk": "fk_%(table_name)s_%(column_0_name)s"})

documents = Table(
    "documents",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("source", Text),
    Column("title", Text),
    Column("outlet", Text),
    Column("url", Text),
    Column("published", String(10), index=True),
    Column("published_basis", String(16)),
    Column("text", Text, nullable=False),
    Column("sections", JSON, nullable=False),
    Column("warnings", JSON, nullable=False),
    Column("duplicate_of", String(64), ForeignKey("documents.id"), index=True),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
)

mentions = Table(
    "mentions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("doc_id", String(64), ForeignKey("documents.id"), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("type", String(16), nullable=False),
    Column("name", Text, nullable=False),
    Column("key", Text),
    Column("country", String(8)),
    Column("titles", JSON, nullable=False),
    Column("entity_id", String(200), ForeignKey("entities.id"), index=True),
    Index("ix_mentions_span", "doc_id", "start", "end"),
)

entities = Table(
    "entities",
    metadata,
    Column("id", String(200), primary_key=True),
    Column("name", Text, nullable=False),
    Column("type", String(16), nullable=False, index=True),
    Column("country", String(8)),
    Column("aliases", JSON, nullable=False),
    Column("titles", JSON, nullable=False),
)

# blocking keys of an entity's names: a new mention re-resolves only the entities sharing a key
entity_keys = Table(
    "entity_keys",
    metadata,
    Column("entity_id", String(200), ForeignKey("entities.id"), primary_key=True, index=True),
    Column("key", Text, primary_key=True, index=True),
)

timexes = Table(
    "timexes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("doc_id", String(64), ForeignKey("documents.id"), nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("type", String(16), nullable=False),
    Column("value", Text, nullable=False),
    Column("range", JSON),
)

topics = Table(
    "topics",
    metadata,
    Column("id", String(100), primary_key=True),
    Column("label", Text, nullable=False),
    Column("parent", String(100), ForeignKey("topics.id")),
)

topic_mentions = Table(
    "topic_mentions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("doc_id", String(64), ForeignKey("documents.id"), nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("topic", String(100), ForeignKey("topics.id"), nullable=False, index=True),
)

statements = Table(
    "statements",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("doc_id", String(64), ForeignKey("documents.id"), nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("content", Text, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("speaker_name", Text, nullable=False),
    Column("speaker_id", String(200), ForeignKey("entities.id"), index=True),
    Column("speaker_side", String(8)),
    Column("date", String(10), index=True),
    Column("topics", JSON, nullable=False),
    Column("record", JSON, nullable=False),  # the Statement as the record holds it: speaker linked
    # the speaker's words and side as the document gave them, before linking (all else in `record` is as given):
    # a settle that changes the entities links the statement again from these (migration 0006; docs/store.md)
    Column("written_speaker", Text, nullable=False),
    Column("written_side", String(8)),
)

statement_topics = Table(
    "statement_topics",
    metadata,
    Column("statement_id", String(64), ForeignKey("statements.id"), primary_key=True, index=True),
    Column("topic", String(100), ForeignKey("topics.id"), primary_key=True, index=True),
)

raw_events = Table(
    "raw_events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("doc_id", String(64), ForeignKey("documents.id"), nullable=False, index=True),
    Column("block", Text, nullable=False, index=True),
    Column("record", JSON, nullable=False),
)

events = Table(
    "events",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("type", String(16), nullable=False, index=True),
    Column("start", String(10), index=True),
    Column("end", String(10)),
    Column("place", Text),
    Column("status", String(16), nullable=False),
    Column("block", Text, nullable=False, index=True),
    Column("record", JSON, nullable=False),
)

event_participants = Table(
    "event_participants",
    metadata,
    Column("event_id", String(64), ForeignKey("events.id"), primary_key=True, index=True),
    Column("position", Integer, primary_key=True, autoincrement=False),  # the participant's place in the event's record
    Column("entity_id", String(200), ForeignKey("entities.id"), index=True),
    Column("name", Text, nullable=False),
    Column("side", String(8)),
    Column("role", String(16)),
)

event_topics = Table(
    "event_topics",
    metadata,
    Column("event_id", String(64), ForeignKey("events.id"), primary_key=True, index=True),
    Column("topic", String(100), ForeignKey("topics.id"), primary_key=True, index=True),
)

rejects = Table(
    "rejects",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", Text, nullable=False, index=True),
    Column("code", String(8), nullable=False),
    Column("message", Text, nullable=False),
    Column("line", Integer),
    Column("at", DateTime(timezone=True), nullable=False),
)

# near-duplicate index (migration 0003): MinHash signatures of original articles and their
# LSH band keys; a new article is compared only with those sharing a key (talktrack.pipeline.dedupe)
signatures = Table(
    "signatures",
    metadata,
    Column("doc_id", String(64), ForeignKey("documents.id"), primary_key=True),
    Column("hashvalues", LargeBinary, nullable=False),
)

signature_bands = Table(
    "signature_bands",
    metadata,
    Column("key", String(40), primary_key=True, index=True),
    Column("doc_id", String(64), ForeignKey("signatures.doc_id"), primary_key=True),
)

# documents stored but not yet settled into the cross-document record, with their statements
# as the documents gave them, stored when the settle has linked their speakers (migration 0004; talktrack.store.settle)
pending_documents = Table(
    "pending_documents",
    metadata,
    Column("doc_id", String(64), ForeignKey("documents.id"), primary_key=True),
    Column("statements", JSON, nullable=False),
)

# Full-text search: one row per document and per statement. Kept out of `metadata`
# because each database builds it its own way (migration 0002): an FTS5 virtual
# table on SQLite, a plain table with a GIN index over to_tsvector on PostgreSQL.
search_metadata = MetaData()
search_items = Table(
    "search_items",
    search_metadata,
    Column("kind", Text),
    Column("record_id", Text),
    Column("doc_id", Text),
    Column("title", Text),
    Column("body", Text),
)

# what each settle added to the record or changed in it (migration 0005; talktrack.store.changes): new events
# and statements, status changes, deadlines added, moved or passed. `id` is a hash of the change itself, so the same
# change has the same id in any store; `at` is when the store learned it (the settle's time)
changes = Table(
    "changes",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("at", DateTime(timezone=True), nullable=False, index=True),
    Column("kind", String(24), nullable=False, index=True),
    Column("record_id", String(64), nullable=False, index=True),
    Column("type", String(16), nullable=False),
    Column("date", String(10)),
    Column("before", Text),
    Column("after", Text),
    Column("sides", JSON, nullable=False),
    Column("speaker_id", String(200)),
    Column("speaker", Text),
    Column("topics", JSON, nullable=False),
    Column("title", Text, nullable=False),
    Column("content", Text),
)
