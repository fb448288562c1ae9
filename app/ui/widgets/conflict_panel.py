"""The conflict panel of the client and case dialogs: possible conflicts as the name is typed.

The dialog calls `set_name()` on every edit; after a short pause the check runs on the task
runner (never on the UI thread) and only the newest answer is shown.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.conflicts import ConflictHit, ConflictService
from app.ui.tasks import TaskRunner
from app.ui.theme import banner_style

COLUMNS = ("Match", "Name", "Who", "Case", "Why")
MAX_COLUMN_WIDTH = 190  # longer names and case lists wrap
_PANELS = itertools.count(1)


class ConflictPanel(QWidget):
    checked = Signal(int)  # number of hits shown, after each finished check

    def __init__(
        self,
        conflicts: ConflictService,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        exclude_client_id: int | None = None,
        exclude_case_id: int | None = None,
        debounce_ms: int = 250,
    ) -> None:
        super().__init__(parent)
        self._conflicts = conflicts
        self._runner = runner
        self._exclude_client = exclude_client_id
        self._exclude_case = exclude_case_id
        self._key = f"conflict-panel-{next(_PANELS)}"
        self._name = ""
        self.hits: list[ConflictHit] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self._start_check)
        self.status = QLabel("Type a name to check for conflicts.")
        self.status.setObjectName("conflictStatus")
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Conflict check result")
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(
            len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch
        )
        self.table.setAccessibleName("Possible conflicts")
        self.table.setObjectName("conflictHits")
        self.table.setWordWrap(True)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setMinimumHeight(96)  # room for two hits, so the dialog never jumps
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status)
        layout.addWidget(self.table)

    def set_name(self, name: str) -> None:
        self._name = name.strip()
        self._timer.start()

    def check_now(self) -> None:
        self._timer.stop()
        self._start_check()

    def warm_up(self) -> None:
        """Build the name index in the background when the dialog opens."""
        self._runner.run(self._conflicts.warm, lambda _count: None, key=self._key + "-warm")

    def _start_check(self) -> None:
        name = self._name
        if len(name) < 2:
            self._show([])
            self.status.setText("Type a name to check for conflicts.")
            return
        self.status.setText(f"Checking “{name}”…")
        self._runner.run(
            lambda: self._conflicts.check(
                name,
                exclude_client_id=self._exclude_client,
                exclude_case_id=self._exclude_case,
            ),
            self._show,
            key=self._key,
            label="Conflict check",
        )

    def _show(self, hits: list[ConflictHit]) -> None:
        self.hits = hits
        self.table.setRowCount(len(hits))
        for row, hit in enumerate(hits):
            cells = (f"{hit.score:.0%}", hit.name, hit.kind, hit.case_text, hit.explanation)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if column == 0:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
        if hits:
            self._fit()
        self.status.setStyleSheet(banner_style(self) if hits else "")
        if self._name and len(self._name) >= 2:
            if hits:
                noun = "possible conflict" if len(hits) == 1 else "possible conflicts"
                self.status.setText(
                    f"⚠ {len(hits)} {noun} for “{self._name}”: review before taking the "
                    "case. Saving is still allowed."
                )
            else:
                self.status.setText(f"No conflicts found for “{self._name}”.")
        self.checked.emit(len(hits))

    def _fit(self) -> None:
        """Columns as wide as their text (within reason); rows tall enough for wrapped reasons."""
        table = self.table
        for column in range(len(COLUMNS) - 1):  # the last one takes the remaining width
            table.resizeColumnToContents(column)
            table.setColumnWidth(column, min(table.columnWidth(column), MAX_COLUMN_WIDTH))
        table.resizeRowsToContents()
