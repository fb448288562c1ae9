"""Upcoming: the Denver demo client is flagged, and the reasons show when the row is chosen."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from app.domain.enums import HearingOutcome
from app.ui.models.upcoming_model import COL_ADVISORY, COL_CLIENT, COL_RISK
from app.ui.pages.upcoming import UpcomingPage
from tests.gui.conftest import Ui
from tests.gui.helpers import click_row, column_texts, find_row, open_page, upcoming_items


def test_denver_client_is_flagged_with_reasons(demo_ui: Ui) -> None:
    page = open_page(demo_ui, "upcoming", UpcomingPage)
    summary = page.summary.text()
    assert "in the next 14 days" in summary and "need attention" in summary
    row = find_row(page.table, COL_CLIENT, "Rodríguez-Covarrubias")
    assert row >= 0, column_texts(page.table, COL_CLIENT)
    assert page.model.index(row, COL_RISK).data() in ("Critical", "High")
    assert page.reasons.heading.text().startswith("Select a hearing")
    click_row(demo_ui.qtbot, page.table, row, COL_CLIENT)
    reasons = page.reasons
    assert reasons.heading.text().startswith("Rodríguez-Covarrubias")
    assert reasons.badge.isVisible() and reasons.badge.text().split(" ")[0] in ("Critical", "High")
    text = reasons.reasons.toPlainText()
    assert "Source:" in text
    assert "Lindsey-Flanigan" in reasons.details.text()
    assert len([line for line in text.splitlines() if line.startswith("Source:")]) >= 3
    assert "not legal advice" in reasons.note.text()


def test_mark_advisory_sent_and_record_outcome(demo_ui: Ui) -> None:
    page = open_page(demo_ui, "upcoming", UpcomingPage)
    row = find_row(page.table, COL_CLIENT, "Rodríguez-Covarrubias")
    click_row(demo_ui.qtbot, page.table, row, COL_CLIENT)
    assert page.model.index(row, COL_ADVISORY).data() == "Needed"
    demo_ui.qtbot.mouseClick(page.advisory_button, Qt.MouseButton.LeftButton)
    demo_ui.settle()
    row = find_row(page.table, COL_CLIENT, "Rodríguez-Covarrubias")
    assert page.model.index(row, COL_ADVISORY).data().startswith("Sent")
    assert not page.advisory_button.isEnabled()
    hearing_id = page.model.row_at(row).hearing.id
    page.record_outcome(HearingOutcome.DECLINED_FEAR)
    demo_ui.settle()
    assert find_row(page.table, COL_CLIENT, "Rodríguez-Covarrubias") == -1
    record = demo_ui.ctx.services.hearings.get(hearing_id)
    assert record.outcome is HearingOutcome.DECLINED_FEAR


def test_filters_narrow_the_list(demo_ui: Ui) -> None:
    page = open_page(demo_ui, "upcoming", UpcomingPage)
    everything = page.model.rowCount()
    level = page.filters.level
    level.setCurrentIndex(level.findText("High and above"))
    demo_ui.settle()
    assert 0 < page.model.rowCount() < everything
    assert set(column_texts(page.table, COL_RISK)) <= {"High", "Critical"}
    days = page.filters.days
    days.setCurrentIndex(days.findData(30))
    demo_ui.settle()
    assert "next 30 days" in page.summary.text()
    assert demo_ui.ctx.app.settings.upcoming_days == 30


def test_the_order_chosen_by_a_header_click_survives_a_reload(demo_ui: Ui) -> None:
    page = open_page(demo_ui, "upcoming", UpcomingPage)
    header = page.table.horizontalHeader()
    x = header.sectionViewportPosition(COL_CLIENT) + 10
    demo_ui.qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    names = column_texts(page.table, COL_CLIENT)
    assert names == sorted(names)
    days = page.filters.days
    days.setCurrentIndex(days.findData(30))  # a longer list arrives from the database
    demo_ui.settle()
    reloaded = column_texts(page.table, COL_CLIENT)
    by_risk = [item.hearing.client_name for item in upcoming_items(demo_ui, 30)]
    assert len(reloaded) > len(names) and by_risk != sorted(by_risk)
    assert reloaded == sorted(reloaded) == sorted(by_risk)
    assert header.sortIndicatorSection() == COL_CLIENT
