"""add season to teams

Revision ID: 016
Revises: 015
Create Date: 2026-01-07 18:03:29.660158

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = "016"
down_revision: Union[str, None] = "015"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    # e.g. '2025-2026'; NULL for teams created before seasons existed.
    op.add_column("teams", sa.Column("season", sa.String(length=9), nullable=True))
    op.create_index("ix_teams_tenant_id_season", "teams", ["tenant_id", "season"])


def downgrade() -> None:
    op.drop_index("ix_teams_tenant_id_season", table_name="teams")
    op.drop_column("teams", "season")
