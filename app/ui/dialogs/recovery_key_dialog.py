"""Asking for the recovery key when this desk's keyring cannot open a backup."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.security.age_keys import AgeIdentity, parse_identity_file_text
from app.security.errors import KeyFormatError
from app.ui.widgets.fields import ErrorLabel


class RecoveryKeyDialog(QDialog):
    """Paste the key from the recovery kit, or open the recovery key file."""

    def __init__(self, reason: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recoveryKeyDialog")
        self.setWindowTitle("Recovery key needed")
        self.identities: list[AgeIdentity] = []
        explain = QLabel(reason, self)
        explain.setWordWrap(True)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("recoveryKeyText")
        self.text.setAccessibleName("Recovery key")
        self.text.setPlaceholderText("AGE-SECRET-KEY-1…")
        self.text.setMaximumHeight(90)
        open_file = QPushButton("Open the key file…", self)
        open_file.setObjectName("openKeyFile")
        open_file.clicked.connect(self._open_file)
        self.error = ErrorLabel("recovery_key", self)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addWidget(self.text)
        layout.addWidget(open_file)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(520, 240)

    def _open_file(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, "Recovery key file", "", "Key files (*.txt)")
        if not chosen:
            return
        try:
            self.text.setPlainText(Path(chosen).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as error:
            self.error.show_problem(f"The file could not be read: {error}.")

    def accept(self) -> None:
        text = self.text.toPlainText().strip()
        try:
            self.identities = parse_identity_file_text(text.upper() if "#" not in text else text)
        except KeyFormatError as error:
            self.error.show_problem(str(error))
            return
        super().accept()
