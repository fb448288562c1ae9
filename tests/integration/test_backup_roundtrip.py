"""Backups of the real schema and demo data, restored in place, into PostgreSQL and back."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy import create_engine

from app.bootstrap import App, OpenOptions, open_app
from app.security.errors import RestoreTargetNotEmptyError
from app.services.backup import BACKUP_NAME
from app.services.demo import DemoService
from app.storage import migrations
from app.storage.backup_format import VerifiedBy
from app.storage.engine import DatabaseKey, open_engine, sqlite_url
from tests.conftest import fixed_clock, new_postgres_database
from tests.integration.test_backup_support import (
    empty_postgres_database,
    live_key,
    services,
    snapshot,
)


def test_sqlite_round_trip_replaces_the_live_file_with_every_row(sqlite_app: App) -> None:
    DemoService(sqlite_app.ctx).generate(30, 150)
    keys, backups, restorer = services(sqlite_app)
    keys.set_up()
    result = backups.create()
    assert result.verified_by is VerifiedBy.DECRYPTION
    assert BACKUP_NAME.fullmatch(result.path.name)
    before = snapshot(sqlite_app.database.engine)
    assert len(before["hearing"]) == 150

    with sqlite_app.database.engine.begin() as conn:  # data changed after the backup ...
        conn.exec_driver_sql("DELETE FROM hearing WHERE id > 100")
    description = restorer.inspect(result.path)
    assert description.count("hearing") == 150
    outcome = restorer.restore_here(
        result.path, database_key=live_key(sqlite_app), verified=description
    )

    assert snapshot(sqlite_app.database.engine) == before  # ... is back as it was
    assert outcome.safety_copy is not None and outcome.safety_copy.exists()
    with sqlite_app.database.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    assert migrations.current_revision(sqlite_app.database.engine) == migrations.head_revision()
    assert not list(sqlite_app.paths.data_dir.glob("*.restoring*"))
    # The history still lists the backup, and the app reopens the restored file from scratch.
    assert backups.status().last_verified is not None
    sqlite_app.close()
    again = open_app(OpenOptions(data_dir=sqlite_app.paths.data_dir, clock=fixed_clock))
    assert snapshot(again.database.engine) == before
    again.close()


def test_safety_copy_holds_the_data_as_it_was(sqlite_app: App) -> None:
    DemoService(sqlite_app.ctx).generate(30, 150)
    keys, backups, restorer = services(sqlite_app)
    keys.set_up()
    result = backups.create()
    with sqlite_app.database.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM hearing WHERE id > 100")
    changed = snapshot(sqlite_app.database.engine)
    key = live_key(sqlite_app)
    outcome = restorer.restore_here(result.path, database_key=key)
    assert outcome.safety_copy is not None
    copy = open_engine(sqlite_url(outcome.safety_copy), key)  # same key as the live file
    try:
        assert snapshot(copy)["hearing"] == changed["hearing"]
    finally:
        copy.dispose()


@pytest.mark.postgres
def test_postgres_to_a_new_postgres_database(
    postgres_url: str, postgres_template: str, tmp_path: Path
) -> None:
    source = new_postgres_database(postgres_url, postgres_template)
    app = open_app(OpenOptions(data_dir=tmp_path / "data", database_url=source,
                               clock=fixed_clock))
    DemoService(app.ctx).generate(30, 150)
    keys, backups, restorer = services(app)
    keys.set_up()
    result = backups.create()
    before = snapshot(app.database.engine)
    target = empty_postgres_database(postgres_url, "r_" + uuid.uuid4().hex[:12])
    outcome = restorer.restore_to(target, result.path)
    engine = create_engine(target)
    try:
        assert snapshot(engine) == before
        assert migrations.current_revision(engine) == migrations.head_revision()
        with engine.begin() as conn:  # sequences moved past the restored ids
            top = conn.exec_driver_sql("SELECT max(id) FROM hearing").scalar()
            assert conn.exec_driver_sql(
                "SELECT nextval(pg_get_serial_sequence('hearing', 'id'))"
            ).scalar() > top
    finally:
        engine.dispose()
    assert outcome.safety_copy is None
    assert "postgresql" in outcome.target
    app.close()


@pytest.mark.postgres
def test_sqlite_office_moves_to_a_postgres_server(
    sqlite_app: App, postgres_url: str, tmp_path: Path
) -> None:
    DemoService(sqlite_app.ctx).generate(30, 150)
    keys, backups, restorer = services(sqlite_app)
    keys.set_up()
    result = backups.create()
    before = snapshot(sqlite_app.database.engine)
    target = empty_postgres_database(postgres_url, "m_" + uuid.uuid4().hex[:12])
    restorer.restore_to(target, result.path)
    server = open_app(OpenOptions(data_dir=tmp_path / "desk2", database_url=target,
                                  clock=fixed_clock))
    try:
        assert snapshot(server.database.engine) == before
        # The server holds the same backup keys: the next backup from there opens alike.
        _, server_backups, _ = services(server)
        assert server_backups.keys.recipients() == keys.recipients()
    finally:
        server.close()


@pytest.mark.postgres
def test_restore_refuses_a_target_that_is_not_empty(
    sqlite_app: App, postgres_url: str, postgres_template: str
) -> None:
    keys, backups, restorer = services(sqlite_app)
    keys.set_up()
    result = backups.create()
    target = new_postgres_database(postgres_url, postgres_template)  # has the schema and data
    engine = create_engine(target)
    before = snapshot(engine)
    with pytest.raises(RestoreTargetNotEmptyError, match="new, empty database"):
        restorer.restore_to(target, result.path)
    assert snapshot(engine) == before
    engine.dispose()


def test_restore_into_a_new_sqlite_file(sqlite_app: App, tmp_path: Path) -> None:
    DemoService(sqlite_app.ctx).generate(30, 150)
    keys, backups, restorer = services(sqlite_app)
    keys.set_up()
    result = backups.create()
    before = snapshot(sqlite_app.database.engine)
    target = tmp_path / "copy.db"
    key = DatabaseKey.from_passphrase("a new file's passphrase")
    restorer.restore_to(f"sqlite:///{target}", result.path, database_key=key)
    copy = open_app(OpenOptions(data_dir=tmp_path / "d", database_url=f"sqlite:///{target}",
                                passphrase="a new file's passphrase"))
    try:
        assert snapshot(copy.database.engine) == before
    finally:
        copy.close()
    with pytest.raises(RestoreTargetNotEmptyError, match="already exists"):
        restorer.restore_to(f"sqlite:///{target}", result.path, database_key=key)


def test_older_schema_revision_restores_through_reflection(
    sqlite_app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A backup at an older revision loads into tables read from the database, not the models."""
    from app.services import backup_restore

    DemoService(sqlite_app.ctx).generate(30, 150)
    keys, backups, restorer = services(sqlite_app)
    keys.set_up()
    result = backups.create()
    before = snapshot(sqlite_app.database.engine)
    reflected: list[sa.MetaData] = []
    original = backup_restore._metadata_at

    def reflect_always(conn: sa.Connection, revision: str) -> sa.MetaData:
        metadata = sa.MetaData()
        metadata.reflect(conn)
        metadata.remove(metadata.tables["alembic_version"])
        reflected.append(metadata)
        return metadata

    monkeypatch.setattr(backup_restore, "_metadata_at", reflect_always)
    restorer.restore_here(result.path, database_key=live_key(sqlite_app))
    assert reflected and original is not reflect_always
    assert snapshot(sqlite_app.database.engine) == before
