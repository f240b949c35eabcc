"""Alembic environment: migrations run on the connection `api.db.Database.migrate` hands over."""
from alembic import context

from api.models import Base

connection = context.config.attributes.get("connection")
if connection is None:  # `alembic` run by hand: build the connection from the environment
    from api.db import Database
    from api.settings import Settings

    connection = Database(Settings.from_env()).engine.connect()

context.configure(connection=connection, target_metadata=Base.metadata,
                  render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
