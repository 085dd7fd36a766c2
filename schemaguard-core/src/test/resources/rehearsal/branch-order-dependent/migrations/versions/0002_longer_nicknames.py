"""Team A: nicknames up to 100 characters."""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.alter_column("players", "nickname", type_=sa.String(100), existing_type=sa.String(50))


def downgrade():
    op.alter_column("players", "nickname", type_=sa.String(50), existing_type=sa.String(100))
