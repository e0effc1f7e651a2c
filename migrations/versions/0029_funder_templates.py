"""Funders' own forms (Word or Excel templates) bound to a questionnaire, their versions,
and the filled forms among a finalised version's archived files.

Revision ID: 0029
Revises: 0028
"""
from alembic import op
import sqlalchemy as sa


revision = '0029'
down_revision = '0028'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'funder_template',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('definition_id', sa.String(length=80), nullable=False),
        sa.Column('title', sa.String(length=200), nullable=False),
        sa.Column('format', sa.String(length=5), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('retired_at', sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_funder_template')))
    with op.batch_alter_table('funder_template', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_funder_template_definition_id'), ['definition_id'],
                              unique=False)
    op.create_table(
        'funder_template_version',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('template_id', sa.Integer(), nullable=False),
        sa.Column('number', sa.Integer(), nullable=False),
        sa.Column('filename', sa.String(length=255), nullable=False),
        sa.Column('stored', sa.String(length=255), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('size', sa.Integer(), nullable=False),
        sa.Column('unused_items', sa.Text(), nullable=False),
        sa.Column('uploaded_by', sa.String(length=200), nullable=False),
        sa.Column('uploaded_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['template_id'], ['funder_template.id'],
                                name=op.f('fk_funder_template_version_template_id_funder_template')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_funder_template_version')),
        sa.UniqueConstraint('template_id', 'number',
                            name=op.f('uq_funder_template_version_template_id')))
    with op.batch_alter_table('funder_template_version', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_funder_template_version_template_id'),
                              ['template_id'], unique=False)
    with op.batch_alter_table('archived_file', schema=None) as batch_op:
        batch_op.add_column(sa.Column('template_version_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f('fk_archived_file_template_version_id_funder_template_version'),
            'funder_template_version', ['template_version_id'], ['id'])
        batch_op.drop_constraint('uq_archived_file_archive_id', type_='unique')
        batch_op.create_unique_constraint('uq_archived_file_archive_id',
                                          ['archive_id', 'filename'])


def downgrade():
    with op.batch_alter_table('archived_file', schema=None) as batch_op:
        batch_op.drop_constraint('uq_archived_file_archive_id', type_='unique')
        batch_op.create_unique_constraint('uq_archived_file_archive_id', ['archive_id', 'format'])
        batch_op.drop_constraint(
            batch_op.f('fk_archived_file_template_version_id_funder_template_version'),
            type_='foreignkey')
        batch_op.drop_column('template_version_id')
    with op.batch_alter_table('funder_template_version', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_funder_template_version_template_id'))
    op.drop_table('funder_template_version')
    with op.batch_alter_table('funder_template', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_funder_template_definition_id'))
    op.drop_table('funder_template')
