"""The office's risk weights: each factor's file default and the value in force, editable."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import label
from app.domain.errors import UserError
from app.domain.risk_codes import FactorKind
from app.domain.risk_rules import RuleSet
from app.ui import notifier as entities
from app.ui.about import show_rules
from app.ui.context import UiContext

COL_FACTOR, COL_KIND, COL_DEFAULT, COL_WEIGHT = range(4)


class RiskWeightsEditor(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rules: RuleSet | None = None
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("riskWeights")
        self.table.setAccessibleName("Risk weights")
        self.table.setHorizontalHeaderLabels(["Factor", "Kind", "File default", "Office value"])
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_FACTOR, QHeaderView.ResizeMode.Stretch)
        for column, width in ((COL_KIND, 90), (COL_DEFAULT, 90), (COL_WEIGHT, 110)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            self.table.setColumnWidth(column, width)
        self.status = QLabel(self)
        self.status.setObjectName("weightsStatus")
        self.status.setWordWrap(True)
        save = QPushButton("Save weights", self)
        save.setObjectName("saveWeights")
        save.clicked.connect(self.save)
        reset = QPushButton("Reset to defaults", self)
        reset.setObjectName("resetWeights")
        reset.clicked.connect(self.reset)
        explain = QPushButton("How risk flags work…", self)
        explain.clicked.connect(lambda: self.rules and show_rules(self, self.rules))
        buttons = QHBoxLayout()
        for button in (save, reset, explain):
            button.setAccessibleName(button.text().rstrip("…"))
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)

    def show_rules(self, rules: RuleSet) -> None:
        self.rules = rules
        factors = sorted(rules.factors.values(), key=lambda f: (f.kind.value, f.label))
        self.table.setRowCount(len(factors))
        for row, factor in enumerate(factors):
            name = QTableWidgetItem(factor.label)
            name.setData(Qt.ItemDataRole.UserRole, factor.code)
            name.setToolTip(factor.text)
            name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
            kind = QTableWidgetItem(label(factor.kind))
            kind.setFlags(kind.flags() & ~Qt.ItemFlag.ItemIsEditable)
            default = QTableWidgetItem(f"{factor.weight:g}")
            default.setFlags(default.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(row, COL_FACTOR, name)
            self.table.setItem(row, COL_KIND, kind)
            self.table.setItem(row, COL_DEFAULT, default)
            spin = QDoubleSpinBox()
            spin.setAccessibleName(f"Weight of {factor.label}")
            spin.setDecimals(2)
            spin.setSingleStep(0.25)
            spin.setRange(0.01 if factor.kind is FactorKind.MULTIPLIER else 0.0, 100.0)
            spin.setValue(rules.overrides.get(factor.code, factor.weight))
            self.table.setCellWidget(row, COL_WEIGHT, spin)
        changed = len(rules.overrides)
        self.status.setText(
            f"{changed} weight{'s' if changed != 1 else ''} differ from the rules file "
            f"(version {rules.version})." if changed
            else f"All weights as in the rules file (version {rules.version})."
        )

    def weights(self) -> dict[str, float]:
        """Only the values that differ from the file: the rest follow future rules files."""
        assert self.rules is not None
        found = {}
        for row in range(self.table.rowCount()):
            item = self.table.item(row, COL_FACTOR)
            assert item is not None
            code = item.data(Qt.ItemDataRole.UserRole)
            spin = self.table.cellWidget(row, COL_WEIGHT)
            assert isinstance(spin, QDoubleSpinBox)
            if abs(spin.value() - self.rules.factors[code].weight) > 1e-9:
                found[code] = round(spin.value(), 2)
        return found

    def save(self) -> None:
        if self.rules is None:
            return
        thresholds = {
            level.value: value
            for level, value in self.rules.thresholds.items()
            if self.rules.file_thresholds and value != self.rules.file_thresholds.get(level)
        }
        try:
            rules = self.ctx.services.risk.adjust(self.weights(), thresholds)
        except UserError as error:
            self.ctx.show_error(self, error)
            return
        self.show_rules(rules)
        self.ctx.notifier.data_changed(entities.RISK_RULES)

    def reset(self) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Reset risk weights",
            "Set every weight back to the rules file's value? The office's adjustments are "
            "removed for every desk.",
            QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("confirmReset")
        reset = box.addButton("Reset", QMessageBox.ButtonRole.DestructiveRole)
        box.buttonClicked.connect(lambda button: self._reset() if button is reset else None)
        box.open()

    def _reset(self) -> None:
        try:
            self.ctx.services.risk.reset_to_defaults()
        except UserError as error:
            self.ctx.show_error(self, error)
            return
        self.show_rules(self.ctx.services.risk.rules())
        self.ctx.notifier.data_changed(entities.RISK_RULES)
