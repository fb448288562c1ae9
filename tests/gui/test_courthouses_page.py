"""The Courthouses page tells staff which state protections apply there, as the data states them."""

from __future__ import annotations

from app.services.courthouses import CourthouseInput
from app.ui.pages.courthouses import CourthousesPage
from tests.gui.conftest import Ui
from tests.gui.helpers import click_row, find_row, open_page


def _detail_of(ui: Ui, name: str) -> str:
    page = open_page(ui, "courthouses", CourthousesPage)
    row = find_row(page.table, 0, name)
    assert row >= 0
    click_row(ui.qtbot, page.table, row)
    ui.qtbot.waitUntil(lambda: name in page.detail.toPlainText())
    return page.detail.toPlainText()


def test_oregon_lists_its_court_rule_and_its_later_statute(ui: Ui) -> None:
    ui.ctx.services.courthouses.create(CourthouseInput(
        name="Multnomah County Courthouse", court_kinds="criminal,family",
        address="1200 SW 1st Ave", city="Portland", state="OR", postal_code="97204",
        time_zone="America/Los_Angeles"))
    text = " ".join(_detail_of(ui, "Multnomah County Courthouse").split())
    assert "Or. UTCR 3.190" in text and "HB 3265" in text
    assert "It requires" in text or "It bars" in text  # the scope reads as a sentence


def test_an_immigration_court_is_told_no_state_law_applies(ui: Ui) -> None:
    ui.ctx.services.courthouses.create(CourthouseInput(
        name="Portland Immigration Court", court_kinds="immigration",
        address="1220 SW 3rd Ave", city="Portland", state="OR", postal_code="97204",
        time_zone="America/Los_Angeles"))
    text = " ".join(_detail_of(ui, "Portland Immigration Court").split())
    assert "federal court: no state law against civil arrest applies here" in text
    assert "UTCR" not in text and "HB 3265" not in text
