"""A month calendar whose days are coloured by their highest risk level, with the count."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QRect, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QCalendarWidget, QWidget

from app.domain.enums import RiskLevel
from app.ui.theme import RISK_FILL, RISK_LABEL, RISK_TEXT


class DayRisk:
    __slots__ = ("count", "level")

    def __init__(self) -> None:
        self.count = 0
        self.level = RiskLevel.NONE

    def add(self, level: RiskLevel) -> None:
        self.count += 1
        if level.rank > self.level.rank:
            self.level = level


class RiskCalendar(QCalendarWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("riskCalendar")
        self.setAccessibleName("Month of hearings")
        self.setGridVisible(True)
        self.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.days: dict[date, DayRisk] = {}

    def set_days(self, days: dict[date, DayRisk]) -> None:
        self.days = days
        self.updateCells()

    def paintCell(self, painter: QPainter, rect: QRect, qdate: QDate) -> None:  # noqa: N802
        super().paintCell(painter, rect, qdate)
        day = self.days.get(date(qdate.year(), qdate.month(), qdate.day()))
        if day is None or not day.count:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        strip = QRect(rect.left() + 3, rect.bottom() - 22, rect.width() - 6, 19)
        fill = QColor(RISK_FILL[day.level])
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawRoundedRect(strip, 5, 5)
        painter.setPen(RISK_TEXT[day.level])
        font = painter.font()
        font.setPointSizeF(max(font.pointSizeF() * 0.85, 7.0))
        font.setBold(True)
        painter.setFont(font)
        noun = "hearing" if day.count == 1 else "hearings"
        text = f"{day.count} {noun}"
        if day.level is not RiskLevel.NONE and strip.width() > 130:
            text += f" · {RISK_LABEL[day.level].lower()}"
        painter.drawText(strip, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()
