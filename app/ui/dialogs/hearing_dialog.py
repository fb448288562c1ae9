"""Create or edit a hearing; the time is typed in the courthouse's own time zone.

Nothing is chosen for the user where a wrong guess silences a flag or prints the wrong warning:
the courthouse starts empty, choosing it sets the court (or narrows the choice to its courts),
and the hearing types offered are those that court holds. How to join appears only for a remote
or hybrid appearance.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from app.domain.enums import AppearanceMode, CourtKind, HearingOutcome, HearingStatus, HearingType
from app.domain.errors import ValidationError
from app.domain.hearing_kinds import hearing_types
from app.services.hearings import JOIN_FIELDS, REMOTE_MODES, HearingInput, HearingRecord
from app.ui.context import UiContext
from app.ui.dialogs.form_dialog import FormDialog
from app.ui.notifier import HEARING
from app.ui.widgets.client_picker import ClientPicker
from app.ui.widgets.datetime_field import ZonedDateTimeEdit
from app.ui.widgets.fields import EnumCombo, IdCombo

CHOOSE_COURTHOUSE = "— Choose the courthouse —"
CHOOSE_COURT = "— Choose the court —"
CHOOSE_HEARING = "— Choose the hearing —"


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
        self._courts: tuple[CourtKind, ...] = tuple(CourtKind)
        services = ctx.services
        self.client = ClientPicker(lambda text: services.clients.search(text, limit=20))
        self.case = QComboBox()
        self.courthouse = IdCombo(empty=CHOOSE_COURTHOUSE)
        self.courthouse.set_choices(courthouses)
        self.court_kind = EnumCombo(CourtKind, empty=CHOOSE_COURT)
        self.hearing_type = EnumCombo(HearingType, empty=CHOOSE_HEARING)
        self.starts = ZonedDateTimeEdit(ctx.office_zone())
        self.duration = QSpinBox()
        self.duration.setRange(0, 24 * 60 * 14)
        self.duration.setSuffix(" minutes")
        self.duration.setSingleStep(15)
        self.courtroom = QLineEdit()
        self.mode = EnumCombo(AppearanceMode)
        self.join_url = QLineEdit()
        self.join_url.setPlaceholderText("https://… (the link the court sent)")
        self.join_phone = QLineEdit()
        self.join_phone.setPlaceholderText("e.g. +1 669 254 5252")
        self.meeting_id = QLineEdit()
        self.passcode = QLineEdit()
        self.join_note = QLabel("Printed on the client's advisory; masked in the history.")
        self.join_note.setToolTip(
            "Left out of CSV exports unless sensitive columns are asked for."
        )
        self.judge = QLineEdit()
        self.status = EnumCombo(HearingStatus)
        self.outcome = EnumCombo(HearingOutcome, empty="— No outcome yet —")
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(60)
        self.add_field("client", "Client:", self.client)
        self.add_field("case_id", "Case:", self.case)
        self.add_field("courthouse_id", "Courthouse:", self.courthouse)
        self.add_field("court_kind", "Court:", self.court_kind)
        self.add_field("hearing_type", "Hearing:", self.hearing_type)
        self.add_field("starts_at", "Starts (court's time):", self.starts)
        self.add_field("duration_minutes", "Duration:", self.duration)
        self.add_field("courtroom", "Courtroom:", self.courtroom)
        self.add_field("mode", "Appearance:", self.mode)
        self._join_rows = [
            self.add_field("join_url", "Video link:", self.join_url),
            self.add_field("join_phone", "Join by phone:", self.join_phone),
            self.add_field("meeting_id", "Meeting ID:", self.meeting_id),
            self.add_field("passcode", "Passcode:", self.passcode),
        ]
        self.form.addRow("", self.join_note)
        self.add_field("judge", "Judge:", self.judge)
        self.add_field("status", "Status:", self.status)
        self.add_field("outcome", "Outcome:", self.outcome)
        self.add_field("notes", "Notes:", self.notes)
        self.setMinimumWidth(620)  # a long client name and the join rows fit without squeezing
        self.client.changed.connect(self._load_cases)
        self.courthouse.currentIndexChanged.connect(self._courthouse_changed)
        self.court_kind.currentIndexChanged.connect(self._court_kind_changed)
        self.mode.currentIndexChanged.connect(self._mode_changed)
        if client is not None:
            self.client.set_client(*client)
        self.fill(record)

    # -- what one choice does to the others ----------------------------------------------------
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
        """The courthouse's time zone and its courts: one court is chosen, several are offered."""
        courthouse_id = self.courthouse.value()
        kinds = tuple(CourtKind)
        if courthouse_id is not None:
            courthouse = self.ctx.services.courthouses.get(courthouse_id)
            self.starts.set_zone(courthouse.time_zone)
            kinds = courthouse.kinds or kinds
        self._courts = kinds
        self.court_kind.set_choices(kinds)
        if len(kinds) == 1:
            self.court_kind.set_value(kinds[0])
        self._court_kind_changed()

    def _court_kind_changed(self) -> None:
        """The types that court holds; before a court is chosen, those of any of its courts."""
        kind = self.court_kind.value()
        courts = (kind,) if kind is not None else self._courts
        offered = dict.fromkeys(t for court in courts for t in hearing_types(court))
        self.hearing_type.set_choices(t for t in HearingType if t in offered)

    def _mode_changed(self) -> None:
        remote = self.mode.value() in REMOTE_MODES
        for widget in self._join_rows:
            holder = widget.parentWidget()
            assert holder is not None
            self.form.setRowVisible(holder, remote)
        self.form.setRowVisible(self.join_note, remote)
        if self.isVisible():
            # Room for the rows just shown, once the layout has taken them in: Notes is never
            # squeezed under the buttons.
            QTimer.singleShot(0, self.adjustSize)

    # -- filling and saving ----------------------------------------------------------------
    def fill(self, record: HearingRecord | None) -> None:
        self.record = record
        if record is not None:
            self.case.setCurrentIndex(max(self.case.findData(record.case_id), 0))
        self.courthouse.set_value(record.courthouse_id if record else None)
        self._courthouse_changed()
        if record is not None:
            self.court_kind.set_value(record.court_kind)
        self._court_kind_changed()
        self.hearing_type.set_value(record.hearing_type if record else None)
        self.starts.set_moment(record.starts_at if record else self.ctx.now())
        self.duration.setValue(record.duration_minutes if record else 60)
        self.courtroom.setText(record.courtroom if record else "")
        self.mode.set_value(record.mode if record else AppearanceMode.IN_PERSON)
        for name in JOIN_FIELDS:
            edit = getattr(self, name)
            assert isinstance(edit, QLineEdit)
            edit.setText(getattr(record, name) if record else "")
        self._mode_changed()
        self.judge.setText(record.judge if record else "")
        self.status.set_value(record.status if record else HearingStatus.SCHEDULED)
        self.outcome.set_value(record.outcome if record else None)
        self.notes.setPlainText(record.notes if record else "")

    def reload(self) -> None:
        if self.record is not None:
            self.fill(self.ctx.services.hearings.get(self.record.id))

    def _join_details(self) -> dict[str, str]:
        """What the join fields hold, or nothing for an in-person hearing (they are hidden)."""
        remote = self.mode.value() in REMOTE_MODES
        return {
            name: getattr(self, name).text().strip() if remote else "" for name in JOIN_FIELDS
        }

    def submit(self) -> HearingRecord:
        case_id = self.case.currentData()
        courthouse_id = self.courthouse.value()
        court_kind = self.court_kind.value()
        hearing_type = self.hearing_type.value()
        problems = {}
        if case_id is None:
            problems["case_id"] = "choose the client, then one of their cases"
        if courthouse_id is None:
            problems["courthouse_id"] = "choose the courthouse where the hearing is held"
        if court_kind is None:
            problems["court_kind"] = "choose which of the courthouse's courts hears it"
        if hearing_type is None:
            problems["hearing_type"] = "choose the kind of hearing"
        if problems:
            raise ValidationError(problems)
        data = HearingInput(
            case_id=int(case_id),
            courthouse_id=int(courthouse_id),  # type: ignore[arg-type]
            starts_at=self.starts.moment(),
            hearing_type=hearing_type,
            court_kind=court_kind,
            courtroom=self.courtroom.text().strip(),
            duration_minutes=self.duration.value(),
            mode=self.mode.value(),
            judge=self.judge.text().strip(),
            status=self.status.value(),
            outcome=self.outcome.value(),
            advisory_sent_at=self.record.advisory_sent_at if self.record else None,
            reminder_sent_at=self.record.reminder_sent_at if self.record else None,
            notes=self.notes.toPlainText().strip(),
            **self._join_details(),
        )
        service = self.ctx.services.hearings
        if self.record is None:
            return service.create(data)
        return service.update(self.record.id, self.record.version, data)
