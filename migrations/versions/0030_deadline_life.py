"""A deadline's life after it was planned: the reason it was postponed or needs nothing
(« sans objet »), the funder's answer (its date and note); reminders owed once per date, so
that a postponed deadline is reminded again before its new date.

Revision ID: 0030
Revises: 0029
"""
from alembic import op
import sqlalchemy as sa


revision = '0030'
down_revision = '0029'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('deadline', schema=None) as batch_op:
        batch_op.add_column(sa.Column('postponed_reason', sa.String(length=300),
                                      server_default='', nullable=False))
        batch_op.add_column(sa.Column('dismissed_reason', sa.String(length=300),
                                      server_default='', nullable=False))
        batch_op.add_column(sa.Column('answered_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('answer_note', sa.String(length=500),
                                      server_default='', nullable=False))
    with op.batch_alter_table('reminder', schema=None) as batch_op:
        batch_op.drop_constraint('uq_reminder_deadline_id', type_='unique')
        batch_op.create_unique_constraint(
            'uq_reminder_deadline_id', ['deadline_id', 'offset_days', 'recipient', 'remind_on'])


def downgrade():
    with op.batch_alter_table('reminder', schema=None) as batch_op:
        batch_op.drop_constraint('uq_reminder_deadline_id', type_='unique')
        batch_op.create_unique_constraint('uq_reminder_deadline_id',
                                          ['deadline_id', 'offset_days', 'recipient'])
    with op.batch_alter_table('deadline', schema=None) as batch_op:
        batch_op.drop_column('answer_note')
        batch_op.drop_column('answered_on')
        batch_op.drop_column('dismissed_reason')
        batch_op.drop_column('postponed_reason')
