"""add custom notes to player

Revision ID: 020
Revises: 018
Create Date: 2026-03-09 23:41:26.008573

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = "020"
down_revision: Union[str, None] = "018"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    # Free-text notes from the registration form (allergies, carpool, ...),
    # printed on the player's contract.
    op.add_column("players", sa.Column("custom_notes", sa.Text(), nullable=True))


def downgrade() -> None:
    op.drop_column("players", "custom_notes")
