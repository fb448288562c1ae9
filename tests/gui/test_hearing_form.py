"""The hearing form guesses nothing that could silence a flag or print the wrong warning.

No courthouse is chosen for the user; choosing one sets its court; the hearing types offered are
those that court holds; how to join appears for remote and hybrid hearings only.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QWidget

from app.domain.enums import AppearanceMode, CaseKind, ClientRole, CourtKind, HearingType
from app.services.audit import MASK
from app.services.cases import CaseInput
from app.services.clients import ClientInput
from app.services.courthouses import CourthouseInput
from app.ui.dialogs.hearing_dialog import HearingDialog
from app.ui.pages.hearings import HearingsPage
from tests.gui.conftest import Ui
from tests.gui.helpers import click_row, find_row, open_page, type_text


def _year() -> tuple[datetime, datetime]:
    return datetime(2026, 1, 1, tzinfo=UTC), datetime(2028, 1, 1, tzinfo=UTC)


def _office(ui: Ui) -> tuple[tuple[int, str], list[tuple[int, str]]]:
    services = ui.ctx.services
    client = services.clients.create(
        ClientInput(given_name="Víctor Manuel", family_name="Rodríguez-Covarrubias")
    )
    services.cases.create(
        CaseInput(client_id=client.id, kind=CaseKind.IMMIGRATION_REMOVAL,
                  client_role=ClientRole.DEFENDANT, opened_on=date(2026, 9, 1),
                  docket_number="A098765432")
    )
    services.courthouses.create(
        CourthouseInput(name="Lindsey-Flanigan Courthouse", court_kinds="criminal,traffic",
                        city="Denver", state="CO")
    )
    services.courthouses.create(
        CourthouseInput(name="Aurora Municipal Court", court_kinds="criminal",
                        city="Aurora", state="CO")
    )
    courts = [(c.id, f"{c.name} ({c.city}, {c.state})") for c in services.courthouses.find()]
    return (client.id, client.display_name), courts


def _dialog(ui: Ui) -> HearingDialog:
    client, courts = _office(ui)
    dialog = HearingDialog(ui.ctx, None, client, courts)
    ui.qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def choose(combo: QComboBox, text: str) -> None:
    """Pick the entry whose visible text starts with `text`, as from the open list."""
    index = next(i for i in range(combo.count()) if combo.itemText(i).startswith(text))
    combo.setCurrentIndex(index)


def texts(combo: QComboBox) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]


def test_no_courthouse_is_chosen_for_the_user(ui: Ui) -> None:
    dialog = _dialog(ui)
    assert dialog.courthouse.currentText() == "— Choose the courthouse —"
    assert dialog.court_kind.value() is None
    assert dialog.hearing_type.value() is None
    before = len(ui.ctx.services.hearings.between(*_year()))
    ui.qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    error = dialog.error_label("courthouse_id")
    assert error.isVisible()
    assert "Choose the courthouse" in error.text()
    assert dialog.summary.text().startswith("Nothing was saved")
    assert dialog.isVisible()
    assert len(ui.ctx.services.hearings.between(*_year())) == before


def test_choosing_an_immigration_court_sets_the_court_and_its_hearing_types(ui: Ui) -> None:
    dialog = _dialog(ui)
    choose(dialog.courthouse, "Aurora Municipal Court")
    assert dialog.court_kind.value() is CourtKind.CRIMINAL
    choose(dialog.hearing_type, "Arraignment")
    choose(dialog.courthouse, "Denver Immigration Court")
    assert dialog.court_kind.value() is CourtKind.IMMIGRATION
    offered = texts(dialog.hearing_type)
    assert "Master calendar" in offered and "Individual merits" in offered
    assert "Arraignment" not in offered and "Sentencing" not in offered
    assert dialog.hearing_type.value() is None  # arraignment is gone, nothing guessed instead


def test_a_courthouse_with_several_courts_offers_only_those_and_chooses_none(ui: Ui) -> None:
    dialog = _dialog(ui)
    choose(dialog.courthouse, "Lindsey-Flanigan Courthouse")
    assert texts(dialog.court_kind)[1:] == ["Criminal", "Traffic"]
    assert dialog.court_kind.value() is None
    ui.qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "Choose which of the courthouse's courts" in dialog.error_label("court_kind").text()
    choose(dialog.court_kind, "Traffic")
    assert "Master calendar" not in texts(dialog.hearing_type)
    assert "Arraignment" in texts(dialog.hearing_type)


def _row_shown(dialog: HearingDialog, field: str) -> bool:
    holder = dialog.field(field).parentWidget()
    assert isinstance(holder, QWidget)
    return holder.isVisible()


def test_join_details_appear_for_a_remote_hearing_and_are_saved_masked(ui: Ui) -> None:
    dialog = _dialog(ui)
    assert not any(_row_shown(dialog, f) for f in ("join_url", "join_phone", "passcode"))
    choose(dialog.courthouse, "Denver Immigration Court")
    choose(dialog.hearing_type, "Master calendar")
    choose(dialog.mode, "Remote")
    assert all(
        _row_shown(dialog, f) for f in ("join_url", "join_phone", "meeting_id", "passcode")
    )
    ui.qtbot.keyClicks(dialog.join_url, "https://eoir.webex.com/meet/den-ij3")
    ui.qtbot.keyClicks(dialog.join_phone, "+1 415 527 5035")
    ui.qtbot.keyClicks(dialog.meeting_id, "2761 553 0187")
    ui.qtbot.keyClicks(dialog.passcode, "4471")
    ui.qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    ui.qtbot.waitUntil(lambda: not dialog.isVisible())
    saved = ui.ctx.services.hearings.get(dialog.saved.id)
    assert saved.mode is AppearanceMode.REMOTE
    assert saved.court_kind is CourtKind.IMMIGRATION
    assert saved.hearing_type is HearingType.MASTER_CALENDAR
    assert (saved.join_url, saved.join_phone, saved.meeting_id, saved.passcode) == (
        "https://eoir.webex.com/meet/den-ij3", "+1 415 527 5035", "2761 553 0187", "4471"
    )
    history = ui.ctx.services.hearings.history(saved.id)
    changes = history[0].changes
    for name in ("join_url", "join_phone", "meeting_id", "passcode"):
        assert changes[name] == [MASK, MASK]
    assert "4471" not in json.dumps([h.changes for h in history])


def test_join_details_typed_then_switched_to_in_person_are_not_kept(ui: Ui) -> None:
    dialog = _dialog(ui)
    choose(dialog.courthouse, "Denver Immigration Court")
    choose(dialog.hearing_type, "Master calendar")
    choose(dialog.mode, "Hybrid")
    type_text(dialog.join_url, "https://eoir.webex.com/meet/den-ij3")
    choose(dialog.mode, "In person")
    assert not _row_shown(dialog, "join_url")
    ui.qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    ui.qtbot.waitUntil(lambda: not dialog.isVisible())
    assert ui.ctx.services.hearings.get(dialog.saved.id).join_url == ""


def test_the_detail_pane_shows_how_to_join_with_the_passcode_masked(ui: Ui) -> None:
    dialog = _dialog(ui)
    choose(dialog.courthouse, "Denver Immigration Court")
    choose(dialog.hearing_type, "Master calendar")
    choose(dialog.mode, "Hybrid")
    ui.qtbot.keyClicks(dialog.join_url, "https://eoir.webex.com/meet/den-ij3")
    ui.qtbot.keyClicks(dialog.passcode, "4471")
    ui.qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    ui.qtbot.waitUntil(lambda: not dialog.isVisible())
    page = open_page(ui, "hearings", HearingsPage)
    row = find_row(page.table, 1, "Rodríguez-Covarrubias")
    assert row >= 0
    click_row(ui.qtbot, page.table, row)
    ui.qtbot.waitUntil(lambda: "Video link" in page.detail.toPlainText())
    text = page.detail.toPlainText()
    assert "https://eoir.webex.com/meet/den-ij3" in text
    assert "4471" not in text and "•••••• (shown in Edit)" in text
