"""add parents and players.parent_id

Revision ID: 002
Revises: 001
Create Date: 2025-09-04 20:37:09.921664

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '002'
down_revision = '001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'parents',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=200), nullable=False),
        sa.Column('email', sa.String(length=320), nullable=False),
        sa.Column('phone', sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_parents_email', 'parents', ['email'])
    op.add_column('players', sa.Column('parent_id', sa.Integer(), nullable=True))
    op.create_foreign_key(
        'fk_players_parent_id_parents', 'players', 'parents',
        ['parent_id'], ['id'], ondelete='SET NULL',
    )
    op.create_index('ix_players_parent_id', 'players', ['parent_id'])


def downgrade():
    op.drop_index('ix_players_parent_id', table_name='players')
    op.drop_constraint('fk_players_parent_id_parents', 'players', type_='foreignkey')
    op.drop_column('players', 'parent_id')
    op.drop_index('ix_parents_email', table_name='parents')
    op.drop_table('parents')
