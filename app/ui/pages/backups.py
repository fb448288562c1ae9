"""Backups: is the office's data safe right now, and in plain words why (not). Back up, verify,
restore, the recovery kit, the settings, and every attempt in the history."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.retention import RetentionPolicy
from app.services.backup import BackupStatus, HistoryEntry
from app.services.backup_keys import KeyStatus
from app.ui import notifier as entities
from app.ui.context import UiContext
from app.ui.models.row_table import Column, RowTableModel
from app.ui.pages.backups_flows import BackupFlows
from app.ui.pages.backups_services import BACKUP, backup_folder, backup_tools, size_text
from app.ui.pages.backups_settings import BackupSettingsBox
from app.ui.pages.base import Page
from app.ui.widgets.fields import error_color
from app.ui.widgets.tables import make_table


@dataclass(frozen=True)
class BackupsData:
    status: BackupStatus
    keys: KeyStatus
    history: list[HistoryEntry]
    retention: RetentionPolicy


def when_text(entry: HistoryEntry, zone: str) -> str:
    return f"{entry.created_at.astimezone(ZoneInfo(zone)):%a %d %b %Y, %H:%M}"


def verified_text(entry: HistoryEntry) -> str:
    if not entry.succeeded:
        return "Failed"
    return "Yes" if entry.verified else "Not yet"


class HistoryModel(RowTableModel):
    def __init__(self, parent: Any = None, zone: str = "UTC") -> None:
        self.zone = zone
        super().__init__(
            [
                Column("When", lambda e: when_text(e, self.zone), sort_key=lambda e: e.created_at),
                Column("File", lambda e: e.file_name or "—"),
                Column("Size", lambda e: size_text(e.size) if e.size else "",
                       sort_key=lambda e: e.size, align_right=True),
                Column("Verified", verified_text),
                Column("What happened", lambda e: e.message, tooltip=lambda e: e.message),
                Column("Folder", lambda e: e.folder, tooltip=lambda e: e.folder),
            ],
            parent,
        )


def ago(days: int) -> str:
    return "today" if days == 0 else "yesterday" if days == 1 else f"{days} days ago"


def status_lines(data: BackupsData, folder: Path, zone: str) -> list[tuple[str, str]]:
    status, keys = data.status, data.keys
    last = status.last_backup
    if last is None:
        backup = "None yet"
    else:
        state = ("verified: decrypted and every part checked" if last.verified
                 else "not verified in full yet")
        backup = f"{when_text(last, zone)} — {state}"
    verified = status.last_verified
    lines = [
        ("Last backup", backup),
        ("Size", size_text(last.size) if last else "—"),
        ("Location", str(Path(last.folder) / last.file_name) if last else str(folder)),
        ("Last verified",
         f"{when_text(verified, zone)} ({ago(status.days_since_last_verified or 0)})"
         if verified else "No verified backup yet"),
        ("Keys", f"Set up on {keys.recovery_created_on:%d %b %Y}" if keys.set_up
         and keys.recovery_created_on else "Set up" if keys.set_up
         else "Not set up: make the recovery kit first"),
        ("Keyring", "Available on this computer" if keys.keyring_available
         else "Not available: restoring will ask for the recovery key"),
    ]
    return lines


class BackupsPage(Page):
    key = "backups"
    title = "Backups"
    watches = (BACKUP, entities.OFFICE)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.flows = BackupFlows(ctx, self, self._busy, self._idle)
        self.data: BackupsData | None = None
        status_box = QGroupBox("Status", self)
        self.status_grid = QGridLayout()
        self.status_values: dict[str, QLabel] = {}
        for row, name in enumerate(("Last backup", "Size", "Location", "Last verified", "Keys",
                                    "Keyring")):
            title = QLabel(f"{name}:", status_box)
            value = QLabel("…", status_box)
            value.setObjectName("status" + name.replace(" ", ""))
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.status_grid.addWidget(title, row, 0, Qt.AlignmentFlag.AlignTop)
            self.status_grid.addWidget(value, row, 1)
            self.status_values[name] = value
        self.status_grid.setColumnStretch(1, 1)
        self.note = QLabel(status_box)
        self.note.setObjectName("keysNote")
        self.note.setWordWrap(True)
        self.failure = QLabel(status_box)
        self.failure.setObjectName("backupFailure")
        self.failure.setWordWrap(True)
        self.failure.setStyleSheet(f"color: {error_color(self)};")
        self.failure.hide()
        status_layout = QVBoxLayout(status_box)
        status_layout.addLayout(self.status_grid)
        status_layout.addWidget(self.note)
        status_layout.addWidget(self.failure)
        status_layout.addStretch(1)

        self.backup_button = QPushButton("Back up now", self)
        self.backup_button.setObjectName("backupNowButton")
        self.backup_button.clicked.connect(self.back_up_now)
        self.verify_button = QPushButton("Verify…", self)
        self.verify_button.setObjectName("verifyButton")
        self.verify_button.setAccessibleName("Verify a backup")
        self.verify_button.clicked.connect(lambda: self.flows.verify())
        self.restore_button = QPushButton("Restore…", self)
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.setAccessibleName("Restore a backup")
        self.restore_button.clicked.connect(lambda: self.flows.restore())
        self.kit_button = QPushButton("Recovery kit…", self)
        self.kit_button.setObjectName("recoveryKitButton")
        self.kit_button.clicked.connect(lambda: self.flows.recovery_kit())
        self.progress = QProgressBar(self)
        self.progress.setObjectName("backupProgress")
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(160)
        self.progress.hide()
        self.result = QLabel(self)
        self.result.setObjectName("backupResult")
        self.result.setWordWrap(True)
        actions = QHBoxLayout()
        for button in (self.backup_button, self.verify_button, self.restore_button,
                       self.kit_button):
            actions.addWidget(button)
        actions.addWidget(self.progress)
        actions.addWidget(self.result, 1)

        self.settings_box = BackupSettingsBox(ctx, self)
        self.settings_box.desk_changed.connect(self._desk_settings_changed)
        self.settings_box.retention_changed.connect(self._save_retention)

        history_box = QGroupBox("History", self)
        self.model = HistoryModel(self)
        self.table = make_table(self.model, "backupHistory", history_box,
                                widths=(190, 260, 80, 70, 300))
        QVBoxLayout(history_box).addWidget(self.table)

        top = QHBoxLayout()
        top.addWidget(status_box, 3)
        top.addWidget(self.settings_box, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(actions)
        layout.addWidget(history_box, 1)

    # -- loading --------------------------------------------------------------------------
    def refresh(self) -> None:
        tools = backup_tools(self.ctx.app)

        def load() -> BackupsData:
            return BackupsData(
                tools.backups.status(), tools.keys.status(), tools.backups.history(),
                tools.backups.retention(),
            )

        self.ctx.runner.run(load, self._show, key="backups", label="Loading backups",
                            owner=self)

    def _show(self, data: BackupsData) -> None:
        self.data = data
        zone = self.ctx.office_zone()
        self.model.zone = zone
        for name, text in status_lines(data, backup_folder(self.ctx.app), zone):
            self.status_values[name].setText(text)
        self.note.setText(data.keys.note)
        failure = data.status.last_failure
        self.failure.setVisible(failure is not None)
        if failure is not None:
            self.failure.setText(
                f"The last attempt ({when_text(failure, zone)}) failed: {failure.message}"
            )
        self.model.set_rows(data.history)
        self.settings_box.show_desk_settings()
        self.settings_box.show_retention(data.retention)
        self.loaded.emit()

    # -- actions --------------------------------------------------------------------------
    def _busy(self, text: str) -> None:
        self.progress.show()
        self.result.setText(text)
        for button in (self.backup_button, self.verify_button, self.restore_button,
                       self.kit_button):
            button.setEnabled(False)

    def _idle(self) -> None:
        self.progress.hide()
        self.result.setText("")
        for button in (self.backup_button, self.verify_button, self.restore_button,
                       self.kit_button):
            button.setEnabled(True)

    def back_up_now(self) -> None:
        backups = backup_tools(self.ctx.app).backups
        self._busy("Backing up…")

        def done(result: Any) -> None:
            self._idle()
            full = result.verified_by.name == "DECRYPTION"
            self.result.setText(
                f"Backup written: {result.path.name} ({size_text(result.size)}, "
                f"{result.manifest.total_rows:,} records). "
                + ("Verified: decrypted and every part checked." if full
                   else "Read back and checked; verify it in full with the recovery key.")
            )
            self.ctx.notifier.data_changed(BACKUP)

        def failed(error: BaseException) -> None:
            self._idle()
            self.ctx.notifier.data_changed(BACKUP)  # the failure is in the history now
            self.ctx.show_error(self, error)

        self.ctx.runner.run(backups.create, done, failed, key="backup.create",
                            label="Backing up", owner=self)

    def _desk_settings_changed(self) -> None:
        self.ctx.notifier.data_changed(BACKUP)

    def _save_retention(self, policy: RetentionPolicy) -> None:
        backups = backup_tools(self.ctx.app).backups

        def done(_result: object) -> None:
            self.result.setText(
                f"Keeping {policy.daily} daily, {policy.weekly} weekly and {policy.monthly} "
                "monthly backups."
            )

        self.ctx.runner.run(lambda: backups.set_retention(policy), done,
                            lambda e: self.ctx.show_error(self, e), label="Saving", owner=self)
