"""add invoices paid

Revision ID: e1f2a3b4c5d6
Revises: 'c4d5e6f7a8b9'
Create Date: 2024-01-05 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e1f2a3b4c5d6'
down_revision = 'c4d5e6f7a8b9'
branch_labels = None
depends_on = 'billing'


def upgrade():
    op.add_column('invoices', sa.Column('paid', sa.Boolean(), nullable=True))


def downgrade():
    op.drop_column('invoices', 'paid')
