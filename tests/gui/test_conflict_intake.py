"""Intake staff see possible conflicts while typing a new client or a case's other party, and
can still save: the attorney judges a conflict, the form does not."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from app.domain.enums import CaseKind, ClientRole, PartyKind
from app.services.cases import CaseInput, PartyInput
from app.services.clients import ClientInput
from app.ui.dialogs.case_dialog import CaseDialog
from app.ui.dialogs.client_dialog import ClientDialog
from tests.gui.conftest import Ui


def test_new_client_named_like_an_existing_one_shows_the_hit(ui: Ui) -> None:
    ui.ctx.services.clients.create(ClientInput(given_name="José", family_name="Rodríguez"))
    window = ui.window()
    window.show_page("clients")
    ui.settle()
    window.new_action.trigger()
    dialog = window.findChild(ClientDialog)
    assert dialog is not None and dialog.isVisible()
    panel = dialog.conflicts
    assert panel.table.rowCount() == 0
    ui.qtbot.keyClicks(dialog.given, "Jose")
    ui.qtbot.keyClicks(dialog.family, "Rodriguez")
    ui.qtbot.waitUntil(lambda: panel.table.rowCount() == 1, timeout=5000)
    assert panel.table.isVisible() and panel.status.isVisible()
    assert panel.table.item(0, 1).text() == "Rodríguez, José"
    assert panel.table.item(0, 2).text() == "client"
    assert "accents" in panel.table.item(0, 4).text()
    assert "1 possible conflict" in panel.status.text()
    assert "Saving is still allowed" in panel.status.text()

    ui.qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)  # a hit never blocks
    ui.qtbot.waitUntil(lambda: not dialog.isVisible())
    assert ui.ctx.services.clients.count() == 2
    ui.settle()


def test_editing_a_client_does_not_flag_the_client_itself(ui: Ui) -> None:
    record = ui.ctx.services.clients.create(
        ClientInput(given_name="Rosa", family_name="Martínez")
    )
    dialog = ClientDialog(ui.ctx, record)
    ui.qtbot.addWidget(dialog)
    dialog.show()
    dialog.conflicts.check_now()
    ui.settle()
    assert dialog.conflicts.table.rowCount() == 0
    assert "No conflicts found" in dialog.conflicts.status.text()


def test_typing_a_party_name_in_the_case_dialog_shows_a_hit(ui: Ui) -> None:
    services = ui.ctx.services
    client = services.clients.create(ClientInput(given_name="Lucía", family_name="Marín"))
    services.cases.create(
        CaseInput(
            client_id=client.id, kind=CaseKind.FAMILY, client_role=ClientRole.PETITIONER,
            opened_on=date(2026, 10, 1), docket_number="26DR1234",
            parties=(PartyInput(name="Michael Brown", kind=PartyKind.OPPOSING),),
        )
    )
    other = services.clients.create(ClientInput(given_name="Ana", family_name="Soto"))
    dialog = CaseDialog(ui.ctx, None, "", [])
    ui.qtbot.addWidget(dialog)
    dialog.show()
    dialog.client.set_client(other.id, "Soto, Ana")
    assert dialog.tabs is not None
    dialog.tabs.setCurrentIndex(1)
    ui.qtbot.mouseClick(dialog.parties.add_button, Qt.MouseButton.LeftButton)
    editor = dialog.parties.table.findChild(QLineEdit, "partyNameEditor")
    assert editor is not None
    ui.qtbot.keyClicks(editor, "Mike Browne")
    panel = dialog.conflicts
    ui.qtbot.waitUntil(lambda: panel.table.rowCount() >= 1, timeout=5000)
    assert panel.table.item(0, 1).text() == "Michael Brown"
    assert panel.table.item(0, 2).text() == "opposing party"
    assert "26DR1234" in panel.table.item(0, 3).text()
    assert "Mike = Michael" in panel.table.item(0, 4).text()
    assert "⚠" in dialog.tabs.tabText(1)

    # saved straight from the cell being typed in, as Ctrl+S would
    ui.qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    ui.qtbot.waitUntil(lambda: not dialog.isVisible())
    saved = services.cases.get(dialog.saved.id)
    assert [(p.name, p.kind) for p in saved.parties] == [("Mike Browne", PartyKind.OPPOSING)]
    ui.settle()


def test_party_table_keeps_kind_and_relationship(ui: Ui) -> None:
    services = ui.ctx.services
    client = services.clients.create(ClientInput(given_name="Lucía", family_name="Marín"))
    case = services.cases.create(
        CaseInput(
            client_id=client.id, kind=CaseKind.FAMILY, client_role=ClientRole.PETITIONER,
            opened_on=date(2026, 10, 1),
            parties=(
                PartyInput(name="Michael Brown", kind=PartyKind.OPPOSING),
                PartyInput(name="Sara Brown", kind=PartyKind.RELATED,
                           relationship_note="his sister"),
            ),
        )
    )
    dialog = CaseDialog(ui.ctx, case, "Marín, Lucía", [])
    ui.qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.parties.parties() == case.parties
    dialog.parties.table.setCurrentCell(1, 0)
    dialog.parties.remove_party()
    dialog.parties.table.item(0, 2).setText("ex-husband")
    ui.qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    ui.qtbot.waitUntil(lambda: not dialog.isVisible())
    saved = services.cases.get(case.id).parties
    assert saved == (
        PartyInput(name="Michael Brown", kind=PartyKind.OPPOSING, relationship_note="ex-husband"),
    )
    ui.settle()


def test_a_party_without_a_name_is_shown_by_row(ui: Ui) -> None:
    client = ui.ctx.services.clients.create(ClientInput(given_name="Ana", family_name="Soto"))
    dialog = CaseDialog(ui.ctx, None, "", [])
    ui.qtbot.addWidget(dialog)
    dialog.show()
    dialog.client.set_client(client.id, "Soto, Ana")
    for _ in range(2):
        ui.qtbot.mouseClick(dialog.parties.add_button, Qt.MouseButton.LeftButton)
    dialog.parties.table.item(1, 2).setText("cousin")
    ui.qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    error = dialog.error_label("parties")
    assert error.text() == "Row 2: a party needs a name"
    assert dialog.tabs is not None and dialog.tabs.currentIndex() == 1
    assert ui.ctx.services.cases.find() == []  # nothing saved
    ui.settle()
