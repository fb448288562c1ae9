"""Backing up: write and verify a backup, keep its history, list, verify and prune backup folders.

A backup is one age file in a folder the office chooses (an external drive, a network share),
named by its UTC creation time (`courtsafe-2026-11-26T031500Z.age`), so a folder can be listed,
sorted and pruned without any key. Only files with that exact name pattern are ever deleted.
The history of every attempt (file, size, verified or not, what went wrong) lives in the
database, so the Backups page and the Upcoming warning read it without touching the drive.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select, update

from app.domain.retention import RetentionPolicy, plan_retention
from app.security.age_keys import AgeIdentity
from app.security.errors import BackupError
from app.services.backup_keys import BackupKeys
from app.services.context import ServiceContext
from app.services.office import OfficeService
from app.storage import migrations
from app.storage.backup_format import BackupResult, VerifiedBy, verify_backup, write_backup
from app.storage.backup_manifest import Manifest
from app.storage.models import BackupRecord, Base

BACKUP_NAME = re.compile(r"courtsafe-(\d{4}-\d{2}-\d{2}T\d{6}Z)(?:-(\d+))?\.age")
"""What `backup_file_name` writes, with the counter added for two backups in one second."""

RETENTION_SETTING = "backup.retention"
STALE_PARTIAL = timedelta(hours=1)
"""A `.partial` file this old is left over from an interrupted backup (a live one keeps writing)."""


class RecoveryKeyNeededError(BackupError):
    """No office key on this desk: checking or restoring a backup needs the recovery key."""


RECOVERY_KEY_NEEDED = (
    "This computer's keyring holds no office key that opens backups, so the recovery key is "
    "needed: give the recovery key file (--identity recovery-key.txt) or type the key from the "
    "recovery kit."
)


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    created_at: datetime
    file_name: str
    folder: str
    size: int
    verified: bool
    message: str

    @property
    def succeeded(self) -> bool:
        return bool(self.file_name)


@dataclass(frozen=True, slots=True)
class BackupFile:
    path: Path
    created_at: datetime
    size: int
    verified: bool | None
    """From the history: True/False when this desk's database recorded it, None if unknown."""


@dataclass(frozen=True, slots=True)
class BackupDescription:
    """What a backup holds, after a full verification: shown before a restore."""

    path: Path
    size: int
    created_at: datetime
    app_version: str
    schema_revision: str
    row_counts: tuple[tuple[str, int], ...]
    manifest: Manifest

    @property
    def total_rows(self) -> int:
        return sum(rows for _, rows in self.row_counts)

    def count(self, table: str) -> int:
        return dict(self.row_counts).get(table, 0)


@dataclass(frozen=True, slots=True)
class PruneResult:
    kept: tuple[Path, ...]
    deleted: tuple[Path, ...]
    dry_run: bool


@dataclass(frozen=True, slots=True)
class BackupStatus:
    last_backup: HistoryEntry | None
    last_verified: HistoryEntry | None
    last_failure: HistoryEntry | None
    """The newest failed attempt, when it is newer than the last success."""
    days_since_last_verified: int | None


def describe(path: Path, manifest: Manifest) -> BackupDescription:
    return BackupDescription(
        path=path,
        size=path.stat().st_size,
        created_at=manifest.created_at,
        app_version=manifest.app_version,
        schema_revision=manifest.schema_revision,
        row_counts=tuple((table.name, table.rows) for table in manifest.tables),
        manifest=manifest,
    )


def backup_time(path: Path) -> datetime | None:
    """The creation time a backup's file name carries, or None for any other file."""
    match = BACKUP_NAME.fullmatch(path.name)
    if match is None:
        return None
    moment = datetime.strptime(match.group(1), "%Y-%m-%dT%H%M%SZ").replace(tzinfo=UTC)
    # Backups of the same second sort by their counter (a microsecond apart, kept distinct).
    return moment + timedelta(microseconds=int(match.group(2) or 1) - 1)


