"""The background job that writes an import batch (removed at once when the job was cut by a
crash); the activity covering index also holds the batch, whose writing must be complete for
its rows to count.

Revision ID: 0027
Revises: 0026
"""
from alembic import op
import sqlalchemy as sa


revision = '0027'
down_revision = '0026'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('import_batch', schema=None) as batch_op:
        batch_op.add_column(sa.Column('job_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_import_batch_job_id'), ['job_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_import_batch_job_id_background_job'),
                                    'background_job', ['job_id'], ['id'], ondelete='SET NULL')
    with op.batch_alter_table('activity', schema=None) as batch_op:
        batch_op.drop_index('ix_activity_type_date')
        batch_op.create_index('ix_activity_type_date',
                              ['type_id', 'date', 'duree_min', 'presence', 'batch_id'],
                              unique=False)
    # A batch never written in chunks (no sign of life ever: the demo's) is complete; from now
    # on only complete batches count.
    op.execute(sa.text("UPDATE import_batch SET completed_at = at "
                       "WHERE completed_at IS NULL AND heartbeat_at IS NULL"))


def downgrade():
    with op.batch_alter_table('activity', schema=None) as batch_op:
        batch_op.drop_index('ix_activity_type_date')
        batch_op.create_index('ix_activity_type_date', ['type_id', 'date', 'duree_min', 'presence'],
                              unique=False)
    with op.batch_alter_table('import_batch', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_import_batch_job_id_background_job'),
                                 type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_import_batch_job_id'))
        batch_op.drop_column('job_id')
