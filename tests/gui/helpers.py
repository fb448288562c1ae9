"""Typing and reading as a person would."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QTableView, QWidget

from app.services.risk import UpcomingFilter, UpcomingItem

PageT = TypeVar("PageT")


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


def upcoming_items(ui: Any, days: int = 30) -> list[UpcomingItem]:
    """What the risk service lists for the next `days` days, in its own order."""
    zone = ZoneInfo("America/Denver")
    start = datetime.combine(ui.ctx.today(), time.min, zone)
    return ui.ctx.services.risk.upcoming(UpcomingFilter(start=start, days=days))


def open_page(ui: Any, key: str, kind: type[PageT]) -> PageT:
    """A new window showing page `key`, loaded."""
    page = ui.window().show_page(key)
    assert isinstance(page, kind)
    ui.settle()
    return page
