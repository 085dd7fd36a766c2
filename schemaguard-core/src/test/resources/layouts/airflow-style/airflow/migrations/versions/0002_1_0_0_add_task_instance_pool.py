"""Add pool to task_instance.

Revision ID: 1507a7289a2f
Revises: e3a246e0dc1
Create Date: 2015-08-20 11:24:00.000000

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "1507a7289a2f"
down_revision = "e3a246e0dc1"
branch_labels = None
depends_on = None
airflow_version = "1.0.0"


def upgrade():
    op.add_column("task_instance", sa.Column("pool", sa.String(length=50), nullable=True))


def downgrade():
    op.drop_column("task_instance", "pool")
