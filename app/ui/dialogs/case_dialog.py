"""Create or edit a case (matter): client, kind, the client's role, staff and parties."""

from __future__ import annotations

import re

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import CaseKind, CaseStatus, ClientRole
from app.domain.errors import ValidationError
from app.services.cases import CaseInput, CaseRecord
from app.ui.context import UiContext
from app.ui.dialogs.form_dialog import FormDialog
from app.ui.notifier import CASE
from app.ui.widgets.client_picker import ClientPicker
from app.ui.widgets.conflict_panel import ConflictPanel
from app.ui.widgets.fields import DateField, EnumCombo, IdCombo
from app.ui.widgets.parties_editor import PartiesEditor

PARTY_PROBLEM = re.compile(r"parties\[(\d+)\]\.(\w+)")
PARTIES_TAB = "Parties and conflicts"


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
        case_form, parties_form = self.use_tabs(["Case", PARTIES_TAB])
        self.client = ClientPicker(lambda text: ctx.services.clients.search(text, limit=20))
        self.docket = QLineEdit()
        self.court_name = QLineEdit()
        self.court_name.setPlaceholderText("as on the case papers, e.g. County Court, Denver")
        self.court_name.setToolTip(
            "Requests to the court are captioned with this name. Leave it empty where CourtSafe "
            "can tell the court from the courthouse and the case number."
        )
        self.kind = EnumCombo(CaseKind)
        self.role = EnumCombo(ClientRole)
        self.staff = IdCombo(empty="— Not assigned —")
        self.staff.set_choices(staff)
        self.opened = DateField()
        self.closed = DateField()
        self.status = EnumCombo(CaseStatus)
        self.parties = PartiesEditor()
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(80)
        self.add_field("client_id", "Client:", self.client, case_form)
        self.add_field("docket_number", "Docket number:", self.docket, case_form)
        self.add_field("court_name", "Court:", self.court_name, case_form)
        self.add_field("kind", "Kind:", self.kind, case_form)
        self.add_field("client_role", "Client's role:", self.role, case_form)
        self.add_field("assigned_staff_id", "Assigned to:", self.staff, case_form)
        self.add_field("opened_on", "Opened:", self.opened, case_form)
        self.add_field("closed_on", "Closed:", self.closed, case_form)
        self.add_field("status", "Status:", self.status, case_form)
        self.add_field("notes", "Notes:", self.notes, case_form)
        self.add_field("parties", "Other parties:", self.parties, parties_form)
        self.conflicts = self._conflict_box(parties_form, record)
        self.setMinimumSize(700, 520)
        self.fill(record, client_name)

    def _conflict_box(self, form: QFormLayout, record: CaseRecord | None) -> ConflictPanel:
        """Checks the party name being typed (or the row chosen) against everyone the office
        knows, leaving out this case's own parties."""
        box = QGroupBox("Conflict check for the party being typed", form.parentWidget())
        panel = ConflictPanel(
            self.ctx.services.conflicts,
            self.ctx.runner,
            box,
            exclude_case_id=record.id if record is not None else None,
        )
        QVBoxLayout(box).addWidget(panel)
        form.addRow(box)
        self.parties.name_edited.connect(panel.set_name)
        panel.checked.connect(self._conflicts_checked)
        panel.warm_up()
        return panel

    def _conflicts_checked(self, hits: int) -> None:
        assert self.tabs is not None
        self.tabs.setTabText(1, f"{PARTIES_TAB} ⚠ {hits}" if hits else PARTIES_TAB)

    def fill(self, record: CaseRecord | None, client_name: str = "") -> None:
        self.record = record
        if record is not None:
            self.client.set_client(record.client_id, client_name)
        self.docket.setText(record.docket_number if record else "")
        self.court_name.setText(record.court_name if record else "")
        self.kind.set_value(record.kind if record else CaseKind.CRIMINAL)
        self.role.set_value(record.client_role if record else ClientRole.DEFENDANT)
        self.staff.set_value(record.assigned_staff_id if record else None)
        self.opened.set_date(record.opened_on if record else self.ctx.today())
        self.closed.set_date(record.closed_on if record else None)
        self.status.set_value(record.status if record else CaseStatus.OPEN)
        self.parties.set_parties(record.parties if record else ())
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
            court_name=self.court_name.text(),
            assigned_staff_id=self.staff.value(),
            closed_on=closed,
            status=self.status.value(),
            notes=self.notes.toPlainText().strip(),
            parties=self.parties.parties(),
        )
        service = self.ctx.services.cases
        if self.record is None:
            return service.create(data)
        return service.update(self.record.id, self.record.version, data)

    def show_problems(self, problems: dict[str, str]) -> None:
        """'parties[2].name' from the service becomes 'Row 3: …' next to the parties table."""
        rows = self.parties.row_numbers_in_use()
        readable: dict[str, str] = {}
        party_lines: list[str] = []
        for key, text in problems.items():
            match = PARTY_PROBLEM.fullmatch(key)
            if match is None:
                readable[key] = text
                continue
            number = int(match.group(1))
            row = rows[number - 1] + 1 if 0 < number <= len(rows) else number
            party_lines.append(f"Row {row}: {text}")
        if party_lines:
            readable["parties"] = "; ".join(party_lines)
        super().show_problems(readable)
