"""Saving an edited template: the check runs off the window's thread, a good edit becomes a new
version, a broken or runaway one shows its message and line and saves nothing."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt

from app.documents import validation
from app.ui.dialogs.letter_template_editor import TemplateEditorDialog
from app.ui.pages.letters import LettersPage
from tests.gui.conftest import Ui


def open_editor(ui: Ui) -> TemplateEditorDialog:
    page = ui.window().show_page("letters")
    assert isinstance(page, LettersPage)
    ui.settle()
    page.kind.setCurrentIndex(page.kind.findData("advisory"))
    ui.qtbot.mouseClick(page.template_button, Qt.MouseButton.LeftButton)
    dialog = page.findChild(TemplateEditorDialog)
    assert isinstance(dialog, TemplateEditorDialog)
    ui.settle()
    return dialog


def test_saving_checks_off_the_window_thread_and_keeps_a_version(
    demo_ui: Ui, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = open_editor(demo_ui)
    versions = dialog.version_count()
    checked_on: list[threading.Thread] = []
    gate = threading.Event()
    original = validation.validate_template

    def slow_check(*args, **kwargs):  # type: ignore[no-untyped-def]
        checked_on.append(threading.current_thread())
        gate.wait(10)
        return original(*args, **kwargs)

    monkeypatch.setattr(validation, "validate_template", slow_check)
    dialog.editor.moveCursor(dialog.editor.textCursor().MoveOperation.End)
    demo_ui.qtbot.keyClick(dialog.editor, Qt.Key.Key_Return)
    demo_ui.qtbot.keyClicks(dialog.editor, "See you soon.")
    dialog.timer.stop()
    demo_ui.qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    demo_ui.qtbot.waitUntil(lambda: bool(checked_on))
    # The check is still running and the window answers: the button says so, typing works.
    assert not dialog.save_button.isEnabled()
    demo_ui.qtbot.keyClicks(dialog.editor, "!")
    assert dialog.editor.toPlainText().endswith("See you soon.!")
    assert checked_on[0] is not threading.main_thread()
    gate.set()
    demo_ui.settle()
    assert dialog.version_count() == versions + 1
    assert not dialog.error.isVisible()
    assert dialog.save_button.isEnabled()
    assert "See you soon." in dialog.templates.source("client_advisory", "en")
    dialog.close()


def test_a_runaway_template_shows_its_message_and_saves_nothing(demo_ui: Ui) -> None:
    dialog = open_editor(demo_ui)
    versions = dialog.version_count()
    lines = dialog.editor.toPlainText().splitlines()
    runaway = ("{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}"
               "{% endfor %}")
    dialog.editor.setPlainText("\n".join([*lines[:6], runaway, *lines[6:]]))
    dialog.timer.stop()
    demo_ui.qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    demo_ui.settle(30_000)
    text = dialog.error.text()
    assert dialog.error.isVisible()
    assert "Not saved" in text and "loops" in text and "Line 7" in text
    assert dialog.version_count() == versions
    assert dialog.save_button.isEnabled()
    highlighted = dialog.editor.extraSelections()
    assert highlighted and highlighted[0].cursor.blockNumber() == 6
    dialog.close()
