"""jersey backfill: normalise legacy jersey sizes

Revision ID: 023
Revises: 022
Create Date: 2026-03-20 20:37:41.280455

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = "023"
down_revision: Union[str, None] = "022"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None



# Legacy registration-form size codes -> the codes the uniform supplier's sync
# job expects. The rows rewritten here are copied to players_jersey_size_backup
# first, so the downgrade restores exactly the values it replaced. Running the
# UPDATE twice is harmless: the second run finds no legacy code left.


def upgrade() -> None:
    op.create_table(
        "players_jersey_size_backup",
        sa.Column("player_id", sa.Integer(), nullable=False),
        sa.Column("jersey_size", sa.String(length=16), nullable=False),
        sa.PrimaryKeyConstraint("player_id"),
    )
    op.execute(
        """
        INSERT INTO players_jersey_size_backup (player_id, jersey_size)
        SELECT id, jersey_size
          FROM players
         WHERE jersey_size IN ('YS', 'YM', 'YL', 'AS', 'AM', 'AL', 'AXL')
        """
    )
    op.execute(
        """
        UPDATE players
           SET jersey_size = CASE jersey_size
                   WHEN 'YS'  THEN 'youth_s'
                   WHEN 'YM'  THEN 'youth_m'
                   WHEN 'YL'  THEN 'youth_l'
                   WHEN 'AS'  THEN 'adult_s'
                   WHEN 'AM'  THEN 'adult_m'
                   WHEN 'AL'  THEN 'adult_l'
                   WHEN 'AXL' THEN 'adult_xl'
               END
         WHERE jersey_size IN ('YS', 'YM', 'YL', 'AS', 'AM', 'AL', 'AXL')
        """
    )


def downgrade() -> None:
    op.execute(
        """
        UPDATE players
           SET jersey_size = b.jersey_size
          FROM players_jersey_size_backup AS b
         WHERE b.player_id = players.id
        """
    )
    op.drop_table("players_jersey_size_backup")
