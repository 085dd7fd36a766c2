"""add_credits"""
from alembic import op

revision = "032"
down_revision = "031"
branch_labels = None
depends_on = "029"


def upgrade():
    op.execute("SELECT 1")


def downgrade():
    op.execute("SELECT 1")
