"""Shared helpers of the backup tests (no tests here): services over an App, table snapshots."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import create_engine, text

from app.bootstrap import App
from app.services.backup import BackupService
from app.services.backup_keys import BackupKeys
from app.services.backup_restore import RestoreService
from app.services.database import resolve_key
from app.storage.engine import DatabaseKey, sqlite_path
from app.storage.models import Base


def services(app: App) -> tuple[BackupKeys, BackupService, RestoreService]:
    keys = BackupKeys(app.services.office, app.secrets, app.ctx.clock)
    backups = BackupService(app.ctx, keys, app.paths.backups_dir)
    return keys, backups, RestoreService(backups, app.database, app.paths.safety_copies_dir)


def live_key(app: App, passphrase: str | None = None) -> DatabaseKey:
    path = sqlite_path(app.database.url)
    assert path is not None
    key, _ = resolve_key(path, secrets=app.secrets, passphrase=passphrase)
    return key


def snapshot(engine: sa.Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, ordered by primary key, as the models' types read them.

    The audit event a restore adds about itself is left out: it is the one intended difference.
    """
    tables: dict[str, list[tuple[Any, ...]]] = {}
    with engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            query = sa.select(table).order_by(*table.primary_key.columns)
            if table.name == "audit_event":
                query = query.where(table.c.action != "restore")
            tables[table.name] = [tuple(row) for row in conn.execute(query)]
    return tables


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def settle(app: App) -> str:
    """Checkpoint the WAL into the file, then the file's digest: what 'unchanged' compares."""
    with app.database.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    app.database.engine.dispose()
    return file_digest(app.paths.database_file)


def empty_postgres_database(postgres_url: str, name: str) -> str:
    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name}"))
    admin.dispose()
    return postgres_url.replace("/postgres?", f"/{name}?")
