"""Backup settings: where backups go, whether they run on their own, how many are kept, and when
the Upcoming page starts warning. Folder, automatic and warning are this desk's; retention is
the office's (it decides which files in a shared folder are deleted)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from app.domain.retention import RetentionPolicy
from app.ui.context import UiContext
from app.ui.pages.backups_services import backup_folder


def ask_folder(parent: QWidget, start: str) -> Path | None:
    """The system's folder dialog (tests replace this function)."""
    chosen = QFileDialog.getExistingDirectory(parent, "Folder for backups", start)
    return Path(chosen) if chosen else None


def _spin(name: str, low: int, high: int, suffix: str, parent: QWidget) -> QSpinBox:
    spin = QSpinBox(parent)
    spin.setObjectName(name)
    spin.setRange(low, high)
    spin.setSuffix(suffix)
    spin.setAccessibleName(name)
    return spin


class BackupSettingsBox(QGroupBox):
    """`desk_changed` after this desk's settings were saved; `retention_changed(policy)` asks the
    page to store the office's retention."""

    desk_changed = Signal()
    retention_changed = Signal(object)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__("Settings", parent)
        self.ctx = ctx
        self.folder = QLineEdit(self)
        self.folder.setObjectName("backupFolder")
        self.folder.setAccessibleName("Backup folder")
        self.folder.setReadOnly(True)
        choose = QPushButton("Choose…", self)
        choose.setObjectName("chooseFolderButton")
        choose.setAccessibleName("Choose the backup folder")
        choose.clicked.connect(self.choose_folder)
        self.automatic = QCheckBox("Back up automatically: daily, and when CourtSafe closes", self)
        self.automatic.setObjectName("autoBackupCheck")
        self.daily = _spin("keepDaily", 0, 365, " daily", self)
        self.weekly = _spin("keepWeekly", 0, 520, " weekly", self)
        self.monthly = _spin("keepMonthly", 0, 1200, " monthly", self)
        self.warning_days = _spin("warningDays", 1, 365, " days", self)
        self.warning_days.setToolTip(
            "The Upcoming page warns when the last verified backup is older than this"
        )
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(choose)
        keep_row = QHBoxLayout()
        for spin in (self.daily, self.weekly, self.monthly):
            keep_row.addWidget(spin)
        keep_row.addStretch(1)
        form = QFormLayout(self)
        form.addRow("Folder:", folder_row)
        form.addRow("", self.automatic)
        form.addRow("Keep:", keep_row)
        warn_row = QHBoxLayout()
        warn_row.addWidget(self.warning_days)
        warn_row.addStretch(1)
        form.addRow("Warn after:", warn_row)
        self.show_desk_settings()
        self.automatic.toggled.connect(self._save_desk)
        self.warning_days.editingFinished.connect(self._save_desk)
        for spin in (self.daily, self.weekly, self.monthly):
            spin.editingFinished.connect(self._retention_edited)
        self._policy = RetentionPolicy()

    def show_desk_settings(self) -> None:
        settings = self.ctx.app.settings
        self.folder.setText(str(backup_folder(self.ctx.app)))
        self.folder.setToolTip(self.folder.text())
        for widget, value in ((self.automatic, settings.auto_backup),
                              (self.warning_days, settings.backup_warning_days)):
            widget.blockSignals(True)
            if isinstance(widget, QCheckBox):
                widget.setChecked(bool(value))
            else:
                widget.setValue(int(value))
            widget.blockSignals(False)

    def show_retention(self, policy: RetentionPolicy) -> None:
        self._policy = policy
        for spin, value in ((self.daily, policy.daily), (self.weekly, policy.weekly),
                            (self.monthly, policy.monthly)):
            spin.blockSignals(True)
            spin.setValue(value)
            spin.blockSignals(False)

    def choose_folder(self) -> None:
        path = ask_folder(self, self.folder.text())
        if path is None:
            return
        self.set_folder(path)

    def set_folder(self, path: Path) -> None:
        app = self.ctx.app
        app.save_settings(app.settings.with_changes(backup_folder=str(path)))
        self.show_desk_settings()
        self.desk_changed.emit()

    def _save_desk(self, *_args: object) -> None:
        app = self.ctx.app
        changed = app.settings.with_changes(
            auto_backup=self.automatic.isChecked(),
            backup_warning_days=self.warning_days.value(),
        )
        if changed != app.settings:
            app.save_settings(changed)
            self.desk_changed.emit()

    def _retention_edited(self) -> None:
        policy = RetentionPolicy(self.daily.value(), self.weekly.value(), self.monthly.value())
        if policy != self._policy:
            self._policy = policy
            self.retention_changed.emit(policy)
