"""`backup restore FILE --to URL` from a desk that has no office of its own and no keyring."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.integration.test_backup_cli import courtsafe
from tests.integration.test_backup_support import empty_postgres_database


@pytest.fixture(scope="module")
def made_elsewhere(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(recovery key file, backup) of a small office made on another desk."""
    root = tmp_path_factory.mktemp("restore-elsewhere")
    data = root / "office"
    assert courtsafe(data, "demo", "--clients", "20", "--hearings", "60").returncode == 0
    key = root / "recovery-key.txt"
    setup = courtsafe(data, "backup", "recovery-kit", "--out", str(root / "kit.pdf"),
                      "--key-out", str(key))
    assert setup.returncode == 0, setup.stderr
    created = courtsafe(data, "backup", "create")
    assert created.returncode == 0, created.stderr
    return key, next((data / "backups").glob("courtsafe-*.age"))


@pytest.mark.postgres
def test_a_desk_without_an_office_moves_a_backup_to_a_server(
    made_elsewhere: tuple[Path, Path], postgres_url: str, tmp_path: Path
) -> None:
    key, backup = made_elsewhere
    desk = tmp_path / "new-desk"
    target = empty_postgres_database(postgres_url, "e_" + uuid.uuid4().hex[:12])
    result = courtsafe(desk, "backup", "restore", str(backup), "--to", target,
                       "--identity", str(key), "--yes")
    assert result.returncode == 0, result.stderr
    assert "Restored" in result.stdout and "Traceback" not in result.stderr
    assert not list(desk.glob("**/*.db"))  # no office was made on this desk
    engine = create_engine(target)
    try:
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM hearing")).scalar() == 60
    finally:
        engine.dispose()
    listed = courtsafe(desk, "--database", target, "clients", "list", "--limit", "1")
    assert listed.returncode == 0, listed.stderr


def test_a_desk_without_an_office_restores_into_a_new_file(
    made_elsewhere: tuple[Path, Path], tmp_path: Path
) -> None:
    key, backup = made_elsewhere
    desk = tmp_path / "new-desk"
    copy = tmp_path / "moved.db"
    result = courtsafe(desk, "backup", "restore", str(backup), "--to", f"sqlite:///{copy}",
                       "--identity", str(key), "--yes")
    assert result.returncode == 0, result.stderr
    assert copy.is_file() and not (desk / "courtsafe.db").exists()
    opened = courtsafe(desk, "--database", f"sqlite:///{copy}", "hearings", "list")
    assert opened.returncode == 0, opened.stderr


def test_without_the_recovery_key_it_says_what_is_needed(
    made_elsewhere: tuple[Path, Path], tmp_path: Path
) -> None:
    _, backup = made_elsewhere
    desk = tmp_path / "new-desk"
    result = courtsafe(desk, "backup", "restore", str(backup), "--to",
                       f"sqlite:///{tmp_path / 'x.db'}", "--yes")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "courtsafe:" in result.stderr
    assert not (tmp_path / "x.db").exists()
