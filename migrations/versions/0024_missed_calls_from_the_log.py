"""missed calls read from the log: an activity type « appel manqué » (a phone system's export, with the time of each call), and observed weeks that count them

Revision ID: 0024
Revises: 0023
Create Date: 2026-11-30 11:20:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0024'
down_revision = '0023'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('observation_week', schema=None) as batch_op:
        batch_op.add_column(sa.Column('from_log', sa.Boolean(), server_default=sa.false(), nullable=False))
    connection = op.get_bind()
    if connection.scalar(sa.text("SELECT count(*) FROM dimension_value WHERE dimension_code = "
                                 "'type' AND code = 'appel_manque'")):
        return  # an office already added it under that code
    position = connection.scalar(sa.text("SELECT COALESCE(MAX(position), 0) + 1 FROM "
                                         "dimension_value WHERE dimension_code = 'type'"))
    value = sa.table("dimension_value", sa.column("dimension_code"), sa.column("code"),
                     sa.column("label"), sa.column("active"), sa.column("position"))
    op.bulk_insert(value, [{"dimension_code": "type", "code": "appel_manque",
                            "label": "Appel manqué", "active": True, "position": position}])


def downgrade():
    op.execute(sa.text("DELETE FROM activity WHERE type_id IN (SELECT id FROM dimension_value "
                       "WHERE dimension_code = 'type' AND code = 'appel_manque')"))
    op.execute(sa.text("DELETE FROM dimension_value WHERE dimension_code = 'type' AND "
                       "code = 'appel_manque'"))
    with op.batch_alter_table('observation_week', schema=None) as batch_op:
        batch_op.drop_column('from_log')
