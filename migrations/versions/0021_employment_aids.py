"""employment aids: their parameters valid from a date, deadline rules that follow staffing events (shipped: ACS refill, Maribel report, APE report and quarterly volumes)

Revision ID: 0021
Revises: 0020
Create Date: 2026-11-30 10:50:00

"""
from datetime import date

from alembic import op
import sqlalchemy as sa


revision = '0021'
down_revision = '0020'
branch_labels = None
depends_on = None

# As shipped; the director changes them in the application (a new value from a date).
PARAMETERS = [
    ("ACS", "refill_months", 6, "2000-01-01",
     "Actiris : un poste ACS vacant doit être repourvu dans les six mois, sinon la prime est "
     "perdue."),
    ("MARIBEL", "ceiling_per_fte", 42978, "2022-01-01",
     "Fonds Maribel social 329.02 : plafond annuel de l'intervention par ETP en 2022 "
     "(à adapter selon le fonds et l'indexation)."),
]
# title, kind, funder, rule type, month, day, anchor, offset (months), period
RULES = [
    ("ACS : repourvoir le poste vacant", "autre", "ACS", "staffing", None, None, "end", 6, None),
    ("Maribel social : rapport annuel au fonds", "rapport_activite", "MARIBEL", "yearly", 7, 15,
     None, 0, None),
    ("APE : rapport d'exécution annuel", "rapport_activite", "APE", "yearly", 3, 31, None, 0,
     None),
    ("APE : vérifier le volume de l'emploi du trimestre", "autre", "APE", "period_end", None,
     None, None, 0, "quarter"),
]


def upgrade():
    parameter = op.create_table('aid_parameter',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('aid', sa.String(length=20), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('value', sa.Numeric(precision=14, scale=3), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=False),
    sa.Column('source', sa.String(length=300), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_aid_parameter')),
    sa.UniqueConstraint('aid', 'code', 'valid_from', name=op.f('uq_aid_parameter_aid'))
    )
    with op.batch_alter_table('deadline', schema=None) as batch_op:
        batch_op.add_column(sa.Column('allocation_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('closed_by_allocation_id', sa.Integer(), nullable=True))
        batch_op.drop_constraint(batch_op.f('uq_deadline_rule_id'), type_='unique')
        batch_op.create_index(batch_op.f('ix_deadline_allocation_id'), ['allocation_id'], unique=False)
        batch_op.create_index('uq_deadline_rule_allocation', ['rule_id', 'allocation_id'], unique=True, sqlite_where=sa.text('allocation_id IS NOT NULL'), postgresql_where=sa.text('allocation_id IS NOT NULL'))
        batch_op.create_index('uq_deadline_rule_occurrence', ['rule_id', 'occurrence'], unique=True, sqlite_where=sa.text('allocation_id IS NULL'), postgresql_where=sa.text('allocation_id IS NULL'))
        batch_op.create_foreign_key(batch_op.f('fk_deadline_closed_by_allocation_id_allocation'), 'allocation', ['closed_by_allocation_id'], ['id'], ondelete='SET NULL')
        batch_op.create_foreign_key(batch_op.f('fk_deadline_allocation_id_allocation'), 'allocation', ['allocation_id'], ['id'], ondelete='SET NULL')

    with op.batch_alter_table('deadline_rule', schema=None) as batch_op:
        batch_op.add_column(sa.Column('funder_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_deadline_rule_funder_id'), ['funder_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_deadline_rule_funder_id_funder'), 'funder', ['funder_id'], ['id'], ondelete='CASCADE')
        batch_op.drop_constraint(batch_op.f('ck_deadline_rule_rule_type'), type_='check')
        batch_op.create_check_constraint(
            batch_op.f('ck_deadline_rule_rule_type'),
            "rule_type IN ('yearly', 'relative', 'period_end', 'staffing')")

    op.bulk_insert(parameter, [
        {"aid": aid, "code": code, "value": value, "valid_from": date.fromisoformat(valid_from),
         "source": source} for aid, code, value, valid_from, source in PARAMETERS])
    connection = op.get_bind()
    funders = dict(connection.execute(sa.text("SELECT code, id FROM funder")).all())
    rule = sa.table('deadline_rule', *(sa.column(name) for name in (
        'title', 'kind', 'funder_id', 'rule_type', 'month', 'day', 'anchor', 'offset_months',
        'offset_days', 'period', 'owner_role', 'reminders', 'milestones', 'active')))
    op.bulk_insert(rule, [
        {"title": title, "kind": kind, "funder_id": funders[funder], "rule_type": rule_type,
         "month": month, "day": day, "anchor": anchor, "offset_months": months,
         "offset_days": 0, "period": period, "owner_role": "director",
         "reminders": "90,30,7,1,-1", "milestones": "", "active": True}
        for title, kind, funder, rule_type, month, day, anchor, months, period in RULES
        if funder in funders])


def downgrade():
    # rules tied to a funder's posts have no meaning without it (the shipped ones included)
    connection = op.get_bind()
    connection.execute(sa.text("DELETE FROM deadline WHERE rule_id IN (SELECT id FROM "
                               "deadline_rule WHERE funder_id IS NOT NULL)"))
    connection.execute(sa.text("DELETE FROM deadline_rule WHERE funder_id IS NOT NULL"))
    with op.batch_alter_table('deadline_rule', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_deadline_rule_rule_type'), type_='check')
        batch_op.create_check_constraint(
            batch_op.f('ck_deadline_rule_rule_type'),
            "rule_type IN ('yearly', 'relative', 'period_end')")
        batch_op.drop_constraint(batch_op.f('fk_deadline_rule_funder_id_funder'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_deadline_rule_funder_id'))
        batch_op.drop_column('funder_id')

    with op.batch_alter_table('deadline', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_deadline_allocation_id_allocation'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_deadline_closed_by_allocation_id_allocation'), type_='foreignkey')
        batch_op.drop_index('uq_deadline_rule_occurrence', sqlite_where=sa.text('allocation_id IS NULL'), postgresql_where=sa.text('allocation_id IS NULL'))
        batch_op.drop_index('uq_deadline_rule_allocation', sqlite_where=sa.text('allocation_id IS NOT NULL'), postgresql_where=sa.text('allocation_id IS NOT NULL'))
        batch_op.drop_index(batch_op.f('ix_deadline_allocation_id'))
        batch_op.create_unique_constraint(batch_op.f('uq_deadline_rule_id'), ['rule_id', 'occurrence'])
        batch_op.drop_column('closed_by_allocation_id')
        batch_op.drop_column('allocation_id')

    op.drop_table('aid_parameter')
