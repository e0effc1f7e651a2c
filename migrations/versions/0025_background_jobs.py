"""Background jobs (the pages' imports, run by the scheduler), and activity import batches
written in chunks: `completed_at` (NULL while being written), `heartbeat_at`, and one live
batch per file (`forced` for a file imported again on purpose).

Revision ID: 0025
Revises: 0024
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0025'
down_revision = '0024'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('background_job',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('actor', sa.String(length=200), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('params', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('started_at', sa.DateTime(), nullable=True),
    sa.Column('finished_at', sa.DateTime(), nullable=True),
    sa.Column('worker', sa.String(length=100), nullable=False),
    sa.Column('result', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_background_job_user_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_background_job'))
    )
    with op.batch_alter_table('background_job', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_background_job_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_background_job_user_id'), ['user_id'], unique=False)

    with op.batch_alter_table('import_batch', schema=None) as batch_op:
        batch_op.add_column(sa.Column('forced', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('completed_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('heartbeat_at', sa.DateTime(), nullable=True))

    # The batches already there are complete; of several live batches of one file (imported
    # again with « forcer »), all but the first were forced.
    op.execute("UPDATE import_batch SET completed_at = at")
    op.execute("UPDATE import_batch SET forced = TRUE WHERE undone_at IS NULL AND EXISTS ("
               "SELECT 1 FROM import_batch AS earlier WHERE earlier.sha256 = import_batch.sha256 "
               "AND earlier.undone_at IS NULL AND earlier.id < import_batch.id)")
    with op.batch_alter_table('import_batch', schema=None) as batch_op:
        batch_op.create_index('uq_import_batch_live_file', ['sha256'], unique=True, sqlite_where=sa.text('undone_at IS NULL AND NOT forced'), postgresql_where=sa.text('undone_at IS NULL AND NOT forced'))



def downgrade():
    with op.batch_alter_table('import_batch', schema=None) as batch_op:
        batch_op.drop_index('uq_import_batch_live_file', sqlite_where=sa.text('undone_at IS NULL AND NOT forced'), postgresql_where=sa.text('undone_at IS NULL AND NOT forced'))
        batch_op.drop_column('heartbeat_at')
        batch_op.drop_column('completed_at')
        batch_op.drop_column('forced')

    with op.batch_alter_table('background_job', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_background_job_user_id'))
        batch_op.drop_index(batch_op.f('ix_background_job_status'))

    op.drop_table('background_job')
