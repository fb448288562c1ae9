"""Alembic run in-process at start-up, after a safety copy of the SQLite file.

A database whose revision this CourtSafe does not know was written by a newer version: it is refused
with a clear message instead of being "upgraded" into something neither version understands.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

from app.domain.errors import NewerSchemaError
from app.paths import migrations_dir


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def check_not_newer(revision: str | None) -> None:
    if revision is None:
        return
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
        command.upgrade(alembic_config(connection), "head")
    return True


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
