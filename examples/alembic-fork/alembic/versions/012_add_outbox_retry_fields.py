"""add outbox retry fields

Revision ID: 012
Revises: 011
Create Date: 2025-11-05 18:26:44.581920

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '012'
down_revision = '011'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('outbox', sa.Column('attempts', sa.Integer(), server_default='0', nullable=False))
    op.add_column('outbox', sa.Column('last_error', sa.Text(), nullable=True))
    op.add_column('outbox', sa.Column('processed_at', sa.DateTime(timezone=True), nullable=True))


def downgrade():
    op.drop_column('outbox', 'processed_at')
    op.drop_column('outbox', 'last_error')
    op.drop_column('outbox', 'attempts')
