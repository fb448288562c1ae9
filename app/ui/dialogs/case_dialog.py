"""Create or edit a case (matter): client, kind, the client's role, staff and parties."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from app.domain.enums import CaseKind, CaseStatus, ClientRole, PartyKind
from app.domain.errors import ValidationError
from app.services.cases import CaseInput, CaseRecord, PartyInput
from app.ui.context import UiContext
from app.ui.dialogs.form_dialog import FormDialog
from app.ui.notifier import CASE
from app.ui.widgets.client_picker import ClientPicker
from app.ui.widgets.fields import DateField, EnumCombo, IdCombo

RELATED = " (related)"


def parties_text(parties: tuple[PartyInput, ...]) -> str:
    return "\n".join(
        p.name + (RELATED if p.kind is PartyKind.RELATED else "") for p in parties
    )


def parse_parties(text: str) -> tuple[PartyInput, ...]:
    found = []
    for line in text.splitlines():
        name = line.strip()
        if not name:
            continue
        if name.endswith(RELATED):
            found.append(PartyInput(name=name[: -len(RELATED)], kind=PartyKind.RELATED))
        else:
            found.append(PartyInput(name=name, kind=PartyKind.OPPOSING))
    return tuple(found)


class CaseDialog(FormDialog):
    entity = CASE

    def __init__(
        self,
        ctx: UiContext,
        record: CaseRecord | None,
        client_name: str,
        staff: list[tuple[int, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, "Edit case" if record else "New case", parent)
        self.record = record
        self.client = ClientPicker(lambda text: ctx.services.clients.search(text, limit=20))
        self.docket = QLineEdit()
        self.kind = EnumCombo(CaseKind)
        self.role = EnumCombo(ClientRole)
        self.staff = IdCombo(empty="— Not assigned —")
        self.staff.set_choices(staff)
        self.opened = DateField()
        self.closed = DateField()
        self.status = EnumCombo(CaseStatus)
        self.parties = QPlainTextEdit()
        self.parties.setFixedHeight(70)
        self.parties.setPlaceholderText("One name per line; add (related) after related parties")
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(60)
        self.add_field("client_id", "Client:", self.client)
        self.add_field("docket_number", "Docket number:", self.docket)
        self.add_field("kind", "Kind:", self.kind)
        self.add_field("client_role", "Client's role:", self.role)
        self.add_field("assigned_staff_id", "Assigned to:", self.staff)
        self.add_field("opened_on", "Opened:", self.opened)
        self.add_field("closed_on", "Closed:", self.closed)
        self.add_field("status", "Status:", self.status)
        self.add_field("parties", "Other parties:", self.parties)
        self.add_field("notes", "Notes:", self.notes)
        self.fill(record, client_name)

    def fill(self, record: CaseRecord | None, client_name: str = "") -> None:
        self.record = record
        if record is not None:
            self.client.set_client(record.client_id, client_name)
        self.docket.setText(record.docket_number if record else "")
        self.kind.set_value(record.kind if record else CaseKind.CRIMINAL)
        self.role.set_value(record.client_role if record else ClientRole.DEFENDANT)
        self.staff.set_value(record.assigned_staff_id if record else None)
        self.opened.set_date(record.opened_on if record else self.ctx.today())
        self.closed.set_date(record.closed_on if record else None)
        self.status.set_value(record.status if record else CaseStatus.OPEN)
        self.parties.setPlainText(parties_text(record.parties) if record else "")
        self.notes.setPlainText(record.notes if record else "")

    def reload(self) -> None:
        if self.record is not None:
            name = self.client.choices.currentText()
            self.fill(self.ctx.services.cases.get(self.record.id), name)

    def submit(self) -> CaseRecord:
        problems: dict[str, str] = {}
        opened, problem = self.opened.parsed()
        if problem or opened is None:
            problems["opened_on"] = problem or "the date the case opened is required"
        closed, problem = self.closed.parsed()
        if problem:
            problems["closed_on"] = problem
        client_id = self.client.value()
        if client_id is None:
            problems["client_id"] = "type part of the client's name and choose them"
        if problems:
            raise ValidationError(problems)
        assert opened is not None and client_id is not None
        data = CaseInput(
            client_id=client_id,
            kind=self.kind.value(),
            client_role=self.role.value(),
            opened_on=opened,
            docket_number=self.docket.text(),
            assigned_staff_id=self.staff.value(),
            closed_on=closed,
            status=self.status.value(),
            notes=self.notes.toPlainText().strip(),
            parties=parse_parties(self.parties.toPlainText()),
        )
        service = self.ctx.services.cases
        if self.record is None:
            return service.create(data)
        return service.update(self.record.id, self.record.version, data)
