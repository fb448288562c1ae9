"""Courthouses: where hearings happen, the state protection in force, incidents seen there."""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

from app.domain.enums import CourtKind, label
from app.domain.risk_policy import PolicyReference, load_policy_reference
from app.services.courthouses import CourthouseRow, parse_kinds
from app.ui import notifier as entities
from app.ui.dialogs.courthouse_dialog import CourthouseDialog
from app.ui.dialogs.form_dialog import FormDialog
from app.ui.formatting import yes_no
from app.ui.models.row_table import Column, RowTableModel
from app.ui.pages.list_detail import ListDetailPage
from app.ui.widgets.detail_html import detail_html


@cache
def policy_reference() -> PolicyReference:
    return load_policy_reference()


def kinds_text(text: str) -> str:
    try:
        return ", ".join(label(kind) for kind in parse_kinds(text))
    except ValueError:
        return text


class CourthousesPage(ListDetailPage):
    key = "courthouses"
    title = "Courthouses"
    noun = "courthouse"
    entity = entities.COURTHOUSE
    search_hint = "Search by name or city"
    widths = (250, 110, 45, 70)

    def extra_watches(self) -> tuple[str, ...]:
        return (entities.INCIDENT,)

    def make_model(self) -> RowTableModel:
        return RowTableModel(
            [
                Column("Name", lambda r: r.name),
                Column("City", lambda r: r.city),
                Column("State", lambda r: r.state),
                Column(
                    "Incidents",
                    lambda r: str(r.incident_count) if r.incident_count else "",
                    sort_key=lambda r: r.incident_count,
                    align_right=True,
                ),
                Column("Courts", lambda r: kinds_text(r.court_kinds)),
            ],
            self,
        )

    def load_rows(self, search: str) -> list[CourthouseRow]:
        return self.ctx.services.courthouses.find(search)

    def load_detail(self, row: CourthouseRow) -> str:
        services = self.ctx.services
        record = services.courthouses.get(row.id)
        incidents = services.incidents.find(courthouse_id=row.id)
        today = self.ctx.today()
        protection_lines = _protection_lines(record.state, record.kinds, today)
        zone = ZoneInfo(record.time_zone)
        incident_lines = [
            f"{i.occurred_at.astimezone(zone):%d %b %Y}: {i.summary}"
            + (" (verified)" if i.verified else " (unverified)")
            for i in incidents
        ]
        address = ", ".join(p for p in (record.address, record.city, record.state,
                                         record.postal_code) if p)
        return detail_html(
            record.name,
            [
                ("Address", address),
                ("Courts", kinds_text(record.court_kinds)),
                ("Time zone", record.time_zone),
                ("ICE field office", record.ice_field_office_key),
                ("Screened entry", yes_no(record.screened_entry)),
                ("Notes", record.notes),
            ],
            [
                ("State protection", protection_lines),
                (f"Incidents recorded here ({len(incidents)})", incident_lines),
            ],
        )

    def make_dialog(self, row: Any | None) -> FormDialog:
        record = self.ctx.services.courthouses.get(row.id) if row is not None else None
        return CourthouseDialog(self.ctx, record, self)

    def delete_row(self, row: CourthouseRow) -> None:
        self.ctx.services.courthouses.delete(row.id, row.version)

    def describe(self, row: CourthouseRow) -> str:
        return row.name


def _protection_lines(state: str, kinds: tuple[CourtKind, ...], today: date) -> list[str]:
    """Every state instrument in force today, each with its own scope; none for a court that
    hears only immigration cases (state law protects state courts, never federal ones)."""
    if kinds and set(kinds) == {CourtKind.IMMIGRATION}:
        return ["An immigration court is a federal court: no state law against civil arrest "
                "applies here."]
    found = policy_reference().state_protections(state, today) if state else ()
    if not found:
        return [f"No state law against civil arrest at courthouses is recorded for "
                f"{state or 'this state'}."]
    lines: list[str] = []
    for protection in found:
        lines.append(f"{protection.name}, {protection.kind}: {protection.citation}, in force "
                     f"since {protection.in_force:%d %b %Y}. It {protection.scope}.")
        if protection.note:
            lines.append(protection.note)
    if CourtKind.IMMIGRATION in kinds:
        lines.append("It does not apply to the immigration court in this building.")
    return lines
