"""The Backups page's longer conversations: verify, restore and the recovery kit.

Each step that reads a backup or writes data runs on the task runner; the questions in between
are window-modal dialogs opened without blocking, so the window keeps painting and tests can
answer them like a person would.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.security.age_keys import AgeIdentity
from app.services.backup import BackupDescription, RecoveryKeyNeededError
from app.services.backup_keys import RecoveryKey
from app.services.backup_restore import RestoreOutcome
from app.services.database import open_database, resolve_key
from app.ui.context import UiContext
from app.ui.dialogs.recovery_key_dialog import RecoveryKeyDialog
from app.ui.dialogs.recovery_kit_dialog import RecoveryKitDialog
from app.ui.dialogs.restore_dialog import RestoreDialog
from app.ui.notifier import ALL
from app.ui.pages.backups_services import BACKUP, backup_folder, backup_tools, size_text

INFO_DIALOG = "backupInfoDialog"
Identities = Sequence[AgeIdentity]


def ask_backup_file(parent: QWidget, start: Path) -> Path | None:
    """The system's Open dialog (tests replace this function)."""
    chosen, _ = QFileDialog.getOpenFileName(
        parent, "Choose a backup", str(start), "CourtSafe backups (*.age);;All files (*)"
    )
    return Path(chosen) if chosen else None


def tell(parent: QWidget, title: str, text: str, *, warning: bool = False) -> QMessageBox:
    icon = QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName(INFO_DIALOG)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


