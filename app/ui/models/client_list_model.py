"""The client list: pages of 200 from SQL, nothing sensitive in it."""

from __future__ import annotations

from typing import Any

from app.ui.dialogs.client_dialog import language_name
from app.ui.models.paged_table import PagedTableModel
from app.ui.models.row_table import Column

COL_NAME, COL_LANGUAGE, COL_SAFE_CONTACT = range(3)

COLUMNS = [
    Column("Name", lambda r: r.name),
    Column("Language", lambda r: language_name(r.preferred_language)),
    Column(
        "Safe contact",
        lambda r: "⚠ Instructions" if r.safe_contact else "",
        tooltip=lambda r: r.safe_contact,
        header_tip="The client asked to be contacted only in certain ways",
    ),
]


class ClientListModel(PagedTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(COLUMNS, parent)

    def position_of(self, client_id: int) -> int:
        return self.find(lambda row: row.id == client_id)
