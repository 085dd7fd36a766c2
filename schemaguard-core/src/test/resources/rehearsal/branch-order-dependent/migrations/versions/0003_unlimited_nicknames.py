"""Team B, on another branch: nicknames of any length."""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0001"


def upgrade():
    op.alter_column("players", "nickname", type_=sa.Text(), existing_type=sa.String(50))


def downgrade():
    op.alter_column("players", "nickname", type_=sa.String(50), existing_type=sa.Text())
