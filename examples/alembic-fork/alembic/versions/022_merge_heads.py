"""merge heads

Revision ID: 022
Revises: 019, 021
Create Date: 2026-03-12 17:58:03.612984

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = "022"
down_revision: Union[str, Sequence[str], None] = ("019", "021")
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
