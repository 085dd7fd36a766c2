"""tags, one branch of the fork at 0002; safe to run twice"""
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():
    op.execute("CREATE TABLE IF NOT EXISTS tags (id int PRIMARY KEY, label text)")


def downgrade():
    """Tags are kept: other services read them."""
    pass
