"""add transactional outbox

Revision ID: 005
Revises: 004
Create Date: 2025-09-25 22:14:08.339512

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql


# revision identifiers, used by Alembic.
revision = '005'
down_revision = '004'
branch_labels = None
depends_on = None


def upgrade():
    # Events written in the same transaction as the change they describe; the
    # dispatcher polls status = 'pending' and delivers them (email, webhooks).
    op.create_table(
        'outbox',
        sa.Column('id', sa.BigInteger(), nullable=False),
        sa.Column('tenant_id', sa.Integer(), nullable=False),
        sa.Column('event_type', sa.String(length=100), nullable=False),
        sa.Column('payload', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column('status', sa.String(length=20), server_default='pending', nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name='fk_outbox_tenant_id_tenants', ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_outbox_status_created_at', 'outbox', ['status', 'created_at'])


def downgrade():
    op.drop_index('ix_outbox_status_created_at', table_name='outbox')
    op.drop_table('outbox')
