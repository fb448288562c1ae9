"""Tables of the Letters page: the letters on record, and the hearings a letter can be about."""

from __future__ import annotations

import unicodedata
from typing import Any
from zoneinfo import ZoneInfo

from app.domain.enums import label
from app.services.hearings import HearingRow
from app.services.letters import LetterRow
from app.ui.formatting import when_local, when_short
from app.ui.models.row_table import Column, RowTableModel

KIND_TITLES = {
    "coalition": "Coalition letter",
    "advisory": "Client advisory",
    "advisory-batch": "Advisories (batch)",
    "court-request": "Request to the court",
    "reminders": "Reminder call list",
}

COL_LETTER_DATE, COL_LETTER_KIND, COL_LETTER_TITLE, COL_LETTER_BY, COL_LETTER_VERSION, \
    COL_LETTER_SHA = range(6)


class LettersModel(RowTableModel):
    """Letters as recorded (LetterService.find), newest first."""

    def __init__(self, parent: Any = None, zone: str = "UTC") -> None:
        self.zone = zone  # the office's: a letter made at 8 pm in Denver is dated that day
        super().__init__(
            [
                Column(
                    "Date",
                    lambda r: f"{r.created_at.astimezone(ZoneInfo(self.zone)):%d %b %Y %H:%M}",
                    sort_key=lambda r: (r.created_at, r.id),
                    tooltip=lambda r: when_local(r.created_at, self.zone),
                ),
                Column("Kind", lambda r: KIND_TITLES.get(r.kind, r.kind)),
                Column("Title", lambda r: r.title, tooltip=lambda r: r.title),
                Column("By", lambda r: r.created_by),
                Column("Template", lambda r: r.template_version,
                       header_tip="The template version that produced the letter"),
                Column("SHA-256", lambda r: r.sha256[:12], tooltip=lambda r: r.sha256,
                       header_tip="The fingerprint recorded when the letter was made"),
            ],
            parent,
        )

    def position_of(self, letter_id: int) -> int:
        return self.find(lambda r: isinstance(r, LetterRow) and r.id == letter_id)


COL_PICK_WHEN, COL_PICK_CLIENT, COL_PICK_COURT, COL_PICK_TYPE = range(4)


class HearingPickerModel(RowTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(
                    "When (court's time)",
                    lambda h: when_short(h.starts_at, h.time_zone),
                    sort_key=lambda h: (h.starts_at, h.id),
                ),
                Column("Client", lambda h: h.client_name, sort_key=lambda h: folded(h.client_name)),
                Column("Court", lambda h: h.courthouse, tooltip=lambda h: h.courthouse),
                Column("Type", lambda h: label(h.hearing_type)),
            ],
            parent,
        )

    def position_of(self, hearing_id: int) -> int:
        return self.find(lambda h: isinstance(h, HearingRow) and h.id == hearing_id)


def folded(text: str) -> str:
    """'Rodríguez' and 'rodriguez' match: no accents, no case."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def matches(row: HearingRow, words: list[str]) -> bool:
    haystack = folded(f"{row.client_name} {row.docket_number} {row.courthouse}")
    return all(word in haystack for word in words)
