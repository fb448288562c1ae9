"""Client data at rest is readable by this user only: folder 0700, every file in it 0600.

Each test starts with the common umask 0o022, under which files would otherwise be 0644 and
readable by every account on a shared desk.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Connection

from app.bootstrap import OpenOptions, open_app
from app.paths import AppPaths
from app.services.atomic_files import write_atomically
from app.services.clients import ClientInput
from app.storage import migrations
from tests.conftest import fixed_clock

HEAD = migrations.HEAD_REVISION


@pytest.fixture(autouse=True)
def loose_umask() -> Iterator[None]:
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def _loose_entries(root: Path) -> list[str]:
    """Every folder not 0700 and every file not 0600 under `root`, as 'path mode'."""
    found = []
    for folder, subfolders, files in os.walk(root):
        for name in subfolders:
            mode = stat.S_IMODE((Path(folder) / name).stat().st_mode)
            if mode != 0o700:
                found.append(f"{Path(folder, name).relative_to(root)}/ {mode:o}")
        for name in files:
            mode = stat.S_IMODE((Path(folder) / name).stat().st_mode)
            if mode != 0o600:
                found.append(f"{Path(folder, name).relative_to(root)} {mode:o}")
    return found


def test_new_office_folder_and_every_file_in_it_are_private(tmp_path: Path) -> None:
    data = tmp_path / "office"
    app = open_app(OpenOptions(data_dir=data, clock=fixed_clock, actor="tester"))
    try:
        app.services.clients.create(ClientInput(given_name="Ana", family_name="Lopez"))
        app.save_settings(app.settings)
        tools = app.backup_tools()
        tools.keys.set_up()
        backup = tools.backups.create()
        assert backup.path.parent == app.paths.backups_dir
        write_atomically(data / "clients.csv", b"name\nLopez\n")
        (app.paths.log_dir / "courtsafe.log").write_text("started\n", encoding="utf-8")
        assert (data / "courtsafe.db-wal").exists()  # checked while the WAL is there
        assert stat.S_IMODE(data.stat().st_mode) == 0o700
        assert _loose_entries(data) == []
    finally:
        app.close()
    assert _loose_entries(data) == []


def test_safety_copy_made_before_a_migration_is_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "office"
    app = open_app(OpenOptions(data_dir=data, clock=fixed_clock, actor="tester"))
    with app.database.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '0002'")
    app.close()

    def pretend_upgrade(connection: Connection, revision: str) -> None:
        connection.exec_driver_sql(f"UPDATE alembic_version SET version_num = '{HEAD}'")

    monkeypatch.setattr(migrations, "upgrade_to", pretend_upgrade)
    os.umask(0o022)
    reopened = open_app(OpenOptions(data_dir=data, clock=fixed_clock, actor="tester"))
    reopened.close()
    copies = list((data / "safety-copies").glob("before-migration-*.db"))
    assert copies
    assert _loose_entries(data) == []


def test_folder_and_files_of_an_older_version_are_tightened_on_start(tmp_path: Path) -> None:
    data = tmp_path / "office"
    app = open_app(OpenOptions(data_dir=data, clock=fixed_clock, actor="tester"))
    app.save_settings(app.settings)
    app.close()
    os.umask(0o022)
    for folder, _subfolders, files in os.walk(data):
        Path(folder).chmod(0o755)
        for name in files:
            (Path(folder) / name).chmod(0o644)
    backups = AppPaths.under(data).backups_dir
    backups.mkdir(mode=0o755, exist_ok=True)
    (backups / "office-2026-01-01.courtsafe-backup").write_bytes(b"age")
    (backups / "office-2026-01-01.courtsafe-backup").chmod(0o644)

    reopened = open_app(OpenOptions(data_dir=data, clock=fixed_clock, actor="tester"))
    try:
        assert _loose_entries(data) == []
        assert stat.S_IMODE(data.stat().st_mode) == 0o700
    finally:
        reopened.close()
