"""The tray reminder: at start-up and once a day, how many high-risk appearances are near."""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QMainWindow, QMenu, QSystemTrayIcon

from app.domain.enums import RiskLevel
from app.services.risk import UpcomingFilter
from app.ui.context import UiContext
from app.ui.theme import app_icon

DAY_MS = 24 * 60 * 60 * 1000
TRAY_DAYS = 7


def reminder_text(count: int) -> str:
    noun = "appearance" if count == 1 else "appearances"
    return f"{count} high-risk {noun} in the next {TRAY_DAYS} days"


class TrayReminder(QObject):
    def __init__(self, ctx: UiContext, window: QMainWindow) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.window = window
        self.icon: QSystemTrayIcon | None = None
        self.last_message = ""
        self.timer = QTimer(self)
        self.timer.setInterval(DAY_MS)
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.icon = QSystemTrayIcon(app_icon(), self)
            self.icon.setToolTip("CourtSafe")
            menu = QMenu(self.window)
            menu.addAction("Show CourtSafe", self._show_window)
            self.icon.setContextMenu(menu)
            self.icon.activated.connect(lambda _reason: self._show_window())
            self.icon.show()
        self.timer.start()
        self.check()

    def check(self) -> None:
        zone = ZoneInfo(self.ctx.office_zone())
        request = UpcomingFilter(
            start=datetime.combine(self.ctx.today(), time.min, zone),
            days=TRAY_DAYS,
            min_level=RiskLevel.HIGH,
        )
        risk = self.ctx.services.risk
        self.ctx.runner.run(
            lambda: len(risk.upcoming(request)), self._notify, key="tray", label=""
        )

    def _notify(self, count: int) -> None:
        self.last_message = reminder_text(count)
        if self.icon is not None:
            self.icon.setToolTip(f"CourtSafe: {self.last_message}")
            if count:
                self.icon.showMessage(
                    "CourtSafe", self.last_message, QSystemTrayIcon.MessageIcon.Warning
                )

    def _show_window(self) -> None:
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()
