"""add coach certifications

Revision ID: 013
Revises: 012
Create Date: 2025-11-19 19:47:02.318804

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = "013"
down_revision: Union[str, None] = "012"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.add_column("coaches", sa.Column("certification_level", sa.String(length=32), nullable=True))
    op.add_column("coaches", sa.Column("background_check_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    op.drop_column("coaches", "background_check_at")
    op.drop_column("coaches", "certification_level")
