"""The window: every page loads, shortcuts switch pages, geometry and the last page are
remembered, screenshots render, crashes are logged without client data."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QMessageBox

from app.bootstrap import App
from app.ui.crash import CrashHandler, setup_logging
from app.ui.dialogs.unlock_dialog import UnlockDialog
from app.ui.errors import CRASH_DIALOG, show_crash
from app.ui.main_window import MainWindow
from app.ui.screenshot import render_page
from app.ui.tray import reminder_text
from tests.gui.conftest import Ui


def test_every_page_loads_and_ctrl_numbers_switch(demo_ui: Ui) -> None:
    window = demo_ui.window()
    for number, spec in enumerate(window.specs, start=1):
        window.page_actions[number - 1].trigger()
        demo_ui.settle()
        assert window.current_page.key == spec.key
        assert window.windowTitle() == f"{spec.title} — CourtSafe"
        assert window.page_actions[number - 1].shortcut().toString() == f"Ctrl+{number % 10}"
    window.show_page("courthouses")
    demo_ui.settle()
    page = window.current_page
    assert "courthouses" in page.count.text()  # type: ignore[attr-defined]
    window.show_page("settings")
    demo_ui.settle()
    assert "Front Range" in window.pages["settings"].office_text.text()  # type: ignore[attr-defined]


def test_remembers_geometry_and_last_page(demo_ui: Ui) -> None:
    window = demo_ui.window()
    window.resize(700, 500)  # the offscreen screen is 800x600
    window.show_page("incidents")
    demo_ui.settle()
    size = window.size()
    window.close()
    settings = demo_ui.ctx.app.settings
    assert settings.last_page == "incidents"
    assert settings.window_geometry
    again = MainWindow(demo_ui.ctx)
    demo_ui.qtbot.addWidget(again)
    assert again.current_page.key == "incidents"
    assert again.size().height() == size.height()  # offscreen clamps widths to its 800 px screen
    demo_ui.settle()


def test_screenshot_renders_a_loaded_page(demo_ui: Ui, tmp_path: Path) -> None:
    out = render_page(demo_ui.ctx.app, "upcoming", tmp_path / "upcoming.png", (1280, 800))
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1280, 800)


def test_crash_is_logged_without_the_message(sqlite_app: App, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    log = setup_logging(tmp_path / "logs")
    assert log is not None
    shown: list[Path | None] = []
    handler = CrashHandler(log, lambda _e: None, shown.append)
    try:
        raise ValueError("Rodríguez-Covarrubias A098765432")
    except ValueError as error:
        handler.handle(error)
    for h in logging.getLogger("courtsafe").handlers:
        h.flush()
    text = log.read_text(encoding="utf-8")
    assert "ValueError" in text and "test_window.py" in text
    assert "Rodríguez" not in text and "A098765432" not in text
    assert shown == [log]
    box = show_crash(None, log)
    qtbot.addWidget(box)
    assert box.objectName() == CRASH_DIALOG and str(log) in box.text()
    for h in list(logging.getLogger("courtsafe").handlers):
        h.close()
        logging.getLogger("courtsafe").removeHandler(h)
    assert sys.excepthook is not handler


def test_unlock_dialog_warns_and_checks_the_passphrase(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = UnlockDialog(new=True)
    qtbot.addWidget(dialog)
    dialog.show()
    warning = dialog.findChild(type(dialog.error).__mro__[1], "passphraseWarning")
    assert warning is not None and "cannot be recovered" in warning.text()
    qtbot.keyClicks(dialog.passphrase, "short")
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    assert dialog.isVisible() and "at least" in dialog.error.text()
    dialog.passphrase.clear()
    qtbot.keyClicks(dialog.passphrase, "a long enough passphrase")
    qtbot.keyClicks(dialog.confirm, "a different passphrase!")
    qtbot.keyClick(dialog.confirm, Qt.Key.Key_Return)
    assert "differ" in dialog.error.text()
    dialog.confirm.clear()
    qtbot.keyClicks(dialog.confirm, "a long enough passphrase")
    qtbot.keyClick(dialog.confirm, Qt.Key.Key_Return)
    assert dialog.result() == UnlockDialog.DialogCode.Accepted
    assert dialog.value() == "a long enough passphrase"


def test_tray_text() -> None:
    assert reminder_text(1) == "1 high-risk appearance in the next 7 days"
    assert reminder_text(3) == "3 high-risk appearances in the next 7 days"


def test_about_says_flags_are_not_legal_advice(demo_ui: Ui) -> None:
    window = demo_ui.window()
    help_menu = window.menuBar().actions()[-1].menu()
    about = next(a for a in help_menu.actions() if "About" in a.text())
    about.trigger()
    box = next(w for w in QApplication.topLevelWidgets()
               if isinstance(w, QMessageBox) and w.objectName() == "aboutDialog")
    assert "not legal advice" in box.text()
    box.close()
    demo_ui.settle()
