"""File menu data exchange: the calendar export keeps names out unless asked, the import wizard
opens from the menu, a kept-up-to-date calendar follows an outcome, a list exports as CSV."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from icalendar import Calendar
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QWidget, QWizard
from shiboken6 import Shiboken

from app.domain.enums import CaseKind, ClientRole, CourtKind, HearingOutcome, HearingType
from app.services.cases import CaseInput
from app.services.clients import ClientInput
from app.services.courthouses import CourthouseInput
from app.services.hearings import HearingInput
from app.ui.dialogs.auto_export_dialog import AutoExportDialog
from app.ui.dialogs.calendar_export_dialog import CalendarExportDialog
from app.ui.dialogs.csv_export_dialog import CsvExportDialog
from app.ui.import_wizard import ImportWizard
from app.ui.main_window import MainWindow
from app.ui.models.upcoming_model import COL_CLIENT
from app.ui.pages.upcoming import UpcomingPage
from tests.gui.conftest import Ui
from tests.gui.helpers import click_row, find_row


def file_action(window: MainWindow, text: str) -> QAction:
    menu = window.menuBar().actions()[0].menu()
    assert menu is not None
    return next(a for a in menu.actions() if a.text().replace("&", "").startswith(text))


def save_as(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """The save dialog answers with `path`, as if the user had typed it."""
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *_a, **_k: (str(path), ""))
    )


def closed(widget: QWidget) -> bool:
    """Closed, and perhaps already deleted (the dialogs delete themselves on close)."""
    return not Shiboken.isValid(widget) or not widget.isVisible()


def one_hearing(ui: Ui) -> int:
    services = ui.ctx.services
    client = services.clients.create(ClientInput(given_name="Lucía", family_name="Marín"))
    case = services.cases.create(
        CaseInput(client_id=client.id, kind=CaseKind.FAMILY,
                  client_role=ClientRole.PETITIONER, opened_on=date(2026, 10, 1))
    )
    court = services.courthouses.create(
        CourthouseInput(name="Lindsey-Flanigan Courthouse", court_kinds="criminal,family",
                        city="Denver", state="CO")
    )
    return services.hearings.create(
        HearingInput(case_id=case.id, courthouse_id=court.id,
                     starts_at=datetime(2026, 12, 3, 16, 0, tzinfo=UTC),
                     hearing_type=HearingType.PROTECTION_ORDER, court_kind=CourtKind.FAMILY)
    ).id


def unfolded(path: Path) -> str:
    return path.read_bytes().decode("utf-8").replace("\r\n ", "")


def export_calendar(ui: Ui, window: MainWindow, *, names: bool) -> None:
    file_action(window, "Export calendar").trigger()
    dialog = window.findChild(CalendarExportDialog)
    assert dialog is not None and dialog.isVisible()
    ui.settle()  # the staff list
    assert not dialog.include_names.isChecked() and not dialog.include_risk.isChecked()
    if names:
        ui.qtbot.mouseClick(dialog.include_names, Qt.MouseButton.LeftButton)
    ui.qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    ui.qtbot.waitUntil(lambda: closed(dialog), timeout=5000)
    ui.settle()


def test_calendar_export_leaves_names_out_unless_ticked(
    ui: Ui, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    one_hearing(ui)
    window = ui.window()
    ui.settle()
    save_as(monkeypatch, tmp_path / "hearings")  # the suffix is added
    export_calendar(ui, window, names=False)
    text = unfolded(tmp_path / "hearings.ics")
    assert "SUMMARY:L.M. – Protection order" in text
    assert "Marín" not in text and "Lucía" not in text
    assert "1 hearings" in window.statusBar().currentMessage()

    save_as(monkeypatch, tmp_path / "named.ics")
    export_calendar(ui, window, names=True)
    assert "SUMMARY:Lucía Marín – Protection order" in unfolded(tmp_path / "named.ics")


def test_import_wizard_opens_from_the_menu_and_pages_refresh(ui: Ui, tmp_path: Path) -> None:
    window = ui.window()
    page = window.show_page("clients")
    ui.settle()
    assert page.count.text() == "0 clients"  # type: ignore[attr-defined]
    file_action(window, "Import CSV").trigger()
    wizard = window.findChild(ImportWizard, "importWizard")
    assert wizard is not None and wizard.isVisible()
    assert wizard.kind == "clients"  # the page the user was on
    path = tmp_path / "clients.csv"
    path.write_text("Surname,Given Name\nSoto,Luis\n", encoding="utf-8")
    wizard.file_page.path.setText(str(path))
    for _ in range(3):
        ui.settle()
        wizard.button(QWizard.WizardButton.NextButton).click()
    ui.qtbot.waitUntil(lambda: wizard.report is not None, timeout=10_000)
    ui.qtbot.waitUntil(lambda: page.count.text() == "1 client", timeout=5000)  # type: ignore[attr-defined]
    wizard.button(QWizard.WizardButton.FinishButton).click()
    ui.settle()


def test_kept_calendar_file_follows_a_recorded_outcome(
    ui: Ui, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hearing_id = one_hearing(ui)
    window = ui.window()
    page = window.show_page("upcoming")
    assert isinstance(page, UpcomingPage)
    ui.settle()
    target = tmp_path / "office.ics"
    save_as(monkeypatch, target)
    file_action(window, "Keep a calendar file up to date").trigger()
    dialog = window.findChild(AutoExportDialog)
    assert dialog is not None and "Off" in dialog.current.text()
    ui.qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    ui.qtbot.waitUntil(target.exists, timeout=5000)
    assert str(target) in dialog.current.text()
    dialog.close()
    uid = f"hearing-{hearing_id}@"

    def sequence() -> int:
        calendar = Calendar.from_ical(target.read_bytes())
        event = next(e for e in calendar.walk("VEVENT") if str(e["UID"]).startswith(uid))
        return int(event["SEQUENCE"])

    before = sequence()
    click_row(ui.qtbot, page.table, find_row(page.table, COL_CLIENT, "Marín"), COL_CLIENT)
    page.record_outcome(HearingOutcome.RESCHEDULED)
    ui.qtbot.waitUntil(lambda: sequence() > before, timeout=5000)
    ui.settle()
    assert "Calendar file updated" in window.statusBar().currentMessage()


def test_list_exports_as_csv_without_sensitive_columns_by_default(
    ui: Ui, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ui.ctx.services.clients.create(
        ClientInput(given_name="Rosa", family_name="=Martínez", a_number="A123456789")
    )
    window = ui.window()
    window.show_page("clients")
    ui.settle()
    save_as(monkeypatch, tmp_path / "clients.csv")
    file_action(window, "Export list as CSV").trigger()
    dialog = window.findChild(CsvExportDialog)
    assert dialog is not None and dialog.chosen_kind == "clients"
    assert not dialog.include_sensitive.isChecked()
    assert "A-Number" in dialog.columns.text()
    ui.qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    ui.qtbot.waitUntil(lambda: closed(dialog), timeout=5000)
    text = (tmp_path / "clients.csv").read_text(encoding="utf-8-sig")
    assert "'=Martínez" in text and "A123456789" not in text
    ui.settle()
