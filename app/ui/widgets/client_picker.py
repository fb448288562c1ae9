"""Choose a client by typing part of the name: a SQL search of 20, never a 100k-row combo."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QWidget

from app.services.clients import ClientRow

Search = Callable[[str], list[ClientRow]]


class ClientPicker(QWidget):
    changed = Signal()

    def __init__(self, search: Search, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._search = search
        self.text = QLineEdit(self)
        self.text.setPlaceholderText("Type a name…")
        self.text.setAccessibleName("Find client")
        self.choices = QComboBox(self)
        self.choices.setAccessibleName("Client")
        self.choices.setMinimumContentsLength(28)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text, 2)
        layout.addWidget(self.choices, 3)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(150)
        self.timer.timeout.connect(self._run_search)
        self.text.textEdited.connect(lambda _t: self.timer.start())
        self.choices.currentIndexChanged.connect(lambda _i: self.changed.emit())

    def set_client(self, client_id: int, name: str) -> None:
        self.choices.blockSignals(True)
        self.choices.clear()
        self.choices.addItem(name, client_id)
        self.choices.blockSignals(False)
        self.changed.emit()

    def _run_search(self) -> None:
        rows = self._search(self.text.text())
        self.choices.clear()
        for row in rows:
            self.choices.addItem(row.name, row.id)

    def value(self) -> int | None:
        data = self.choices.currentData()
        return int(data) if data is not None else None
