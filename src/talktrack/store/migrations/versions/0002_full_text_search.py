"""Full-text search over articles and statements: FTS5 on SQLite, tsvector + GIN on PostgreSQL.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE search_items USING fts5("
            "kind UNINDEXED, record_id UNINDEXED, doc_id UNINDEXED, title, body, tokenize='porter unicode61')"
        )
        return
    op.execute("CREATE TABLE search_items (kind TEXT, record_id TEXT, doc_id TEXT, title TEXT, body TEXT)")
    op.execute("CREATE INDEX ix_search_items_doc ON search_items (doc_id)")
    op.execute(
        "CREATE INDEX ix_search_items_fts ON search_items "
        "USING GIN (to_tsvector('english', coalesce(title, '') || ' ' || coalesce(body, '')))"
    )


def downgrade() -> None:
    op.execute("DROP TABLE search_items")
