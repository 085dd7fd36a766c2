"""Reads its URL from LEAGUE_DSN, runs each revision in a transaction of its own, and keeps its version in a table
of its own name (several Alembic environments can share one database that way)."""
import os

from alembic import context
from sqlalchemy import create_engine

config = context.config
url = os.environ["LEAGUE_DSN"] if "LEAGUE_DSN" in os.environ else config.get_main_option("sqlalchemy.url")

with create_engine(url).connect() as connection:
    context.configure(connection=connection, target_metadata=None, transaction_per_migration=True,
                      version_table="league_schema_version")
    with context.begin_transaction():
        context.run_migrations()
