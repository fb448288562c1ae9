"""Showing errors: a clear dialog for what the user can fix, the crash dialog for bugs.

Dialogs open window-modal without blocking (`open()`), so the event loop keeps turning and tests
can find them by object name.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from app.domain.errors import ConflictError, DatabaseError, UserError, ValidationError

CONFLICT_DIALOG = "conflictDialog"
ERROR_DIALOG = "errorDialog"
CRASH_DIALOG = "crashDialog"

FIELD_LABELS = {
    "a_number": "A-number",
    "date_of_birth": "Date of birth",
    "family_name": "Family name",
    "given_name": "Given name",
    "starts_at": "Start",
    "duration_minutes": "Duration",
    "time_zone": "Time zone",
    "case_id": "Case",
    "courthouse_id": "Courthouse",
    "client_id": "Client",
    "location_text": "Place",
    "occurred_at": "Date and time",
}


def field_label(name: str) -> str:
    return FIELD_LABELS.get(name, name.replace("_", " ").capitalize())


def problems_text(error: ValidationError) -> str:
    return "\n".join(f"• {field_label(k)}: {v}" for k, v in error.problems.items())


def _box(
    parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str, name: str
) -> QMessageBox:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName(name)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    return box


def show_user_error(
    parent: QWidget | None, error: UserError, *, on_reload: Callable[[], None] | None = None
) -> QMessageBox:
    """One dialog for every error the user can act on; nothing was saved when it shows."""
    if isinstance(error, ConflictError):
        box = _box(
            parent,
            QMessageBox.Icon.Warning,
            "Changed on another desk",
            str(error),
            CONFLICT_DIALOG,
        )
        reload_button = box.addButton("Reload", QMessageBox.ButtonRole.AcceptRole)
        reload_button.setAccessibleName("Reload the record")
        box.addButton(QMessageBox.StandardButton.Close)
        box.setDefaultButton(reload_button)
        if on_reload is not None:
            box.buttonClicked.connect(
                lambda button: on_reload() if button is reload_button else None
            )
    elif isinstance(error, ValidationError):
        box = _box(
            parent,
            QMessageBox.Icon.Warning,
            "Please check the form",
            "Nothing was saved. Please correct:\n\n" + problems_text(error),
            ERROR_DIALOG,
        )
        box.addButton(QMessageBox.StandardButton.Ok)
    elif isinstance(error, DatabaseError):
        box = _box(parent, QMessageBox.Icon.Critical, "Database problem", str(error), ERROR_DIALOG)
        box.addButton(QMessageBox.StandardButton.Ok)
    else:
        box = _box(parent, QMessageBox.Icon.Warning, "CourtSafe", str(error), ERROR_DIALOG)
        box.addButton(QMessageBox.StandardButton.Ok)
    box.open()
    return box


def show_crash(parent: QWidget | None, log_file: Path | None) -> QMessageBox:
    where = (
        f"The details were written to\n{log_file}\n(no client data is logged)."
        if log_file
        else "The details could not be written to a log file."
    )
    box = _box(
        parent,
        QMessageBox.Icon.Critical,
        "CourtSafe hit a bug",
        "Something went wrong inside CourtSafe. Your saved data is safe; the last action may "
        "not have finished.\n\n" + where + "\n\nPlease send the log file to your IT contact.",
        CRASH_DIALOG,
    )
    box.addButton(QMessageBox.StandardButton.Ok)
    box.open()
    return box
