"""Merge of the two branches: whichever ran last decides the column's type."""
revision = "0004"
down_revision = ("0002", "0003")


def upgrade():
    pass


def downgrade():
    pass
