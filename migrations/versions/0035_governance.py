"""The association's governance: members and their mandates (with the qualities the director
may extend), meetings of the CA and AG with attendance and decisions, statutes versions,
legal parameters (shipped values, some « à vérifier »), yearly figures that size the
association, filings that fulfil an obligation, documents on all of them; deadlines gain the
legal obligation they follow (its key) and whether its event closed them.

Revision ID: 0035
Revises: 0034
"""
from datetime import date
from decimal import Decimal

from alembic import op
import sqlalchemy as sa

# frozen copies (a migration never imports the application)
QUALITIES = [  # code, label, position, ubo, published, member register
    ("membre_ag", "Membre de l'assemblée générale", 1, False, False, True),
    ("administrateur", "Administrateur", 2, True, True, False),
    ("president", "Président", 3, True, True, False),
    ("tresorier", "Trésorier", 4, True, True, False),
    ("secretaire", "Secrétaire", 5, True, True, False),
    ("delegue_gestion_journaliere", "Délégué à la gestion journalière", 6, True, True, False),
    ("representant", "Représentant", 7, True, True, False),
]
CSA = "Code des sociétés et des associations"
PARAMETERS = [  # code, value, valid from, source, to verify
    ("ag_accounts_months", "6", "2019-05-01", f"{CSA}, art. 3:47 (comptes de l'ASBL)", False),
    ("filing_days", "30", "2019-05-01", f"{CSA}, art. 3:47-3:48 (dépôt des comptes)", False),
    ("ubo_update_months", "1", "2018-10-31", "AR du 30/07/2018 (registre UBO), art. 3", False),
    ("ubo_confirm_months", "12", "2021-01-01",
     "AR du 30/07/2018 (registre UBO), confirmation annuelle", True),
    ("publication_days", "30", "2019-05-01",
     f"{CSA}, art. 2:8 et 2:13 (dépôt au greffe pour publication)", True),
    ("members_register_days", "8", "2019-05-01", f"{CSA}, art. 9:3 (registre des membres)",
     True),
    ("large_fte", "5", "2024-01-01", f"{CSA}, art. 3:47 §2 (critères de taille)", True),
    ("large_income", "334500", "2024-01-01", f"{CSA}, art. 3:47 §2 (critères de taille)", True),
    ("large_assets", "1337000", "2024-01-01", f"{CSA}, art. 3:47 §2 (critères de taille)",
     True),
]


