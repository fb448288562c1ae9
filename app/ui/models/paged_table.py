"""A row table that grows a page at a time as the user scrolls (canFetchMore / fetchMore).

The first page arrives from a task; later pages are one indexed query of `page_size` rows, a few
milliseconds, fetched when the view scrolls near the end. Sorting is by the SQL order only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, Qt

from app.ui.models.row_table import Column, Index, RowTableModel

PAGE_SIZE = 200

FetchPage = Callable[[int, int], Sequence[Any]]  # (offset, limit) -> rows


class PagedTableModel(RowTableModel):
    def __init__(
        self, columns: Sequence[Column], parent: Any = None, page_size: int = PAGE_SIZE
    ) -> None:
        super().__init__(columns, parent)
        self.page_size = page_size
        self._fetch: FetchPage | None = None
        self._more = False
        self.on_fetch_error: Callable[[BaseException], None] | None = None

    def reset(self, first_page: Sequence[Any], fetch: FetchPage | None) -> None:
        """Show the first page; `fetch` brings the next ones (None: there are no more)."""
        self._fetch = fetch
        self._more = fetch is not None and len(first_page) >= self.page_size
        self.set_rows(first_page)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008, N802
        return not parent.isValid() and self._more

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008, N802
        if parent.isValid() or not self._more or self._fetch is None:
            return
        try:
            page = list(self._fetch(len(self.rows), self.page_size))
        except Exception as error:  # noqa: BLE001 - shown by the page, never half-applied
            self._more = False
            if self.on_fetch_error is None:
                raise
            self.on_fetch_error(error)
            return
        self._more = len(page) >= self.page_size
        self.append_rows(page)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Pages come in SQL order; re-sorting part of a list would mislead."""
