"""add email_log indexes

Revision ID: 014
Revises: 013
Create Date: 2025-12-02 16:55:37.904116

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = "014"
down_revision: Union[str, None] = "013"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    # Bounce handling looks up recent failures; the retention job deletes by sent_at.
    op.create_index("ix_email_log_status", "email_log", ["status"])
    op.create_index("ix_email_log_sent_at", "email_log", ["sent_at"])


def downgrade() -> None:
    op.drop_index("ix_email_log_sent_at", table_name="email_log")
    op.drop_index("ix_email_log_status", table_name="email_log")
