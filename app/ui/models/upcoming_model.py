"""The Upcoming table: one row per hearing with its risk level (UpcomingItem rows)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from app.domain.enums import label
from app.services.risk import UpcomingItem
from app.ui.formatting import when_local, when_short
from app.ui.models.row_table import RISK_ROLE, Column, RowTableModel
from app.ui.theme import RISK_LABEL

COL_RISK, COL_WHEN, COL_CLIENT, COL_COURTHOUSE, COL_COURT, COL_TYPE, COL_ADVISORY = range(7)


def _advisory(item: UpcomingItem) -> str:
    sent = item.hearing.advisory_sent_at
    if sent is not None:
        return f"Sent {sent.astimezone(item.local_start.tzinfo):%d %b}"
    return "Needed" if item.needs_attention else "Not sent"


COLUMNS = [
    Column(
        "Risk",
        lambda i: RISK_LABEL[i.assessment.level],
        sort_key=lambda i: (-i.assessment.level.rank, -i.assessment.score, i.hearing.starts_at),
        tooltip=lambda i: f"Score {i.assessment.score:g}; select the row to see why",
    ),
    Column(
        "When (court's time)",
        lambda i: when_short(i.local_start),
        tooltip=lambda i: when_local(i.local_start),
        sort_key=lambda i: (i.hearing.starts_at, i.hearing.id),
    ),
    Column("Client", lambda i: i.hearing.client_name, sort_key=lambda i: i.hearing.client_name),
    Column("Courthouse", lambda i: i.hearing.courthouse),
    Column("Court", lambda i: label(i.hearing.court_kind)),
    Column("Hearing", lambda i: label(i.hearing.hearing_type)),
    Column(
        "Advisory",
        _advisory,
        sort_key=lambda i: (i.hearing.advisory_sent_at is not None, not i.needs_attention),
        header_tip="Whether the client advisory was sent",
    ),
]


class UpcomingModel(RowTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(COLUMNS, parent)

    def extra_data(self, row: Any, column: int, role: int) -> Any:
        if column == COL_RISK and role == RISK_ROLE:
            return row.assessment.level.value
        if column == COL_ADVISORY and role == Qt.ItemDataRole.FontRole and row.needs_attention:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def position_of(self, hearing_id: int) -> int:
        return self.find(lambda item: item.hearing_id == hearing_id)
