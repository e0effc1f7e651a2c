"""Documents on instruments (arrêté d'agrément, décision, avenant…): kind, date, reference,
the stored file, and the newer version that replaced it (older versions are kept).

Revision ID: 0034
Revises: 0033
"""
from alembic import op
import sqlalchemy as sa


revision = '0034'
down_revision = '0033'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'instrument_document',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('instrument_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=30), nullable=False),
        sa.Column('issued_on', sa.Date(), nullable=True),
        sa.Column('reference', sa.String(length=200), nullable=False),
        sa.Column('filename', sa.String(length=255), nullable=False),
        sa.Column('stored_as', sa.String(length=80), nullable=False),
        sa.Column('uploaded_at', sa.DateTime(), nullable=False),
        sa.Column('replaced_by_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['instrument_id'], ['instrument.id'],
                                name=op.f('fk_instrument_document_instrument_id_instrument'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['replaced_by_id'], ['instrument_document.id'],
                                name=op.f('fk_instrument_document_replaced_by_id_instrument_document'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_instrument_document')),
    )
    with op.batch_alter_table('instrument_document', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_instrument_document_instrument_id'),
                              ['instrument_id'], unique=False)


def downgrade():
    with op.batch_alter_table('instrument_document', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_instrument_document_instrument_id'))
    op.drop_table('instrument_document')
