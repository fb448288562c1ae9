"""A table view set up the same way on every page."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget


def make_table(
    model: QAbstractItemModel,
    name: str,
    parent: QWidget | None = None,
    *,
    widths: Sequence[int] = (),
    sortable: bool = True,
) -> QTableView:
    view = QTableView(parent)
    view.setObjectName(name)
    view.setAccessibleName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setStretchLastSection(True)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    for column, width in enumerate(widths):
        view.setColumnWidth(column, width)
    if sortable:
        view.setSortingEnabled(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    return view


def selected_row(view: QTableView) -> Any:
    """The row object of the current selection, or None."""
    from app.ui.models.row_table import ROW_ROLE

    indexes = view.selectionModel().selectedRows() if view.selectionModel() else []
    if not indexes:
        return None
    return indexes[0].data(ROW_ROLE)


def select_position(view: QTableView, position: int) -> None:
    if position < 0:
        view.clearSelection()
        return
    index = view.model().index(position, 0)
    view.setCurrentIndex(index)
    view.selectRow(position)
    view.scrollTo(index)
