"""Expense numbers (and so their references, « F2026-00188 ») never given again after a
deletion: on SQLite the table is rebuilt with AUTOINCREMENT (PostgreSQL's sequence already
never reuses a number).

Revision ID: 0028
Revises: 0027
"""
from alembic import op
import sqlalchemy as sa


revision = '0028'
down_revision = '0027'
branch_labels = None
depends_on = None


def upgrade():
    if op.get_bind().dialect.name != "sqlite":
        return
    with op.batch_alter_table('expense', recreate='always',
                              table_kwargs={'sqlite_autoincrement': True}):
        pass


def downgrade():
    if op.get_bind().dialect.name != "sqlite":
        return
    with op.batch_alter_table('expense', recreate='always',
                              table_kwargs={'sqlite_autoincrement': False}):
        pass
