"""add email_log table

Revision ID: 007
Revises: e09c9e678004
Create Date: 2025-10-06 18:40:51.662907

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '007'
down_revision = 'e09c9e678004'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'email_log',
        sa.Column('id', sa.BigInteger(), nullable=False),
        sa.Column('tenant_id', sa.Integer(), nullable=False),
        sa.Column('recipient', sa.String(length=320), nullable=False),
        sa.Column('subject', sa.String(length=300), nullable=False),
        sa.Column('template', sa.String(length=100), nullable=False),
        sa.Column('status', sa.String(length=20), server_default='queued', nullable=False),
        sa.Column('error', sa.Text(), nullable=True),
        sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name='fk_email_log_tenant_id_tenants', ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_email_log_tenant_id', 'email_log', ['tenant_id'])


def downgrade():
    op.drop_index('ix_email_log_tenant_id', table_name='email_log')
    op.drop_table('email_log')
