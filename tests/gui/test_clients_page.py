"""Clients: diacritic-insensitive search as you type, and a form that saves nothing when wrong."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from app.domain.enums import ImmigrationStatus
from app.ui.dialogs.client_dialog import ClientDialog
from app.ui.pages.client_detail import sensitive_text
from app.ui.pages.clients import ClientsPage
from tests.gui.conftest import Ui
from tests.gui.helpers import click_row, column_texts, find_row, open_page, type_text


def test_typing_rodriguez_finds_rodriguez_with_accent(demo_ui: Ui) -> None:
    page = open_page(demo_ui, "clients", ClientsPage)
    assert page.count.text() == "50 clients"
    demo_ui.qtbot.mouseClick(page.search_box, Qt.MouseButton.LeftButton)
    demo_ui.qtbot.keyClicks(page.search_box, "rodriguez")
    demo_ui.qtbot.waitUntil(lambda: "found" in page.count.text())
    demo_ui.settle()
    names = column_texts(page.table, 0)
    assert any("Rodríguez" in name for name in names), names
    assert all("rodr" in name.lower().replace("í", "i") for name in names), names


def test_typing_accented_name_finds_it(demo_ui: Ui) -> None:
    page = open_page(demo_ui, "clients", ClientsPage)
    assert page.search_box is not None
    page.search_box.setFocus()
    type_text(page.search_box, "Rodríguez")
    assert page.search_box.text() == "Rodríguez"
    demo_ui.qtbot.waitUntil(lambda: "found" in page.count.text())
    demo_ui.settle()
    row = find_row(page.table, 0, "Rodríguez-Covarrubias")
    assert row >= 0
    click_row(demo_ui.qtbot, page.table, row, 0)
    demo_ui.settle()
    detail = page.detail
    assert detail.name.text().startswith("Rodríguez-Covarrubias, Víctor Manuel")
    assert "do not leave voicemail" in detail.safe_contact.text()
    assert detail.safe_contact.isVisible()
    # sensitive facts stay hidden until asked for
    assert not detail.sensitive.isVisible()
    box = detail.reveal
    demo_ui.qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert detail.sensitive.isVisible()
    assert "A098765432" in detail.sensitive.text()
    assert "Critical" in column_texts(detail.hearings, 0) or "High" in column_texts(
        detail.hearings, 0
    )


def test_invalid_a_number_is_shown_next_to_the_field_and_nothing_saved(ui: Ui) -> None:
    page = open_page(ui, "clients", ClientsPage)
    before = ui.ctx.services.clients.count()
    page.new_item()
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, ClientDialog))
    dialog.activateWindow()
    ui.qtbot.waitUntil(dialog.isActiveWindow)
    ui.qtbot.keyClicks(dialog.given, "Ana")
    ui.qtbot.keyClicks(dialog.family, "Perez")
    assert dialog.tabs is not None
    dialog.tabs.setCurrentIndex(1)
    ui.qtbot.keyClicks(dialog.a_number, "B12")
    ui.qtbot.keyClick(dialog.a_number, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    error = dialog.error_label("a_number")
    assert error.isVisible()
    assert "A followed by 8 or 9 digits" in error.text()
    assert dialog.isVisible()
    assert dialog.summary.text().startswith("Nothing was saved")
    assert ui.ctx.services.clients.count() == before
    # fixing the field saves it
    dialog.a_number.clear()
    ui.qtbot.keyClicks(dialog.a_number, "A123456789")
    ui.qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    ui.qtbot.waitUntil(lambda: not dialog.isVisible())
    assert ui.ctx.services.clients.count() == before + 1
    ui.settle()
    assert page.detail.name.text() == "Perez, Ana"


def test_escape_cancels_the_dialog(ui: Ui) -> None:
    page = open_page(ui, "clients", ClientsPage)
    page.new_item()
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, ClientDialog))
    ui.qtbot.keyClicks(dialog.family, "Nobody")
    ui.qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    ui.qtbot.waitUntil(lambda: not dialog.isVisible())
    assert ui.ctx.services.clients.count() == 0


def test_find_shortcut_focuses_the_search_box(demo_ui: Ui) -> None:
    window = demo_ui.window()
    window.show_page("clients")
    demo_ui.settle()
    window.activateWindow()
    window.find_action.trigger()
    page = window.current_page
    assert isinstance(page.search_box, QLineEdit)
    assert page.search_box.hasFocus() or QApplication.focusWidget() is page.search_box


def _new_client_dialog(ui: Ui) -> ClientDialog:
    page = open_page(ui, "clients", ClientsPage)
    page.new_item()
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, ClientDialog))
    dialog.activateWindow()
    ui.qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def test_a_client_entered_in_a_hurry_is_not_asked_yet_and_shown_as_not_recorded(ui: Ui) -> None:
    """Only a name typed and saved: never a citizen, so their hearings are still flagged."""
    dialog = _new_client_dialog(ui)
    assert dialog.status.currentText() == "Not asked yet"
    ui.qtbot.keyClicks(dialog.given, "Ana")
    ui.qtbot.keyClicks(dialog.family, "Perez")
    ui.qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    ui.qtbot.waitUntil(lambda: not dialog.isVisible())
    saved = ui.ctx.services.clients.get(dialog.saved.id)
    assert saved.immigration_status is ImmigrationStatus.NOT_ASKED
    assert "Immigration status: Status not recorded (not asked yet)" in sensitive_text(saved)
    assert "itizen" not in sensitive_text(saved)


def test_a_2000_character_name_is_refused_on_the_form_and_nothing_saved(ui: Ui) -> None:
    dialog = _new_client_dialog(ui)
    before = ui.ctx.services.clients.count()
    ui.qtbot.keyClicks(dialog.given, "Victor")
    dialog.family.setFocus()
    dialog.family.insert(  # pasted: the whole text arrives at once
        "Rodríguez-Covarrubias " * 90
    )
    ui.qtbot.keyClick(dialog.family, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    error = dialog.error_label("family_name")
    assert error.isVisible()
    assert error.text() == "Too long: 1,979 characters; at most 200"
    assert dialog.summary.text().startswith("Nothing was saved")
    assert dialog.isVisible()
    assert ui.ctx.services.clients.count() == before
