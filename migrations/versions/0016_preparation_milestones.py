"""preparation milestones worked back from a due date (per deadline, or on a rule)

Revision ID: 0016
Revises: 0015
Create Date: 2026-11-30 07:21:18.641596

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('milestone',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('deadline_id', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=150), nullable=False),
    sa.Column('days_before', sa.Integer(), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=False),
    sa.Column('done_on', sa.Date(), nullable=True),
    sa.Column('done_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['deadline_id'], ['deadline.id'], name=op.f('fk_milestone_deadline_id_deadline'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['done_by_id'], ['user.id'], name=op.f('fk_milestone_done_by_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_milestone'))
    )
    with op.batch_alter_table('milestone', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_milestone_deadline_id'), ['deadline_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_milestone_due_date'), ['due_date'], unique=False)

    with op.batch_alter_table('deadline_rule', schema=None) as batch_op:
        batch_op.add_column(sa.Column('milestones', sa.String(length=500), server_default='', nullable=False))



def downgrade():
    with op.batch_alter_table('deadline_rule', schema=None) as batch_op:
        batch_op.drop_column('milestones')

    with op.batch_alter_table('milestone', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_milestone_due_date'))
        batch_op.drop_index(batch_op.f('ix_milestone_deadline_id'))

    op.drop_table('milestone')
