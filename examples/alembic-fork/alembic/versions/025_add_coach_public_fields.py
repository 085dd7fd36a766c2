"""add coach public fields

Revision ID: 025
Revises: 024
Create Date: 2026-03-24 21:45:30.517209

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = "025"
down_revision: Union[str, None] = "024"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.add_column("coaches", sa.Column("bio", sa.Text(), nullable=True))
    op.add_column("coaches", sa.Column("photo_url", sa.String(length=500), nullable=True))
    op.add_column(
        "coaches",
        sa.Column("is_public", sa.Boolean(), server_default=sa.false(), nullable=False),
    )


def downgrade() -> None:
    op.drop_column("coaches", "is_public")
    op.drop_column("coaches", "photo_url")
    op.drop_column("coaches", "bio")
