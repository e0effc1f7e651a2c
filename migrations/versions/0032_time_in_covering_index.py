"""The activity covering index also holds the start time: the weekday × hour tables are read
from the index alone.

Revision ID: 0032
Revises: 0031
"""
from alembic import op


revision = '0032'
down_revision = '0031'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('activity', schema=None) as batch_op:
        batch_op.drop_index('ix_activity_type_date')
        batch_op.create_index('ix_activity_type_date',
                              ['type_id', 'date', 'duree_min', 'presence', 'batch_id',
                               'start_time'], unique=False)


def downgrade():
    with op.batch_alter_table('activity', schema=None) as batch_op:
        batch_op.drop_index('ix_activity_type_date')
        batch_op.create_index('ix_activity_type_date',
                              ['type_id', 'date', 'duree_min', 'presence', 'batch_id'],
                              unique=False)