class BackupService:
    def __init__(self, ctx: ServiceContext, keys: BackupKeys, default_folder: Path) -> None:
        self.ctx = ctx
        self.keys = keys
        self.default_folder = default_folder
        self._office = OfficeService(ctx)

    # -- writing --------------------------------------------------------------------------------

    def create(self, to_dir: Path | None = None) -> BackupResult:
        """Write a backup, verify it at once, record it; BackupError (recorded too) on failure."""
        folder = to_dir or self.default_folder
        recipients = self.keys.recipients()
        identities = self.keys.office_identities()
        engine = self.ctx.uow.engine
        revision = migrations.current_revision(engine)
        assert revision is not None, "an open database is always migrated"
        now = self.ctx.now()
        _remove_stale_partials(folder)
        try:
            result = write_backup(
                engine,
                Base.metadata,
                revision,
                recipients,
                folder,
                now,
                identity=identities[0] if identities else None,
            )
        except BackupError as exc:
            self._record(now, "", folder, 0, verified=False, message=str(exc))
            raise
        full = result.verified_by is VerifiedBy.DECRYPTION
        message = (
            "verified: decrypted and every part checked"
            if full
            else "read back and checked; no office key here to decrypt it (verify it with the "
            "recovery key)"
        )
        self._record(now, result.path.name, folder, result.size, verified=full, message=message)
        return result

    def due(self, now: datetime, interval: timedelta = timedelta(days=1)) -> bool:
        """True when no backup succeeded within `interval` before `now` (automatic backups)."""
        last = self.status().last_backup
        return last is None or now - last.created_at >= interval

    def create_if_due(
        self, now: datetime, interval: timedelta = timedelta(days=1), to_dir: Path | None = None
    ) -> BackupResult | None:
        """The automatic backup: back up when due, then prune the folder to the retention."""
        if not self.due(now, interval):
            return None
        result = self.create(to_dir)
        self.prune(to_dir)
        return result

    # -- reading --------------------------------------------------------------------------------

    def identities(self, given: Sequence[AgeIdentity] = ()) -> list[AgeIdentity]:
        """The keys to open backups with: those given (a recovery key), then the office keys."""
        found = [*given, *self.keys.office_identities()]
        if not found:
            raise RecoveryKeyNeededError(RECOVERY_KEY_NEEDED)
        return found

    def verify(self, path: Path, given: Sequence[AgeIdentity] = ()) -> BackupDescription:
        """Decrypt the whole file and check every part; marks it verified in the history."""
        description = describe(path, verify_backup(path, self.identities(given)))
        with self.ctx.uow.session() as session:
            session.execute(
                update(BackupRecord)
                .where(
                    BackupRecord.file_name == path.name,
                    BackupRecord.folder == str(path.parent.resolve()),
                )
                .values(verified=True, message=f"verified in full on {self.ctx.now():%Y-%m-%d}")
            )
        return description

    def list_backups(self, folder: Path | None = None) -> list[BackupFile]:
        """The backups in a folder, newest first, from their names (no key needed)."""
        folder = folder or self.default_folder
        if not folder.is_dir():
            return []
        verified = self._verified_by_name(folder)
        found: list[BackupFile] = []
        for path in folder.iterdir():
            moment = backup_time(path)
            if moment is None or not path.is_file():
                continue
            found.append(BackupFile(path, moment, path.stat().st_size, verified.get(path.name)))
        return sorted(found, key=lambda item: item.created_at, reverse=True)

    def history(self, limit: int = 50) -> list[HistoryEntry]:
        with self.ctx.uow.read() as session:
            rows = session.scalars(
                select(BackupRecord)
                .order_by(BackupRecord.created_at.desc(), BackupRecord.id.desc())
                .limit(limit)
            ).all()
            return [_entry(row) for row in rows]

    def status(self) -> BackupStatus:
        with self.ctx.uow.read() as session:
            newest = select(BackupRecord).order_by(
                BackupRecord.created_at.desc(), BackupRecord.id.desc()
            )
            last = session.scalars(newest.where(BackupRecord.file_name != "").limit(1)).first()
            verified = session.scalars(newest.where(BackupRecord.verified).limit(1)).first()
            attempt = session.scalars(newest.limit(1)).first()
            last_entry = _entry(last) if last else None
            verified_entry = _entry(verified) if verified else None
            failure = _entry(attempt) if attempt and not attempt.file_name else None
        days = (
            (self.ctx.now() - verified_entry.created_at).days if verified_entry else None
        )
        return BackupStatus(last_entry, verified_entry, failure, days)

    def days_since_last_verified(self) -> int | None:
        """Whole days since the newest fully verified backup; None when there is none."""
        return self.status().days_since_last_verified

    # -- pruning --------------------------------------------------------------------------------

    def retention(self) -> RetentionPolicy:
        stored = self._office.setting(RETENTION_SETTING)
        if not isinstance(stored, dict):
            return RetentionPolicy()
        return RetentionPolicy(**{k: int(v) for k, v in stored.items() if k in _POLICY_KEYS})

    def set_retention(self, policy: RetentionPolicy) -> None:
        self._office.set_setting(
            RETENTION_SETTING,
            {"daily": policy.daily, "weekly": policy.weekly, "monthly": policy.monthly},
        )

    def prune(
        self,
        folder: Path | None = None,
        policy: RetentionPolicy | None = None,
        *,
        dry_run: bool = False,
    ) -> PruneResult:
        """Delete the backups the retention policy does not keep (only CourtSafe backup files)."""
        folder = folder or self.default_folder
        backups = self.list_backups(folder)
        zone = self._office_zone()
        by_time = {item.created_at.astimezone(zone): item.path for item in backups}
        plan = plan_retention(by_time, policy or self.retention())
        deleted = tuple(by_time[moment] for moment in plan.prune)
        if not dry_run:
            for path in deleted:
                path.unlink(missing_ok=True)
            _remove_stale_partials(folder)
        return PruneResult(tuple(by_time[m] for m in plan.keep), deleted, dry_run)

    # -- helpers --------------------------------------------------------------------------------

    def _record(
        self, now: datetime, name: str, folder: Path, size: int, *, verified: bool, message: str
    ) -> None:
        with self.ctx.uow.session() as session:
            session.add(
                BackupRecord(
                    created_at=now,
                    file_name=name,
                    folder=str(folder.resolve()),
                    size_bytes=size,
                    verified=verified,
                    message=message[:2000],
                )
            )

    def _verified_by_name(self, folder: Path) -> dict[str, bool]:
        with self.ctx.uow.read() as session:
            rows = session.execute(
                select(BackupRecord.file_name, BackupRecord.verified).where(
                    BackupRecord.folder == str(folder.resolve()), BackupRecord.file_name != ""
                )
            ).all()
            return {name: bool(verified) for name, verified in rows}

    def _office_zone(self) -> ZoneInfo:
        office = self._office.get()
        try:
            return ZoneInfo(office.time_zone if office else "UTC")
        except (ZoneInfoNotFoundError, ValueError):
            return ZoneInfo("UTC")


_POLICY_KEYS = ("daily", "weekly", "monthly")


def _entry(row: BackupRecord) -> HistoryEntry:
    return HistoryEntry(
        row.created_at, row.file_name, row.folder, row.size_bytes, row.verified, row.message
    )


def _remove_stale_partials(folder: Path) -> None:
    """Temporary files of a backup that was killed part way (they hold only ciphertext)."""
    if not folder.is_dir():
        return
    cutoff = time.time() - STALE_PARTIAL.total_seconds()
    for path in folder.glob(".courtsafe-*.partial"):
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
        except OSError:
            continue
