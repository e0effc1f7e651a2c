"""interns, volunteers and typed yearly indicators

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-30 07:11:17.889383

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('volunteer',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('full_name', sa.String(length=200), nullable=False),
    sa.Column('mission', sa.String(length=200), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=False),
    sa.Column('hours', sa.Integer(), nullable=False),
    sa.Column('hourly_value', sa.Numeric(precision=8, scale=2), nullable=True),
    sa.CheckConstraint('end_date >= start_date', name=op.f('ck_volunteer_period')),
    sa.CheckConstraint('hourly_value IS NULL OR hourly_value >= 0', name=op.f('ck_volunteer_hourly_value')),
    sa.CheckConstraint('hours >= 0', name=op.f('ck_volunteer_hours')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_volunteer'))
    )
    op.create_table('indicator_value',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('response_id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.String(length=80), nullable=False),
    sa.Column('label', sa.String(length=300), nullable=False),
    sa.Column('value', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('source', sa.String(length=300), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['response_id'], ['questionnaire_response.id'], name=op.f('fk_indicator_value_response_id_questionnaire_response'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicator_value')),
    sa.UniqueConstraint('response_id', 'item_id', name=op.f('uq_indicator_value_response_id'))
    )
    with op.batch_alter_table('indicator_value', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_indicator_value_response_id'), ['response_id'], unique=False)

    op.create_table('intern',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('full_name', sa.String(length=200), nullable=False),
    sa.Column('school', sa.String(length=200), nullable=False),
    sa.Column('field', sa.String(length=200), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=False),
    sa.Column('hours', sa.Integer(), nullable=False),
    sa.Column('supervisor_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('end_date >= start_date', name=op.f('ck_intern_period')),
    sa.CheckConstraint('hours >= 0', name=op.f('ck_intern_hours')),
    sa.ForeignKeyConstraint(['supervisor_id'], ['person.id'], name=op.f('fk_intern_supervisor_id_person'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_intern'))
    )


def downgrade():
    op.drop_table('intern')
    with op.batch_alter_table('indicator_value', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_indicator_value_response_id'))

    op.drop_table('indicator_value')
    op.drop_table('volunteer')
