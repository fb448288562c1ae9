"""The criminal history entries of a client, edited as a small table inside the client form."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import OffenceClass
from app.services.clients import CriminalEntryInput
from app.ui.widgets.fields import EnumCombo

COL_OFFENCE, COL_DATE, COL_CLASS, COL_DUI, COL_PENDING = range(5)
HEADERS = ("Offence", "Date (YYYY-MM-DD)", "Class", "DUI", "Pending")


class CriminalHistoryEditor(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setObjectName("criminalHistoryTable")
        self.table.setAccessibleName("Criminal history entries")
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_OFFENCE, QHeaderView.ResizeMode.Stretch)
        for column, width in ((COL_DATE, 130), (COL_CLASS, 120), (COL_DUI, 50), (COL_PENDING, 70)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            self.table.setColumnWidth(column, width)
        self.table.setMinimumHeight(140)
        add = QPushButton("Add entry", self)
        add.setAccessibleName("Add a criminal history entry")
        remove = QPushButton("Remove entry", self)
        remove.setAccessibleName("Remove the selected criminal history entry")
        add.clicked.connect(lambda: self.add_entry(None))
        remove.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def add_entry(self, entry: CriminalEntryInput | None) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, COL_OFFENCE, QTableWidgetItem(entry.offence if entry else ""))
        when = entry.offence_date.isoformat() if entry and entry.offence_date else ""
        self.table.setItem(row, COL_DATE, QTableWidgetItem(when))
        combo = EnumCombo(OffenceClass)
        combo.set_value(entry.offence_class if entry else OffenceClass.MISDEMEANOR)
        self.table.setCellWidget(row, COL_CLASS, combo)
        for column, value in ((COL_DUI, entry.dui if entry else False),
                              (COL_PENDING, entry.pending if entry else False)):
            box = QCheckBox()
            box.setChecked(value)
            box.setAccessibleName(HEADERS[column])
            self.table.setCellWidget(row, column, box)
        if entry is None:
            self.table.setCurrentCell(row, COL_OFFENCE)
            item = self.table.item(row, COL_OFFENCE)
            if item is not None:
                self.table.editItem(item)

    def remove_selected(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    def set_entries(self, entries: tuple[CriminalEntryInput, ...]) -> None:
        self.table.setRowCount(0)
        for entry in entries:
            self.add_entry(entry)

    def entries(self, problems: dict[str, str]) -> tuple[CriminalEntryInput, ...]:
        """The entries as typed; unreadable dates are added to `problems` by row."""
        found = []
        for row in range(self.table.rowCount()):
            offence_item = self.table.item(row, COL_OFFENCE)
            date_item = self.table.item(row, COL_DATE)
            text = date_item.text().strip() if date_item else ""
            when: date | None = None
            if text:
                try:
                    when = date.fromisoformat(text)
                except ValueError:
                    problems[f"criminal_history[{row + 1}].offence_date"] = (
                        "use the form YYYY-MM-DD"
                    )
            klass = self.table.cellWidget(row, COL_CLASS)
            offence_class = (
                klass.value() if isinstance(klass, EnumCombo) else OffenceClass.MISDEMEANOR
            )
            dui = self.table.cellWidget(row, COL_DUI)
            pending = self.table.cellWidget(row, COL_PENDING)
            found.append(
                CriminalEntryInput(
                    offence=offence_item.text() if offence_item else "",
                    offence_class=offence_class,
                    offence_date=when,
                    dui=isinstance(dui, QCheckBox) and dui.isChecked(),
                    pending=isinstance(pending, QCheckBox) and pending.isChecked(),
                )
            )
        return tuple(found)


