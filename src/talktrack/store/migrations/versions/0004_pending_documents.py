"""Pending documents: stored, not yet settled into entities, linked statements and merged events.

A pending document's statements wait here, as the document gave them,
until the settle links their speakers and stores them.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "pending_documents",
        sa.Column("doc_id", sa.String(length=64), nullable=False),
        sa.Column("statements", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("doc_id"),
    )


def downgrade() -> None:
    op.drop_table("pending_documents")
