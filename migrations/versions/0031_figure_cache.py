"""A figure version per year (1990 to 2100), replaced by every change that alters that
year's questionnaire figures, so that cached figures are used only while it stands;
« Mes activités » served by an index on the author.

Revision ID: 0031
Revises: 0030
"""
from alembic import op
import sqlalchemy as sa


revision = '0031'
down_revision = '0030'
branch_labels = None
depends_on = None


def upgrade():
    version = op.create_table(
        'figure_version',
        sa.Column('year', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('version', sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint('year', name=op.f('pk_figure_version')))
    op.bulk_insert(version, [{"year": year, "version": 0} for year in range(1990, 2101)])
    with op.batch_alter_table('activity', schema=None) as batch_op:
        batch_op.create_index('ix_activity_author_date', ['created_by_id', 'date', 'id'],
                              unique=False)


def downgrade():
    with op.batch_alter_table('activity', schema=None) as batch_op:
        batch_op.drop_index('ix_activity_author_date')
    op.drop_table('figure_version')
