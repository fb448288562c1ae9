"""Letters: choose a kind, fill in what it needs, generate, preview, save or print; every letter
made is on record below, to reopen and reprint exactly as it was sent."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import HearingStatus
from app.services.hearings import HearingRow
from app.services.letters import Generated, LetterRow, LetterService
from app.services.reference_data import FieldOfficeRow
from app.ui import notifier as entities
from app.ui.context import UiContext
from app.ui.dialogs.letter_preview import LetterPreviewDialog
from app.ui.pages.base import Page
from app.ui.pages.letters_inputs import (
    SIGNATORY_SETS,
    AdvisoryInputs,
    CoalitionInputs,
    CourtRequestInputs,
    HearingPicker,
    LetterInputs,
    RemindersInputs,
)
from app.ui.pages.letters_models import LettersModel
from app.ui.widgets.fields import ErrorLabel
from app.ui.widgets.pdf_preview import PdfPreview
from app.ui.widgets.tables import make_table, select_position, selected_row

LETTER = "letter"  # notifier entity: a letter was recorded
HEARING_DAYS = 120
STAFF_LINES = 8  # staff notes listed on screen; the staff sheets carry them all
KINDS = (
    ("coalition", "Coalition letter"),
    ("advisory", "Client advisory"),
    ("court-request", "Request to the court"),
    ("reminders", "Reminder call list"),
)
ACTIVE = (HearingStatus.SCHEDULED, HearingStatus.CONTINUED)

if TYPE_CHECKING:
    from app.ui.dialogs.letter_template_editor import TemplateEditorDialog


@dataclass(frozen=True)
class LettersData:
    letters: list[LetterRow]
    hearings: list[HearingRow]
    field_offices: list[FieldOfficeRow]
    state: str
    signatory_sets: dict[str, list[dict[str, str]]]


def file_name_for(title: str, when: datetime) -> str:
    slug = re.sub(r"[^\w]+", "-", title, flags=re.UNICODE).strip("-").lower()[:60]
    return f"{slug or 'letter'}-{when:%Y-%m-%d}.pdf"


def staff_words(made: Generated) -> str:
    """Staff-only notes for the screen: they never print on the client's advisory."""
    if not made.staff_notes:
        return ""
    shown = list(made.staff_notes[:STAFF_LINES])
    if len(made.staff_notes) > STAFF_LINES:
        shown.append(f"… and {len(made.staff_notes) - STAFF_LINES} more: print the staff sheets.")
    return "\n\nFor staff only (not on the advisory):\n" + "\n".join(shown)


def show_staff_sheets(made: Generated, now: datetime, parent: QWidget) -> LetterPreviewDialog:
    """The staff sheets in a window of their own: never one document with the client's pages."""
    dialog = LetterPreviewDialog(
        made.staff_pdf or b"", "Staff sheets: not for the client",
        file_name_for("staff sheets", now),
        "For staff only. Keep these pages in the office; never hand them to the client.", parent,
    )
    dialog.setObjectName("staffSheetDialog")
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


