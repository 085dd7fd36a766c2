"""add jersey fields to players

Revision ID: 003
Revises: 002
Create Date: 2025-09-11 17:52:30.004391

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '003'
down_revision = '002'
branch_labels = None
depends_on = None


def upgrade():
    # jersey_option: 'purchase' | 'own' | 'opt_out'; free text until the
    # registration form is locked down.
    op.add_column('players', sa.Column('jersey_option', sa.String(length=20), nullable=True))
    op.add_column('players', sa.Column('jersey_size', sa.String(length=16), nullable=True))
    op.add_column('players', sa.Column('jersey_number', sa.Integer(), nullable=True))


def downgrade():
    op.drop_column('players', 'jersey_number')
    op.drop_column('players', 'jersey_size')
    op.drop_column('players', 'jersey_option')
