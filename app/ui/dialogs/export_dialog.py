"""What every "export to a file" dialog shares: run the write off the UI thread, report back."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QWidget

from app.ui.context import UiContext


class ExportDialog(QDialog):
    exported = Signal(object)  # the service's result

    status: QLabel
    save_button: QPushButton

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.written: Any = None

    def build_save_buttons(self, object_name: str) -> QDialogButtonBox:
        """Save as… (default) and Cancel; Save calls `choose_and_save`."""
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.save_button = QPushButton("Save as…", self)
        self.save_button.setObjectName(object_name)
        self.save_button.setDefault(True)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.clicked.connect(self.choose_and_save)
        buttons.rejected.connect(self.reject)
        return buttons

    def choose_and_save(self) -> None:
        raise NotImplementedError

    def run_export(self, job: Callable[[], Any], file_name: str, label: str) -> None:
        self._working(True, f"Writing {file_name}…")
        self.ctx.runner.run(job, self._saved, self._failed, label=label)

    def _saved(self, result: Any) -> None:
        self._working(False, "")
        self.written = result
        self.exported.emit(result)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._working(False, "Nothing was saved.")
        self.ctx.show_error(self, error)

    def _working(self, busy: bool, text: str) -> None:
        self.status.setText(text)
        self.save_button.setEnabled(not busy)
        self.setCursor(Qt.CursorShape.BusyCursor if busy else Qt.CursorShape.ArrowCursor)
