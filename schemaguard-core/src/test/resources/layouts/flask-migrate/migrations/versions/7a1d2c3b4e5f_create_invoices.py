"""create invoices

Revision ID: 7a1d2c3b4e5f
Revises: '3f9c5a1b2d4e'
Create Date: 2024-01-02 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '7a1d2c3b4e5f'
down_revision = '3f9c5a1b2d4e'
branch_labels = ('billing',)
depends_on = None


def upgrade():
    op.create_table(
        'invoices',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('total_cents', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )


def downgrade():
    op.drop_table('invoices')
