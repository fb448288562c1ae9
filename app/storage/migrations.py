"""Alembic run in-process at start-up, after a safety copy of the SQLite file.

A database whose revision this CourtSafe does not know was written by a newer version: it is refused
with a clear message instead of being "upgraded" into something neither version understands.

A database already at the newest revision (every start but the first after an update) is
recognised with one query and imports no Alembic, which costs 130-150 ms of a start.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

from app.domain.errors import NewerSchemaError
from app.paths import migrations_dir

if TYPE_CHECKING:
    from alembic.config import Config

# The newest revision in db/versions; tests/unit/test_migrations_head.py checks it against Alembic.
HEAD_REVISION = "0003"
VERSION_TABLE = "alembic_version"


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    return HEAD_REVISION


def current_revision(engine: Engine) -> str | None:
    """The revision recorded in the database (Alembic's table), or None for an empty one."""
    with engine.connect() as connection:
        if not inspect(connection).has_table(VERSION_TABLE):
            return None
        rows = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).all()
    if len(rows) > 1:
        raise NewerSchemaError(
            "This database records several schema revisions at once; CourtSafe does not know "
            "how to open it. Nothing was changed."
        )
    return str(rows[0][0]) if rows else None


def check_not_newer(revision: str | None) -> None:
    if revision is None or revision == HEAD_REVISION:
        return
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(alembic_config())
    known = {script.revision for script in scripts.walk_revisions()}
    if revision not in known:
        raise NewerSchemaError(
            "This database was written by a newer version of CourtSafe "
            f"(schema {revision}). Install the newer version to open it; nothing was changed."
        )


def upgrade(engine: Engine, *, safety_copy_dir: Path | None = None) -> bool:
    """Bring the schema to head. Returns True when anything was applied."""
    revision = current_revision(engine)
    check_not_newer(revision)
    if revision == head_revision():
        return False
    if revision is not None and safety_copy_dir is not None:
        _safety_copy(engine, safety_copy_dir, revision)
    with engine.begin() as connection:
        upgrade_to(connection, "head")
    return True


def upgrade_to(connection: Connection, revision: str) -> None:
    """Apply the migrations up to `revision` in the connection's transaction."""
    from alembic import command

    command.upgrade(alembic_config(connection), revision)


def _safety_copy(engine: Engine, folder: Path, revision: str) -> Path | None:
    """An online snapshot of the SQLite file before migrating, encrypted as the original."""
    if engine.dialect.name != "sqlite" or not engine.url.database:
        return None
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = folder / f"before-migration-{revision}-{stamp}.db"
    partial = target.with_suffix(".partial")
    with engine.connect() as connection:
        raw = connection.connection.dbapi_connection
        assert raw is not None
        # VACUUM INTO keeps the SQLCipher key of the source connection.
        raw.execute("VACUUM INTO ?", (str(partial),))
    partial.replace(target)
    return target
