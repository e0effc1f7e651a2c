"""service vocabulary (never free text); the partners an import created, named in its batch

Revision ID: 0017
Revises: 0016
Create Date: 2026-11-30 07:50:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None

# As written for this migration; later ones are the office's, made in the application.
SERVICES = [
    ("ligne_ecoute", "Ligne d'écoute"), ("e_permanence", "E-permanence"),
    ("consultations", "Consultations"), ("promotion_sante", "Promotion de la santé"),
    ("reduction_risques", "Réduction des risques"), ("equipe", "Équipe"),
    ("reseau", "Réseau"),
]


def upgrade():
    service = op.create_table('activity_service',
    sa.Column('code', sa.String(length=60), nullable=False),
    sa.Column('label', sa.String(length=150), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_activity_service'))
    )
    with op.batch_alter_table('import_batch', schema=None) as batch_op:
        batch_op.add_column(sa.Column('created_partners', sa.Text(), server_default='', nullable=False))

    # Every value already typed stays valid (as its own label): the office renames or
    # retires it in Vocabulaires; nothing an activity carries is lost.
    known = {code for code, _label in SERVICES}
    typed = set(op.get_bind().scalars(sa.text(
        "SELECT DISTINCT service FROM activity WHERE service <> ''")))
    op.bulk_insert(service, [{"code": code, "label": label, "active": True}
                             for code, label in SERVICES]
                   + [{"code": code, "label": code, "active": True}
                      for code in sorted(typed - known)])


def downgrade():
    with op.batch_alter_table('import_batch', schema=None) as batch_op:
        batch_op.drop_column('created_partners')

    op.drop_table('activity_service')
