"""add tenant settings and timezone

Revision ID: 010
Revises: 009
Create Date: 2025-10-22 17:08:45.193368

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql


# revision identifiers, used by Alembic.
revision = '010'
down_revision = '009'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column(
        'tenants',
        sa.Column('settings', postgresql.JSONB(astext_type=sa.Text()), server_default=sa.text("'{}'::jsonb"), nullable=False),
    )
    op.add_column(
        'tenants',
        sa.Column('timezone', sa.String(length=64), server_default='UTC', nullable=False),
    )


def downgrade():
    op.drop_column('tenants', 'timezone')
    op.drop_column('tenants', 'settings')
