"""Settings: the office's details, staff, risk weights, and this desk's database."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import label
from app.domain.risk_rules import RuleSet
from app.services.office import OfficeRecord
from app.services.staff import StaffRecord
from app.ui import notifier as entities
from app.ui.context import UiContext
from app.ui.dialogs.office_dialog import OfficeDialog
from app.ui.dialogs.staff_dialog import StaffDialog
from app.ui.models.row_table import Column, RowTableModel
from app.ui.pages.base import Page
from app.ui.pages.database_box import DatabaseBox
from app.ui.pages.risk_weights import RiskWeightsEditor
from app.ui.widgets.tables import make_table, selected_row

SettingsData = tuple[OfficeRecord | None, list[StaffRecord], RuleSet]


class SettingsPage(Page):
    key = "settings"
    title = "Settings"
    watches = (entities.OFFICE, entities.STAFF, entities.RISK_RULES)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.office: OfficeRecord | None = None
        office_box = QGroupBox("Office", self)
        self.office_text = QLabel(office_box)
        self.office_text.setObjectName("officeDetails")
        self.office_text.setWordWrap(True)
        self.office_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        edit_office = QPushButton("Edit office details…", office_box)
        edit_office.setObjectName("editOffice")
        edit_office.clicked.connect(self.edit_office)
        office_layout = QVBoxLayout(office_box)
        office_layout.addWidget(self.office_text)
        office_layout.addWidget(edit_office, 0, Qt.AlignmentFlag.AlignLeft)

        staff_box = QGroupBox("Staff", self)
        self.staff_model = RowTableModel(
            [
                Column("Name", lambda s: s.name),
                Column("Role", lambda s: label(s.role)),
                Column("E-mail", lambda s: s.email),
                Column("Active", lambda s: "Yes" if s.active else "No"),
            ],
            self,
        )
        self.staff_table = make_table(self.staff_model, "staffTable", staff_box,
                                      widths=(150, 80, 150))
        self.staff_table.doubleClicked.connect(lambda _i: self.edit_staff())
        add = QPushButton("Add staff member…", staff_box)
        add.clicked.connect(lambda: self._staff_dialog(None))
        edit = QPushButton("Edit…", staff_box)
        edit.setAccessibleName("Edit staff member")
        edit.clicked.connect(self.edit_staff)
        staff_buttons = QHBoxLayout()
        staff_buttons.addWidget(add)
        staff_buttons.addWidget(edit)
        staff_buttons.addStretch(1)
        staff_layout = QVBoxLayout(staff_box)
        staff_layout.addWidget(self.staff_table, 1)
        staff_layout.addLayout(staff_buttons)

        weights_box = QGroupBox("Risk weights (the whole office)", self)
        self.weights = RiskWeightsEditor(ctx, weights_box)
        QVBoxLayout(weights_box).addWidget(self.weights)
        self.database = DatabaseBox(ctx, self)

        content = QWidget(self)
        grid = QGridLayout(content)
        grid.addWidget(office_box, 0, 0)
        grid.addWidget(staff_box, 1, 0)
        grid.addWidget(self.database, 2, 0)
        grid.addWidget(weights_box, 0, 1, 3, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(1, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def refresh(self) -> None:
        services = self.ctx.services

        def load() -> SettingsData:
            return services.office.get(), services.staff.find(), services.risk.rules()

        self.ctx.runner.run(load, self._show, key="settings", label="Loading settings")

    def _show(self, data: SettingsData) -> None:
        office, staff, rules = data
        self.office = office
        if office is None:
            self.office_text.setText("No office details yet.")
        else:
            lines = [
                f"<b>{_e(office.name)}</b>",
                _e(office.address).replace("\n", "<br/>"),
                _e(" · ".join(p for p in (office.phone, office.email) if p)),
                f"State: {_e(office.state or '—')} · Time zone: {_e(office.time_zone)}",
                f"Languages: {_e(office.default_languages)}",
            ]
            self.office_text.setText("<br/>".join(line for line in lines if line))
        self.staff_model.set_rows(staff)
        self.weights.show_rules(rules)
        self.loaded.emit()

    def edit_office(self) -> None:
        dialog = OfficeDialog(self.ctx, self.office, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def edit_staff(self) -> None:
        record = selected_row(self.staff_table)
        if record is not None:
            self._staff_dialog(record)

    def _staff_dialog(self, record: StaffRecord | None) -> None:
        dialog = StaffDialog(self.ctx, record, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()


def _e(text: str) -> str:
    from html import escape

    return escape(text)
