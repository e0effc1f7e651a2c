"""personnel costs per person and month (in cents), and the cost files they came from

Revision ID: 0018
Revises: 0017
Create Date: 2026-11-30 07:58:37.815291

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('cost_import',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('actor', sa.String(length=200), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('rows', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_cost_import_user_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cost_import')),
    sa.UniqueConstraint('sha256', name=op.f('uq_cost_import_sha256'))
    )
    op.create_table('personnel_cost',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('month_end', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('amount_cents', sa.Integer(), nullable=False),
    sa.Column('import_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('amount_cents >= 0', name=op.f('ck_personnel_cost_amount')),
    sa.CheckConstraint('month_end >= month', name=op.f('ck_personnel_cost_month')),
    sa.ForeignKeyConstraint(['import_id'], ['cost_import.id'], name=op.f('fk_personnel_cost_import_id_cost_import'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_personnel_cost_person_id_person'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_personnel_cost')),
    sa.UniqueConstraint('person_id', 'month', 'kind', name=op.f('uq_personnel_cost_person_id'))
    )
    with op.batch_alter_table('personnel_cost', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_personnel_cost_import_id'), ['import_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_personnel_cost_month'), ['month'], unique=False)
        batch_op.create_index(batch_op.f('ix_personnel_cost_person_id'), ['person_id'], unique=False)



def downgrade():
    with op.batch_alter_table('personnel_cost', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_personnel_cost_person_id'))
        batch_op.drop_index(batch_op.f('ix_personnel_cost_month'))
        batch_op.drop_index(batch_op.f('ix_personnel_cost_import_id'))

    op.drop_table('personnel_cost')
    op.drop_table('cost_import')
