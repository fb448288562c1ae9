"""The File menu's data exchange: import CSV, export a list as CSV, export the calendar, and keep
a calendar file up to date. Results go to the status bar; what the user can fix gets a dialog."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu

from app.services.calendar_export import IcsResult
from app.services.csv_export import ExportResult
from app.services.csv_import import ImportReport
from app.services.csv_import_fields import KINDS
from app.ui.calendar_auto_export import CalendarAutoExport
from app.ui.context import UiContext
from app.ui.dialogs.auto_export_dialog import AutoExportDialog
from app.ui.dialogs.calendar_export_dialog import CalendarExportDialog
from app.ui.dialogs.csv_export_dialog import CsvExportDialog
from app.ui.import_wizard import ImportWizard
from app.ui.notifier import ALL

MESSAGE_MS = 8000


class DataMenu(QObject):
    def __init__(
        self, ctx: UiContext, window: QMainWindow, current_page_key: Callable[[], str]
    ) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.window = window
        self._current_page_key = current_page_key
        self.auto_export = CalendarAutoExport(ctx, self)
        self.auto_export.written.connect(
            lambda result: self._say(f"Calendar file updated: {result.events} hearings.")
        )
        self.auto_export.failed.connect(self._say)
        self.import_action = self._action("&Import CSV…", self.import_csv)
        self.csv_action = self._action("Export list as &CSV…", self.export_csv)
        self.ics_action = self._action("Export &calendar (.ics)…", self.export_calendar)
        self.auto_action = self._action("&Keep a calendar file up to date…", self.keep_updated)

    def add_to(self, menu: QMenu) -> None:
        for action in (self.import_action, self.csv_action, self.ics_action, self.auto_action):
            menu.addAction(action)

    def start(self) -> None:
        self.auto_export.load()

    # -- the actions --------------------------------------------------------------------------
    def import_csv(self) -> ImportWizard:
        wizard = ImportWizard(
            self.ctx.services.csv_import,
            self.ctx.runner,
            self.window,
            kind=self._page_kind() or "hearings",
        )
        wizard.setObjectName("importWizard")
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.imported.connect(self._imported)
        wizard.open()
        return wizard

    def export_csv(self) -> CsvExportDialog:
        dialog = CsvExportDialog(self.ctx, self._page_kind(), self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.exported.connect(self._csv_saved)
        dialog.open()
        return dialog

    def export_calendar(self) -> CalendarExportDialog:
        dialog = CalendarExportDialog(self.ctx, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.exported.connect(self._calendar_saved)
        dialog.open()
        return dialog

    def keep_updated(self) -> AutoExportDialog:
        dialog = AutoExportDialog(self.auto_export, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # -- results ------------------------------------------------------------------------------
    def _imported(self, report: ImportReport) -> None:
        if report.committed:
            self.ctx.notifier.data_changed(ALL)  # an import can add clients and cases too
            self._say(report.summary())

    def _csv_saved(self, result: ExportResult) -> None:
        self._say(f"Saved {result.rows} rows to {result.path}.")

    def _calendar_saved(self, result: IcsResult) -> None:
        self._say(f"Saved {result.events} hearings to {result.path}.")

    def _page_kind(self) -> str | None:
        """The list the user is looking at, when it is one that can be imported or exported."""
        key = self._current_page_key()
        return key if key in KINDS else None

    def _say(self, text: str) -> None:
        self.window.statusBar().showMessage(text, MESSAGE_MS)

    def _action(self, text: str, slot) -> QAction:  # type: ignore[no-untyped-def]
        action = QAction(text, self.window)
        action.triggered.connect(lambda _checked=False: slot())
        return action
