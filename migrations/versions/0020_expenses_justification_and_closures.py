"""operating expenses with receipts and shares per instrument, justification statuses, décomptes introduced, school-year instruments

Revision ID: 0020
Revises: 0019
Create Date: 2026-11-30 09:45:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0020'
down_revision = '0019'
branch_labels = None
depends_on = None

# As written for this migration; later ones are the director's, made in the application.
CATEGORIES = [
    ("loyer", "Loyer et charges"), ("energie", "Énergie"), ("materiel", "Matériel"),
    ("fournitures", "Fournitures de bureau"), ("formation", "Formation"),
    ("deplacements", "Déplacements"), ("telecom", "Téléphone et internet"),
    ("assurances", "Assurances"), ("honoraires", "Honoraires"), ("autre", "Autres frais"),
]


def upgrade():
    category = op.create_table('expense_category',
    sa.Column('code', sa.String(length=60), nullable=False),
    sa.Column('label', sa.String(length=150), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_expense_category'))
    )
    op.bulk_insert(category, [{"code": code, "label": label, "active": True}
                              for code, label in CATEGORIES])
    op.create_table('expense',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('spent_on', sa.Date(), nullable=False),
    sa.Column('supplier', sa.String(length=200), nullable=False),
    sa.Column('description', sa.String(length=300), nullable=False),
    sa.Column('category_code', sa.String(length=60), nullable=False),
    sa.Column('amount_cents', sa.Integer(), nullable=False),
    sa.Column('receipt_stored', sa.String(length=64), nullable=True),
    sa.Column('receipt_name', sa.String(length=255), server_default='', nullable=False),
    sa.Column('import_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('amount_cents > 0', name=op.f('ck_expense_amount')),
    sa.ForeignKeyConstraint(['category_code'], ['expense_category.code'], name=op.f('fk_expense_category_code_expense_category')),
    sa.ForeignKeyConstraint(['import_id'], ['cost_import.id'], name=op.f('fk_expense_import_id_cost_import'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_expense'))
    )
    with op.batch_alter_table('expense', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_expense_category_code'), ['category_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_expense_import_id'), ['import_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_expense_spent_on'), ['spent_on'], unique=False)

    op.create_table('justification_closure',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('instrument_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('introduced_on', sa.Date(), nullable=False),
    sa.Column('charged_cents', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['instrument_id'], ['instrument.id'], name=op.f('fk_justification_closure_instrument_id_instrument'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_justification_closure')),
    sa.UniqueConstraint('instrument_id', 'year', name=op.f('uq_justification_closure_instrument_id'))
    )
    with op.batch_alter_table('justification_closure', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_justification_closure_instrument_id'), ['instrument_id'], unique=False)

    op.create_table('expense_share',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('expense_id', sa.Integer(), nullable=False),
    sa.Column('instrument_id', sa.Integer(), nullable=False),
    sa.Column('cents', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('reason', sa.String(length=300), nullable=False),
    sa.CheckConstraint('cents > 0', name=op.f('ck_expense_share_cents')),
    sa.ForeignKeyConstraint(['expense_id'], ['expense.id'], name=op.f('fk_expense_share_expense_id_expense'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['instrument_id'], ['instrument.id'], name=op.f('fk_expense_share_instrument_id_instrument'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_expense_share')),
    sa.UniqueConstraint('expense_id', 'instrument_id', name=op.f('uq_expense_share_expense_id'))
    )
    with op.batch_alter_table('expense_share', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_expense_share_expense_id'), ['expense_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_expense_share_instrument_id'), ['instrument_id'], unique=False)

    op.create_table('personnel_justification',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('cost_id', sa.Integer(), nullable=False),
    sa.Column('instrument_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('reason', sa.String(length=300), nullable=False),
    sa.ForeignKeyConstraint(['cost_id'], ['personnel_cost.id'], name=op.f('fk_personnel_justification_cost_id_personnel_cost'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['instrument_id'], ['instrument.id'], name=op.f('fk_personnel_justification_instrument_id_instrument'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_personnel_justification')),
    sa.UniqueConstraint('cost_id', 'instrument_id', name=op.f('uq_personnel_justification_cost_id'))
    )
    with op.batch_alter_table('personnel_justification', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_personnel_justification_cost_id'), ['cost_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_personnel_justification_instrument_id'), ['instrument_id'], unique=False)

    with op.batch_alter_table('cost_import', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sa.String(length=20), server_default='personnel', nullable=False))

    with op.batch_alter_table('instrument', schema=None) as batch_op:
        batch_op.add_column(sa.Column('year_start_month', sa.Integer(), server_default='1', nullable=False))



def downgrade():
    with op.batch_alter_table('instrument', schema=None) as batch_op:
        batch_op.drop_column('year_start_month')

    with op.batch_alter_table('cost_import', schema=None) as batch_op:
        batch_op.drop_column('kind')

    with op.batch_alter_table('personnel_justification', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_personnel_justification_instrument_id'))
        batch_op.drop_index(batch_op.f('ix_personnel_justification_cost_id'))

    op.drop_table('personnel_justification')
    with op.batch_alter_table('expense_share', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_expense_share_instrument_id'))
        batch_op.drop_index(batch_op.f('ix_expense_share_expense_id'))

    op.drop_table('expense_share')
    with op.batch_alter_table('justification_closure', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_justification_closure_instrument_id'))

    op.drop_table('justification_closure')
    with op.batch_alter_table('expense', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_expense_spent_on'))
        batch_op.drop_index(batch_op.f('ix_expense_import_id'))
        batch_op.drop_index(batch_op.f('ix_expense_category_code'))

    op.drop_table('expense')
    op.drop_table('expense_category')
