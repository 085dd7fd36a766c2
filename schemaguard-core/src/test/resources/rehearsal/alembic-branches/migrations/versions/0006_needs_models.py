"""imports the application's models, which are not installed here"""
from alembic import op

revision = "0006"
down_revision = "0005"


def upgrade():
    from shop_models_not_installed import Item
    op.create_table(Item.__table__)


def downgrade():
    op.drop_table("items_copy")
