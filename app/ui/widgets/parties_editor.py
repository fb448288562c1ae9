"""The other parties of a case as a small table: name, opposing or related, relationship.

Every keystroke in a name cell is announced (`name_edited`), so the case dialog can check the
name for conflicts while it is typed, not only after the cell is left.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import PartyKind
from app.services.cases import PartyInput

COL_NAME, COL_KIND, COL_RELATIONSHIP = range(3)
KIND_TEXT = {PartyKind.OPPOSING: "Opposing", PartyKind.RELATED: "Related"}


class _TextDelegate(QStyledItemDelegate):
    """Writes each keystroke into the cell, so Ctrl+S saves what is typed even while the
    cell is still being edited."""

    def createEditor(  # noqa: N802 - Qt override
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        line = QLineEdit(parent)
        column = index.column()
        line.setObjectName("partyNameEditor" if column == COL_NAME else "partyNoteEditor")
        line.setAccessibleName("Party name" if column == COL_NAME else "Relationship")
        cell = QPersistentModelIndex(index)
        model = index.model()
        line.textEdited.connect(lambda text: model.setData(model.index(cell.row(), column), text))
        return line


class PartiesEditor(QWidget):
    name_edited = Signal(str)  # the name being typed or the row chosen

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("partiesTable")
        self.table.setAccessibleName("Other parties")
        self.table.setHorizontalHeaderLabels(["Name", "Kind", "Relationship"])
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_KIND, QHeaderView.ResizeMode.Fixed)
        self.table.setColumnWidth(COL_KIND, self._kind_combo_for(None).sizeHint().width() + 4)
        header.setSectionResizeMode(COL_RELATIONSHIP, QHeaderView.ResizeMode.Stretch)
        delegate = _TextDelegate(self)
        self.table.setItemDelegateForColumn(COL_NAME, delegate)
        self.table.setItemDelegateForColumn(COL_RELATIONSHIP, delegate)
        self.table.setMinimumHeight(120)
        self.table.currentCellChanged.connect(lambda row, *_: self._announce(row))
        self.table.itemChanged.connect(self._item_changed)
        self.add_button = QPushButton("Add party", self)
        self.add_button.setObjectName("addParty")
        self.add_button.clicked.connect(self.add_party)
        self.remove_button = QPushButton("Remove party", self)
        self.remove_button.setObjectName("removeParty")
        self.remove_button.clicked.connect(self.remove_party)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self._update_buttons()

    # -- reading and writing -------------------------------------------------------------
    def set_parties(self, parties: tuple[PartyInput, ...]) -> None:
        self.table.setRowCount(0)
        for party in parties:
            self._append(party)
        self._update_buttons()

    def parties(self) -> tuple[PartyInput, ...]:
        """The rows with anything in them; a row with only a relationship is kept so the
        service can say it needs a name."""
        found = []
        for row in self.row_numbers_in_use():
            kind = self._kind_combo(row).currentData()
            found.append(
                PartyInput(
                    name=self._text(row, COL_NAME),
                    kind=PartyKind(kind),
                    relationship_note=self._text(row, COL_RELATIONSHIP),
                )
            )
        return tuple(found)

    def row_numbers_in_use(self) -> list[int]:
        return [
            row
            for row in range(self.table.rowCount())
            if self._text(row, COL_NAME) or self._text(row, COL_RELATIONSHIP)
        ]

    # -- the buttons -----------------------------------------------------------------------
    def add_party(self) -> None:
        row = self._append(PartyInput(name=""))
        self._update_buttons()
        self.table.setCurrentCell(row, COL_NAME)
        item = self.table.item(row, COL_NAME)
        self.table.setFocus()
        if item is not None:
            self.table.editItem(item)

    def remove_party(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
        self._update_buttons()
        self._announce(self.table.currentRow())

    # -- inside ----------------------------------------------------------------------------
    def _append(self, party: PartyInput) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, COL_NAME, QTableWidgetItem(party.name))
        combo = self._kind_combo_for(party.kind)
        self.table.setCellWidget(row, COL_KIND, combo)
        self.table.setItem(row, COL_RELATIONSHIP, QTableWidgetItem(party.relationship_note))
        return row

    def _kind_combo_for(self, kind: PartyKind | None) -> QComboBox:
        combo = QComboBox(self.table)
        combo.setAccessibleName("Party kind")
        for value, text in KIND_TEXT.items():
            combo.addItem(text, value.value)
        combo.setCurrentIndex(max(combo.findData(kind.value), 0) if kind is not None else 0)
        if kind is None:
            combo.deleteLater()  # only measured
        return combo

    def _kind_combo(self, row: int) -> QComboBox:
        combo = self.table.cellWidget(row, COL_KIND)
        assert isinstance(combo, QComboBox)
        return combo

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item is not None else ""

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() == COL_NAME and item.row() == self.table.currentRow():
            self.name_edited.emit(item.text())

    def _announce(self, row: int) -> None:
        self.name_edited.emit(self._text(row, COL_NAME) if row >= 0 else "")

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(self.table.rowCount() > 0)

