"""Backup folders: listing by name, retention, automatic backups, the verified-backup age."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from app.bootstrap import App
from app.domain.retention import RetentionPolicy
from app.services.backup import backup_time
from tests.conftest import FIXED_NOW
from tests.integration.test_backup_support import services


def _fake_backups(folder: Path, days: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for day in range(days):
        moment = FIXED_NOW - timedelta(days=day)
        path = folder / f"courtsafe-{moment:%Y-%m-%dT%H%M%SZ}.age"
        path.write_bytes(b"age-encryption.org/v1\n")
        made.append(path)
    return made


def test_prune_keeps_the_policy_and_touches_only_backup_files(
    sqlite_app: App, tmp_path: Path
) -> None:
    _, backups, _ = services(sqlite_app)
    folder = tmp_path / "drive"
    made = _fake_backups(folder, 60)
    other = folder / "courtsafe-notes.age"
    other.write_text("not a backup")
    mine = folder / "tax-return.pdf"
    mine.write_text("the office's own file")

    preview = backups.prune(folder, RetentionPolicy(daily=7, weekly=4, monthly=2), dry_run=True)
    assert all(path.exists() for path in made)
    assert len(preview.kept) + len(preview.deleted) == 60
    result = backups.prune(folder, RetentionPolicy(daily=7, weekly=4, monthly=2))
    assert result.deleted == preview.deleted and len(result.kept) <= 7 + 4 + 2
    assert made[0] in result.kept  # the newest is always kept
    assert other.exists() and mine.exists()
    assert sorted(p.path for p in backups.list_backups(folder)) == sorted(result.kept)


def test_names_of_one_second_sort_by_counter() -> None:
    first = backup_time(Path("courtsafe-2026-11-26T031500Z.age"))
    second = backup_time(Path("courtsafe-2026-11-26T031500Z-2.age"))
    assert first == datetime(2026, 11, 26, 3, 15, tzinfo=UTC)
    assert second is not None and first is not None and second > first
    assert backup_time(Path("courtsafe-2026-11-26T031500Z.age.partial")) is None


def test_automatic_backup_when_due_and_the_warning_age(sqlite_app: App) -> None:
    keys, backups, _ = services(sqlite_app)
    keys.set_up()
    assert backups.due(FIXED_NOW) and backups.days_since_last_verified() is None
    assert backups.create_if_due(FIXED_NOW) is not None
    assert not backups.due(FIXED_NOW + timedelta(hours=23))
    assert backups.create_if_due(FIXED_NOW + timedelta(hours=23)) is None
    assert backups.due(FIXED_NOW + timedelta(days=1))
    assert backups.days_since_last_verified() == 0
    status = backups.status()
    assert status.last_backup == status.last_verified and status.last_failure is None
    assert [entry.verified for entry in backups.history()] == [True]
