"""Near-duplicate index: each original article's MinHash signature and its LSH band keys.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "signatures",
        sa.Column("doc_id", sa.String(length=64), nullable=False),
        sa.Column("hashvalues", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("doc_id"),
    )
    op.create_table(
        "signature_bands",
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("doc_id", sa.String(length=64), nullable=False),
    )
    op.create_index("ix_signature_bands_key", "signature_bands", ["key"])


def downgrade() -> None:
    op.drop_index("ix_signature_bands_key", table_name="signature_bands")
    op.drop_table("signature_bands")
    op.drop_table("signatures")
