"""add contract pdf url and reminder timestamp

Revision ID: 017
Revises: 016
Create Date: 2026-01-21 20:29:14.551892

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = "017"
down_revision: Union[str, None] = "016"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.add_column("contracts", sa.Column("pdf_url", sa.String(length=500), nullable=True))
    op.add_column("contracts", sa.Column("reminder_sent_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    op.drop_column("contracts", "reminder_sent_at")
    op.drop_column("contracts", "pdf_url")
