"""The risk badge: a coloured pill with the level written in it (never colour alone)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QLabel, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from app.domain.enums import RiskLevel
from app.ui.models.row_table import RISK_ROLE
from app.ui.theme import RISK_FILL, RISK_LABEL, RISK_TEXT


def level_from(value: object) -> RiskLevel | None:
    try:
        return RiskLevel(str(value)) if value else None
    except ValueError:
        return None


class RiskBadgeDelegate(QStyledItemDelegate):
    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        level = level_from(index.data(RISK_ROLE))
        if level is None:
            super().paint(painter, option, index)
            return
        style = option.widget.style() if option.widget else None
        if style is not None:
            # the selection background, without the text
            plain = QStyleOptionViewItem(option)
            self.initStyleOption(plain, index)
            plain.text = ""
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, plain, painter, option.widget)
        rect: QRect = option.rect.adjusted(4, 3, -4, -3)
        text = RISK_LABEL[level]
        width = min(rect.width(), option.fontMetrics.horizontalAdvance(text) + 16)
        badge = QRect(rect.left(), rect.top(), width, rect.height())
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(RISK_FILL[level])
        painter.drawRoundedRect(badge, 6, 6)
        painter.setPen(RISK_TEXT[level])
        font = option.font
        font.setBold(True)
        painter.setFont(font)
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()

    def sizeHint(  # noqa: N802
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(max(size.width(), 90), max(size.height(), 24))


class RiskBadge(QLabel):
    """The same badge as a label, for detail panes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Risk level")
        self.set_level(None)

    def set_level(self, level: RiskLevel | None, score: float | None = None) -> None:
        if level is None:
            self.setText("")
            self.setStyleSheet("")
            self.hide()
            return
        fill = RISK_FILL[level].name()
        color = RISK_TEXT[level].name()
        self.setStyleSheet(
            f"background:{fill}; color:{color}; border-radius:6px; padding:2px 10px; "
            "font-weight:bold;"
        )
        suffix = f" · score {score:g}" if score is not None else ""
        self.setText(f"{RISK_LABEL[level]}{suffix}")
        self.show()
