"""The Upcoming page's letters: one hearing's advisory, and advisories for the whole list.

The batch marks hearings as advised only when the whole PDF is made (LetterService does that in
the same transaction that records the letter), so Cancel leaves every hearing as it was.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QProgressDialog, QWidget

from app.documents.errors import Cancelled
from app.domain.risk import Assessment
from app.services.letters import Generated, LetterService
from app.services.risk import UpcomingItem
from app.ui import notifier as entities
from app.ui.context import UiContext
from app.ui.dialogs.letter_preview import LetterPreviewDialog
from app.ui.pages.backups_flows import tell
from app.ui.pages.letters import LETTER, file_name_for, show_staff_sheets, staff_words
from app.ui.tasks import TaskControl

BATCH_PROGRESS = "advisoryBatchProgress"


class UpcomingLetters:
    def __init__(self, ctx: UiContext, parent: QWidget) -> None:
        self.ctx = ctx
        self.parent = parent
        self.letters = LetterService(ctx.app.ctx)
        self.progress: QProgressDialog | None = None
        self.dialog: LetterPreviewDialog | None = None
        self.staff_dialog: LetterPreviewDialog | None = None

    def advisory(self, item: UpcomingItem) -> None:
        letters = self.letters

        def done(made: Generated) -> None:
            self._show(
                made,
                "Check it, then save or print it. When it has been handed over, "
                "press \u201cMark advisory sent\u201d." + staff_words(made),
            )

        self.ctx.runner.run(
            lambda: letters.advisory(item.hearing.id),
            done,
            lambda error: self.ctx.show_error(self.parent, error),
            key="upcoming.advisory",
            label="Writing the advisory",
            owner=self.parent,
        )

    def batch(
        self, hearing_ids: Sequence[int], *, staff_sheets: bool = False,
        assessments: Mapping[int, Assessment] | None = None,
    ) -> QProgressDialog | None:
        """Advisories for the list; with `staff_sheets`, the staff sheets follow in a window
        (and a file) of their own, never between the client pages. `assessments` are those the
        list already shows, so the batch does not score its hearings again."""
        ids = list(hearing_ids)
        if not ids:
            tell(self.parent, "Advisories", "There are no hearings in this list.")
            return None
        letters = self.letters
        stop = threading.Event()
        progress = QProgressDialog(
            f"Writing {len(ids):,} advisories…", "Cancel", 0, len(ids), self.parent
        )
        progress.setObjectName(BATCH_PROGRESS)
        progress.setWindowTitle("Advisories for this list")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.canceled.connect(stop.set)
        progress.canceled.connect(lambda: progress.setLabelText("Stopping…"))
        self.progress = progress

        def work(control: TaskControl) -> Generated:
            def report(done: int, total: int) -> bool:
                if stop.is_set():
                    return False
                control.progress("Writing advisories", done, total)
                return True

            # Marked as advised once the document is saved or printed, not merely generated.
            return letters.advisory_batch(ids, report, mark_advised=False,
                                          staff_sheets=staff_sheets, assessments=assessments)

        def step(_label: str, done: int, total: int) -> None:
            if not stop.is_set():
                progress.setMaximum(total)
                progress.setValue(done)

        def done(made: Generated) -> None:
            self._close_progress()
            self.ctx.notifier.data_changed(LETTER)
            dialog = self._show(
                made,
                f"{len(ids):,} advisories in one document. The hearings are marked as "
                "advised once it is saved or printed."
                + (f" {len(made.staff_notes)} staff note(s): see the staff sheets."
                   if made.staff_notes and made.staff_pdf is not None else staff_words(made)),
            )
            if made.staff_pdf is not None:
                self.staff_dialog = show_staff_sheets(made, self.ctx.now(), self.parent)
            marked = threading.Event()

            def handed_over(*_args: object) -> None:
                if marked.is_set():
                    return
                marked.set()
                self.ctx.runner.run(
                    lambda: letters.mark_letter_advised(made.letter_id),
                    lambda _count: self.ctx.notifier.data_changed(entities.HEARING),
                    lambda error: self.ctx.show_error(self.parent, error),
                    label="Marking advisories as sent",
                )

            dialog.preview.saved.connect(handed_over)
            dialog.preview.printed.connect(handed_over)
            QTimer.singleShot(0, dialog.preview.save_as)

        def failed(error: BaseException) -> None:
            self._close_progress()
            if isinstance(error, Cancelled):
                tell(
                    self.parent,
                    "Advisories",
                    "Stopped. No advisory was recorded and no hearing was marked.",
                )
            else:
                self.ctx.show_error(self.parent, error)

        progress.show()
        self.ctx.runner.run_long(
            work, done, failed, step, label="Writing advisories", owner=self.parent
        )
        return progress

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def _show(self, made: Generated, note: str) -> LetterPreviewDialog:
        dialog = LetterPreviewDialog(
            made.pdf, made.title, file_name_for(made.title, self.ctx.now()), note, self.parent
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda _o=None: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()
        return dialog
