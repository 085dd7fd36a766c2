"""merges the branches"""
revision = "0005"
down_revision = ("0003", "0004")


def upgrade():
    pass


def downgrade():
    pass
