"""A date and time typed in a given time zone and returned time-zone aware."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import QDateTimeEdit, QWidget


class ZonedDateTimeEdit(QDateTimeEdit):
    def __init__(self, zone: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.zone = zone
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.setMaximumWidth(200)

    def set_zone(self, zone: str) -> None:
        moment = self.moment()
        self.zone = zone
        self.set_moment(moment)

    def set_moment(self, moment: datetime) -> None:
        local = moment.astimezone(ZoneInfo(self.zone))
        self.setDateTime(
            QDateTime(
                QDate(local.year, local.month, local.day),
                QTime(local.hour, local.minute),
            )
        )

    def moment(self) -> datetime:
        value = self.dateTime()
        day, clock = value.date(), value.time()
        return datetime(
            day.year(), day.month(), day.day(), clock.hour(), clock.minute(),
            tzinfo=ZoneInfo(self.zone),
        )
