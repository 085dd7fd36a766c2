"""Create task_instance.

Revision ID: e3a246e0dc1
Revises:
Create Date: 2015-08-18 16:35:00.883495

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "e3a246e0dc1"
down_revision = None
branch_labels = None
depends_on = None
airflow_version = "1.0.0"


def upgrade():
    op.create_table(
        "task_instance",
        sa.Column("task_id", sa.String(length=250), nullable=False),
        sa.Column("dag_id", sa.String(length=250), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=True),
        sa.PrimaryKeyConstraint("task_id", "dag_id"),
    )


def downgrade():
    op.drop_table("task_instance")
