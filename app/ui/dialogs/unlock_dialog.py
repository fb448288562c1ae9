"""Unlock the database with its passphrase, or choose one for a new database.

Shown when this computer has no keyring to hold the key. It says plainly that a lost passphrase
means lost data: there is no reset and no back door.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.ui.widgets.fields import ErrorLabel

MIN_LENGTH = 10
WARNING = (
    "<b>Keep this passphrase safe.</b> CourtSafe encrypts the office's data with it. If it is "
    "lost, the data cannot be recovered by anyone — not by CourtSafe, not by IT. Write it down "
    "and keep it with the backup recovery key."
)


class UnlockDialog(QDialog):
    def __init__(self, *, new: bool, problem: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.new = new
        self.setObjectName("unlockDialog")
        self.setWindowTitle("Choose a passphrase" if new else "Unlock CourtSafe")
        self.setMinimumWidth(480)
        intro = QLabel(
            "This computer has no secure keyring, so the database is protected with a "
            "passphrase. Choose one now; you will type it each time CourtSafe starts."
            if new
            else "Type the passphrase that protects this office's database.",
            self,
        )
        intro.setWordWrap(True)
        warning = QLabel(WARNING, self)
        warning.setObjectName("passphraseWarning")
        warning.setWordWrap(True)
        self.passphrase = QLineEdit(self)
        self.passphrase.setObjectName("passphraseField")
        self.passphrase.setAccessibleName("Passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm = QLineEdit(self)
        self.confirm.setObjectName("confirmField")
        self.confirm.setAccessibleName("Passphrase again")
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = ErrorLabel("passphrase", self)
        self.error.show_problem(problem)
        form = QFormLayout()
        form.addRow("Passphrase:", self.passphrase)
        if new:
            form.addRow("Again:", self.confirm)
        else:
            self.confirm.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            "Create database" if new else "Unlock"
        )
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(warning)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def value(self) -> str:
        return self.passphrase.text()

    def _check(self) -> None:
        text = self.passphrase.text()
        if not text:
            self.error.show_problem("type the passphrase")
            return
        if self.new and len(text) < MIN_LENGTH:
            self.error.show_problem(f"use at least {MIN_LENGTH} characters; a short sentence works")
            return
        if self.new and text != self.confirm.text():
            self.error.show_problem("the two passphrases differ")
            return
        self.accept()
