"""items.price, backfilled: the ACCESS EXCLUSIVE lock of the ADD COLUMN lasts through the UPDATE"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.add_column("items", sa.Column("price", sa.Numeric()))
    op.execute("UPDATE items SET price = 0")


def downgrade():
    op.drop_column("items", "price")