class LettersPage(Page):
    key = "letters"
    title = "Letters"
    watches = (LETTER, entities.HEARING, entities.CLIENT, entities.OFFICE, entities.INCIDENT)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.letters = LetterService(ctx.app.ctx)
        today = ctx.today()
        self.kind = QComboBox(self)
        self.kind.setObjectName("letterKind")
        self.kind.setAccessibleName("Kind of letter")
        for key, text in KINDS:
            self.kind.addItem(text, key)
        self.picker = HearingPicker(self)
        self.inputs: dict[str, LetterInputs] = {
            "coalition": CoalitionInputs(today, self),
            "advisory": AdvisoryInputs(self),
            "court-request": CourtRequestInputs(self),
            "reminders": RemindersInputs(today, self),
        }
        coalition = self.inputs["coalition"]
        assert isinstance(coalition, CoalitionInputs)
        self.coalition: CoalitionInputs = coalition
        self.coalition.sets_saved.connect(self._save_signatory_sets)
        self.picker.changed.connect(self._hearing_chosen)
        self.stack = QStackedWidget(self)
        for key, _ in KINDS:
            self.stack.addWidget(self.inputs[key])
        self.generate_button = QPushButton("Generate", self)
        self.generate_button.setObjectName("generateButton")
        self.generate_button.setDefault(True)
        self.generate_button.clicked.connect(self.generate)
        self.template_button = QPushButton("Edit template…", self)
        self.template_button.setObjectName("editTemplateButton")
        self.template_button.clicked.connect(self.edit_template)
        self.problem = ErrorLabel("letter", self)
        self.status = QLabel("", self)
        self.status.setObjectName("letterStatus")
        self.status.setWordWrap(True)
        self.staff_dialog: LetterPreviewDialog | None = None

        form_box = QGroupBox("New letter", self)
        form = QFormLayout()
        form.addRow("Letter:", self.kind)
        buttons = QHBoxLayout()
        buttons.addWidget(self.generate_button)
        buttons.addWidget(self.template_button)
        buttons.addStretch(1)
        box_layout = QVBoxLayout(form_box)
        box_layout.addLayout(form)
        box_layout.addWidget(self.picker, 1)
        box_layout.addWidget(self.stack)
        box_layout.addWidget(self.problem)
        box_layout.addLayout(buttons)
        box_layout.addWidget(self.status)

        record_box = QGroupBox("Letters on record", self)
        self.model = LettersModel(self, ctx.office_zone())
        self.table = make_table(self.model, "lettersTable", record_box,
                                widths=(118, 120, 170, 70, 90))
        self.table.doubleClicked.connect(lambda _i: self.open_letter())
        self.open_button = QPushButton("Open", record_box)
        self.open_button.setObjectName("openLetterButton")
        self.open_button.setAccessibleName("Open the letter")
        self.open_button.clicked.connect(self.open_letter)
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
        record_layout = QVBoxLayout(record_box)
        record_layout.addWidget(self.table, 1)
        record_buttons = QHBoxLayout()
        record_buttons.addWidget(self.open_button)
        record_buttons.addStretch(1)
        record_layout.addLayout(record_buttons)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 6, 0)
        left_layout.addWidget(form_box, 3)
        left_layout.addWidget(record_box, 2)
        left_scroll = QScrollArea(self)
        left_scroll.setWidgetResizable(True)
        left_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        left_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        left_scroll.setWidget(left)
        left_scroll.setMinimumWidth(left.minimumSizeHint().width() + 16)
        self.preview = PdfPreview(self, name="letter")
        self.preview.setObjectName("letterPreview")
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left_scroll)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([560, 520])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()

    # -- loading --------------------------------------------------------------------------
    def refresh(self) -> None:
        services = self.ctx.services
        letters = self.letters
        start = datetime.combine(self.ctx.today(), time.min, ZoneInfo(self.ctx.office_zone()))

        def load() -> LettersData:
            office = services.office.get()
            hearings = [
                h for h in services.hearings.between(start, start + timedelta(days=HEARING_DAYS))
                if h.status in ACTIVE and h.outcome is None
            ]
            sets = services.office.setting(SIGNATORY_SETS, {})
            return LettersData(
                letters.find(),
                hearings,
                services.reference.field_offices(),
                office.state if office is not None else "",
                sets if isinstance(sets, dict) else {},
            )

        self.ctx.runner.run(load, self._show, key="letters", label="Loading letters", owner=self)

    def _show(self, data: LettersData) -> None:
        self.model.zone = self.ctx.office_zone()
        current = selected_row(self.table)
        self.model.set_rows(data.letters)
        if isinstance(current, LetterRow):
            select_position(self.table, self.model.position_of(current.id))
        self.picker.set_rows(data.hearings)
        self.coalition.set_field_offices(data.field_offices, data.state)
        self.coalition.set_saved_sets(data.signatory_sets)
        self._update_actions()
        self.loaded.emit()

    def _reload_letters(self, select_id: int | None = None) -> None:
        letters = self.letters

        def done(rows: list[LetterRow]) -> None:
            self.model.set_rows(rows)
            if select_id is not None:
                select_position(self.table, self.model.position_of(select_id))
            self._update_actions()
            self.loaded.emit()

        self.ctx.runner.run(letters.find, done, key="letters.list", owner=self)

    # -- choosing -------------------------------------------------------------------------
    def current_kind(self) -> str:
        return str(self.kind.currentData())

    def choose_kind(self, kind: str) -> None:
        self.kind.setCurrentIndex(max(self.kind.findData(kind), 0))

    def _kind_changed(self, *_args: object) -> None:
        inputs = self.inputs[self.current_kind()]
        for widget in self.inputs.values():  # the stack takes the height of the kind shown
            vertical = (QSizePolicy.Policy.Preferred if widget is inputs
                        else QSizePolicy.Policy.Ignored)
            widget.setSizePolicy(QSizePolicy.Policy.Preferred, vertical)
        self.stack.setCurrentWidget(inputs)
        self.picker.setVisible(inputs.needs_hearing)
        self.problem.show_problem(None)

    def _hearing_chosen(self) -> None:
        hearing = self.picker.value()
        for inputs in self.inputs.values():
            inputs.hearing_chosen(hearing)

    def _update_actions(self, *_args: object) -> None:
        self.open_button.setEnabled(selected_row(self.table) is not None)

    def show_record(self, record_id: int) -> None:
        """Open a hearing's advisory form (the Upcoming page's "Advisory" goes elsewhere)."""
        self.choose_kind("advisory")
        self.picker.select(record_id)

    # -- generating -----------------------------------------------------------------------
    def generate(self) -> None:
        inputs = self.inputs[self.current_kind()]
        try:
            job = inputs.job(self.letters, self.picker.value())
        except ValueError as problem:
            self.problem.show_problem(str(problem))
            return
        self.problem.show_problem(None)
        self.generate_button.setEnabled(False)
        self.status.setText("Writing the letter…")
        self.ctx.runner.run(
            job, self._generated, self._failed,
            key="letters.generate", label="Writing the letter", owner=self,
        )

    def _generated(self, made: Generated) -> None:
        self.generate_button.setEnabled(True)
        now = self.ctx.now()
        self.preview.show_pdf(made.pdf, made.title, file_name_for(made.title, now))
        self.status.setText(
            f"Recorded at {now:%H:%M} · SHA-256 {made.sha256[:12]}… · "
            f"{self.preview.page_count} page{'s' if self.preview.page_count != 1 else ''}"
            + staff_words(made)
            + "".join(f"\n\nBefore filing: {warning}" for warning in made.warnings)
        )
        if made.staff_pdf is not None:
            self.staff_dialog = show_staff_sheets(made, now, self)
        self._reload_letters(made.letter_id)
        self.ctx.notifier.data_changed(LETTER)

    def _failed(self, error: BaseException) -> None:
        self.generate_button.setEnabled(True)
        self.status.setText("")
        self.ctx.show_error(self, error)

    # -- the record -----------------------------------------------------------------------
    def open_letter(self) -> None:
        row = selected_row(self.table)
        if not isinstance(row, LetterRow):
            return
        letters = self.letters

        def done(pdf: bytes) -> None:
            self.preview.show_pdf(pdf, row.title, file_name_for(row.title, row.created_at))
            made = row.created_at.astimezone(ZoneInfo(self.ctx.office_zone()))
            self.status.setText(
                f"Letter of {made:%d %b %Y %H:%M} by {row.created_by}, "
                f"as recorded (SHA-256 {row.sha256[:12]}…)."
            )

        self.ctx.runner.run(
            lambda: letters.pdf(row.id), done, lambda e: self.ctx.show_error(self, e),
            key="letters.open", label="Opening the letter", owner=self,
        )

    # -- templates and signatories ----------------------------------------------------------
    def edit_template(self) -> TemplateEditorDialog:
        from app.ui.dialogs.letter_template_editor import TemplateEditorDialog  # loads ReportLab

        inputs = self.inputs[self.current_kind()]
        language = "en"
        if isinstance(inputs, AdvisoryInputs) and inputs.language.currentData():
            language = str(inputs.language.currentData())
        dialog = TemplateEditorDialog(
            self.ctx.runner, self.letters.templates, inputs.template_kind, language, self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _save_signatory_sets(self, sets: dict[str, Any]) -> None:
        office = self.ctx.services.office
        self.ctx.runner.run(
            lambda: office.set_setting(SIGNATORY_SETS, sets), lambda _r: None,
            lambda e: self.ctx.show_error(self, e), label="Saving signatories", owner=self,
        )

    def prepare_screenshot(self) -> None:
        """The Denver client's Spanish advisory, the letter most offices print first."""
        self.choose_kind("advisory")
        self.picker.search.setText("Rodriguez-Covarrubias")
        self.picker.timer.stop()
        self.picker._apply_filter()
        if self.picker.value() is None and self.picker.model.rowCount():
            select_position(self.picker.table, 0)
        self.generate()
