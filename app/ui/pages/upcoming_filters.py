"""The filter bar of the Upcoming page: how many days, whose cases, which level, which court."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSpinBox, QWidget

from app.domain.enums import RiskLevel
from app.ui.theme import RISK_LABEL
from app.ui.widgets.fields import IdCombo

DAY_CHOICES = (7, 14, 30)


class UpcomingFilters(QWidget):
    changed = Signal()

    def __init__(self, days: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.days = QComboBox(self)
        self.days.setObjectName("daysCombo")
        self.days.setAccessibleName("Days ahead")
        for choice in DAY_CHOICES:
            self.days.addItem(f"Next {choice} days", choice)
        self.days.addItem("Custom…", 0)
        self.custom = QSpinBox(self)
        self.custom.setObjectName("customDays")
        self.custom.setAccessibleName("Custom number of days")
        self.custom.setRange(1, 366)
        self.custom.setSuffix(" days")
        self.custom.setValue(days)
        self.staff = IdCombo(self, empty="All staff")
        self.staff.setObjectName("staffFilter")
        self.staff.setAccessibleName("Staff member")
        self.level = QComboBox(self)
        self.level.setObjectName("levelFilter")
        self.level.setAccessibleName("Minimum risk level")
        for level in RiskLevel:
            text = "All levels" if level is RiskLevel.NONE else f"{RISK_LABEL[level]} and above"
            self.level.addItem(text, level.value)
        self.courthouse = IdCombo(self, empty="All courthouses")
        self.courthouse.setObjectName("courthouseFilter")
        self.courthouse.setAccessibleName("Courthouse")
        self.courthouse.setMinimumContentsLength(30)
        self.courthouse.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("Show:", self))
        layout.addWidget(self.days)
        layout.addWidget(self.custom)
        layout.addSpacing(12)
        layout.addWidget(self.staff)
        layout.addWidget(self.level)
        layout.addWidget(self.courthouse)
        layout.addStretch(1)
        if days in DAY_CHOICES:
            self.days.setCurrentIndex(DAY_CHOICES.index(days))
        else:
            self.days.setCurrentIndex(len(DAY_CHOICES))
        self.custom.setVisible(self.days.currentData() == 0)
        self.days.currentIndexChanged.connect(self._days_changed)
        self.custom.editingFinished.connect(self.changed)
        for combo in (self.staff, self.level, self.courthouse):
            combo.currentIndexChanged.connect(self.changed)

    def _days_changed(self) -> None:
        custom = self.days.currentData() == 0
        self.custom.setVisible(custom)
        if custom:
            self.custom.setFocus()
        self.changed.emit()

    def day_count(self) -> int:
        chosen = int(self.days.currentData())
        return chosen or self.custom.value()

    def min_level(self) -> RiskLevel:
        return RiskLevel(self.level.currentData())

    def set_choices(
        self, staff: list[tuple[int, str]], courthouses: list[tuple[int, str]]
    ) -> None:
        for combo, choices in ((self.staff, staff), (self.courthouse, courthouses)):
            combo.blockSignals(True)
            combo.set_choices(choices, combo.value())
            combo.blockSignals(False)
