"""File → Export calendar: hearings over a date range, for everyone or one staff member.

Names and risk levels are off by default: a calendar file leaves CourtSafe's encryption and often
ends up on phones and shared accounts. The file is written off the UI thread, to a temporary
file that replaces the chosen one in one step.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.services.calendar_export import IcsOptions
from app.services.staff import StaffRecord
from app.ui.context import UiContext
from app.ui.dialogs.export_dialog import ExportDialog
from app.ui.theme import banner_style
from app.ui.widgets.fields import ErrorLabel

DEFAULT_DAYS = 182
ALL_STAFF = "All staff"
LEAVES_ENCRYPTION = (
    "The calendar file leaves CourtSafe's encryption: anyone who can open the file, or the "
    "calendar it is imported into, can read it. By default each hearing shows only the "
    "client's initials, the hearing type and the courthouse. Immigration status, risk reasons "
    "and notes are never written."
)


def date_edit(value: date, parent: QWidget) -> QDateEdit:
    edit = QDateEdit(QDate(value.year, value.month, value.day), parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def picked(edit: QDateEdit) -> date:
    value = edit.date()
    return date(value.year(), value.month(), value.day())


def with_suffix(path: str, suffix: str) -> Path:
    chosen = Path(path)
    return chosen if chosen.suffix.lower() == suffix else chosen.with_name(chosen.name + suffix)


class CalendarExportDialog(ExportDialog):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("calendarExportDialog")
        self.setWindowTitle("Export calendar (.ics)")
        self.setMinimumWidth(480)
        today = ctx.today()
        self.start = date_edit(today, self)
        self.start.setAccessibleName("First day")
        self.end = date_edit(today + timedelta(days=DEFAULT_DAYS), self)
        self.end.setAccessibleName("Last day")
        self.range_error = ErrorLabel("range", self)
        self.staff = QComboBox(self)
        self.staff.setAccessibleName("Staff member")
        self.staff.addItem(ALL_STAFF, None)
        self.include_names = QCheckBox("Include full names and docket numbers", self)
        self.include_names.setObjectName("includeNames")
        self.include_risk = QCheckBox("Include risk level", self)
        self.include_risk.setObjectName("includeRisk")
        warning = QLabel(LEAVES_ENCRYPTION, self)
        warning.setObjectName("leavesEncryptionWarning")
        warning.setWordWrap(True)
        warning.setStyleSheet(banner_style(self))
        self.status = QLabel("", self)
        self.status.setObjectName("exportStatus")
        self.status.setWordWrap(True)
        form = QFormLayout()
        form.addRow("From:", self.start)
        form.addRow("To:", self.end)
        form.addRow("", self.range_error)
        form.addRow("Hearings of:", self.staff)
        form.addRow("", self.include_names)
        form.addRow("", self.include_risk)
        self.buttons = self.build_save_buttons("saveCalendar")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(warning)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self._load_staff()

    def _load_staff(self) -> None:
        staff = self.ctx.services.staff
        self.ctx.runner.run(
            lambda: staff.find(active_only=True), self._show_staff, label="Loading staff"
        )

    def _show_staff(self, members: list[StaffRecord]) -> None:
        for member in members:
            self.staff.addItem(member.name, member.name)

    def options(self) -> IcsOptions | None:
        start, end = picked(self.start), picked(self.end)
        if end < start:
            self.range_error.show_problem("The last day is before the first day.")
            return None
        self.range_error.show_problem(None)
        return IcsOptions(
            start=start,
            end=end,
            staff_name=self.staff.currentData(),
            include_names=self.include_names.isChecked(),
            include_risk=self.include_risk.isChecked(),
            zone=self.ctx.office_zone(),
        )

    def choose_and_save(self) -> None:
        options = self.options()
        if options is None:
            return
        suggested = str(Path.home() / f"courtsafe-hearings-{options.start.isoformat()}.ics")
        path, _filter = QFileDialog.getSaveFileName(
            self, "Save the calendar", suggested, "Calendar files (*.ics)"
        )
        if path:
            self.save_to(with_suffix(path, ".ics"), options)

    def save_to(self, path: Path, options: IcsOptions) -> None:
        calendar = self.ctx.services.calendar
        self.run_export(lambda: calendar.export(path, options), path.name, "Exporting the calendar")
