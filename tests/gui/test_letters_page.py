"""Letters: the Denver client's Spanish advisory, a broken template edit, the Upcoming batch."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

from app.services.letters import LetterService
from app.ui.dialogs.letter_preview import LetterPreviewDialog
from app.ui.dialogs.letter_template_editor import TemplateEditorDialog
from app.ui.pages.letters import LettersPage
from app.ui.pages.letters_models import COL_PICK_CLIENT, HearingPickerModel, LettersModel
from app.ui.pages.upcoming import UpcomingPage
from app.ui.pages.upcoming_letters import BATCH_PROGRESS
from app.ui.widgets import pdf_preview
from tests.gui.conftest import Ui
from tests.gui.helpers import click_row, find_row


def open_letters(ui: Ui) -> LettersPage:
    page = ui.window().show_page("letters")
    assert isinstance(page, LettersPage)
    ui.settle()
    return page


def choose(combo, data: object) -> None:  # type: ignore[no-untyped-def]
    combo.setCurrentIndex(combo.findData(data))


def test_spanish_advisory_for_the_denver_client(
    demo_ui: Ui, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = open_letters(demo_ui)
    qtbot = demo_ui.qtbot
    choose(page.kind, "advisory")
    assert page.picker.isVisible()
    qtbot.keyClicks(page.picker.search, "rodriguez cov")
    qtbot.waitUntil(
        lambda: (
            page.picker.model.rowCount() >= 1
            and find_row(page.picker.table, COL_PICK_CLIENT, "Rodríguez") >= 0
        )
    )
    row = find_row(page.picker.table, COL_PICK_CLIENT, "Rodríguez-Covarrubias")
    click_row(qtbot, page.picker.table, row, COL_PICK_CLIENT)
    choose(page.inputs["advisory"].language, "es")  # type: ignore[attr-defined]
    assert page.model.rowCount() == 0
    qtbot.mouseClick(page.generate_button, Qt.MouseButton.LeftButton)
    demo_ui.settle()
    assert page.preview.page_count >= 1
    image = page.preview.page_image(0)
    assert not image.isNull() and image.width() > 200
    assert "SHA-256" in page.status.text()
    assert page.model.rowCount() == 1
    assert page.model.index(0, 1).data() == "Client advisory"
    recorded = LetterService(demo_ui.ctx.app.ctx).find()
    assert len(recorded) == 1 and recorded[0].language == "es"
    target = tmp_path / "advisory.pdf"
    monkeypatch.setattr(pdf_preview, "ask_save_path", lambda *_a: target)
    qtbot.mouseClick(page.preview.save_button, Qt.MouseButton.LeftButton)
    assert target.read_bytes().startswith(b"%PDF")
    assert not list(tmp_path.glob("*.partial"))


def test_broken_template_shows_its_line_and_saves_nothing(demo_ui: Ui) -> None:
    page = open_letters(demo_ui)
    choose(page.kind, "advisory")
    demo_ui.qtbot.mouseClick(page.template_button, Qt.MouseButton.LeftButton)
    dialog = page.findChild(TemplateEditorDialog)
    assert isinstance(dialog, TemplateEditorDialog)
    demo_ui.settle()
    assert dialog.preview.page_count >= 1 and not dialog.error.isVisible()
    versions = dialog.version_count()
    editor = dialog.editor
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.Start)
    demo_ui.qtbot.keyClicks(editor, "Dear {{ clinet_name }}")
    demo_ui.qtbot.keyClick(editor, Qt.Key.Key_Return)
    demo_ui.qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=5000)
    assert "Line 1" in dialog.error.text() and "clinet_name" in dialog.error.text()
    assert dialog.preview.page_count >= 1  # the last good preview stays
    demo_ui.qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    demo_ui.settle()
    assert "Not saved" in dialog.error.text() and "line 1" in dialog.error.text().lower()
    assert dialog.version_count() == versions
    dialog.close()


def _filtered_upcoming(ui: Ui) -> UpcomingPage:
    page = ui.window().show_page("upcoming")
    assert isinstance(page, UpcomingPage)
    ui.settle()
    days = page.filters.days
    days.setCurrentIndex(days.findData(7))
    ui.settle()
    assert 3 <= page.model.rowCount() < 100
    return page


def test_batch_cancelled_midway_marks_nothing_then_completes(
    demo_ui: Ui, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _filtered_upcoming(demo_ui)
    ids = [item.hearing.id for item in page.model.rows]
    hearings = demo_ui.ctx.services.hearings
    before = {i: hearings.get(i).advisory_sent_at for i in ids}
    gate = threading.Event()
    original = LetterService.advisory_batch

    def slow(self, hearing_ids, progress=None, **options):  # type: ignore[no-untyped-def]
        def held(done: int, total: int) -> bool | None:
            if done == 2:
                gate.wait(10)
            return progress(done, total) if progress else None

        return original(self, hearing_ids, held, **options)

    monkeypatch.setattr(LetterService, "advisory_batch", slow)
    demo_ui.qtbot.mouseClick(page.batch_button, Qt.MouseButton.LeftButton)
    progress = page.findChild(QProgressDialog, BATCH_PROGRESS)
    assert isinstance(progress, QProgressDialog)
    demo_ui.qtbot.waitUntil(lambda: progress.value() >= 1)
    cancel = next(b for b in progress.findChildren(QPushButton) if b.text() == "Cancel")
    demo_ui.qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    gate.set()
    demo_ui.settle()
    assert {i: hearings.get(i).advisory_sent_at for i in ids} == before
    assert LetterService(demo_ui.ctx.app.ctx).find() == []

    monkeypatch.setattr(LetterService, "advisory_batch", original)
    target = tmp_path / "batch.pdf"
    monkeypatch.setattr(pdf_preview, "ask_save_path", lambda *_a: target)
    demo_ui.qtbot.mouseClick(page.batch_button, Qt.MouseButton.LeftButton)
    demo_ui.settle()
    demo_ui.qtbot.waitUntil(target.exists)
    demo_ui.settle()  # marked once the file is saved, not when it was generated
    assert all(hearings.get(i).advisory_sent_at is not None for i in ids)
    dialog = page.findChild(LetterPreviewDialog)
    assert isinstance(dialog, LetterPreviewDialog) and dialog.preview.page_count >= len(ids)
    dialog.close()
    demo_ui.settle()
    assert all(item.hearing.advisory_sent_at is not None for item in page.model.rows)
    QApplication.processEvents()


def test_letter_models(demo_ui: Ui, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    services = demo_ui.ctx.services
    now = demo_ui.ctx.app.ctx.now()
    from datetime import timedelta

    hearings = services.hearings.between(now, now + timedelta(days=60))
    letters = LetterService(demo_ui.ctx.app.ctx)
    letters.advisory(hearings[0].id, "en")
    letters.reminder_call_list(now.date(), (now + timedelta(days=7)).date())
    model = LettersModel()
    model.set_rows(letters.find())
    assert model.rowCount() == 2
    qtmodeltester.check(model, force_py=True)
    picker = HearingPickerModel()
    picker.set_rows(hearings)
    qtmodeltester.check(picker, force_py=True)


def test_batch_not_saved_marks_nothing(demo_ui: Ui, monkeypatch: pytest.MonkeyPatch) -> None:
    page = _filtered_upcoming(demo_ui)
    ids = [item.hearing.id for item in page.model.rows]
    hearings = demo_ui.ctx.services.hearings
    before = {i: hearings.get(i).advisory_sent_at for i in ids}
    monkeypatch.setattr(pdf_preview, "ask_save_path", lambda *_a: None)  # Save dialog cancelled
    demo_ui.qtbot.mouseClick(page.batch_button, Qt.MouseButton.LeftButton)
    demo_ui.qtbot.waitUntil(lambda: page.findChild(LetterPreviewDialog) is not None)
    demo_ui.settle()
    dialog = page.findChild(LetterPreviewDialog)
    assert isinstance(dialog, LetterPreviewDialog)
    dialog.close()
    demo_ui.settle()
    assert {i: hearings.get(i).advisory_sent_at for i in ids} == before
    assert len(LetterService(demo_ui.ctx.app.ctx).find()) == 1  # recorded, not handed over


def test_staff_sheet_opens_apart_and_the_advisory_keeps_no_staff_words(demo_ui: Ui) -> None:
    import io

    from pypdf import PdfReader

    page = open_letters(demo_ui)
    qtbot = demo_ui.qtbot
    choose(page.kind, "advisory")
    qtbot.keyClicks(page.picker.search, "rodriguez cov")
    qtbot.waitUntil(lambda: find_row(page.picker.table, COL_PICK_CLIENT, "Rodríguez") >= 0)
    click_row(qtbot, page.picker.table,
              find_row(page.picker.table, COL_PICK_CLIENT, "Rodríguez-Covarrubias"),
              COL_PICK_CLIENT)
    page.inputs["advisory"].staff_sheet.setChecked(True)  # type: ignore[attr-defined]
    qtbot.mouseClick(page.generate_button, Qt.MouseButton.LeftButton)
    demo_ui.settle()
    qtbot.waitUntil(lambda: page.staff_dialog is not None)
    assert "For staff only" in page.status.text() and "voicemail" in page.status.text()
    staff = page.staff_dialog
    assert staff is not None and staff.preview.page_count == 1
    assert "not for the client" in staff.windowTitle()
    recorded = LetterService(demo_ui.ctx.app.ctx)
    client_pdf = recorded.pdf(recorded.find()[0].id)
    for sheet in PdfReader(io.BytesIO(client_pdf)).pages:
        assert "voicemail" not in sheet.extract_text().lower()
    staff.close()


def test_batch_with_staff_sheets_uses_the_list_s_own_flags(
    demo_ui: Ui, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ticking "with staff sheets" asks for them, and the batch takes the levels the list
    shows rather than scoring every hearing again."""
    page = _filtered_upcoming(demo_ui)
    rows = list(page.model.rows)
    seen: dict[str, object] = {}
    original = LetterService.advisory_batch

    def spy(self, hearing_ids, progress=None, **options):  # type: ignore[no-untyped-def]
        seen.update(options)
        return original(self, hearing_ids, progress, **options)

    monkeypatch.setattr(LetterService, "advisory_batch", spy)
    monkeypatch.setattr(pdf_preview, "ask_save_path", lambda *_a: None)
    page.staff_sheets_box.click()
    demo_ui.qtbot.mouseClick(page.batch_button, Qt.MouseButton.LeftButton)
    demo_ui.qtbot.waitUntil(lambda: "assessments" in seen)
    demo_ui.settle()
    assert seen["staff_sheets"] is True
    assessments = seen["assessments"]
    assert isinstance(assessments, dict)
    assert {i: a.level for i, a in assessments.items()} == {
        item.hearing_id: item.assessment.level for item in rows
    }
    for dialog in page.findChildren(LetterPreviewDialog):
        dialog.close()
    demo_ui.settle()
