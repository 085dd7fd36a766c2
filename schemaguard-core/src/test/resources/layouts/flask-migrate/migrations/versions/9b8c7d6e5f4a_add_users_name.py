"""add users name

Revision ID: 9b8c7d6e5f4a
Revises: '3f9c5a1b2d4e'
Create Date: 2024-01-03 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '9b8c7d6e5f4a'
down_revision = '3f9c5a1b2d4e'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('name', sa.String(length=80), nullable=True))


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('name')
