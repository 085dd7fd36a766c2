"""Reads its URL from SHOP_DSN, as the shop's container does, and runs all pending revisions in one transaction."""
import os

from alembic import context
from sqlalchemy import create_engine

config = context.config
url = os.environ["SHOP_DSN"] if "SHOP_DSN" in os.environ else config.get_main_option("sqlalchemy.url")

with create_engine(url).connect() as connection:
    context.configure(connection=connection, target_metadata=None)
    with context.begin_transaction():
        context.run_migrations()