# revision identifiers, used by Alembic.
revision = '0035'
down_revision = '0034'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('accounts_year',
    sa.Column('year', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('income', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('assets', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('debts', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.PrimaryKeyConstraint('year', name=op.f('pk_accounts_year'))
    )
    op.create_table('governance_member',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('full_name', sa.String(length=150), nullable=False),
    sa.Column('birth_date', sa.Date(), nullable=True),
    sa.Column('nationality', sa.String(length=60), nullable=False),
    sa.Column('address', sa.String(length=300), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_governance_member')),
    sa.UniqueConstraint('full_name', name=op.f('uq_governance_member_full_name'))
    )
    op.create_table('legal_filing',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('obligation_key', sa.String(length=80), nullable=False),
    sa.Column('done_on', sa.Date(), nullable=False),
    sa.Column('reference', sa.String(length=200), nullable=False),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_legal_filing')),
    sa.UniqueConstraint('obligation_key', name=op.f('uq_legal_filing_obligation_key'))
    )
    op.create_table('legal_parameter',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('value', sa.Numeric(precision=14, scale=3), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=False),
    sa.Column('source', sa.String(length=300), nullable=False),
    sa.Column('to_verify', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_legal_parameter')),
    sa.UniqueConstraint('code', 'valid_from', name=op.f('uq_legal_parameter_code'))
    )
    op.create_table('mandate_quality',
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('label', sa.String(length=120), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('ubo', sa.Boolean(), nullable=False),
    sa.Column('published', sa.Boolean(), nullable=False),
    sa.Column('member_register', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_mandate_quality'))
    )
    op.create_table('mandate',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('quality', sa.String(length=40), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('term_date', sa.Date(), nullable=True),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('end_reason', sa.String(length=20), nullable=False),
    sa.CheckConstraint('end_date IS NULL OR end_date >= start_date', name=op.f('ck_mandate_end_after_start')),
    sa.ForeignKeyConstraint(['member_id'], ['governance_member.id'], name=op.f('fk_mandate_member_id_governance_member')),
    sa.ForeignKeyConstraint(['quality'], ['mandate_quality.code'], name=op.f('fk_mandate_quality_mandate_quality')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mandate'))
    )
    with op.batch_alter_table('mandate', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mandate_member_id'), ['member_id'], unique=False)

    op.create_table('body_meeting',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('body', sa.String(length=2), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('quorum_reached', sa.Boolean(), nullable=False),
    sa.Column('agenda', sa.Text(), nullable=False),
    sa.Column('accounts_year', sa.Integer(), nullable=True),
    sa.Column('activity_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['activity_id'], ['activity.id'], name=op.f('fk_body_meeting_activity_id_activity'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_body_meeting'))
    )
    with op.batch_alter_table('body_meeting', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_body_meeting_held_on'), ['held_on'], unique=False)

    op.create_table('meeting_attendance',
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('presence', sa.String(length=12), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['body_meeting.id'], name=op.f('fk_meeting_attendance_meeting_id_body_meeting'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['member_id'], ['governance_member.id'], name=op.f('fk_meeting_attendance_member_id_governance_member')),
    sa.PrimaryKeyConstraint('meeting_id', 'member_id', name=op.f('pk_meeting_attendance'))
    )
    op.create_table('statutes_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('adopted_on', sa.Date(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=True),
    sa.Column('filed_on', sa.Date(), nullable=True),
    sa.Column('published_on', sa.Date(), nullable=True),
    sa.Column('moniteur_reference', sa.String(length=60), nullable=False),
    sa.Column('summary', sa.String(length=500), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['body_meeting.id'], name=op.f('fk_statutes_version_meeting_id_body_meeting'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_statutes_version'))
    )
    op.create_table('governance_document',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('mandate_id', sa.Integer(), nullable=True),
    sa.Column('meeting_id', sa.Integer(), nullable=True),
    sa.Column('statutes_id', sa.Integer(), nullable=True),
    sa.Column('filing_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('issued_on', sa.Date(), nullable=True),
    sa.Column('reference', sa.String(length=200), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('stored_as', sa.String(length=80), nullable=False),
    sa.Column('uploaded_at', sa.DateTime(), nullable=False),
    sa.Column('replaced_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('(CASE WHEN mandate_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN meeting_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN statutes_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN filing_id IS NULL THEN 0 ELSE 1 END) = 1', name=op.f('ck_governance_document_one_owner')),
    sa.ForeignKeyConstraint(['filing_id'], ['legal_filing.id'], name=op.f('fk_governance_document_filing_id_legal_filing'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['mandate_id'], ['mandate.id'], name=op.f('fk_governance_document_mandate_id_mandate'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['meeting_id'], ['body_meeting.id'], name=op.f('fk_governance_document_meeting_id_body_meeting'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['replaced_by_id'], ['governance_document.id'], name=op.f('fk_governance_document_replaced_by_id_governance_document'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['statutes_id'], ['statutes_version.id'], name=op.f('fk_governance_document_statutes_id_statutes_version'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_governance_document'))
    )
    with op.batch_alter_table('governance_document', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_governance_document_filing_id'), ['filing_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_governance_document_mandate_id'), ['mandate_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_governance_document_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_governance_document_statutes_id'), ['statutes_id'], unique=False)

    op.create_table('meeting_decision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.String(length=1000), nullable=False),
    sa.Column('vote', sa.String(length=120), nullable=False),
    sa.Column('mandate_id', sa.Integer(), nullable=True),
    sa.Column('statutes_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['mandate_id'], ['mandate.id'], name=op.f('fk_meeting_decision_mandate_id_mandate'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['meeting_id'], ['body_meeting.id'], name=op.f('fk_meeting_decision_meeting_id_body_meeting'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['statutes_id'], ['statutes_version.id'], name=op.f('fk_meeting_decision_statutes_id_statutes_version'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_decision'))
    )
    with op.batch_alter_table('meeting_decision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_decision_meeting_id'), ['meeting_id'], unique=False)

    with op.batch_alter_table('deadline', schema=None) as batch_op:
        batch_op.add_column(sa.Column('obligation_key', sa.String(length=80), nullable=True))
        batch_op.add_column(sa.Column('closed_by_event', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.create_index('uq_deadline_obligation_key', ['obligation_key'], unique=True, sqlite_where=sa.text('obligation_key IS NOT NULL'), postgresql_where=sa.text('obligation_key IS NOT NULL'))

    quality = sa.table('mandate_quality', sa.column('code', sa.String),
                       sa.column('label', sa.String), sa.column('position', sa.Integer),
                       *(sa.column(name, sa.Boolean)
                         for name in ('ubo', 'published', 'member_register')))
    op.bulk_insert(quality, [dict(zip(('code', 'label', 'position', 'ubo', 'published',
                                       'member_register'), row)) for row in QUALITIES])
    parameter = sa.table('legal_parameter', sa.column('code', sa.String),
                         sa.column('value', sa.Numeric(14, 3)), sa.column('valid_from', sa.Date),
                         sa.column('source', sa.String), sa.column('to_verify', sa.Boolean))
    op.bulk_insert(parameter, [
        {"code": code, "value": Decimal(value), "valid_from": date.fromisoformat(valid_from),
         "source": source, "to_verify": to_verify}
        for code, value, valid_from, source, to_verify in PARAMETERS])
    connection = op.get_bind()
    if connection.execute(sa.text("SELECT 1 FROM deadline_kind WHERE code = 'obligation_legale'")
                          ).first() is None:
        position = connection.execute(sa.text("SELECT COALESCE(MAX(position), 0) "
                                              "FROM deadline_kind")).scalar()
        connection.execute(sa.text("INSERT INTO deadline_kind (code, label, position) VALUES "
                                   "('obligation_legale', 'Obligation légale', :position)"),
                           {"position": position + 1})


def downgrade():
    op.execute("DELETE FROM deadline WHERE obligation_key IS NOT NULL")
    with op.batch_alter_table('deadline', schema=None) as batch_op:
        batch_op.drop_index('uq_deadline_obligation_key', sqlite_where=sa.text('obligation_key IS NOT NULL'), postgresql_where=sa.text('obligation_key IS NOT NULL'))
        batch_op.drop_column('closed_by_event')
        batch_op.drop_column('obligation_key')

    with op.batch_alter_table('meeting_decision', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_decision_meeting_id'))

    op.drop_table('meeting_decision')
    with op.batch_alter_table('governance_document', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_governance_document_statutes_id'))
        batch_op.drop_index(batch_op.f('ix_governance_document_meeting_id'))
        batch_op.drop_index(batch_op.f('ix_governance_document_mandate_id'))
        batch_op.drop_index(batch_op.f('ix_governance_document_filing_id'))

    op.drop_table('governance_document')
    op.drop_table('statutes_version')
    op.drop_table('meeting_attendance')
    with op.batch_alter_table('body_meeting', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_body_meeting_held_on'))

    op.drop_table('body_meeting')
    with op.batch_alter_table('mandate', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mandate_member_id'))

    op.drop_table('mandate')
    op.drop_table('mandate_quality')
    op.drop_table('legal_parameter')
    op.drop_table('legal_filing')
    op.drop_table('governance_member')
    op.drop_table('accounts_year')
