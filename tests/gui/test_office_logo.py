"""Settings → office details: the letterhead logo takes a PNG, refuses what is not an image."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QFileDialog, QPushButton
from shiboken6 import Shiboken

from app.ui.dialogs.office_dialog import OfficeDialog
from app.ui.widgets.logo_field import MAX_LOGO_BYTES, PNG_MAGIC
from tests.gui.conftest import Ui


def open_with(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *_a, **_k: (str(path), ""))
    )


def test_logo_refuses_a_text_file_and_takes_a_png(
    demo_ui: Ui, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = demo_ui.window()
    page = window.show_page("settings")
    demo_ui.settle()
    edit = page.findChild(QPushButton, "editOffice")
    demo_ui.qtbot.mouseClick(edit, Qt.MouseButton.LeftButton)
    dialog = page.findChild(OfficeDialog)
    assert dialog is not None and dialog.isVisible()
    logo = dialog.logo
    error = dialog.error_label("letterhead_logo")
    assert logo.thumbnail.text() == "No logo" and not logo.remove_button.isEnabled()

    notes = tmp_path / "notes.txt"
    notes.write_text("not a picture", encoding="utf-8")
    open_with(monkeypatch, notes)
    demo_ui.qtbot.mouseClick(logo.choose_button, Qt.MouseButton.LeftButton)
    assert error.isVisible()
    assert error.text() == "“notes.txt” is not a PNG or JPEG image. Choose a .png or .jpg file."
    assert logo.value() is None

    huge = tmp_path / "huge.png"
    huge.write_bytes(PNG_MAGIC + b"\0" * MAX_LOGO_BYTES)
    open_with(monkeypatch, huge)
    demo_ui.qtbot.mouseClick(logo.choose_button, Qt.MouseButton.LeftButton)
    assert "at most 1 MB" in error.text()

    image = QImage(120, 60, QImage.Format.Format_RGB32)
    image.fill(QColor("#1f5f8b"))
    png = tmp_path / "logo.png"
    assert image.save(str(png))
    open_with(monkeypatch, png)
    demo_ui.qtbot.mouseClick(logo.choose_button, Qt.MouseButton.LeftButton)
    assert not error.isVisible()
    assert not logo.thumbnail.pixmap().isNull() and logo.remove_button.isEnabled()
    demo_ui.qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    demo_ui.qtbot.waitUntil(lambda: not Shiboken.isValid(dialog) or not dialog.isVisible())
    office = demo_ui.ctx.services.office.get()
    assert office is not None and office.letterhead_logo == png.read_bytes()
    demo_ui.settle()


def test_remove_logo_clears_it(demo_ui: Ui, tmp_path: Path) -> None:
    image = QImage(40, 40, QImage.Format.Format_RGB32)
    image.fill(QColor("#333333"))
    png = tmp_path / "logo.png"
    image.save(str(png))
    dialog = OfficeDialog(demo_ui.ctx, demo_ui.ctx.services.office.get())
    demo_ui.qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.logo.load_file(png)
    dialog.save()
    dialog = OfficeDialog(demo_ui.ctx, demo_ui.ctx.services.office.get())
    demo_ui.qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.logo.value() == png.read_bytes()
    demo_ui.qtbot.mouseClick(dialog.logo.remove_button, Qt.MouseButton.LeftButton)
    assert dialog.logo.thumbnail.text() == "No logo"
    dialog.save()
    office = demo_ui.ctx.services.office.get()
    assert office is not None and office.letterhead_logo is None
