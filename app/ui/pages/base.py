"""What a page of the main window offers the window: refresh, find, new, print, show a record."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit, QWidget

from app.ui.context import UiContext
from app.ui.notifier import ALL


class Page(QWidget):
    """A page loads when first shown and again when data it shows changes (if visible)."""

    key = ""
    title = ""
    watches: Iterable[str] = ()
    loaded = Signal()  # after each refresh's data reached the widgets

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName(f"{self.key}Page")
        self.setAccessibleName(f"{self.title} page")
        self.search_box: QLineEdit | None = None
        self._stale = True
        ctx.notifier.changed.connect(self._on_changed)

    # -- the window calls these ---------------------------------------------------------
    def activate(self) -> None:
        if self._stale:
            self._stale = False
            self.refresh()

    def refresh(self) -> None:
        """Reload what the page shows, off the UI thread."""

    def focus_search(self) -> bool:
        if self.search_box is None:
            return False
        self.search_box.setFocus()
        self.search_box.selectAll()
        return True

    @property
    def can_create(self) -> bool:
        return False

    def new_item(self) -> None:
        """Ctrl+N on this page."""

    @property
    def can_print(self) -> bool:
        return False

    def print_page(self) -> None:
        """Ctrl+P on this page."""

    def show_record(self, record_id: int) -> None:
        """Select and show one record (e.g. "Open client" from Upcoming)."""

    def prepare_screenshot(self) -> None:
        """Select something representative before the page is rendered for the docs."""

    # -- data changes ---------------------------------------------------------------------
    def _on_changed(self, entity: str) -> None:
        if entity != ALL and entity not in self.watches:
            return
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True
