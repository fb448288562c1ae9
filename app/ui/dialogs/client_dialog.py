"""Create or edit a client: every problem shows next to its field and nothing is saved."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import ImmigrationStatus, label
from app.domain.errors import ValidationError
from app.services.clients import LANGUAGES, ClientInput, ClientRecord
from app.ui.context import UiContext
from app.ui.dialogs.criminal_history import CriminalHistoryEditor
from app.ui.dialogs.form_dialog import FormDialog
from app.ui.notifier import CLIENT
from app.ui.widgets.conflict_panel import ConflictPanel
from app.ui.widgets.fields import DateField, EnumCombo

LANGUAGE_NAMES = {
    "en": "English", "es": "Spanish", "vi": "Vietnamese", "zh": "Chinese", "ar": "Arabic",
    "ht": "Haitian Creole", "ru": "Russian", "ko": "Korean", "tl": "Tagalog",
    "pt": "Portuguese", "so": "Somali", "am": "Amharic", "fr": "French",
}


# "Citizen" must be chosen on purpose: a form left as it opened says nobody asked, which the
# risk rules score as unknown (a flag), never as citizen (silence).
STATUS_LABELS = {
    ImmigrationStatus.NOT_ASKED: "Not asked yet",
    ImmigrationStatus.UNKNOWN: "Unknown (asked; the client does not know or did not say)",
    ImmigrationStatus.CITIZEN: "U.S. citizen",
    ImmigrationStatus.LAWFUL_PERMANENT_RESIDENT: "Lawful permanent resident (green card)",
    ImmigrationStatus.EXPIRED_VISA: "Expired visa or border-crossing card",
    ImmigrationStatus.TPS: "TPS (Temporary Protected Status)",
    ImmigrationStatus.DACA: "DACA",
    ImmigrationStatus.PENDING_ASYLUM: "Asylum application pending",
    ImmigrationStatus.PAROLE_ACTIVE: "Parole (in force)",
    ImmigrationStatus.PAROLE_REVOKED: "Parole revoked or ended",
}
_FIRST = (ImmigrationStatus.NOT_ASKED, ImmigrationStatus.UNKNOWN)
STATUS_ORDER = (*_FIRST, *(s for s in ImmigrationStatus if s not in _FIRST))


def language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code)


def status_text(status: ImmigrationStatus) -> str:
    """How a status reads in lists and details: one nobody asked about is "not recorded"."""
    if status is ImmigrationStatus.NOT_ASKED:
        return "Status not recorded (not asked yet)"
    return STATUS_LABELS.get(status) or label(status)


class ClientDialog(FormDialog):
    entity = CLIENT

    def __init__(
        self, ctx: UiContext, record: ClientRecord | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, "Edit client" if record else "New client", parent)
        self.record = record
        person, sensitive, notes = self.use_tabs(["Person and contact", "Sensitive", "Notes"])
        self.given = QLineEdit()
        self.family = QLineEdit()
        self.preferred = QLineEdit()
        self.dob = DateField()
        self.language = QComboBox()
        for code in LANGUAGES:
            self.language.addItem(f"{language_name(code)} ({code})", code)
        self.phone = QLineEdit()
        self.email = QLineEdit()
        self.address = QPlainTextEdit()
        self.address.setFixedHeight(60)
        self.safe_contact = QPlainTextEdit()
        self.safe_contact.setFixedHeight(60)
        self.safe_contact.setPlaceholderText('e.g. "Do not call the home number; text only."')
        self.add_field("given_name", "Given name:", self.given, person)
        self.add_field("family_name", "Family name:", self.family, person)
        self.add_field("preferred_name", "Preferred name:", self.preferred, person)
        self.add_field("preferred_language", "Language:", self.language, person)
        self.add_field("phone", "Phone:", self.phone, person)
        self.add_field("email", "E-mail:", self.email, person)
        self.add_field("address", "Address:", self.address, person)
        self.add_field("safe_contact", "Safe contact:", self.safe_contact, person)

        self.a_number = QLineEdit()
        self.a_number.setPlaceholderText("A123456789")
        self.status = EnumCombo(STATUS_ORDER, labels=STATUS_LABELS)
        self.status.setToolTip("Ask only when needed. Left as \"Not asked yet\", hearings are "
                               "flagged as if the status were unknown.")
        self.status_document = QLineEdit()
        self.status_expires = DateField()
        self.entry_date = DateField()
        self.ewi = QCheckBox("Entered without inspection")
        self.removal_order = QCheckBox("Final removal order")
        self.prior_removal = QCheckBox("Removed before")
        self.detainer = QCheckBox("ICE detainer history")
        self.gang = QCheckBox("Gang allegation on record")
        self.history = CriminalHistoryEditor()
        self.add_field("date_of_birth", "Date of birth:", self.dob, sensitive)
        self.add_field("a_number", "A-number:", self.a_number, sensitive)
        self.add_field("immigration_status", "Immigration status:", self.status, sensitive)
        self.add_field("status_document", "Status document:", self.status_document, sensitive)
        self.add_field("status_expires_on", "Status expires:", self.status_expires, sensitive)
        self.add_field("entry_date", "Entry date:", self.entry_date, sensitive)
        for name, box in (
            ("entered_without_inspection", self.ewi),
            ("final_removal_order", self.removal_order),
            ("prior_removal", self.prior_removal),
            ("ice_detainer_history", self.detainer),
            ("gang_allegation", self.gang),
        ):
            self.add_field(name, "", box, sensitive)
        self.add_field("criminal_history", "Criminal history:", self.history, sensitive)
        self.notes = QPlainTextEdit()
        self.add_field("notes", "Notes:", self.notes, notes)
        self.conflicts = self._conflict_box(record)
        self.setMinimumWidth(680)  # the height follows the fields
        if record is not None:
            self.fill(record)
        self.given.setFocus()

    def _conflict_box(self, record: ClientRecord | None) -> ConflictPanel:
        """Below the tabs, so a possible conflict stays in view whichever tab is open."""
        box = QGroupBox("Conflict check", self)
        panel = ConflictPanel(
            self.ctx.services.conflicts,
            self.ctx.runner,
            box,
            exclude_client_id=record.id if record is not None else None,
        )
        QVBoxLayout(box).addWidget(panel)
        self.body.addWidget(box, 1)  # a larger window shows more hits
        for edit in (self.given, self.family):
            edit.textChanged.connect(self._name_changed)
        panel.warm_up()
        return panel

    def _name_changed(self) -> None:
        self.conflicts.set_name(f"{self.given.text().strip()} {self.family.text().strip()}")

    def fill(self, record: ClientRecord) -> None:
        self.record = record
        self.given.setText(record.given_name)
        self.family.setText(record.family_name)
        self.preferred.setText(record.preferred_name)
        self.dob.set_date(record.date_of_birth)
        self.language.setCurrentIndex(max(self.language.findData(record.preferred_language), 0))
        self.phone.setText(record.phone)
        self.email.setText(record.email)
        self.address.setPlainText(record.address)
        self.safe_contact.setPlainText(record.safe_contact)
        self.a_number.setText(record.a_number or "")
        self.status.set_value(record.immigration_status)
        self.status_document.setText(record.status_document)
        self.status_expires.set_date(record.status_expires_on)
        self.entry_date.set_date(record.entry_date)
        self.ewi.setChecked(record.entered_without_inspection)
        self.removal_order.setChecked(record.final_removal_order)
        self.prior_removal.setChecked(record.prior_removal)
        self.detainer.setChecked(record.ice_detainer_history)
        self.gang.setChecked(record.gang_allegation)
        self.history.set_entries(record.criminal_history)
        self.notes.setPlainText(record.notes)

    def reload(self) -> None:
        if self.record is not None:
            self.fill(self.ctx.services.clients.get(self.record.id))

    def collect(self) -> ClientInput:
        problems: dict[str, str] = {}
        dates = {}
        for name, widget in (
            ("date_of_birth", self.dob),
            ("status_expires_on", self.status_expires),
            ("entry_date", self.entry_date),
        ):
            value, problem = widget.parsed()
            dates[name] = value
            if problem:
                problems[name] = problem
        history = self.history.entries(problems)
        if problems:
            raise ValidationError(problems)
        return ClientInput(
            given_name=self.given.text(),
            family_name=self.family.text(),
            preferred_name=self.preferred.text(),
            date_of_birth=dates["date_of_birth"],
            a_number=self.a_number.text().strip() or None,
            preferred_language=self.language.currentData(),
            phone=self.phone.text().strip(),
            email=self.email.text().strip(),
            address=self.address.toPlainText().strip(),
            safe_contact=self.safe_contact.toPlainText().strip(),
            immigration_status=self.status.value(),
            status_document=self.status_document.text().strip(),
            status_expires_on=dates["status_expires_on"],
            entry_date=dates["entry_date"],
            entered_without_inspection=self.ewi.isChecked(),
            final_removal_order=self.removal_order.isChecked(),
            prior_removal=self.prior_removal.isChecked(),
            ice_detainer_history=self.detainer.isChecked(),
            gang_allegation=self.gang.isChecked(),
            notes=self.notes.toPlainText().strip(),
            criminal_history=history,
        )

    def submit(self) -> ClientRecord:
        data = self.collect()
        service = self.ctx.services.clients
        if self.record is None:
            return service.create(data)
        return service.update(self.record.id, self.record.version, data)
