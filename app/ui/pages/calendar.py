"""Calendar: a month of hearings, each day coloured by its highest risk; a click lists the day."""

from __future__ import annotations

import calendar as months
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from app.services.risk import UpcomingFilter, UpcomingItem
from app.ui import notifier as entities
from app.ui.context import UiContext
from app.ui.models.detail_models import RiskHearingsModel
from app.ui.models.release import Releasable, release
from app.ui.pages.base import Page
from app.ui.widgets.risk_badge import RiskBadgeDelegate
from app.ui.widgets.risk_calendar import DayRisk, RiskCalendar
from app.ui.widgets.tables import make_table


def group_by_day(items: list[UpcomingItem]) -> dict[date, list[UpcomingItem]]:
    days: dict[date, list[UpcomingItem]] = {}
    for item in items:
        days.setdefault(item.local_start.date(), []).append(item)
    return days


class Month(Releasable):
    """A month's hearings by day and each day's count and highest level, built off the main
    thread; a busy office's month holds tens of thousands of hearings."""

    def __init__(self, items: list[UpcomingItem]) -> None:
        self.by_day = group_by_day(items)
        self.days: dict[date, DayRisk] = {}
        for day, found in self.by_day.items():
            risk = self.days[day] = DayRisk()
            for item in found:
                risk.add(item.assessment.level)

    def release(self) -> None:
        """Free the hearings a slice at a time (the window keeps drawing)."""
        everything = [item for found in self.by_day.values() for item in found]
        self.by_day = {}
        release(everything)


class CalendarPage(Page):
    key = "calendar"
    title = "Calendar"
    watches = (entities.HEARING, entities.CLIENT, entities.CASE, entities.COURTHOUSE,
               entities.INCIDENT, entities.RISK_RULES)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.calendar = RiskCalendar(self)
        today = ctx.today()
        self.calendar.setSelectedDate(QDate(today.year, today.month, today.day))
        self.calendar.currentPageChanged.connect(lambda _y, _m: self.refresh())
        self.calendar.selectionChanged.connect(self._day_chosen)
        self.day_title = QLabel(self)
        self.day_title.setObjectName("dayTitle")
        font = self.day_title.font()
        font.setBold(True)
        self.day_title.setFont(font)
        self.model = RiskHearingsModel(self, with_client=True)
        self.table = make_table(self.model, "dayTable", self, widths=(86, 220, 220, 240, 130))
        self.table.setItemDelegateForColumn(0, RiskBadgeDelegate(self.table))
        self.table.doubleClicked.connect(self._open_client)
        legend = QLabel(
            "Each day shows how many scheduled hearings it has, coloured by the highest risk "
            "level among them. Click a day to list its hearings; double-click one to open the "
            "client.",
            self,
        )
        legend.setWordWrap(True)
        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.day_title)
        lower_layout.addWidget(self.table, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.calendar)
        splitter.addWidget(lower)
        splitter.setSizes([470, 230])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(legend)
        layout.addWidget(splitter, 1)
        self._month = Month([])

    def refresh(self) -> None:
        year, month = self.calendar.yearShown(), self.calendar.monthShown()
        zone = ZoneInfo(self.ctx.office_zone())
        request = UpcomingFilter(
            start=datetime.combine(date(year, month, 1), time.min, zone),
            days=months.monthrange(year, month)[1],
        )
        risk = self.ctx.services.risk
        self.ctx.runner.run(
            lambda: Month(risk.upcoming(request)), self._show,
            key="calendar.month", label="Loading the month",
        )

    @property
    def by_day(self) -> dict[date, list[UpcomingItem]]:
        return self._month.by_day

    def _show(self, month: Month) -> None:
        previous, self._month = self._month, month
        self.calendar.set_days(month.days)
        self._day_chosen()
        previous.release()
        self.loaded.emit()

    def prepare_screenshot(self) -> None:
        """Open the busiest flagged day of the month, as a person checking the week would."""
        if self.by_day:
            day = max(self.by_day, key=lambda d: (max(i.assessment.level.rank
                                                      for i in self.by_day[d]),
                                                  len(self.by_day[d])))
            self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))

    def selected_day(self) -> date:
        chosen = self.calendar.selectedDate()
        return date(chosen.year(), chosen.month(), chosen.day())

    def _day_chosen(self) -> None:
        day = self.selected_day()
        items = sorted(
            self.by_day.get(day, []),
            key=lambda i: (-i.assessment.level.rank, i.hearing.starts_at),
        )
        self.model.set_rows(items)
        count = len(items)
        self.day_title.setText(
            f"{day:%A %d %B %Y}: "
            + (f"{count} scheduled hearing{'s' if count != 1 else ''}" if count
               else "no scheduled hearings")
        )

    def _open_client(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            item = self.model.row_at(rows[0].row())
            self.ctx.notifier.open_record(entities.CLIENT, item.hearing.client_id)