class BackupFlows:
    """`busy(text)` / `idle()` tell the page to show or hide its progress bar."""

    def __init__(
        self,
        ctx: UiContext,
        parent: QWidget,
        busy: Callable[[str], None],
        idle: Callable[[], None],
    ) -> None:
        self.ctx = ctx
        self.parent = parent
        self.busy = busy
        self.idle = idle

    # -- shared ---------------------------------------------------------------------------
    def _run(self, label: str, work: Callable[[], Any], done: Callable[[Any], object],
             failed: Callable[[BaseException], None] | None = None) -> None:
        self.busy(label + "…")

        def finished(result: Any) -> None:
            self.idle()
            done(result)

        def error(problem: BaseException) -> None:
            self.idle()
            (failed or self._show_error)(problem)

        self.ctx.runner.run(work, finished, error, label=label, owner=self.parent)

    def _show_error(self, error: BaseException) -> None:
        self.ctx.show_error(self.parent, error)

    def _with_key(self, label: str, work: Callable[[Identities], Any],
                  done: Callable[[Any, Identities], object], given: Identities = ()) -> None:
        """Run `work(given)`; when only the recovery key can open the backup, ask for it."""

        def failed(error: BaseException) -> None:
            if isinstance(error, RecoveryKeyNeededError) and not given:
                self._ask_recovery_key(str(error), lambda keys: self._with_key(
                    label, work, done, keys))
            else:
                self._show_error(error)

        self._run(label, lambda: work(given), lambda result: done(result, given), failed)

    def _ask_recovery_key(self, reason: str, then: Callable[[Identities], None]) -> None:
        dialog = RecoveryKeyDialog(reason, self.parent)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.accepted.connect(lambda: then(list(dialog.identities)))
        dialog.finished.connect(lambda _code: dialog.deleteLater())
        dialog.open()

    def choose_backup(self) -> Path | None:
        return ask_backup_file(self.parent, backup_folder(self.ctx.app))

    # -- verify ---------------------------------------------------------------------------
    def verify(self, path: Path | None = None) -> None:
        path = path or self.choose_backup()
        if path is None:
            return
        backups = backup_tools(self.ctx.app).backups

        def done(description: BackupDescription, _given: Identities) -> None:
            self.ctx.notifier.data_changed(BACKUP)
            tell(self.parent, "Backup verified",
                 f"{path.name} is intact: it was decrypted and every part matches its "
                 f"checksum.\n\nMade {description.created_at.astimezone():%d %b %Y %H:%M} by "
                 f"CourtSafe {description.app_version}; {description.total_rows:,} records, "
                 f"{size_text(description.size)}.")

        self._with_key("Verifying the backup",
                       lambda given: backups.verify(path, given), done)

    # -- restore --------------------------------------------------------------------------
    def restore(self, path: Path | None = None) -> None:
        path = path or self.choose_backup()
        if path is None:
            return
        restorer = backup_tools(self.ctx.app).restore
        self._with_key(
            "Checking the backup",
            lambda given: restorer.inspect(path, given),
            lambda description, given: self._confirm_restore(path, description, given),
        )

    def _confirm_restore(self, path: Path, description: BackupDescription,
                         given: Identities) -> RestoreDialog:
        app = self.ctx.app
        dialog = RestoreDialog(
            description, str(app.paths.safety_copies_dir),
            needs_passphrase=app.database.key_source == "passphrase", parent=self.parent,
        )
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.accepted.connect(
            lambda: self._restore(path, description, given, dialog.passphrase())
        )
        dialog.finished.connect(lambda _code: dialog.deleteLater())
        dialog.open()
        return dialog

    def _restore(self, path: Path, description: BackupDescription, given: Identities,
                 passphrase: str | None) -> None:
        app = self.ctx.app
        restorer = backup_tools(app).restore

        def work() -> RestoreOutcome:
            key = None
            if app.database.encrypted and app.database.url.database:
                live = Path(app.database.url.database)
                if passphrase is not None:
                    # A mistyped passphrase would encrypt the restored file with a key nothing
                    # opens: prove it opens the live file first.
                    open_database(app.database.url, secrets=None, passphrase=passphrase,
                                  safety_copy_dir=None, migrate=False).close()
                    key, _ = resolve_key(live, secrets=None, passphrase=passphrase)
                else:
                    key, _ = resolve_key(live, secrets=app.secrets, passphrase=None)
            return restorer.restore_here(path, given, database_key=key, verified=description)

        def done(outcome: RestoreOutcome) -> None:
            rows = sum(count for _, count in outcome.row_counts)
            safety = (f"\n\nThe data as it was before is kept in {outcome.safety_copy}."
                      if outcome.safety_copy else "")
            tell(self.parent, "Backup restored",
                 f"Restored {rows:,} records from the backup made "
                 f"{description.created_at.astimezone():%d %b %Y %H:%M}.{safety}\n\n"
                 "Close CourtSafe and open it again to continue with the restored data.")
            self.ctx.forget_office()
            self.ctx.notifier.data_changed(ALL)

        self._run("Restoring the backup", work, done)

    # -- recovery kit ---------------------------------------------------------------------
    def recovery_kit(self) -> None:
        keys = backup_tools(self.ctx.app).keys
        status = keys.status()
        if not status.set_up:
            self._make_kit(rotating=False)
            return
        made = (f" on {status.recovery_created_on:%d %b %Y}"
                if status.recovery_created_on else "")
        box = QMessageBox(
            QMessageBox.Icon.Question, "Recovery kit",
            f"Backups are set up: the recovery key was made{made} and shown once then. "
            "CourtSafe does not keep it, so that kit cannot be printed again.\n\n"
            "If the kit is lost, make a new recovery key and print its kit. New backups use "
            "the new key; the old key still opens the backups made before.",
            QMessageBox.StandardButton.Cancel, self.parent,
        )
        box.setObjectName("rotateRecoveryDialog")
        make = box.addButton("Make a new recovery key…", QMessageBox.ButtonRole.AcceptRole)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(
            lambda button: self._make_kit(rotating=True) if button is make else None
        )
        box.open()

    def _make_kit(self, *, rotating: bool) -> None:
        keys = backup_tools(self.ctx.app).keys

        def work() -> tuple[RecoveryKey, bytes]:
            recovery = keys.new_recovery_key()
            return recovery, keys.recovery_kit_pdf(recovery)

        self._run("Making the recovery kit", work,
                  lambda made: self._show_kit(made[0], made[1], rotating))

    def _show_kit(self, recovery: RecoveryKey, pdf: bytes, rotating: bool) -> RecoveryKitDialog:
        dialog = RecoveryKitDialog(pdf, recovery, rotating=rotating, parent=self.parent)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.accepted.connect(lambda: self._use_key(recovery, rotating))
        dialog.finished.connect(lambda _code: dialog.deleteLater())
        dialog.open()
        return dialog

    def _use_key(self, recovery: RecoveryKey, rotating: bool) -> None:
        keys = backup_tools(self.ctx.app).keys

        def work() -> str:
            if rotating:
                keys.rotate_recovery_key(recovery)
                return ("New backups use the new recovery key; the old one still opens the "
                        "backups made before.")
            return keys.set_up(recovery).note

        def done(note: str) -> None:
            self.ctx.notifier.data_changed(BACKUP)
            tell(self.parent, "Recovery key in use", note)

        self._run("Setting up the keys", work, done)

