"""Create or edit a courthouse."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QGridLayout, QLineEdit, QPlainTextEdit, QWidget

from app.domain.enums import CourtKind, label
from app.services.courthouses import CourthouseInput, CourthouseRecord, parse_kinds
from app.ui.context import UiContext
from app.ui.dialogs.form_dialog import FormDialog
from app.ui.dialogs.office_dialog import zone_combo
from app.ui.notifier import COURTHOUSE


class CourtKindsPicker(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[CourtKind, QCheckBox] = {}
        for index, kind in enumerate(CourtKind):
            box = QCheckBox(label(kind), self)
            self.boxes[kind] = box
            grid.addWidget(box, index // 4, index % 4)

    def set_text(self, text: str) -> None:
        chosen = set(parse_kinds(text))
        for kind, box in self.boxes.items():
            box.setChecked(kind in chosen)

    def text(self) -> str:
        return ",".join(kind.value for kind, box in self.boxes.items() if box.isChecked())


class CourthouseDialog(FormDialog):
    entity = COURTHOUSE

    def __init__(
        self, ctx: UiContext, record: CourthouseRecord | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, "Edit courthouse" if record else "New courthouse", parent)
        self.record = record
        self.name = QLineEdit()
        self.kinds = CourtKindsPicker()
        self.address = QLineEdit()
        self.city = QLineEdit()
        self.state = QLineEdit()
        self.state.setMaxLength(2)
        self.state.setMaximumWidth(60)
        self.postal = QLineEdit()
        self.postal.setMaximumWidth(100)
        self.zone = zone_combo()
        self.field_office = QLineEdit()
        self.field_office.setPlaceholderText("e.g. denver")
        self.screened = QCheckBox("Screened entry (security check at the door)")
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(70)
        self.add_field("name", "Name:", self.name)
        self.add_field("court_kinds", "Court kinds:", self.kinds)
        self.add_field("address", "Street:", self.address)
        self.add_field("city", "City:", self.city)
        self.add_field("state", "State:", self.state)
        self.add_field("postal_code", "ZIP code:", self.postal)
        self.add_field("time_zone", "Time zone:", self.zone)
        self.add_field("ice_field_office_key", "ICE field office:", self.field_office)
        self.add_field("screened_entry", "", self.screened)
        self.add_field("notes", "Notes:", self.notes)
        self.fill(record)

    def fill(self, record: CourthouseRecord | None) -> None:
        self.record = record
        self.name.setText(record.name if record else "")
        self.kinds.set_text(record.court_kinds if record else "")
        self.address.setText(record.address if record else "")
        self.city.setText(record.city if record else "")
        self.state.setText(record.state if record else "")
        self.postal.setText(record.postal_code if record else "")
        self.zone.setCurrentText(record.time_zone if record else self.ctx.office_zone())
        self.field_office.setText(record.ice_field_office_key if record else "")
        self.screened.setChecked(record.screened_entry if record else True)
        self.notes.setPlainText(record.notes if record else "")

    def reload(self) -> None:
        if self.record is not None:
            self.fill(self.ctx.services.courthouses.get(self.record.id))

    def submit(self) -> CourthouseRecord:
        data = CourthouseInput(
            name=self.name.text(),
            court_kinds=self.kinds.text(),
            address=self.address.text().strip(),
            city=self.city.text().strip(),
            state=self.state.text(),
            postal_code=self.postal.text().strip(),
            time_zone=self.zone.currentText().strip(),
            ice_field_office_key=self.field_office.text().strip(),
            screened_entry=self.screened.isChecked(),
            notes=self.notes.toPlainText().strip(),
        )
        service = self.ctx.services.courthouses
        if self.record is None:
            return service.create(data)
        return service.update(self.record.id, self.record.version, data)
