"""Help menu dialogs: About, and "How risk flags work" (the same text as the README)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.domain.risk_explain import explain_rules
from app.domain.risk_rules import RuleSet
from app.version import __version__

ABOUT_TEXT = (
    f"<h3>CourtSafe {__version__}</h3>"
    "<p>Offline case management for legal aid offices: hearings, the risk of a civil "
    "immigration arrest at or near the courthouse, and the paperwork that answers it.</p>"
    "<p><b>Risk flags are a heuristic to prompt a conversation with the client, not legal "
    "advice.</b></p>"
    "<p>Everything stays on the office's own machines. Licensed under the AGPL 3.0 or later.</p>"
)


def show_about(parent: QWidget) -> None:
    box = QMessageBox(parent)
    box.setObjectName("aboutDialog")
    box.setWindowTitle("About CourtSafe")
    box.setText(ABOUT_TEXT)
    box.setIconPixmap(parent.windowIcon().pixmap(64, 64))
    box.open()


def show_rules(parent: QWidget, rules: RuleSet) -> QDialog:
    dialog = QDialog(parent)
    dialog.setObjectName("rulesDialog")
    dialog.setWindowTitle("How risk flags work")
    dialog.resize(760, 640)
    text = QTextBrowser(dialog)
    text.setMarkdown(explain_rules(rules))
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(text)
    layout.addWidget(buttons)
    dialog.open()
    return dialog
