"""activity direction (given or received), purpose and place; the main product dimension

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-30 07:04:08.690433

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('activity', schema=None) as batch_op:
        batch_op.add_column(sa.Column('received', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('purpose', sa.String(length=200), server_default='', nullable=False))
        batch_op.add_column(sa.Column('place', sa.String(length=120), server_default='', nullable=False))

    # Until now a supervision or an intervision was the team's own (an outside supervisor, peers
    # of other services): received. Trainings were counted as actions given: they stay given.
    activity = sa.table("activity", sa.column("type_id"), sa.column("received"))
    value = sa.table("dimension_value", sa.column("id"), sa.column("dimension_code"),
                     sa.column("code"), sa.column("label"), sa.column("active"),
                     sa.column("position"))
    received_types = sa.select(value.c.id).where(value.c.dimension_code == "type",
                                                 value.c.code.in_(["supervision", "intervision"]))
    op.execute(activity.update().where(activity.c.type_id.in_(received_types))
               .values(received=sa.true()))

    # « Produit principal » (one value) beside « Produits » (several): the same products.
    connection = op.get_bind()
    position = connection.scalar(sa.text("SELECT COALESCE(MAX(position), 0) + 1 FROM dimension"))
    dimension = sa.table("dimension", sa.column("code"), sa.column("label"),
                         sa.column("multiple"), sa.column("position"))
    op.bulk_insert(dimension, [{"code": "produit_principal", "label": "Produit principal",
                                "multiple": False, "position": position}])
    products = connection.execute(sa.select(value.c.code, value.c.label, value.c.active,
                                            value.c.position)
                                  .where(value.c.dimension_code == "produits")).all()
    op.bulk_insert(value, [{"dimension_code": "produit_principal", "code": code, "label": label,
                            "active": active, "position": rank}
                           for code, label, active, rank in products])


def downgrade():
    op.execute(sa.text("DELETE FROM activity_value WHERE dimension_code = 'produit_principal'"))
    op.execute(sa.text("DELETE FROM dimension_value WHERE dimension_code = 'produit_principal'"))
    op.execute(sa.text("DELETE FROM dimension WHERE code = 'produit_principal'"))
    with op.batch_alter_table('activity', schema=None) as batch_op:
        batch_op.drop_column('place')
        batch_op.drop_column('purpose')
        batch_op.drop_column('received')
