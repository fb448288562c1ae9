"""Add or edit a staff member."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLineEdit, QWidget

from app.domain.enums import StaffRole
from app.services.staff import StaffInput, StaffRecord
from app.ui.context import UiContext
from app.ui.dialogs.form_dialog import FormDialog
from app.ui.notifier import STAFF
from app.ui.widgets.fields import EnumCombo


class StaffDialog(FormDialog):
    entity = STAFF

    def __init__(
        self, ctx: UiContext, record: StaffRecord | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, "Edit staff member" if record else "New staff member", parent)
        self.record = record
        self.name = QLineEdit()
        self.role = EnumCombo(StaffRole)
        self.bar = QLineEdit()
        self.bar_state = QLineEdit()
        self.bar_state.setMaxLength(2)
        self.bar_state.setMaximumWidth(60)
        self.bar_state.setPlaceholderText("CO")
        self.bar_state.setToolTip(
            "The two-letter state whose bar issued the number; filings print "
            "\u201cColorado Bar No. …\u201d."
        )
        self.email = QLineEdit()
        self.active = QCheckBox("Works here now (shown in lists)")
        self.add_field("name", "Name:", self.name)
        self.add_field("role", "Role:", self.role)
        self.add_field("bar_number", "Bar number:", self.bar)
        self.add_field("bar_state", "Bar state:", self.bar_state)
        self.add_field("email", "E-mail:", self.email)
        self.add_field("active", "", self.active)
        self.fill(record)

    def fill(self, record: StaffRecord | None) -> None:
        self.record = record
        self.name.setText(record.name if record else "")
        self.role.set_value(record.role if record else StaffRole.PARALEGAL)
        self.bar.setText(record.bar_number if record else "")
        self.bar_state.setText(record.bar_state if record else "")
        self.email.setText(record.email if record else "")
        self.active.setChecked(record.active if record else True)

    def reload(self) -> None:
        if self.record is not None:
            self.fill(self.ctx.services.staff.get(self.record.id))

    def submit(self) -> StaffRecord:
        data = StaffInput(
            name=self.name.text().strip(),
            role=self.role.value(),
            bar_number=self.bar.text().strip(),
            bar_state=self.bar_state.text(),
            email=self.email.text().strip(),
            active=self.active.isChecked(),
        )
        service = self.ctx.services.staff
        if self.record is None:
            return service.create(data)
        return service.update(self.record.id, self.record.version, data)
