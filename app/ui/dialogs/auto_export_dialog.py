"""File → Keep a calendar file up to date: choose the .ics file CourtSafe rewrites after every
change, or stop. A calendar app subscribed to that file then follows the office's hearings."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.calendar_auto_export import CalendarAutoExport
from app.ui.dialogs.calendar_export_dialog import with_suffix
from app.ui.theme import banner_style

EXPLANATION = (
    "CourtSafe rewrites this file after every change to a hearing, from 30 days ago to a year "
    "ahead. Point a calendar program at it to see the office's hearings there."
)
PRIVACY = (
    "The file is not encrypted. It shows only each client's initials, the hearing type and the "
    "courthouse — never full names, immigration status, risk or notes. Keep it out of folders "
    "that sync to other people."
)


class AutoExportDialog(QDialog):
    def __init__(self, auto: CalendarAutoExport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.auto = auto
        self.setObjectName("autoExportDialog")
        self.setWindowTitle("Keep a calendar file up to date")
        self.setMinimumWidth(500)
        intro = QLabel(EXPLANATION, self)
        intro.setWordWrap(True)
        privacy = QLabel(PRIVACY, self)
        privacy.setObjectName("leavesEncryptionWarning")
        privacy.setWordWrap(True)
        privacy.setStyleSheet(banner_style(self))
        self.current = QLabel(self)
        self.current.setObjectName("autoExportPath")
        self.current.setWordWrap(True)
        self.current.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.choose_button = QPushButton("Choose file…", self)
        self.choose_button.setObjectName("chooseAutoExport")
        self.choose_button.clicked.connect(self.choose)
        self.stop_button = QPushButton("Stop updating", self)
        self.stop_button.setObjectName("stopAutoExport")
        self.stop_button.clicked.connect(lambda: auto.choose(None))
        row = QHBoxLayout()
        row.addWidget(self.choose_button)
        row.addWidget(self.stop_button)
        row.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.current)
        layout.addLayout(row)
        layout.addWidget(privacy)
        layout.addStretch(1)
        layout.addWidget(buttons)
        auto.path_changed.connect(self._show)
        self._show(auto.path)

    def choose(self) -> None:
        suggested = str(self.auto.path or Path.home() / "courtsafe-hearings.ics")
        path, _filter = QFileDialog.getSaveFileName(
            self, "Keep this calendar file up to date", suggested, "Calendar files (*.ics)"
        )
        if path:
            self.auto.choose(with_suffix(path, ".ics"))

    def _show(self, path: Path | None) -> None:
        if path is None:
            self.current.setText("<b>Off</b> — no calendar file is kept up to date.")
        else:
            self.current.setText(f"<b>Updating:</b> {escape(str(path))}")
        self.stop_button.setEnabled(path is not None)
