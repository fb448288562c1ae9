"""Calendar: each day shows its hearings' count and highest level; picking a day lists them."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView

from app.ui.pages.calendar import CalendarPage
from tests.gui.conftest import Ui
from tests.gui.helpers import column_texts, open_page, upcoming_items


def test_days_are_counted_and_a_day_picked_with_the_keyboard_lists_its_hearings(
    demo_ui: Ui,
) -> None:
    page = open_page(demo_ui, "calendar", CalendarPage)
    today = demo_ui.ctx.today()
    month = [
        item
        for item in upcoming_items(demo_ui, 62)
        if (item.local_start.year, item.local_start.month) == (today.year, today.month)
    ]
    counts = Counter(item.local_start.date() for item in month)
    assert {day: risk.count for day, risk in page.calendar.days.items()} == counts
    denver = next(i for i in month if "Rodríguez-Covarrubias" in i.hearing.client_name)
    day = denver.local_start.date()
    assert page.calendar.days[day].level.rank >= denver.assessment.level.rank

    view = page.calendar.findChild(QTableView)
    view.setFocus()
    for _ in range((day - today).days):
        demo_ui.qtbot.keyClick(view, Qt.Key.Key_Right)
    demo_ui.settle()
    assert page.selected_day() == day
    names = column_texts(page.table, 2)  # Risk, When, Client, ...
    assert len(names) == counts[day]
    assert any("Rodríguez-Covarrubias" in name for name in names)
    assert day.strftime("%d %B %Y") in page.day_title.text()

    demo_ui.qtbot.keyClick(view, Qt.Key.Key_PageDown)  # next month
    demo_ui.settle()
    assert all(d.month != today.month for d in page.calendar.days)
    demo_ui.qtbot.keyClick(view, Qt.Key.Key_PageUp)
    demo_ui.settle()
    assert {d: risk.count for d, risk in page.calendar.days.items()} == counts
