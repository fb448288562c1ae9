"""Two desks edit one record: the second save or delete gets the conflict dialog, never a loss."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.bootstrap import App, OpenOptions, open_app
from app.domain.enums import CaseKind, ClientRole, CourtKind, HearingType
from app.services.cases import CaseInput
from app.services.clients import ClientInput
from app.services.courthouses import CourthouseInput
from app.services.hearings import HearingInput, HearingRecord
from app.ui.context import UiContext
from app.ui.dialogs.hearing_dialog import HearingDialog
from app.ui.errors import CONFLICT_DIALOG
from app.ui.notifier import Notifier
from app.ui.pages.courthouses import CourthousesPage
from app.ui.tasks import TaskRunner
from tests.conftest import fixed_clock
from tests.gui.helpers import click_row, find_row


def one_hearing(app: App) -> HearingRecord:
    services = app.services
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
                     hearing_type=HearingType.PROTECTION_ORDER, court_kind=CourtKind.FAMILY,
                     courtroom="5A")
    )


def second_desk(app: App) -> App:
    url = app.database.url
    if url.get_backend_name() == "sqlite":
        return open_app(OpenOptions(data_dir=app.paths.data_dir, clock=fixed_clock,
                                    actor="desk-b"))
    return open_app(OpenOptions(data_dir=app.paths.data_dir,
                                database_url=url.render_as_string(hide_password=False),
                                clock=fixed_clock, actor="desk-b"))


@pytest.mark.postgres
def test_second_save_gets_the_conflict_dialog(backend_app: App, qtbot) -> None:  # type: ignore[no-untyped-def]
    record = one_hearing(backend_app)
    errors: list[BaseException] = []
    runner = TaskRunner(errors.append)
    ctx = UiContext(backend_app, runner, Notifier())
    client = (backend_app.services.cases.get(record.case_id).client_id, "Marín, Lucía")
    courts = [(record.courthouse_id, "Lindsey-Flanigan Courthouse")]
    dialog = HearingDialog(ctx, record, client, courts)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.courtroom.text() == "5A"

    other = second_desk(backend_app)
    try:
        theirs = other.services.hearings.get(record.id)
        other.services.hearings.update(record.id, theirs.version,
                                       replace_courtroom(theirs, "7B"))
    finally:
        other.close()

    dialog.courtroom.clear()
    qtbot.keyClicks(dialog.courtroom, "6C")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    box = dialog.findChild(QMessageBox, CONFLICT_DIALOG)
    assert box is not None and box.isVisible()
    assert "Someone else saved this record" in box.text()
    assert dialog.isVisible()
    assert backend_app.services.hearings.get(record.id).courtroom == "7B"  # theirs kept
    reload_button = next(b for b in box.buttons() if b.text() == "Reload")
    qtbot.mouseClick(reload_button, Qt.MouseButton.LeftButton)
    assert dialog.courtroom.text() == "7B"
    assert "Reloaded" in dialog.summary.text()
    dialog.courtroom.clear()
    qtbot.keyClicks(dialog.courtroom, "6C")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert backend_app.services.hearings.get(record.id).courtroom == "6C"
    runner.wait_for_done()
    assert not errors


def replace_courtroom(record: HearingRecord, courtroom: str) -> HearingInput:
    fields = {name: getattr(record, name) for name in HearingInput.__dataclass_fields__}
    return replace(HearingInput(**fields), courtroom=courtroom)


def test_deleting_a_courthouse_someone_just_edited_asks_first(ui) -> None:  # type: ignore[no-untyped-def]
    """The list's row remembers the version it showed: a delete never removes a newer edit."""
    app = ui.ctx.app
    court = app.services.courthouses.create(
        CourthouseInput(name="Aurora Municipal Court", court_kinds="criminal",
                        city="Aurora", state="CO")
    )
    window = ui.window()
    page = window.show_page("courthouses")
    assert isinstance(page, CourthousesPage)
    ui.settle()
    row = find_row(page.table, 0, "Aurora Municipal Court")
    assert row >= 0
    click_row(ui.qtbot, page.table, row, 0)
    ui.settle()

    other = second_desk(app)
    try:
        theirs = other.services.courthouses.get(court.id)
        fields = {name: getattr(theirs, name) for name in CourthouseInput.__dataclass_fields__}
        other.services.courthouses.update(
            court.id, theirs.version, replace(CourthouseInput(**fields), notes="Screening at door")
        )
    finally:
        other.close()

    ui.qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    confirm = page.findChild(QMessageBox, "confirmDelete")
    assert confirm is not None and confirm.isVisible()
    delete = next(b for b in confirm.buttons() if b.text() == "Delete")
    ui.qtbot.mouseClick(delete, Qt.MouseButton.LeftButton)

    box = page.findChild(QMessageBox, CONFLICT_DIALOG)
    assert box is not None and box.isVisible()
    assert "Someone else saved this record" in box.text()
    assert app.services.courthouses.get(court.id).notes == "Screening at door"  # theirs kept
