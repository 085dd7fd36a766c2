"""add_notes"""
from alembic import op

revision = "003"
down_revision = "001"
branch_labels = None
depends_on = None


def upgrade():
    op.execute("SELECT 1")


def downgrade():
    op.execute("SELECT 1")
