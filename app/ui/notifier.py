"""After a write, one notification; each page decides whether to refresh (Anki's operations)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

CLIENT = "client"
CASE = "case"
HEARING = "hearing"
COURTHOUSE = "courthouse"
INCIDENT = "incident"
STAFF = "staff"
OFFICE = "office"
RISK_RULES = "risk_rules"
ALL = "*"  # demo data, a restore: everything may have changed


class Notifier(QObject):
    """`changed(entity)` after every write; `open_requested(entity, id)` to show a record."""

    changed = Signal(str)
    open_requested = Signal(str, int)

    def data_changed(self, entity: str) -> None:
        self.changed.emit(entity)

    def open_record(self, entity: str, record_id: int) -> None:
        self.open_requested.emit(entity, record_id)
