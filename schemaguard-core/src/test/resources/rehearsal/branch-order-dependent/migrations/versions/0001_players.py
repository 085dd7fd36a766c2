"""players"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table(
        "players",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("nickname", sa.String(50), nullable=False),
    )


def downgrade():
    op.drop_table("players")
