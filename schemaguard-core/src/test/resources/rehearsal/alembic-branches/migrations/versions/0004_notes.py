"""notes, the other branch of the fork at 0002"""
from alembic import op
import sqlalchemy as sa

revision = "0004"
down_revision = "0002"


def upgrade():
    op.create_table("notes", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("body", sa.Text()))


def downgrade():
    op.drop_table("notes")
