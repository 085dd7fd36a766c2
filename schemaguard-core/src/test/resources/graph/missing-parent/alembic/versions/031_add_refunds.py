"""add_refunds"""
from alembic import op

revision = "031"
down_revision = "030a"
branch_labels = None
depends_on = None


def upgrade():
    op.execute("SELECT 1")


def downgrade():
    op.execute("SELECT 1")
