"""Initial tables: documents, per-document layers and the resolved record.

Revision ID: 0001
Revises: (none)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('documents',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('source', sa.Text(), nullable=True),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('outlet', sa.Text(), nullable=True),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('published', sa.String(length=10), nullable=True),
    sa.Column('published_basis', sa.String(length=16), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('sections', sa.JSON(), nullable=False),
    sa.Column('warnings', sa.JSON(), nullable=False),
    sa.Column('duplicate_of', sa.String(length=64), nullable=True),
    sa.Column('ingested_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_documents_duplicate_of'), ['duplicate_of'], unique=False)
        batch_op.create_index(batch_op.f('ix_documents_published'), ['published'], unique=False)

    op.create_table('entities',
    sa.Column('id', sa.String(length=200), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('type', sa.String(length=16), nullable=False),
    sa.Column('country', sa.String(length=8), nullable=True),
    sa.Column('aliases', sa.JSON(), nullable=False),
    sa.Column('titles', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('entities', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_entities_type'), ['type'], unique=False)

    op.create_table('entity_keys',
    sa.Column('entity_id', sa.String(length=200), nullable=False),
    sa.Column('key', sa.Text(), nullable=False)
    )
    with op.batch_alter_table('entity_keys', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_entity_keys_entity_id'), ['entity_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_entity_keys_key'), ['key'], unique=False)

    op.create_table('event_participants',
    sa.Column('event_id', sa.String(length=64), nullable=False),
    sa.Column('entity_id', sa.String(length=200), nullable=True),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('side', sa.String(length=8), nullable=True),
    sa.Column('role', sa.String(length=16), nullable=True)
    )
    with op.batch_alter_table('event_participants', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_participants_entity_id'), ['entity_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_participants_event_id'), ['event_id'], unique=False)

    op.create_table('event_topics',
    sa.Column('event_id', sa.String(length=64), nullable=False),
    sa.Column('topic', sa.String(length=100), nullable=False)
    )
    with op.batch_alter_table('event_topics', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_topics_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_topics_topic'), ['topic'], unique=False)

    op.create_table('events',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('type', sa.String(length=16), nullable=False),
    sa.Column('start', sa.String(length=10), nullable=True),
    sa.Column('end', sa.String(length=10), nullable=True),
    sa.Column('place', sa.Text(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('block', sa.Text(), nullable=False),
    sa.Column('record', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_events_block'), ['block'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_start'), ['start'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_type'), ['type'], unique=False)

    op.create_table('mentions',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('doc_id', sa.String(length=64), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('type', sa.String(length=16), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('key', sa.Text(), nullable=True),
    sa.Column('country', sa.String(length=8), nullable=True),
    sa.Column('titles', sa.JSON(), nullable=False),
    sa.Column('entity_id', sa.String(length=200), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('mentions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mentions_entity_id'), ['entity_id'], unique=False)
        batch_op.create_index('ix_mentions_span', ['doc_id', 'start', 'end'], unique=False)

    op.create_table('raw_events',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('doc_id', sa.String(length=64), nullable=False),
    sa.Column('block', sa.Text(), nullable=False),
    sa.Column('record', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('raw_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_raw_events_block'), ['block'], unique=False)
        batch_op.create_index(batch_op.f('ix_raw_events_doc_id'), ['doc_id'], unique=False)

    op.create_table('rejects',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('source', sa.Text(), nullable=False),
    sa.Column('code', sa.String(length=8), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('line', sa.Integer(), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('rejects', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rejects_source'), ['source'], unique=False)

    op.create_table('statement_topics',
    sa.Column('statement_id', sa.String(length=64), nullable=False),
    sa.Column('topic', sa.String(length=100), nullable=False)
    )
    with op.batch_alter_table('statement_topics', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_statement_topics_statement_id'), ['statement_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_statement_topics_topic'), ['topic'], unique=False)

    op.create_table('statements',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('doc_id', sa.String(length=64), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('speaker_name', sa.Text(), nullable=False),
    sa.Column('speaker_id', sa.String(length=200), nullable=True),
    sa.Column('speaker_side', sa.String(length=8), nullable=True),
    sa.Column('date', sa.String(length=10), nullable=True),
    sa.Column('topics', sa.JSON(), nullable=False),
    sa.Column('record', sa.JSON(), nullable=False),
    sa.Column('raw', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('statements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_statements_date'), ['date'], unique=False)
        batch_op.create_index(batch_op.f('ix_statements_doc_id'), ['doc_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_statements_speaker_id'), ['speaker_id'], unique=False)

    op.create_table('timexes',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('doc_id', sa.String(length=64), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('type', sa.String(length=16), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.Column('range', sa.JSON(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('timexes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_timexes_doc_id'), ['doc_id'], unique=False)

    op.create_table('topic_mentions',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('doc_id', sa.String(length=64), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('topic', sa.String(length=100), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('topic_mentions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_topic_mentions_doc_id'), ['doc_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_topic_mentions_topic'), ['topic'], unique=False)

    op.create_table('topics',
    sa.Column('id', sa.String(length=100), nullable=False),
    sa.Column('label', sa.Text(), nullable=False),
    sa.Column('parent', sa.String(length=100), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )


def downgrade() -> None:
    op.drop_table('topics')
    with op.batch_alter_table('topic_mentions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_topic_mentions_topic'))
        batch_op.drop_index(batch_op.f('ix_topic_mentions_doc_id'))

    op.drop_table('topic_mentions')
    with op.batch_alter_table('timexes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_timexes_doc_id'))

    op.drop_table('timexes')
    with op.batch_alter_table('statements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_statements_speaker_id'))
        batch_op.drop_index(batch_op.f('ix_statements_doc_id'))
        batch_op.drop_index(batch_op.f('ix_statements_date'))

    op.drop_table('statements')
    with op.batch_alter_table('statement_topics', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_statement_topics_topic'))
        batch_op.drop_index(batch_op.f('ix_statement_topics_statement_id'))

    op.drop_table('statement_topics')
    with op.batch_alter_table('rejects', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rejects_source'))

    op.drop_table('rejects')
    with op.batch_alter_table('raw_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_raw_events_doc_id'))
        batch_op.drop_index(batch_op.f('ix_raw_events_block'))

    op.drop_table('raw_events')
    with op.batch_alter_table('mentions', schema=None) as batch_op:
        batch_op.drop_index('ix_mentions_span')
        batch_op.drop_index(batch_op.f('ix_mentions_entity_id'))

    op.drop_table('mentions')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_events_type'))
        batch_op.drop_index(batch_op.f('ix_events_start'))
        batch_op.drop_index(batch_op.f('ix_events_block'))

    op.drop_table('events')
    with op.batch_alter_table('event_topics', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_topics_topic'))
        batch_op.drop_index(batch_op.f('ix_event_topics_event_id'))

    op.drop_table('event_topics')
    with op.batch_alter_table('event_participants', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_participants_event_id'))
        batch_op.drop_index(batch_op.f('ix_event_participants_entity_id'))

    op.drop_table('event_participants')
    with op.batch_alter_table('entity_keys', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_entity_keys_key'))
        batch_op.drop_index(batch_op.f('ix_entity_keys_entity_id'))

    op.drop_table('entity_keys')
    with op.batch_alter_table('entities', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_entities_type'))

    op.drop_table('entities')
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_documents_published'))
        batch_op.drop_index(batch_op.f('ix_documents_duplicate_of'))

    op.drop_table('documents')
