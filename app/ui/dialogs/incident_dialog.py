"""Record an enforcement incident at a courthouse or at a place described in words."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from app.domain.enums import IncidentSource, LocationKind
from app.services.incidents import IncidentInput, IncidentRecord
from app.ui.context import UiContext
from app.ui.dialogs.form_dialog import FormDialog
from app.ui.notifier import INCIDENT
from app.ui.widgets.datetime_field import ZonedDateTimeEdit
from app.ui.widgets.fields import EnumCombo, IdCombo


class IncidentDialog(FormDialog):
    entity = INCIDENT

    def __init__(
        self,
        ctx: UiContext,
        record: IncidentRecord | None,
        courthouses: list[tuple[int, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, "Edit incident" if record else "New incident", parent)
        self.record = record
        self.occurred = ZonedDateTimeEdit(ctx.office_zone())
        self.kind = EnumCombo(LocationKind)
        self.courthouse = IdCombo(empty="— Not at a courthouse —")
        self.courthouse.set_choices(courthouses)
        self.place = QLineEdit()
        self.place.setPlaceholderText("e.g. outside Colorado High School Charter")
        self.city = QLineEdit()
        self.state = QLineEdit()
        self.state.setMaxLength(2)
        self.state.setMaximumWidth(60)
        self.agency = QLineEdit()
        self.people = QSpinBox()
        self.people.setRange(0, 999)
        self.markings = QLineEdit()
        self.markings.setPlaceholderText('e.g. vests marked "POLICE"')
        self.source = EnumCombo(IncidentSource)
        self.verified = QCheckBox("Verified (seen by staff or confirmed by two sources)")
        self.summary_text = QPlainTextEdit()
        self.summary_text.setFixedHeight(80)
        self.add_field("occurred_at", "Date and time:", self.occurred)
        self.add_field("location_kind", "Kind of place:", self.kind)
        self.add_field("courthouse_id", "Courthouse:", self.courthouse)
        self.add_field("location_text", "Place:", self.place)
        self.add_field("city", "City:", self.city)
        self.add_field("state", "State:", self.state)
        self.add_field("agency", "Agency:", self.agency)
        self.add_field("people_arrested", "People arrested:", self.people)
        self.add_field("markings", "Agents' markings:", self.markings)
        self.add_field("source", "Source:", self.source)
        self.add_field("verified", "", self.verified)
        self.add_field("summary", "What happened:", self.summary_text)
        self.fill(record)

    def fill(self, record: IncidentRecord | None) -> None:
        self.record = record
        self.occurred.set_moment(record.occurred_at if record else self.ctx.now())
        self.kind.set_value(record.location_kind if record else LocationKind.COURTHOUSE_EXTERIOR)
        self.courthouse.set_value(record.courthouse_id if record else None)
        self.place.setText(record.location_text if record else "")
        self.city.setText(record.city if record else "")
        self.state.setText(record.state if record else "")
        self.agency.setText(record.agency if record else "ICE")
        self.people.setValue(record.people_arrested if record else 0)
        self.markings.setText(record.markings if record else "")
        self.source.set_value(record.source if record else IncidentSource.STAFF_REPORT)
        self.verified.setChecked(record.verified if record else False)
        self.summary_text.setPlainText(record.summary if record else "")

    def reload(self) -> None:
        if self.record is not None:
            self.fill(self.ctx.services.incidents.get(self.record.id))

    def submit(self) -> IncidentRecord:
        data = IncidentInput(
            occurred_at=self.occurred.moment(),
            location_kind=self.kind.value(),
            summary=self.summary_text.toPlainText(),
            source=self.source.value(),
            courthouse_id=self.courthouse.value(),
            location_text=self.place.text().strip(),
            city=self.city.text().strip(),
            state=self.state.text(),
            agency=self.agency.text().strip(),
            people_arrested=self.people.value(),
            markings=self.markings.text().strip(),
            verified=self.verified.isChecked(),
        )
        service = self.ctx.services.incidents
        if self.record is None:
            return service.create(data)
        return service.update(self.record.id, self.record.version, data)
