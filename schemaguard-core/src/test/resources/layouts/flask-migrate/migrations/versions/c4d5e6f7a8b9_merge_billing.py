"""merge billing into main

Revision ID: c4d5e6f7a8b9
Revises: ('7a1d2c3b4e5f', '9b8c7d6e5f4a')
Create Date: 2024-01-04 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c4d5e6f7a8b9'
down_revision = ('7a1d2c3b4e5f', '9b8c7d6e5f4a')
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
