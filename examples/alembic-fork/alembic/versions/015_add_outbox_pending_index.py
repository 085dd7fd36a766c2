"""add partial index for pending outbox events

Revision ID: 015
Revises: 014
Create Date: 2025-12-10 21:12:50.417733

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = "015"
down_revision: Union[str, None] = "014"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    # The dispatcher only ever scans pending rows; delivered ones pile up.
    op.create_index(
        "ix_outbox_pending_created_at",
        "outbox",
        ["created_at"],
        postgresql_where=sa.text("status = 'pending'"),
    )


def downgrade() -> None:
    op.drop_index("ix_outbox_pending_created_at", table_name="outbox")
