"""add is_public to players

Revision ID: 024
Revises: 023
Create Date: 2026-03-23 19:10:12.846390

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = "024"
down_revision: Union[str, None] = "023"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    # Opt-in flag for showing a player on the public roster page.
    op.add_column(
        "players",
        sa.Column("is_public", sa.Boolean(), server_default=sa.false(), nullable=False),
    )


def downgrade() -> None:
    op.drop_column("players", "is_public")
