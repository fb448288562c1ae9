"""Create or edit a hearing; the time is typed in the courthouse's own time zone."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from app.domain.enums import AppearanceMode, CourtKind, HearingOutcome, HearingStatus, HearingType
from app.domain.errors import ValidationError
from app.services.hearings import HearingInput, HearingRecord
from app.ui.context import UiContext
from app.ui.dialogs.form_dialog import FormDialog
from app.ui.notifier import HEARING
from app.ui.widgets.client_picker import ClientPicker
from app.ui.widgets.datetime_field import ZonedDateTimeEdit
from app.ui.widgets.fields import EnumCombo, IdCombo


class HearingDialog(FormDialog):
    entity = HEARING

    def __init__(
        self,
        ctx: UiContext,
        record: HearingRecord | None,
        client: tuple[int, str] | None,
        courthouses: list[tuple[int, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, "Edit hearing" if record else "New hearing", parent)
        self.record = record
        services = ctx.services
        self.client = ClientPicker(lambda text: services.clients.search(text, limit=20))
        self.case = QComboBox()
        self.courthouse = IdCombo()
        self.courthouse.set_choices(courthouses)
        self.starts = ZonedDateTimeEdit(ctx.office_zone())
        self.duration = QSpinBox()
        self.duration.setRange(0, 24 * 60 * 14)
        self.duration.setSuffix(" minutes")
        self.duration.setSingleStep(15)
        self.hearing_type = EnumCombo(HearingType)
        self.court_kind = EnumCombo(CourtKind)
        self.courtroom = QLineEdit()
        self.mode = EnumCombo(AppearanceMode)
        self.judge = QLineEdit()
        self.status = EnumCombo(HearingStatus)
        self.outcome = EnumCombo(HearingOutcome, empty="— No outcome yet —")
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(60)
        self.add_field("client", "Client:", self.client)
        self.add_field("case_id", "Case:", self.case)
        self.add_field("courthouse_id", "Courthouse:", self.courthouse)
        self.add_field("starts_at", "Starts (court's time):", self.starts)
        self.add_field("duration_minutes", "Duration:", self.duration)
        self.add_field("hearing_type", "Hearing:", self.hearing_type)
        self.add_field("court_kind", "Court:", self.court_kind)
        self.add_field("courtroom", "Courtroom:", self.courtroom)
        self.add_field("mode", "Appearance:", self.mode)
        self.add_field("judge", "Judge:", self.judge)
        self.add_field("status", "Status:", self.status)
        self.add_field("outcome", "Outcome:", self.outcome)
        self.add_field("notes", "Notes:", self.notes)
        self.client.changed.connect(self._load_cases)
        self.courthouse.currentIndexChanged.connect(self._courthouse_changed)
        if client is not None:
            self.client.set_client(*client)
        self.fill(record)

    def _load_cases(self) -> None:
        client_id = self.client.value()
        self.case.clear()
        if client_id is None:
            return
        for row in self.ctx.services.cases.find(client_id=client_id, limit=100):
            self.case.addItem(
                f"{row.docket_number or 'no docket'} — {row.kind.value.replace('_', ' ')}",
                row.id,
            )

    def _courthouse_changed(self) -> None:
        courthouse_id = self.courthouse.value()
        if courthouse_id is not None:
            self.starts.set_zone(self.ctx.services.courthouses.get(courthouse_id).time_zone)

    def fill(self, record: HearingRecord | None) -> None:
        self.record = record
        if record is not None:
            self.case.setCurrentIndex(max(self.case.findData(record.case_id), 0))
            self.courthouse.set_value(record.courthouse_id)
            self._courthouse_changed()
        self.starts.set_moment(record.starts_at if record else self.ctx.now())
        self.duration.setValue(record.duration_minutes if record else 60)
        self.hearing_type.set_value(record.hearing_type if record else HearingType.PRE_TRIAL)
        self.court_kind.set_value(record.court_kind if record else CourtKind.CRIMINAL)
        self.courtroom.setText(record.courtroom if record else "")
        self.mode.set_value(record.mode if record else AppearanceMode.IN_PERSON)
        self.judge.setText(record.judge if record else "")
        self.status.set_value(record.status if record else HearingStatus.SCHEDULED)
        self.outcome.set_value(record.outcome if record else None)
        self.notes.setPlainText(record.notes if record else "")

    def reload(self) -> None:
        if self.record is not None:
            self.fill(self.ctx.services.hearings.get(self.record.id))

    def submit(self) -> HearingRecord:
        case_id = self.case.currentData()
        courthouse_id = self.courthouse.value()
        problems = {}
        if case_id is None:
            problems["case_id"] = "choose the client, then one of their cases"
        if courthouse_id is None:
            problems["courthouse_id"] = "choose a courthouse"
        if problems:
            raise ValidationError(problems)
        data = HearingInput(
            case_id=int(case_id),
            courthouse_id=int(courthouse_id),  # type: ignore[arg-type]
            starts_at=self.starts.moment(),
            hearing_type=self.hearing_type.value(),
            court_kind=self.court_kind.value(),
            courtroom=self.courtroom.text().strip(),
            duration_minutes=self.duration.value(),
            mode=self.mode.value(),
            judge=self.judge.text().strip(),
            status=self.status.value(),
            outcome=self.outcome.value(),
            advisory_sent_at=self.record.advisory_sent_at if self.record else None,
            reminder_sent_at=self.record.reminder_sent_at if self.record else None,
            notes=self.notes.toPlainText().strip(),
        )
        service = self.ctx.services.hearings
        if self.record is None:
            return service.create(data)
        return service.update(self.record.id, self.record.version, data)
