"""Typing and reading as a person would."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QTableView, QWidget


def type_text(widget: QWidget, text: str) -> None:
    """Type any text, one key event per character (QTest.keyClicks aborts on non-ASCII)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
            QApplication.sendEvent(widget, event)


def column_texts(view: QTableView, column: int) -> list[str]:
    model = view.model()
    return [str(model.index(row, column).data()) for row in range(model.rowCount())]


def find_row(view: QTableView, column: int, needle: str) -> int:
    for row, text in enumerate(column_texts(view, column)):
        if needle in text:
            return row
    return -1


def click_row(qtbot, view: QTableView, row: int, column: int = 1) -> None:  # type: ignore[no-untyped-def]
    view.scrollTo(view.model().index(row, column))
    rect = view.visualRect(view.model().index(row, column))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
