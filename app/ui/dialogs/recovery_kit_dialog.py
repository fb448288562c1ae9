"""The recovery kit, shown once: the key is put in use only after the kit was saved or printed,
so a kit that never reached paper never leaves backups nobody can open."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import UserError
from app.services.atomic_files import write_atomically
from app.services.backup_keys import RecoveryKey
from app.ui.errors import show_user_error
from app.ui.theme import banner_style
from app.ui.widgets.pdf_preview import PdfPreview


def ask_key_file_path(parent: QWidget) -> Path | None:
    """The system's Save dialog for the key file (tests replace this function)."""
    chosen, _ = QFileDialog.getSaveFileName(
        parent,
        "Save the recovery key file",
        str(Path.home() / "recovery-key.txt"),
        "Key files (*.txt)",
    )
    return Path(chosen) if chosen else None


class RecoveryKitDialog(QDialog):
    def __init__(
        self, pdf: bytes, recovery: RecoveryKey, *, rotating: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("recoveryKitDialog")
        self.setWindowTitle("New recovery key" if rotating else "Set up backups: recovery kit")
        self.recovery = recovery
        warning = QLabel(
            "This recovery key is shown ONCE. CourtSafe does not keep it and cannot show it "
            "again. Print the kit or save it now, keep the paper somewhere safe away from this "
            "computer (e.g. the office safe), and delete any saved copy from this computer. "
            "Anyone holding the key can open the backups; without it, a backup cannot be "
            "restored on another computer."
            + (
                " The old recovery key still opens the backups made before today."
                if rotating
                else ""
            ),
            self,
        )
        warning.setObjectName("recoveryWarning")
        warning.setWordWrap(True)
        warning.setStyleSheet(banner_style(self))
        self.preview = PdfPreview(self, name="courtsafe-recovery-kit")
        self.preview.show_pdf(pdf, "Recovery kit", "courtsafe-recovery-kit.pdf")
        self.preview.saved.connect(lambda _path: self._kept())
        self.preview.print_button.clicked.disconnect()
        self.preview.print_button.clicked.connect(self._print)
        key_button = QPushButton("Save key file…", self)
        key_button.setObjectName("saveKeyFileButton")
        key_button.setToolTip("The key as an age identity file, for `age -d -i recovery-key.txt`")
        key_button.clicked.connect(self.save_key_file)
        self.confirm = QCheckBox("I have printed or saved the recovery kit", self)
        self.confirm.setObjectName("kitKeptCheck")
        buttons = QDialogButtonBox(self)
        self.use_button = buttons.addButton(
            "Start using this key", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.use_button.setObjectName("useRecoveryKeyButton")
        self.use_button.setEnabled(False)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.confirm.toggled.connect(self.use_button.setEnabled)
        layout = QVBoxLayout(self)
        layout.addWidget(warning)
        layout.addWidget(self.preview, 1)
        row = QHBoxLayout()
        row.addWidget(key_button)
        row.addStretch(1)
        row.addWidget(self.confirm)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.resize(760, 760)

    def _kept(self) -> None:
        self.confirm.setChecked(True)

    def _print(self) -> None:
        if self.preview.print_document():
            self._kept()

    def save_key_file(self) -> Path | None:
        path = ask_key_file_path(self)
        if path is None:
            return None
        try:
            write_atomically(path, self.recovery.file_text().encode("ascii"))
        except UserError as error:
            show_user_error(self, error)
            return None
        self._kept()
        return path
