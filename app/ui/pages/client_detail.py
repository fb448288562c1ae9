"""One client: safe-contact instructions first, then cases, hearings with risk, the audit trail.

Status, A-number, date of birth and criminal history stay hidden until "Show sensitive details"
is pressed, so the pane can be open while someone looks over a shoulder.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.services.audit import AuditRow
from app.services.cases import CaseRow
from app.services.clients import ClientRecord
from app.services.risk import UpcomingItem
from app.ui.dialogs.client_dialog import language_name, status_text
from app.ui.formatting import day_text, enum_text
from app.ui.models.detail_models import CasesModel, HistoryModel, RiskHearingsModel
from app.ui.theme import banner_style
from app.ui.widgets.risk_badge import RiskBadgeDelegate
from app.ui.widgets.tables import make_table


@dataclass(frozen=True)
class ClientDetails:
    record: ClientRecord
    cases: list[CaseRow]
    hearings: list[UpcomingItem]
    history: list[AuditRow]


def sensitive_text(record: ClientRecord) -> str:
    lines = [
        f"Date of birth: {day_text(record.date_of_birth) or '—'}",
        f"A-number: {record.a_number or '—'}",
        f"Immigration status: {status_text(record.immigration_status)}"
        + (f" ({record.status_document})" if record.status_document else ""),
    ]
    if record.status_expires_on:
        lines.append(f"Status expires: {day_text(record.status_expires_on)}")
    if record.entry_date:
        lines.append(f"Entry date: {day_text(record.entry_date)}")
    flags = [
        name for name, on in (
            ("entered without inspection", record.entered_without_inspection),
            ("final removal order", record.final_removal_order),
            ("removed before", record.prior_removal),
            ("ICE detainer history", record.ice_detainer_history),
            ("gang allegation", record.gang_allegation),
        ) if on
    ]
    lines.append("Flags: " + (", ".join(flags) if flags else "none recorded"))
    if record.criminal_history:
        lines.append("Criminal history:")
        for entry in record.criminal_history:
            extra = [enum_text(entry.offence_class)]
            if entry.dui:
                extra.append("DUI")
            if entry.pending:
                extra.append("pending")
            when = day_text(entry.offence_date) or "date unknown"
            lines.append(f"  • {entry.offence} — {when} ({', '.join(extra)})")
    else:
        lines.append("Criminal history: none recorded")
    return "\n".join(lines)


class ClientDetail(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("clientDetail")
        self.details: ClientDetails | None = None
        self.name = QLabel("Select a client.", self)
        self.name.setObjectName("clientName")
        font = self.name.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.name.setFont(font)
        self.name.setWordWrap(True)
        self.edit_button = QPushButton("Edit…", self)
        self.edit_button.setObjectName("editClientButton")
        self.edit_button.setAccessibleName("Edit client")
        self.safe_contact = QLabel(self)
        self.safe_contact.setObjectName("safeContactBanner")
        self.safe_contact.setAccessibleName("Safe-contact instructions")
        self.safe_contact.setWordWrap(True)
        self.contact = QLabel(self)
        self.contact.setObjectName("clientContact")
        self.contact.setWordWrap(True)
        self.reveal = QCheckBox("Show sensitive details", self)
        self.reveal.setObjectName("revealSensitive")
        self.reveal.setToolTip("Status, A-number, date of birth and criminal history")
        self.reveal.toggled.connect(self._reveal_toggled)
        self.sensitive = QLabel(self)
        self.sensitive.setObjectName("sensitiveDetails")
        self.sensitive.setWordWrap(True)
        self.sensitive.hide()
        self.tabs = QTabWidget(self)
        self.hearings_model = RiskHearingsModel(self)
        self.hearings = make_table(
            self.hearings_model, "clientHearings", self, widths=(84, 185, 185, 120)
        )
        self.hearings.setItemDelegateForColumn(0, RiskBadgeDelegate(self.hearings))
        self.cases_model = CasesModel(self)
        self.cases = make_table(self.cases_model, "clientCases", self, widths=(110, 120, 110, 70))
        self.history_model = HistoryModel(self)
        self.history = make_table(self.history_model, "clientHistory", self, widths=(130, 80, 60))
        self.tabs.addTab(self.hearings, "Hearings")
        self.tabs.addTab(self.cases, "Cases")
        self.tabs.addTab(self.history, "History")
        top = QHBoxLayout()
        top.addWidget(self.name, 1)
        top.addWidget(self.edit_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.safe_contact)
        layout.addWidget(self.contact)
        layout.addWidget(self.reveal)
        layout.addWidget(self.sensitive)
        layout.addWidget(self.tabs, 1)
        self.show_details(None)

    def show_details(self, details: ClientDetails | None) -> None:
        self.details = details
        self.reveal.setChecked(False)
        has = details is not None
        for widget in (self.edit_button, self.reveal, self.tabs, self.contact):
            widget.setVisible(has)
        if details is None:
            self.name.setText("Select a client to see their cases and hearings.")
            self.safe_contact.hide()
            self.sensitive.clear()
            for model in (self.hearings_model, self.cases_model, self.history_model):
                model.set_rows([])
            return
        record = details.record
        self.name.setText(record.display_name)
        if record.safe_contact:
            self.safe_contact.setText(f"⚠  Safe contact: {record.safe_contact}")
            self.safe_contact.setStyleSheet(banner_style(self))
            self.safe_contact.show()
        else:
            self.safe_contact.hide()
        contact = [
            f"Language: {language_name(record.preferred_language)}",
            f"Phone: {record.phone or '—'}",
        ]
        if record.email:
            contact.append(f"E-mail: {record.email}")
        if record.address:
            contact.append("Address: " + record.address.replace("\n", ", "))
        self.contact.setText("<br/>".join(escape(line) for line in contact))
        self.sensitive.setText(sensitive_text(record))
        self.hearings_model.set_rows(details.hearings)
        self.cases_model.set_rows(details.cases)
        self.history_model.set_rows(details.history)
        self.tabs.setTabText(0, f"Hearings ({len(details.hearings)})")
        self.tabs.setTabText(1, f"Cases ({len(details.cases)})")

    def _reveal_toggled(self, on: bool) -> None:
        self.sensitive.setVisible(on and self.details is not None)
