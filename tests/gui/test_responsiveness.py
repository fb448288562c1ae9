"""The event loop keeps turning while a large list loads (100,000 hearings, 10,000 clients)."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QTimer

from app.bootstrap import App
from app.ui.pages.upcoming import UpcomingPage
from tests.gui.conftest import Ui

MAX_GAP = 0.100


@pytest.mark.slow
def test_no_freeze_while_a_year_of_hearings_loads(big_office: App, qtbot) -> None:  # type: ignore[no-untyped-def]
    ui = Ui(big_office, qtbot)
    window = ui.window()
    ui.settle(timeout=60_000)
    page = window.show_page("upcoming")
    assert isinstance(page, UpcomingPage)
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start()
    days = page.filters.days
    started = time.monotonic()
    with qtbot.waitSignal(page.loaded, timeout=60_000):
        days.setCurrentIndex(days.findData(0))  # custom
        page.filters.custom.setValue(366)
        page.filters.custom.editingFinished.emit()
    qtbot.wait(50)
    timer.stop()
    took = time.monotonic() - started
    gaps = [b - a for a, b in zip(ticks, ticks[1:], strict=False)]
    rows = page.model.rowCount()
    print(f"\n{rows:,} hearings assessed in {took:.2f} s; longest gap {max(gaps) * 1000:.0f} ms")
    assert rows > 20_000
    assert took > 0.3  # really a long load, not a cached answer
    assert max(gaps) < MAX_GAP
    ui.close()
