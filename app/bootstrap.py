"""The composition root: settings, secret store, database and services, wired once and passed in.

Nothing here runs at import time; the CLI, the GUI and the tests each call `open_app` with what
they know (a data folder, a database URL, a passphrase) and get one `App` back.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.engine import URL

from app import settings as desk_settings
from app.domain.errors import UserError
from app.domain.risk_rules import RuleSet, load_rules
from app.paths import AppPaths, use_private_umask
from app.security.secrets import SecretStore
from app.services.calendar_export import CalendarExportService
from app.services.cases import CaseService
from app.services.clients import ClientService
from app.services.conflicts import ConflictService
from app.services.context import ServiceContext, utc_now
from app.services.courthouses import CourthouseService
from app.services.csv_export import CsvExportService
from app.services.csv_import import ImportService
from app.services.database import OpenedDatabase, open_database, secret_store_or_none
from app.services.hearings import HearingService
from app.services.incidents import IncidentService
from app.services.office import OfficeService
from app.services.reference_data import ReferenceDataService
from app.services.risk import RiskService
from app.services.staff import StaffService
from app.settings import DeskSettings
from app.storage.engine import parse_database_url, sqlite_url
from app.storage.unit_of_work import UnitOfWork

if TYPE_CHECKING:
    from app.services.backup_tools import BackupTools

ENV_DATABASE = "COURTSAFE_DATABASE_URL"
ENV_PASSPHRASE = "COURTSAFE_PASSPHRASE"


@dataclass
class Services:
    clients: ClientService
    cases: CaseService
    hearings: HearingService
    courthouses: CourthouseService
    incidents: IncidentService
    staff: StaffService
    office: OfficeService
    reference: ReferenceDataService
    risk: RiskService
    conflicts: ConflictService
    calendar: CalendarExportService
    csv_import: ImportService
    csv_export: CsvExportService

    @classmethod
    def build(cls, ctx: ServiceContext, rules: Callable[[], RuleSet]) -> Services:
        risk = RiskService(ctx, rules)
        return cls(
            clients=ClientService(ctx),
            cases=CaseService(ctx),
            hearings=HearingService(ctx),
            courthouses=CourthouseService(ctx),
            incidents=IncidentService(ctx),
            staff=StaffService(ctx),
            office=OfficeService(ctx),
            reference=ReferenceDataService(ctx),
            risk=risk,
            conflicts=ConflictService(ctx),
            calendar=CalendarExportService(ctx, risk),
            csv_import=ImportService(ctx),
            csv_export=CsvExportService(ctx),
        )


@dataclass
class App:
    paths: AppPaths
    settings: DeskSettings
    database: OpenedDatabase
    secrets: SecretStore | None
    ctx: ServiceContext
    services: Services
    extras: dict[str, object] = field(default_factory=dict)

    def save_settings(self, settings: DeskSettings) -> None:
        self.settings = settings
        desk_settings.save(self.paths.config_dir / "settings.json", settings)

    def backup_folder(self) -> Path:
        chosen = self.settings.backup_folder
        return Path(chosen) if chosen else self.paths.backups_dir

    def backup_tools(self) -> BackupTools:
        from app.services.backup_tools import build_backup_tools  # not needed to start

        return build_backup_tools(
            self.ctx,
            self.services.office,
            self.secrets,
            self.database,
            self.backup_folder(),
            self.paths.safety_copies_dir,
            self.ctx.clock,
        )

    def close(self) -> None:
        self.database.close()


@dataclass(frozen=True)
class OpenOptions:
    data_dir: Path | None = None
    database_url: str | None = None
    passphrase: str | None = None
    passphrase_file: Path | None = None
    actor: str | None = None
    clock: Callable[[], datetime] = utc_now
    secret_store: Callable[[], SecretStore] = SecretStore.from_system
    migrate: bool = True
    create: bool = True  # False: a missing database is an error, not a new office


def resolve_paths(options: OpenOptions) -> AppPaths:
    return AppPaths.under(options.data_dir) if options.data_dir else AppPaths.default()


def resolve_url(options: OpenOptions, paths: AppPaths, settings: DeskSettings) -> URL:
    text = options.database_url or os.environ.get(ENV_DATABASE) or settings.database_url
    if text:
        return parse_database_url(text)
    return sqlite_url(paths.database_file)


def resolve_passphrase(options: OpenOptions) -> str | None:
    if options.passphrase:
        return options.passphrase
    if options.passphrase_file is not None:
        try:
            text = options.passphrase_file.read_text(encoding="utf-8")
        except OSError as error:
            raise UserError(
                f"The passphrase file {options.passphrase_file} could not be read: "
                f"{error.strerror}."
            ) from None
        passphrase = text.rstrip("\r\n")
        if not passphrase:
            raise UserError(f"The passphrase file {options.passphrase_file} is empty.")
        return passphrase
    return os.environ.get(ENV_PASSPHRASE) or None


def open_app(options: OpenOptions) -> App:
    use_private_umask()  # before the first file: SQLite makes the WAL and -shm files itself
    paths = resolve_paths(options)
    paths.ensure()
    settings = desk_settings.load(paths.config_dir / "settings.json")
    url = resolve_url(options, paths, settings)
    secrets = secret_store_or_none(options.secret_store)
    database = open_database(
        url,
        secrets=secrets,
        passphrase=resolve_passphrase(options),
        safety_copy_dir=paths.safety_copies_dir,
        migrate=options.migrate,
        create=options.create,
    )
    actor = options.actor or settings.staff_name or os.environ.get("USER") or "staff"
    ctx = ServiceContext(UnitOfWork(database.engine), actor=actor, clock=options.clock)
    services = Services.build(ctx, cache(load_rules))
    if options.migrate:
        services.reference.refresh()
    return App(paths, settings, database, secrets, ctx, services)
