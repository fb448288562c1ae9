"""Backups: set up with the recovery kit, back up now, a damaged restore, the Upcoming warning."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.ui.dialogs.recovery_kit_dialog import RecoveryKitDialog
from app.ui.errors import ERROR_DIALOG
from app.ui.pages import backups_flows, backups_settings
from app.ui.pages.backups import BackupsPage, HistoryModel
from app.ui.pages.backups_services import backup_tools
from app.ui.pages.upcoming import UpcomingPage
from app.ui.widgets import pdf_preview
from tests.gui.conftest import Ui


def open_backups(ui: Ui) -> BackupsPage:
    page = ui.window().show_page("backups")
    assert isinstance(page, BackupsPage)
    ui.settle()
    return page


def click(ui: Ui, button) -> None:  # type: ignore[no-untyped-def]
    ui.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def set_up_and_back_up(ui: Ui) -> Path:
    tools = backup_tools(ui.ctx.app)
    tools.keys.set_up(tools.keys.new_recovery_key())
    return tools.backups.create().path


def test_back_up_now_into_the_chosen_folder(ui: Ui, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    page = open_backups(ui)
    assert page.status_values["Last backup"].text() == "None yet"
    assert "Not set up" in page.status_values["Keys"].text()
    folder = tmp_path / "external-drive"
    folder.mkdir()
    monkeypatch.setattr(backups_settings, "ask_folder", lambda *_a: folder)
    click(ui, page.settings_box.findChild(type(page.backup_button), "chooseFolderButton"))
    assert page.settings_box.folder.text() == str(folder)

    click(ui, page.kit_button)
    ui.settle()
    kit = page.findChild(RecoveryKitDialog)
    assert isinstance(kit, RecoveryKitDialog)
    assert "shown ONCE" in kit.findChild(type(page.result), "recoveryWarning").text()
    assert kit.preview.page_count >= 1 and not kit.use_button.isEnabled()
    kit_file = tmp_path / "kit.pdf"
    monkeypatch.setattr(pdf_preview, "ask_save_path", lambda *_a: kit_file)
    click(ui, kit.preview.save_button)
    assert kit_file.exists() and kit.use_button.isEnabled()
    click(ui, kit.use_button)
    ui.settle()
    assert "Set up" in page.status_values["Keys"].text()

    click(ui, page.backup_button)
    assert page.progress.isVisible() or not ui.runner.busy
    ui.settle()
    files = list(folder.glob("courtsafe-*.age"))
    assert len(files) == 1
    assert "Verified" in page.result.text()
    assert "verified" in page.status_values["Last backup"].text()
    assert files[0].name in page.status_values["Location"].text()
    assert page.model.rowCount() == 1
    assert page.model.index(0, 1).data() == files[0].name
    assert page.model.index(0, 3).data() == "Yes"


def test_restoring_a_damaged_backup_says_so_and_changes_nothing(
    ui: Ui, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = set_up_and_back_up(ui)
    data = bytearray(good.read_bytes())
    data[len(data) // 2] ^= 0x40
    damaged = tmp_path / good.name
    damaged.write_bytes(bytes(data))
    page = open_backups(ui)
    live = Path(str(ui.ctx.app.database.url.database))
    before = hashlib.sha256(live.read_bytes()).hexdigest()
    monkeypatch.setattr(backups_flows, "ask_backup_file", lambda *_a: damaged)
    click(ui, page.restore_button)
    ui.settle()
    box = page.findChild(QMessageBox, ERROR_DIALOG)
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert "damaged" in box.text().lower() or "corrupt" in box.text().lower(), box.text()
    assert page.findChild(QMessageBox, "restoreDialog") is None
    assert hashlib.sha256(live.read_bytes()).hexdigest() == before
    assert page.restore_button.isEnabled()


def test_upcoming_warns_until_a_verified_backup_exists(ui: Ui) -> None:
    window = ui.window()
    page = window.show_page("upcoming")
    assert isinstance(page, UpcomingPage)
    ui.settle()
    assert page.backup_banner.isVisible()
    assert "No verified backup yet" in page.backup_banner.text()
    backups = window.show_page("backups")
    assert isinstance(backups, BackupsPage)
    ui.settle()
    backup_tools(ui.ctx.app).keys.set_up(backup_tools(ui.ctx.app).keys.new_recovery_key())
    click(ui, backups.backup_button)
    ui.settle()
    window.show_page("upcoming")
    ui.settle()
    assert not page.backup_banner.isVisible()


def test_history_model(ui: Ui, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    set_up_and_back_up(ui)
    backup_tools(ui.ctx.app).backups.create()
    model = HistoryModel()
    model.set_rows(backup_tools(ui.ctx.app).backups.history())
    assert model.rowCount() == 2
    qtmodeltester.check(model, force_py=True)
