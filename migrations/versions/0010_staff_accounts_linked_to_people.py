"""staff accounts linked to people

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30 04:41:48.206522

A user account can be linked to one member of staff: the activities that user logs are
pre-filled with that person as performer (funded_by figures count them).
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.add_column(sa.Column('user_id', sa.Integer(), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_person_user_id'), ['user_id'])
        batch_op.create_foreign_key(batch_op.f('fk_person_user_id_user'), 'user', ['user_id'], ['id'], ondelete='SET NULL')


def downgrade():
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_person_user_id_user'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('uq_person_user_id'), type_='unique')
        batch_op.drop_column('user_id')
