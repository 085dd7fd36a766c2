"""add team model

Revision ID: 008
Revises: 007
Create Date: 2025-10-09 21:18:37.275530

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql


# revision identifiers, used by Alembic.
revision = '008'
down_revision = '007'
branch_labels = None
depends_on = None


def upgrade():
    # SchemaGuard example -- this reproduces the "non-idempotent division enum
    # in 008" incident. The `division` type already exists: revision
    # e09c9e678004 created it for players.division. A plain CREATE TYPE
    # therefore fails with
    #   psycopg2.errors.DuplicateObject: type "division" already exists
    # on every database at 007, and a container that runs `alembic upgrade head`
    # on start-up crash-loops. Test suites that build a fresh database from the
    # models never run this statement, so they stay green.
    # `schemaguard lint` reports unguarded-create-type (error) on the next line;
    # the fix is to drop it, or to wrap it in
    #   DO $$ BEGIN CREATE TYPE ...; EXCEPTION WHEN duplicate_object THEN null; END $$;
    op.execute("CREATE TYPE division AS ENUM ('boys', 'girls')")
    # agegroup is new here, so its plain CREATE TYPE succeeds on a database at
    # 007 (it is still not safe to run twice).
    op.execute("CREATE TYPE agegroup AS ENUM ('u10', 'u12', 'u14', 'u16', 'u18')")

    op.create_table(
        'teams',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('tenant_id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=200), nullable=False),
        sa.Column('division', postgresql.ENUM('boys', 'girls', name='division', create_type=False), nullable=False),
        sa.Column('age_group', postgresql.ENUM('u10', 'u12', 'u14', 'u16', 'u18', name='agegroup', create_type=False), nullable=False),
        sa.Column('coach_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name='fk_teams_tenant_id_tenants', ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['coach_id'], ['coaches.id'], name='fk_teams_coach_id_coaches', ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_teams_tenant_id', 'teams', ['tenant_id'])
    op.create_index('ix_teams_coach_id', 'teams', ['coach_id'])

    # Each player plays on at most one team (replaced by player_teams in 019).
    op.add_column('players', sa.Column('team_id', sa.Integer(), nullable=True))
    op.create_foreign_key(
        'fk_players_team_id_teams', 'players', 'teams',
        ['team_id'], ['id'], ondelete='SET NULL',
    )


def downgrade():
    op.drop_constraint('fk_players_team_id_teams', 'players', type_='foreignkey')
    op.drop_column('players', 'team_id')
    op.drop_index('ix_teams_coach_id', table_name='teams')
    op.drop_index('ix_teams_tenant_id', table_name='teams')
    op.drop_table('teams')
    op.execute("DROP TYPE agegroup")
    # `division` is left in place: it belongs to e09c9e678004 (players.division
    # still uses it), whose downgrade drops it.
