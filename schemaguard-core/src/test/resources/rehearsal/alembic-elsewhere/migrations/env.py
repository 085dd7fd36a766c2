"""Always connects to the 'postgres' database of the configured server, whatever database the URL names."""
from alembic import context
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

url = make_url(context.config.get_main_option("sqlalchemy.url")).set(database="postgres")

with create_engine(url).connect() as connection:
    context.configure(connection=connection, target_metadata=None)
    with context.begin_transaction():
        context.run_migrations()
