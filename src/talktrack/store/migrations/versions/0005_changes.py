"""The change log: what each settle added to the record or changed in it, for `talktrack changes` and the feed.

A store upgraded to this version has no log of what came before; its next
settle starts it.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "changes",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("record_id", sa.String(length=64), nullable=False),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.Column("date", sa.String(length=10), nullable=True),
        sa.Column("before", sa.Text(), nullable=True),
        sa.Column("after", sa.Text(), nullable=True),
        sa.Column("sides", sa.JSON(), nullable=False),
        sa.Column("speaker_id", sa.String(length=200), nullable=True),
        sa.Column("speaker", sa.Text(), nullable=True),
        sa.Column("topics", sa.JSON(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("content", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_changes_at", "changes", ["at"])
    op.create_index("ix_changes_kind", "changes", ["kind"])
    op.create_index("ix_changes_record_id", "changes", ["record_id"])


def downgrade() -> None:
    op.drop_index("ix_changes_record_id", table_name="changes")
    op.drop_index("ix_changes_kind", table_name="changes")
    op.drop_index("ix_changes_at", table_name="changes")
    op.drop_table("changes")
