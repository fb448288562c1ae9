"""Clients: search as you type (in SQL, diacritic-insensitive), a paged list and the detail."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.services.clients import ClientRow
from app.ui import notifier as entities
from app.ui.context import UiContext
from app.ui.dialogs.client_dialog import ClientDialog
from app.ui.models.client_list_model import ClientListModel
from app.ui.pages.base import Page
from app.ui.pages.client_detail import ClientDetail, ClientDetails
from app.ui.widgets.tables import make_table, select_position, selected_row

DEBOUNCE_MS = 150


class ClientsPage(Page):
    key = "clients"
    title = "Clients"
    watches = (entities.CLIENT, entities.CASE, entities.HEARING, entities.RISK_RULES)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.search_box = QLineEdit(self)
        self.search_box.setObjectName("clientSearch")
        self.search_box.setAccessibleName("Search clients")
        self.search_box.setPlaceholderText("Search by name, e.g. rodriguez or nguyen")
        self.search_box.setClearButtonEnabled(True)
        self.count = QLabel(self)
        self.count.setObjectName("clientCount")
        self.new_button = QPushButton("New client…", self)
        self.new_button.setObjectName("newClientButton")
        self.new_button.setAccessibleName("New client")
        self.new_button.clicked.connect(self.new_item)
        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(DEBOUNCE_MS)
        self.debounce.timeout.connect(self.refresh)
        self.search_box.textChanged.connect(lambda _text: self.debounce.start())
        self.model = ClientListModel(self)
        self.model.on_fetch_error = lambda error: ctx.show_error(self, error)
        self.table = make_table(self.model, "clientTable", self, widths=(230, 110), sortable=False)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.detail = ClientDetail(self)
        self.detail.edit_button.clicked.connect(self.edit_selected)
        top = QHBoxLayout()
        top.addWidget(self.search_box, 1)
        top.addWidget(self.count)
        top.addWidget(self.new_button)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setSizes([480, 620])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self._wanted: int | None = None

    # -- list -----------------------------------------------------------------------------
    def refresh(self) -> None:
        text = self.search_box.text() if self.search_box else ""
        clients = self.ctx.services.clients
        size = self.model.page_size

        def load() -> tuple[list[ClientRow], int]:
            return clients.search(text, limit=size), clients.count(text)

        self.ctx.runner.run(
            load,
            lambda result: self._show(text, *result),
            key="clients.search",
            label="Searching clients",
            owner=self,
        )

    def _show(self, text: str, rows: list[ClientRow], total: int) -> None:
        current = selected_row(self.table)
        clients = self.ctx.services.clients
        self.model.reset(
            rows, lambda offset, limit: clients.search(text, limit=limit, offset=offset)
        )
        noun = "client" if total == 1 else "clients"
        self.count.setText(f"{total:,} {noun}" + (" found" if text.strip() else ""))
        wanted = self._wanted or (current.id if current is not None else None)
        if wanted is not None:
            position = self.model.position_of(wanted)
            if position >= 0:
                select_position(self.table, position)
                self._wanted = None
            elif self._wanted is not None:
                self.detail_for(self._wanted)
                self._wanted = None
        self.loaded.emit()

    # -- detail ---------------------------------------------------------------------------
    def _selection_changed(self, *_args: object) -> None:
        row = selected_row(self.table)
        if row is not None:  # with no selection the last client stays on show
            self.detail_for(row.id)

    def detail_for(self, client_id: int) -> None:
        services = self.ctx.services

        def load() -> ClientDetails:
            record = services.clients.get(client_id)
            return ClientDetails(
                record,
                services.cases.find(client_id=client_id),
                services.risk.for_client(client_id),
                services.clients.history(client_id),
            )

        self.ctx.runner.run(
            load, self.detail.show_details, key="clients.detail", label="Loading the client"
        )

    def show_record(self, record_id: int) -> None:
        position = self.model.position_of(record_id)
        if position >= 0:
            select_position(self.table, position)
            return
        self._wanted = record_id
        if self.search_box is not None and self.search_box.text():
            self.search_box.clear()  # the debounced refresh selects it
        else:
            self.detail_for(record_id)
            self._wanted = None

    # -- actions --------------------------------------------------------------------------
    @property
    def can_create(self) -> bool:
        return True

    def new_item(self) -> None:
        dialog = ClientDialog(self.ctx, None, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._after_save(dialog.saved))
        dialog.open()

    def edit_selected(self) -> None:
        details = self.detail.details
        if details is None:
            return
        dialog = ClientDialog(self.ctx, details.record, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._after_save(dialog.saved))
        dialog.open()

    def _after_save(self, record: object) -> None:
        record_id = getattr(record, "id", None)
        if record_id is not None:
            self._wanted = int(record_id)
            self.detail_for(int(record_id))

    def prepare_screenshot(self) -> None:
        position = self.model.find(lambda row: bool(row.safe_contact))
        select_position(self.table, max(position, 0))
