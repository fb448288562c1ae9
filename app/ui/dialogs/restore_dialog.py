"""Before a restore: what the backup holds, what will happen to the data here, and a clear
choice. Nothing is changed unless the person presses "Replace my data"."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.services.backup import BackupDescription
from app.ui.formatting import when_local
from app.ui.pages.backups_services import size_text
from app.ui.theme import banner_style
from app.ui.widgets.fields import ErrorLabel

SHOWN_TABLES = (
    ("client", "Clients"),
    ("legal_case", "Cases"),
    ("hearing", "Hearings"),
    ("enforcement_incident", "Incidents"),
    ("letter", "Letters"),
)


def description_html(description: BackupDescription) -> str:
    rows = [
        ("Made", when_local(description.created_at.astimezone())),
        ("By", f"CourtSafe {description.app_version}"),
        ("File", f"{description.path.name} ({size_text(description.size)})"),
    ]
    rows += [(title, f"{description.count(table):,}") for table, title in SHOWN_TABLES]
    rows.append(("All records", f"{description.total_rows:,}"))
    cells = "".join(
        f"<tr><td style='padding-right:16px'><b>{escape(k)}</b></td><td>{escape(v)}</td></tr>"
        for k, v in rows
    )
    return f"<table>{cells}</table>"


class RestoreDialog(QDialog):
    """`passphrase()` is asked for only when this desk's database is opened with one."""

    def __init__(
        self,
        description: BackupDescription,
        safety_folder: str,
        *,
        needs_passphrase: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("restoreDialog")
        self.setWindowTitle("Restore this backup?")
        intact = QLabel("The backup is intact: every part matches its checksum. It holds:", self)
        intact.setWordWrap(True)
        details = QLabel(description_html(description), self)
        details.setObjectName("restoreDetails")
        details.setTextFormat(Qt.TextFormat.RichText)
        warning = QLabel(
            "Restoring replaces ALL the data on this desk with the data in this backup. "
            "Anything entered after the backup was made will no longer be in CourtSafe. "
            f"The data as it is now is kept as a safety copy in {safety_folder}.\n\n"
            "After the restore, close CourtSafe and open it again.",
            self,
        )
        warning.setObjectName("restoreWarning")
        warning.setWordWrap(True)
        warning.setStyleSheet(banner_style(self))
        self.passphrase_edit = QLineEdit(self)
        self.passphrase_edit.setObjectName("restorePassphrase")
        self.passphrase_edit.setAccessibleName("Database passphrase")
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = ErrorLabel("passphrase", self)
        buttons = QDialogButtonBox(self)
        self.restore_button = buttons.addButton(
            "Replace my data", QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.restore_button.setObjectName("confirmRestoreButton")
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setDefault(True)
        self.restore_button.clicked.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intact)
        layout.addWidget(details)
        layout.addWidget(warning)
        if needs_passphrase:
            form = QFormLayout()
            form.addRow("This desk's database passphrase:", self.passphrase_edit)
            layout.addLayout(form)
            layout.addWidget(self.error)
        else:
            self.passphrase_edit.hide()
        layout.addWidget(buttons)
        self._needs_passphrase = needs_passphrase
        self.resize(520, 0)

    def passphrase(self) -> str | None:
        return self.passphrase_edit.text() if self._needs_passphrase else None

    def accept(self) -> None:
        if self._needs_passphrase and not self.passphrase_edit.text():
            self.error.show_problem("The restored data is encrypted with this passphrase.")
            return
        super().accept()
