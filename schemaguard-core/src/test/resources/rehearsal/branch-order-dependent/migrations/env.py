"""Reads its URL from LEAGUE_DSN and runs each revision in a transaction of its own."""
import os

from alembic import context
from sqlalchemy import create_engine

config = context.config
url = os.environ["LEAGUE_DSN"] if "LEAGUE_DSN" in os.environ else config.get_main_option("sqlalchemy.url")

with create_engine(url).connect() as connection:
    context.configure(connection=connection, target_metadata=None, transaction_per_migration=True)
    with context.begin_transaction():
        context.run_migrations()
