"""the permanence: schedules valid from a date (or planned) and their slots, observed weeks and the calls missed per slot

Revision ID: 0023
Revises: 0022
Create Date: 2026-11-30 11:10:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0023'
down_revision = '0022'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('observation_week',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('week_start', sa.Date(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_observation_week')),
    sa.UniqueConstraint('week_start', name=op.f('uq_observation_week_week_start'))
    )
    op.create_table('permanence_schedule',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=150), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=False),
    sa.Column('planned', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_permanence_schedule'))
    )
    op.create_table('permanence_slot',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('schedule_id', sa.Integer(), nullable=False),
    sa.Column('weekday', sa.Integer(), nullable=False),
    sa.Column('start_time', sa.Time(), nullable=False),
    sa.Column('end_time', sa.Time(), nullable=False),
    sa.Column('label', sa.String(length=80), nullable=False),
    sa.Column('lines', sa.Integer(), nullable=False),
    sa.CheckConstraint('end_time > start_time', name=op.f('ck_permanence_slot_end_after_start')),
    sa.CheckConstraint('lines >= 1', name=op.f('ck_permanence_slot_lines')),
    sa.CheckConstraint('weekday BETWEEN 1 AND 7', name=op.f('ck_permanence_slot_weekday')),
    sa.ForeignKeyConstraint(['schedule_id'], ['permanence_schedule.id'], name=op.f('fk_permanence_slot_schedule_id_permanence_schedule'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_permanence_slot'))
    )
    with op.batch_alter_table('permanence_slot', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_permanence_slot_schedule_id'), ['schedule_id'], unique=False)

    op.create_table('missed_calls',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('week_id', sa.Integer(), nullable=False),
    sa.Column('slot_id', sa.Integer(), nullable=False),
    sa.Column('missed', sa.Integer(), nullable=False),
    sa.CheckConstraint('missed >= 0', name=op.f('ck_missed_calls_missed')),
    sa.ForeignKeyConstraint(['slot_id'], ['permanence_slot.id'], name=op.f('fk_missed_calls_slot_id_permanence_slot'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['week_id'], ['observation_week.id'], name=op.f('fk_missed_calls_week_id_observation_week'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_missed_calls')),
    sa.UniqueConstraint('week_id', 'slot_id', name=op.f('uq_missed_calls_week_id'))
    )
    with op.batch_alter_table('missed_calls', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_missed_calls_slot_id'), ['slot_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_missed_calls_week_id'), ['week_id'], unique=False)



def downgrade():
    with op.batch_alter_table('missed_calls', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_missed_calls_week_id'))
        batch_op.drop_index(batch_op.f('ix_missed_calls_slot_id'))

    op.drop_table('missed_calls')
    with op.batch_alter_table('permanence_slot', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_permanence_slot_schedule_id'))

    op.drop_table('permanence_slot')
    op.drop_table('permanence_schedule')
    op.drop_table('observation_week')
