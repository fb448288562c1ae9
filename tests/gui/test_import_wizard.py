"""The import wizard and the conflict panel, used the way intake staff use them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QLineEdit, QWizard

from app.services.clients import ClientInput
from app.ui.import_wizard import ImportWizard
from app.ui.widgets.conflict_panel import ConflictPanel
from tests.gui.conftest import Ui
from tests.gui.helpers import type_text


def _wizard(ui: Ui, path: Path, kind: str) -> ImportWizard:
    wizard = ImportWizard(ui.ctx.services.csv_import, ui.runner, path=path, kind=kind)
    ui.qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def _next(ui: Ui, wizard: ImportWizard) -> None:
    ui.settle()
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    wizard.next()
    ui.settle()


def test_wizard_shows_mapping_problems_then_imports_after_skip(ui: Ui, tmp_path: Path) -> None:
    ui.ctx.services.clients.create(
        ClientInput(given_name="Rosa", family_name="Martínez", a_number="A123456789")
    )
    path = tmp_path / "clients.csv"
    path.write_text(
        "Surname,Given Name,Alien #,Phone\nMartínez,Rosa,A123456789,555\nSoto,Luis,,\n",
        encoding="utf-8",
    )
    wizard = _wizard(ui, path, "clients")
    _next(ui, wizard)
    mapping = wizard.mapping_page
    assert mapping.combos["family_name"].currentText() == "Surname"
    assert mapping.combos["a_number"].currentText() == "Alien #"
    examples = [mapping.table.item(r, 2).text() for r in range(mapping.table.rowCount())]
    assert "Martínez" in examples
    _next(ui, wizard)
    check = wizard.check_page
    assert check.problems.rowCount() == 1
    assert check.problems.item(0, 0).text() == "2"
    assert "same A-number" in check.problems.item(0, 2).text()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    check.duplicates.setCurrentIndex(1)  # skip
    check.initializePage()
    ui.settle()
    assert check.problems.rowCount() == 0
    assert "Would import 1 clients" in check.summary.text()
    _next(ui, wizard)
    ui.qtbot.waitUntil(lambda: wizard.report is not None, timeout=10_000)
    assert "Imported 1 clients" in wizard.import_page.summary.text()
    assert ui.ctx.services.clients.count() == 2


def test_wizard_reports_a_binary_file_plainly(ui: Ui, tmp_path: Path) -> None:
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\x89PNG\x00\x00")
    wizard = _wizard(ui, path, "hearings")
    _next(ui, wizard)
    assert "binary data" in wizard.mapping_page.info.text()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_conflict_panel_lists_hits_while_typing(ui: Ui) -> None:
    clients = ui.ctx.services.clients
    clients.create(ClientInput(given_name="José", family_name="Rodríguez"))
    clients.create(ClientInput(given_name="Michael", family_name="Brown"))
    panel = ConflictPanel(ui.ctx.services.conflicts, ui.runner, debounce_ms=10)
    ui.qtbot.addWidget(panel)
    panel.show()
    counts: list[int] = []
    panel.checked.connect(counts.append)
    field_text = ""
    for ch in "Jose Rodríguez":
        field_text += ch
        panel.set_name(field_text)
    ui.qtbot.waitUntil(lambda: bool(counts) and panel.table.rowCount() == 1, timeout=5000)
    ui.settle()
    assert panel.table.item(0, 1).text() == "Rodríguez, José"
    assert "accents" in panel.table.item(0, 4).text()
    assert "1 possible conflict" in panel.status.text()
    panel.set_name("Zz")
    ui.qtbot.waitUntil(lambda: panel.table.rowCount() == 0, timeout=5000)
    assert "No conflicts" in panel.status.text()
    QApplication.processEvents()


def test_typing_into_a_line_edit_drives_the_panel(ui: Ui) -> None:
    ui.ctx.services.clients.create(ClientInput(given_name="Michael", family_name="Brown"))
    panel = ConflictPanel(ui.ctx.services.conflicts, ui.runner, debounce_ms=10)
    edit = QLineEdit()
    edit.textChanged.connect(panel.set_name)
    for widget in (panel, edit):
        ui.qtbot.addWidget(widget)
        widget.show()
    type_text(edit, "Mike Browne")
    ui.qtbot.waitUntil(lambda: panel.table.rowCount() == 1, timeout=5000)
    assert "nickname Mike = Michael" in panel.table.item(0, 4).text()
