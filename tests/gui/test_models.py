"""Every table model passes qtmodeltester, and invalid variants do not eat None's refcount."""

from __future__ import annotations

import sys

from PySide6.QtCore import QModelIndex, Qt

from app.ui.models.client_list_model import ClientListModel
from app.ui.models.detail_models import CasesModel, HistoryModel, RiskHearingsModel
from app.ui.models.row_table import ROW_ROLE, SORT_ROLE, RowTableModel
from app.ui.models.upcoming_model import COL_CLIENT, COL_RISK, COL_WHEN, UpcomingModel
from app.ui.pages.courthouses import CourthousesPage
from tests.gui.conftest import Ui
from tests.gui.helpers import upcoming_items


def test_upcoming_model(demo_ui: Ui, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = UpcomingModel()
    model.set_rows(upcoming_items(demo_ui))
    assert model.rowCount() > 5
    qtmodeltester.check(model, force_py=True)
    model.sort(COL_RISK, Qt.SortOrder.AscendingOrder)
    ranks = [model.row_at(i).assessment.level.rank for i in range(model.rowCount())]
    assert ranks == sorted(ranks, reverse=True)
    model.sort(COL_WHEN, Qt.SortOrder.DescendingOrder)
    first = model.index(0, COL_WHEN).data(SORT_ROLE)
    last = model.index(model.rowCount() - 1, COL_WHEN).data(SORT_ROLE)
    assert first > last
    assert model.index(0, COL_CLIENT).data(ROW_ROLE) is model.row_at(0)
    qtmodeltester.check(model, force_py=True)


def test_client_list_model_pages(demo_ui: Ui, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    clients = demo_ui.ctx.services.clients
    model = ClientListModel()
    model.page_size = 20
    model.reset(clients.search("", limit=20), lambda o, n: clients.search("", limit=n, offset=o))
    assert model.rowCount() == 20 and model.canFetchMore()
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 40
    qtmodeltester.check(model, force_py=True)
    while model.canFetchMore():
        model.fetchMore(QModelIndex())
    assert model.rowCount() == 50


def test_detail_models(demo_ui: Ui, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    services = demo_ui.ctx.services
    items = upcoming_items(demo_ui)
    client_id = items[0].hearing.client_id
    hearings = RiskHearingsModel(with_client=True)
    hearings.set_rows(items[:10])
    cases = CasesModel(with_client=True)
    cases.set_rows(services.cases.find(limit=30))
    history = HistoryModel()
    history.set_rows(services.clients.history(client_id))
    for model in (hearings, cases, history):
        qtmodeltester.check(model, force_py=True)


def test_page_models(demo_ui: Ui, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    page = CourthousesPage(demo_ui.ctx)
    demo_ui.qtbot.addWidget(page)
    model = page.model
    assert isinstance(model, RowTableModel)
    model.set_rows(page.load_rows(""))
    qtmodeltester.check(model, force_py=True)


def test_invalid_variants_keep_none_alive(demo_ui: Ui) -> None:
    """PySide6 6.12 on Python 3.11 lost a reference to None per invalid QVariant."""
    model = UpcomingModel()
    model.set_rows(upcoming_items(demo_ui))
    before = sys.getrefcount(None)
    roles = (Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.CheckStateRole,
             Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.WhatsThisRole)
    for _ in range(200):
        for row in range(min(model.rowCount(), 20)):
            for column in range(model.columnCount()):
                index = model.index(row, column)
                for role in roles:
                    index.data(role)
        for section in range(model.columnCount() + 2):
            model.headerData(section, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
            model.headerData(section, Qt.Orientation.Vertical, Qt.ItemDataRole.DisplayRole)
        QModelIndex().data()
    after = sys.getrefcount(None)
    assert after >= before - 50, (before, after)
