"""accounts"""
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.execute("CREATE TABLE accounts (id int)")


def downgrade():
    op.execute("DROP TABLE accounts")
