"""deadline kinds as data the director names (the PAC shown as « PAC » unless renamed)

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-30 07:18:43.582303

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None

# As written for this migration: later names are the director's, made in the application.
KINDS = [
    ("pac", "PAC"),
    ("rapport_activite", "Rapport d'activité"),
    ("plan_action", "Plan d'action"),
    ("justificatifs", "Justificatifs"),
    ("demande_agrement", "Demande d'agrément"),
    ("renouvellement", "Renouvellement"),
    ("evaluation", "Évaluation"),
    ("decision_ca", "Décision du conseil d'administration"),
    ("assemblee_generale", "Assemblée générale"),
    ("autre", "Autre"),
]


def upgrade():
    kind = op.create_table('deadline_kind',
    sa.Column('code', sa.String(length=30), nullable=False),
    sa.Column('label', sa.String(length=150), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_deadline_kind'))
    )
    known = {code for code, _label in KINDS}
    used = set()
    connection = op.get_bind()
    for table in ("deadline", "deadline_rule"):
        used |= set(connection.scalars(sa.text(f"SELECT DISTINCT kind FROM {table}")))
    rows = KINDS + [(code, code) for code in sorted(used - known)]  # never orphan a record
    op.bulk_insert(kind, [{"code": code, "label": label, "position": position}
                          for position, (code, label) in enumerate(rows)])
    with op.batch_alter_table('deadline', schema=None) as batch_op:
        batch_op.create_foreign_key(batch_op.f('fk_deadline_kind_deadline_kind'), 'deadline_kind', ['kind'], ['code'])

    with op.batch_alter_table('deadline_rule', schema=None) as batch_op:
        batch_op.create_foreign_key(batch_op.f('fk_deadline_rule_kind_deadline_kind'), 'deadline_kind', ['kind'], ['code'])


def downgrade():
    with op.batch_alter_table('deadline_rule', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_deadline_rule_kind_deadline_kind'), type_='foreignkey')

    with op.batch_alter_table('deadline', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_deadline_kind_deadline_kind'), type_='foreignkey')

    op.drop_table('deadline_kind')
