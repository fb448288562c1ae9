"""Cases (matters): the client's role, the kind, the staff member, the other parties."""

from __future__ import annotations

from typing import Any

from app.domain.enums import label
from app.services.cases import CaseRow
from app.ui import notifier as entities
from app.ui.dialogs.case_dialog import CaseDialog
from app.ui.dialogs.form_dialog import FormDialog
from app.ui.formatting import day_text, when_local
from app.ui.models.detail_models import CasesModel
from app.ui.models.row_table import RowTableModel
from app.ui.pages.list_detail import ListDetailPage
from app.ui.widgets.detail_html import detail_html

LIST_LIMIT = 500


class CasesPage(ListDetailPage):
    key = "cases"
    title = "Cases"
    noun = "case"
    entity = entities.CASE
    search_hint = "Search by docket number, e.g. 26CR"
    widths = (100, 190, 110, 95, 60, 110)

    def extra_watches(self) -> tuple[str, ...]:
        return (entities.CLIENT, entities.STAFF, entities.HEARING)

    def make_model(self) -> RowTableModel:
        return CasesModel(self, with_client=True)

    def load_rows(self, search: str) -> list[CaseRow]:
        return self.ctx.services.cases.find(search=search, limit=LIST_LIMIT)

    def set_count(self, shown: int) -> None:
        more = " (the most recent; search to narrow)" if shown >= LIST_LIMIT else ""
        self.count.setText(f"{shown:,} cases{more}" if shown != 1 else "1 case")

    def load_detail(self, row: CaseRow) -> str:
        services = self.ctx.services
        record = services.cases.get(row.id)
        hearings = [h for h in services.hearings.for_client(row.client_id) if h.case_id == row.id]
        hearing_lines = [
            f"{when_local(h.starts_at, h.time_zone)} — {label(h.hearing_type)} at {h.courthouse}"
            f" ({label(h.outcome) if h.outcome else label(h.status)})"
            for h in hearings
        ]
        parties = [
            f"{p.name} ({label(p.kind)})" for p in record.parties
        ]
        return detail_html(
            f"Case {record.docket_number or '(no docket number)'}",
            [
                ("Client", row.client_name),
                ("Kind", label(record.kind)),
                ("Client's role", label(record.client_role)),
                ("Status", label(record.status)),
                ("Assigned to", row.staff_name or "Not assigned"),
                ("Opened", day_text(record.opened_on)),
                ("Closed", day_text(record.closed_on)),
                ("Notes", record.notes),
            ],
            [("Other parties", parties), (f"Hearings ({len(hearings)})", hearing_lines)],
        )

    def make_dialog(self, row: Any | None) -> FormDialog:
        services = self.ctx.services
        record = services.cases.get(row.id) if row is not None else None
        staff = [(s.id, s.name) for s in services.staff.find(active_only=True)]
        return CaseDialog(self.ctx, record, row.client_name if row else "", staff, self)

    def delete_row(self, row: CaseRow) -> None:
        self.ctx.services.cases.delete(row.id, row.version)

    def describe(self, row: CaseRow) -> str:
        return f"case {row.docket_number or row.id} of {row.client_name}"
