"""The incident log: ICE activity seen at or near courthouses, schools and other places."""

from __future__ import annotations

from typing import Any

from app.domain.enums import label
from app.services.incidents import IncidentRow
from app.ui import notifier as entities
from app.ui.dialogs.form_dialog import FormDialog
from app.ui.dialogs.incident_dialog import IncidentDialog
from app.ui.models.row_table import Column, RowTableModel
from app.ui.pages.list_detail import ListDetailPage
from app.ui.widgets.detail_html import detail_html


def matches(row: IncidentRow, search: str) -> bool:
    """The log is the office's own (tens to hundreds of rows): filtered after one query."""
    text = search.strip().lower()
    if not text:
        return True
    haystack = " ".join((row.place, row.city, row.state, row.summary, row.markings)).lower()
    return all(word in haystack for word in text.split())


class IncidentsPage(ListDetailPage):
    key = "incidents"
    title = "Incidents"
    noun = "incident"
    entity = entities.INCIDENT
    search_hint = "Search place, city or what happened"
    widths = (95, 215, 105, 140, 60)

    def extra_watches(self) -> tuple[str, ...]:
        return (entities.COURTHOUSE,)

    def make_model(self) -> RowTableModel:
        return RowTableModel(
            [
                Column("Date", lambda r: f"{r.occurred_at:%d %b %Y}",
                       sort_key=lambda r: r.occurred_at),
                Column("Place", lambda r: r.place, tooltip=lambda r: r.place),
                Column("City", lambda r: f"{r.city}, {r.state}" if r.state else r.city),
                Column("Kind", lambda r: label(r.location_kind)),
                Column("Verified", lambda r: "Yes" if r.verified else "No"),
                Column("What happened", lambda r: r.summary, tooltip=lambda r: r.summary),
            ],
            self,
        )

    def load_rows(self, search: str) -> list[IncidentRow]:
        return [r for r in self.ctx.services.incidents.find() if matches(r, search)]

    def load_detail(self, row: IncidentRow) -> str:
        record = self.ctx.services.incidents.get(row.id)
        return detail_html(
            f"{record.occurred_at:%d %B %Y}",
            [
                ("Place", row.place),
                ("City", f"{record.city}, {record.state}" if record.state else record.city),
                ("Kind of place", label(record.location_kind)),
                ("Agency", record.agency),
                ("People arrested", str(record.people_arrested)),
                ("Agents' markings", record.markings),
                ("Source", label(record.source)),
                ("Verified", "Yes" if record.verified else "No — weighs less in risk flags"),
                ("What happened", record.summary),
            ],
        )

    def make_dialog(self, row: Any | None) -> FormDialog:
        services = self.ctx.services
        record = services.incidents.get(row.id) if row is not None else None
        courts = [(c.id, f"{c.name} ({c.city}, {c.state})") for c in services.courthouses.find()]
        return IncidentDialog(self.ctx, record, courts, self)

    def delete_row(self, row: IncidentRow) -> None:
        self.ctx.services.incidents.delete(row.id, row.version)

    def describe(self, row: IncidentRow) -> str:
        return f"the incident of {row.occurred_at:%d %b %Y} at {row.place}"
