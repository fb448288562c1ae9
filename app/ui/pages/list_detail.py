"""The shape shared by Cases, Hearings, Courthouses and Incidents: a searchable list on the
left, the selected record on the right, and New / Edit / Delete (with confirmation)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import UserError
from app.ui.context import UiContext
from app.ui.dialogs.form_dialog import FormDialog
from app.ui.models.row_table import RowTableModel
from app.ui.pages.base import Page
from app.ui.widgets.tables import make_table, select_position, selected_row

DEBOUNCE_MS = 150


class ListDetailPage(Page):
    noun = "record"
    entity = ""
    search_hint = "Search"
    widths: tuple[int, ...] = ()
    sortable = True

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.watches = (self.entity, *self.extra_watches())
        self.search_box = QLineEdit(self)
        self.search_box.setObjectName(f"{self.key}Search")
        self.search_box.setAccessibleName(f"Search {self.title.lower()}")
        self.search_box.setPlaceholderText(self.search_hint)
        self.search_box.setClearButtonEnabled(True)
        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(DEBOUNCE_MS)
        self.debounce.timeout.connect(self.refresh)
        self.search_box.textChanged.connect(lambda _text: self.debounce.start())
        self.count = QLabel(self)
        self.count.setObjectName(f"{self.key}Count")
        self.new_button = self._button(f"New {self.noun}…", self.new_item)
        self.edit_button = self._button("Edit…", self.edit_selected)
        self.delete_button = self._button("Delete…", self.delete_selected)
        self.model = self.make_model()
        self.table = make_table(
            self.model, f"{self.key}Table", self, widths=self.widths, sortable=self.sortable
        )
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.detail = QTextBrowser(self)
        self.detail.setObjectName(f"{self.key}Detail")
        self.detail.setAccessibleName(f"Selected {self.noun}")
        self.detail.setOpenLinks(False)
        self.detail_box = QWidget(self)
        self.detail_layout = QVBoxLayout(self.detail_box)
        self.detail_layout.setContentsMargins(8, 0, 0, 0)
        self.detail_layout.addWidget(self.detail, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        self.detail_layout.addLayout(buttons)
        self.filter_bar = QHBoxLayout()
        self.filter_bar.addWidget(self.search_box, 1)
        self.add_filters(self.filter_bar)
        self.filter_bar.addWidget(self.count)
        self.filter_bar.addWidget(self.new_button)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([640, 440])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(self.filter_bar)
        layout.addWidget(splitter, 1)
        self._wanted: int | None = None
        self._update_buttons()

    def _button(self, text: str, slot: Any) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(text.rstrip("…"))
        button.clicked.connect(lambda _checked=False: slot())
        return button

    # -- what each page supplies ----------------------------------------------------------
    def extra_watches(self) -> tuple[str, ...]:
        return ()

    def make_model(self) -> RowTableModel:
        raise NotImplementedError

    def add_filters(self, bar: QHBoxLayout) -> None:
        """Extra filter widgets next to the search box."""

    def load_rows(self, search: str) -> Any:
        """Runs in a task: the rows to list (or what `show_rows` expects)."""
        raise NotImplementedError

    def load_detail(self, row: Any) -> str:
        """Runs in a task: the HTML for the detail pane."""
        raise NotImplementedError

    def make_dialog(self, row: Any | None) -> FormDialog:
        """Runs on the main thread: the create (row None) or edit dialog."""
        raise NotImplementedError

    def delete_row(self, row: Any) -> None:
        raise NotImplementedError

    def describe(self, row: Any) -> str:
        return f"this {self.noun}"

    def row_id(self, row: Any) -> int:
        return int(row.id)

    # -- loading --------------------------------------------------------------------------
    def refresh(self) -> None:
        search = self.search_box.text() if self.search_box else ""
        self.ctx.runner.run(
            lambda: self.load_rows(search),
            self.show_rows,
            key=f"{self.key}.list",
            label=f"Loading {self.title.lower()}",
        )

    def show_rows(self, rows: Any) -> None:
        current = selected_row(self.table)
        self.model.set_rows(rows)
        header = self.table.horizontalHeader()
        if self.sortable and header.sortIndicatorSection() >= 0:
            self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        self.set_count(len(rows))
        wanted = self._wanted if self._wanted is not None else (
            self.row_id(current) if current is not None else None
        )
        self._wanted = None
        if wanted is not None:
            select_position(self.table, self.model.find(lambda r: self.row_id(r) == wanted))
        if selected_row(self.table) is None:
            self.detail.setHtml(f"<p>Select a {self.noun} to see it here.</p>")
            self._update_buttons()
        self.loaded.emit()

    def set_count(self, shown: int) -> None:
        plural = self.title.lower() if shown != 1 else self.noun
        self.count.setText(f"{shown:,} {plural}")

    def _selection_changed(self, *_args: object) -> None:
        self._update_buttons()
        row = selected_row(self.table)
        if row is None:
            return
        self.ctx.runner.run(
            lambda: self.load_detail(row),
            self.detail.setHtml,
            key=f"{self.key}.detail",
            label=f"Loading the {self.noun}",
        )

    def _update_buttons(self) -> None:
        chosen = selected_row(self.table) is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def show_record(self, record_id: int) -> None:
        position = self.model.find(lambda r: self.row_id(r) == record_id)
        if position >= 0:
            select_position(self.table, position)
        else:
            self._wanted = record_id
            self.refresh()

    def prepare_screenshot(self) -> None:
        if self.model.rowCount():
            select_position(self.table, 0)

    # -- actions --------------------------------------------------------------------------
    @property
    def can_create(self) -> bool:
        return True

    def new_item(self) -> None:
        self._open_dialog(None)

    def edit_selected(self) -> None:
        row = selected_row(self.table)
        if row is not None:
            self._open_dialog(row)

    def _open_dialog(self, row: Any | None) -> None:
        try:
            dialog = self.make_dialog(row)
        except UserError as error:
            self.ctx.show_error(self, error)
            return
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._after_save(dialog.saved))
        dialog.open()

    def _after_save(self, record: Any) -> None:
        record_id = getattr(record, "id", None)
        if record_id is not None:
            self._wanted = int(record_id)

    def delete_selected(self) -> None:
        row = selected_row(self.table)
        if row is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            f"Delete {self.noun}",
            f"Delete {self.describe(row)}? This cannot be undone; the audit trail keeps a "
            "record of the deletion.",
            QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("confirmDelete")
        delete = box.addButton("Delete", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.buttonClicked.connect(
            lambda button: self._delete(row) if button is delete else None
        )
        box.open()

    def _delete(self, row: Any) -> None:
        try:
            self.delete_row(row)
        except UserError as error:
            self.ctx.show_error(self, error, on_reload=self.refresh)
            return
        self.ctx.notifier.data_changed(self.entity)
