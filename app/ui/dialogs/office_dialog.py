"""The office's details: name, address, phone, state, time zone, languages and the letterhead
logo."""

from __future__ import annotations

from zoneinfo import available_timezones

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget

from app.services.office import OfficeInput, OfficeRecord
from app.ui.context import UiContext
from app.ui.dialogs.form_dialog import FormDialog
from app.ui.notifier import OFFICE
from app.ui.widgets.logo_field import LogoField

US_ZONES = (
    "America/New_York", "America/Chicago", "America/Denver", "America/Phoenix",
    "America/Los_Angeles", "America/Anchorage", "Pacific/Honolulu", "America/Puerto_Rico",
)


def zone_combo(parent: QWidget | None = None) -> QComboBox:
    combo = QComboBox(parent)
    combo.setEditable(True)
    combo.addItems(US_ZONES)
    combo.insertSeparator(len(US_ZONES))
    combo.addItems(sorted(z for z in available_timezones() if "/" in z and z not in US_ZONES))
    return combo


class OfficeDialog(FormDialog):
    entity = OFFICE

    def __init__(
        self, ctx: UiContext, record: OfficeRecord | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, "Office details", parent)
        self.record = record
        self.name = QLineEdit()
        self.address = QPlainTextEdit()
        self.address.setFixedHeight(64)
        self.phone = QLineEdit()
        self.email = QLineEdit()
        self.state = QLineEdit()
        self.state.setMaxLength(2)
        self.state.setMaximumWidth(60)
        self.state.setPlaceholderText("CO")
        self.zone = zone_combo()
        self.languages = QLineEdit()
        self.languages.setPlaceholderText("en,es")
        self.add_field("name", "Office name:", self.name)
        self.add_field("address", "Address:", self.address)
        self.add_field("phone", "Phone:", self.phone)
        self.add_field("email", "E-mail:", self.email)
        self.add_field("state", "State:", self.state)
        self.add_field("time_zone", "Time zone:", self.zone)
        self.add_field("default_languages", "Languages:", self.languages)
        self.logo = LogoField()
        self.add_field("letterhead_logo", "Letterhead logo:", self.logo)
        self.logo.problem.connect(
            lambda text: self.error_label("letterhead_logo").show_problem(text or None)
        )
        self.fill(record)

    def fill(self, record: OfficeRecord | None) -> None:
        self.record = record
        self.name.setText(record.name if record else "")
        self.address.setPlainText(record.address if record else "")
        self.phone.setText(record.phone if record else "")
        self.email.setText(record.email if record else "")
        self.state.setText(record.state if record else "")
        self.zone.setCurrentText(record.time_zone if record else "America/Denver")
        self.languages.setText(record.default_languages if record else "en,es")
        self.logo.set_value(record.letterhead_logo if record else None)

    def reload(self) -> None:
        self.fill(self.ctx.services.office.get())

    def submit(self) -> OfficeRecord:
        data = OfficeInput(
            name=self.name.text().strip(),
            address=self.address.toPlainText().strip(),
            phone=self.phone.text().strip(),
            email=self.email.text().strip(),
            state=self.state.text().strip().upper(),
            time_zone=self.zone.currentText().strip(),
            default_languages=self.languages.text().replace(" ", "") or "en",
            letterhead_logo=self.logo.value(),
        )
        saved = self.ctx.services.office.save(data, self.record.version if self.record else None)
        self.ctx.forget_office()
        return saved
