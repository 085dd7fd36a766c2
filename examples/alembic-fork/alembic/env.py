"""Alembic environment for league-api.

Reads the connection URL from LEAGUE_DATABASE_URL (falling back to the
sqlalchemy.url in alembic.ini) and runs every revision in its own
transaction, which is how the container entrypoint applies them on start-up.
"""
import os
from logging.config import fileConfig

from alembic import context
from sqlalchemy import engine_from_config, pool

config = context.config

if config.config_file_name is not None:
    fileConfig(config.config_file_name)

database_url = os.environ.get("LEAGUE_DATABASE_URL")
if database_url:
    config.set_main_option("sqlalchemy.url", database_url)

# The application models live in the league_api package, which is not part of
# this example; autogenerate is therefore disabled here.
target_metadata = None


def run_migrations_offline() -> None:
    """Emit the SQL of the migrations instead of running it (alembic upgrade --sql)."""
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
        transaction_per_migration=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    """Run the migrations against the configured database."""
    connectable = engine_from_config(
        config.get_section(config.config_ini_section, {}),
        prefix="sqlalchemy.",
        poolclass=pool.NullPool,
    )
    with connectable.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            transaction_per_migration=True,
        )
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
