"""Hearings: every court date in a date range, fetched from SQL a page at a time."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel

from app.domain.enums import label
from app.services.hearings import HearingRecord, HearingRow
from app.ui import notifier as entities
from app.ui.dialogs.form_dialog import FormDialog
from app.ui.dialogs.hearing_dialog import HearingDialog
from app.ui.formatting import when_local
from app.ui.models.paged_table import PagedTableModel
from app.ui.models.row_table import Column, RowTableModel
from app.ui.pages.list_detail import ListDetailPage
from app.ui.widgets.detail_html import detail_html
from app.ui.widgets.reasons_pane import DISCLAIMER, reasons_html


def _status(row: HearingRow) -> str:
    return label(row.outcome) if row.outcome is not None else label(row.status)


def join_rows(record: HearingRecord) -> list[tuple[str, str]]:
    """How to join a remote or hybrid hearing; the passcode stays masked in the pane, which may
    be open while someone looks over a shoulder (Edit shows it)."""
    if not record.joins_remotely:
        return []
    if not any((record.join_url, record.join_phone, record.meeting_id)):
        return [("How to join", "Not recorded yet: add the link or dial-in with Edit")]
    return [
        ("Video link", record.join_url),
        ("Join by phone", record.join_phone),
        ("Meeting ID", record.meeting_id),
        ("Passcode", "•••••• (shown in Edit)" if record.passcode else ""),
    ]


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class HearingsPage(ListDetailPage):
    key = "hearings"
    title = "Hearings"
    noun = "hearing"
    entity = entities.HEARING
    search_hint = "Filter this page by client or courthouse"
    widths = (190, 190, 210, 110, 90)
    sortable = False

    def extra_watches(self) -> tuple[str, ...]:
        return (entities.CLIENT, entities.CASE, entities.COURTHOUSE)

    def add_filters(self, bar: QHBoxLayout) -> None:
        today = self.ctx.today()
        self.start = QDateEdit(to_qdate(today), self)
        self.end = QDateEdit(to_qdate(today + timedelta(days=30)), self)
        for edit, name in ((self.start, "From"), (self.end, "To")):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setAccessibleName(f"{name} date")
            edit.dateChanged.connect(lambda _d: self.debounce.start())
            bar.addWidget(QLabel(f"{name}:", self))
            bar.addWidget(edit)
        bar.addStretch(1)
        self.search_box.hide()  # type: ignore[union-attr]
        self.search_box = None

    def make_model(self) -> RowTableModel:
        return PagedTableModel(
            [
                Column("When (court's time)", lambda r: when_local(r.starts_at, r.time_zone)),
                Column("Client", lambda r: r.client_name),
                Column("Courthouse", lambda r: r.courthouse),
                Column("Hearing", lambda r: label(r.hearing_type)),
                Column("Status", _status),
                Column("Staff", lambda r: r.staff_name),
            ],
            self,
        )

    def _window(self) -> tuple[datetime, datetime]:
        zone = ZoneInfo(self.ctx.office_zone())
        first = from_qdate(self.start.date())
        last = from_qdate(self.end.date())
        return (
            datetime.combine(first, time.min, zone),
            datetime.combine(last + timedelta(days=1), time.min, zone),
        )

    def load_rows(self, search: str) -> tuple[list[HearingRow], int]:
        start, end = self._window()
        assert isinstance(self.model, PagedTableModel)
        return self.ctx.services.hearings.between(start, end, limit=self.model.page_size), 0

    def show_rows(self, rows: Any) -> None:
        page, _ = rows
        start, end = self._window()
        hearings = self.ctx.services.hearings
        assert isinstance(self.model, PagedTableModel)
        model = self.model
        current = self.table.selectionModel().selectedRows()
        wanted = self._wanted
        if wanted is None and current:
            wanted = model.row_at(current[0].row()).id
        model.reset(
            page, lambda offset, limit: hearings.between(start, end, limit=limit, offset=offset)
        )
        self._wanted = wanted
        super().show_rows(model.rows)

    def refresh(self) -> None:
        self.ctx.runner.run(
            lambda: self.load_rows(""), self.show_rows, key="hearings.list",
            label="Loading hearings",
        )

    def set_count(self, shown: int) -> None:
        assert isinstance(self.model, PagedTableModel)
        more = "+ hearings (scroll for more)" if self.model.canFetchMore() else " hearings"
        self.count.setText(f"{shown:,}{more}")

    def load_detail(self, row: HearingRow) -> str:
        services = self.ctx.services
        record = services.hearings.get(row.id)
        item = services.risk.assess_hearing(row.id)
        html = detail_html(
            row.client_name,
            [
                ("When", when_local(row.starts_at, row.time_zone)),
                ("Courthouse", row.courthouse + (f", courtroom {row.courtroom}"
                                                 if row.courtroom else "")),
                ("Hearing", f"{label(row.hearing_type)} ({label(row.court_kind)} court)"),
                ("Appearance", label(row.mode)),
                *join_rows(record),
                ("Judge", record.judge),
                ("Docket", row.docket_number),
                ("Status", _status(row)),
                ("Advisory sent", f"{row.advisory_sent_at:%d %b %Y}" if row.advisory_sent_at
                 else "Not yet"),
                ("Notes", record.notes),
            ],
        )
        if item is not None:
            level = label(item.assessment.level)
            html += (
                f"<h3>Risk: {level} (score {item.assessment.score:g})</h3>"
                + reasons_html(item)
                + f"<p><i>{DISCLAIMER}</i></p>"
            )
        return html

    def make_dialog(self, row: Any | None) -> FormDialog:
        services = self.ctx.services
        record = services.hearings.get(row.id) if row is not None else None
        courts = [(c.id, f"{c.name} ({c.city}, {c.state})") for c in services.courthouses.find()]
        client = (row.client_id, row.client_name) if row is not None else None
        return HearingDialog(self.ctx, record, client, courts, self)

    def delete_row(self, row: HearingRow) -> None:
        self.ctx.services.hearings.delete(row.id, row.version)

    def describe(self, row: HearingRow) -> str:
        return f"the hearing of {row.client_name} on {when_local(row.starts_at, row.time_zone)}"

    def show_record(self, record_id: int) -> None:
        record = self.ctx.services.hearings.get(record_id)
        zone = ZoneInfo(self.ctx.office_zone())
        day = record.starts_at.astimezone(zone).date()
        self._wanted = record_id
        self.start.setDate(to_qdate(day))
        self.refresh()
