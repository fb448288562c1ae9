"""Alembic environment: run in-process by app.storage.migrations with a live connection.

`render_as_batch` lets later revisions alter SQLite tables (copy-and-move) the same way as
PostgreSQL ones.
"""

from __future__ import annotations

from alembic import context

from app.storage.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("CourtSafe runs its migrations in-process: python -m app migrate")
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise RuntimeError("offline SQL generation is not supported")
run_migrations_online()
