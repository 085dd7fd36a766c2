"""add contract status index

Revision ID: 011
Revises: 010
Create Date: 2025-10-29 20:51:19.007415

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '011'
down_revision = '010'
branch_labels = None
depends_on = None


def upgrade():
    # The admin dashboard lists unsigned contracts per tenant.
    op.create_index('ix_contracts_tenant_id_status', 'contracts', ['tenant_id', 'status'])


def downgrade():
    op.drop_index('ix_contracts_tenant_id_status', table_name='contracts')
