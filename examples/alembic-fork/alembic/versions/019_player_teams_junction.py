"""player teams junction

Revision ID: 019
Revises: 018
Create Date: 2026-03-09 21:04:55.120311

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = "019"
down_revision: Union[str, None] = "018"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    # A player can now play on several teams (a club team and a school team).
    op.create_table(
        "player_teams",
        sa.Column("player_id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.ForeignKeyConstraint(["player_id"], ["players.id"], name="fk_player_teams_player_id_players", ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["team_id"], ["teams.id"], name="fk_player_teams_team_id_teams", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("player_id", "team_id"),
    )
    op.create_index("ix_player_teams_team_id", "player_teams", ["team_id"])

    op.execute(
        "INSERT INTO player_teams (player_id, team_id) "
        "SELECT id, team_id FROM players WHERE team_id IS NOT NULL"
    )

    op.drop_index("ix_players_team_id", table_name="players")
    op.drop_constraint("fk_players_team_id_teams", "players", type_="foreignkey")
    op.drop_column("players", "team_id")


def downgrade() -> None:
    op.add_column("players", sa.Column("team_id", sa.Integer(), nullable=True))
    op.create_foreign_key(
        "fk_players_team_id_teams", "players", "teams",
        ["team_id"], ["id"], ondelete="SET NULL",
    )
    op.create_index("ix_players_team_id", "players", ["team_id"])

    # A player on several teams keeps the lowest team id: players.team_id
    # cannot hold more than one.
    op.execute(
        "UPDATE players SET team_id = pt.team_id "
        "FROM (SELECT player_id, min(team_id) AS team_id FROM player_teams GROUP BY player_id) AS pt "
        "WHERE pt.player_id = players.id"
    )

    op.drop_index("ix_player_teams_team_id", table_name="player_teams")
    op.drop_table("player_teams")
