"""grant tranches expected and received

Revision ID: 0019
Revises: 0018
Create Date: 2026-11-30 08:22:07.517141

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('tranche',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('instrument_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=100), nullable=False),
    sa.Column('expected_on', sa.Date(), nullable=False),
    sa.Column('expected_cents', sa.Integer(), nullable=False),
    sa.Column('received_on', sa.Date(), nullable=True),
    sa.Column('received_cents', sa.Integer(), nullable=True),
    sa.CheckConstraint('expected_cents >= 0', name=op.f('ck_tranche_expected')),
    sa.CheckConstraint('received_cents IS NULL OR received_cents >= 0', name=op.f('ck_tranche_received')),
    sa.ForeignKeyConstraint(['instrument_id'], ['instrument.id'], name=op.f('fk_tranche_instrument_id_instrument'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tranche'))
    )
    with op.batch_alter_table('tranche', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tranche_expected_on'), ['expected_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_tranche_instrument_id'), ['instrument_id'], unique=False)



def downgrade():
    with op.batch_alter_table('tranche', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_tranche_instrument_id'))
        batch_op.drop_index(batch_op.f('ix_tranche_expected_on'))

    op.drop_table('tranche')
