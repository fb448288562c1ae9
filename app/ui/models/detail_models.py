"""Small tables inside detail panes: a client's hearings with risk, cases, the audit trail."""

from __future__ import annotations

from typing import Any

from app.domain.enums import label
from app.services.audit import AuditRow
from app.ui.formatting import day_text, enum_text, when_local
from app.ui.models.row_table import RISK_ROLE, Column, RowTableModel
from app.ui.theme import RISK_LABEL


def _status(item: Any) -> str:
    hearing = item.hearing
    if hearing.outcome is not None:
        return label(hearing.outcome)
    return label(hearing.status)


class RiskHearingsModel(RowTableModel):
    """UpcomingItem rows of any date: a client's or a day's hearings with their levels."""

    COL_RISK = 0

    def __init__(self, parent: Any = None, *, with_client: bool = False) -> None:
        columns = [
            Column(
                "Risk",
                lambda i: RISK_LABEL[i.assessment.level],
                sort_key=lambda i: (-i.assessment.level.rank, -i.assessment.score),
            ),
            Column(
                "When (court's time)",
                lambda i: when_local(i.local_start),
                sort_key=lambda i: i.hearing.starts_at,
            ),
        ]
        if with_client:
            columns.append(Column("Client", lambda i: i.hearing.client_name))
        columns += [
            Column("Courthouse", lambda i: i.hearing.courthouse),
            Column("Hearing", lambda i: label(i.hearing.hearing_type)),
            Column("Status", _status),
        ]
        super().__init__(columns, parent)

    def extra_data(self, row: Any, column: int, role: int) -> Any:
        if column == self.COL_RISK and role == RISK_ROLE:
            return row.assessment.level.value
        return None


class CasesModel(RowTableModel):
    def __init__(self, parent: Any = None, *, with_client: bool = False) -> None:
        columns = [Column("Docket", lambda r: r.docket_number or "—")]
        if with_client:
            columns.append(Column("Client", lambda r: r.client_name))
        columns += [
            Column("Kind", lambda r: enum_text(r.kind)),
            Column("Client's role", lambda r: enum_text(r.client_role)),
            Column("Status", lambda r: enum_text(r.status)),
            Column("Staff", lambda r: r.staff_name),
            Column("Opened", lambda r: day_text(r.opened_on), sort_key=lambda r: r.opened_on),
        ]
        super().__init__(columns, parent)


def changes_text(row: AuditRow) -> str:
    parts = []
    for name, values in row.changes.items():
        old, new = (values + [None, None])[:2] if isinstance(values, list) else (None, values)
        shown_old = "—" if old in (None, "") else str(old)
        shown_new = "—" if new in (None, "") else str(new)
        if row.action == "create":
            parts.append(f"{name}: {shown_new}")
        else:
            parts.append(f"{name}: {shown_old} → {shown_new}")
    return "; ".join(parts)


class HistoryModel(RowTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column("When", lambda r: f"{r.at:%d %b %Y %H:%M}", sort_key=lambda r: r.at),
                Column("Who", lambda r: r.actor),
                Column("What", lambda r: r.action.capitalize()),
                Column("Changes", changes_text, tooltip=changes_text),
            ],
            parent,
        )
