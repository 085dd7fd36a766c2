"""add player contracts

Revision ID: 009
Revises: 008
Create Date: 2025-10-15 19:33:12.840027

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '009'
down_revision = '008'
branch_labels = None
depends_on = None


def upgrade():
    # One row per contract sent to a player's parent; `token` is the secret in
    # the signing link. The contracts portal reads and signs these rows.
    op.create_table(
        'contracts',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('tenant_id', sa.Integer(), nullable=False),
        sa.Column('player_id', sa.Integer(), nullable=False),
        sa.Column('token', sa.String(length=64), nullable=False),
        sa.Column('status', sa.String(length=20), server_default='sent', nullable=False),
        sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('signed_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('signature_name', sa.String(length=200), nullable=True),
        sa.Column('signature_ip', sa.String(length=45), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name='fk_contracts_tenant_id_tenants', ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['player_id'], ['players.id'], name='fk_contracts_player_id_players', ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('token', name='uq_contracts_token'),
    )
    op.create_index('ix_contracts_player_id', 'contracts', ['player_id'])


def downgrade():
    op.drop_index('ix_contracts_player_id', table_name='contracts')
    op.drop_table('contracts')
