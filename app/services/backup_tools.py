"""The three backup services built together from what the composition root knows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.security.secrets import SecretStore
from app.services.backup import BackupService
from app.services.backup_keys import BackupKeys
from app.services.backup_restore import RestoreService
from app.services.context import ServiceContext
from app.services.database import OpenedDatabase
from app.services.office import OfficeService


@dataclass(frozen=True)
class BackupTools:
    keys: BackupKeys
    backups: BackupService
    restore: RestoreService


def build_backup_tools(
    ctx: ServiceContext,
    office: OfficeService,
    secrets: SecretStore | None,
    database: OpenedDatabase,
    folder: Path,
    safety_copies: Path,
    clock: Callable[[], datetime],
) -> BackupTools:
    """Cheap to build (no I/O): callers build it again when the desk's backup folder changes."""
    keys = BackupKeys(office, secrets, clock)
    backups = BackupService(ctx, keys, folder)
    return BackupTools(keys, backups, RestoreService(backups, database, safety_copies))
