"""funders short names

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30 04:54:40.927695

Pages, exports and e-mails name a funder as people write it (« AViQ », « Fonds propres »),
never by its code (AVIQ, FONDS_PROPRES). The shipped catalogue gets its short names; funders
added since keep an empty one, which shows their full name.
"""
from alembic import op
import sqlalchemy as sa


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None

# Copied, not imported: later edits of the code must not rewrite history.
SHORT_NAMES = {
    "COCOF": "COCOF", "AVIQ": "AViQ", "SPW": "SPW", "PSSP": "PSSP", "PCS": "PCS",
    "MARIBEL": "Maribel social", "ACS": "ACS", "APE": "APE", "FWB": "FWB",
    "VILLE": "Ville ou commune", "FONDS_PROPRES": "Fonds propres",
}


def upgrade():
    with op.batch_alter_table('funder', schema=None) as batch_op:
        batch_op.add_column(sa.Column('short_name', sa.String(length=60), server_default='',
                                      nullable=False))
    funder = sa.table('funder', sa.column('code', sa.String), sa.column('short_name', sa.String))
    for code, short_name in SHORT_NAMES.items():
        op.execute(funder.update().where(funder.c.code == code)
                   .values(short_name=short_name))


def downgrade():
    with op.batch_alter_table('funder', schema=None) as batch_op:
        batch_op.drop_column('short_name')
