"""who submitted a deadline

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-30 04:49:07.159834

The deadline page says who marked a deadline submitted, beside when and the proof.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('deadline', schema=None) as batch_op:
        batch_op.add_column(sa.Column('submitted_by_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_deadline_submitted_by_id_user'), 'user', ['submitted_by_id'], ['id'], ondelete='SET NULL')


def downgrade():
    with op.batch_alter_table('deadline', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_deadline_submitted_by_id_user'), type_='foreignkey')
        batch_op.drop_column('submitted_by_id')
