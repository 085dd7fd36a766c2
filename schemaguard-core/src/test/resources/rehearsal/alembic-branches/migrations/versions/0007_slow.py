"""a revision that takes longer than the test's timeout"""
import time

revision = "0007"
down_revision = "0005"


def upgrade():
    time.sleep(600)


def downgrade():
    pass
