"""merge"""
from alembic import op

revision = "004"
down_revision = ("002", "003")
branch_labels = None
depends_on = None


def upgrade():
    op.execute("SELECT 1")


def downgrade():
    op.execute("SELECT 1")
