"""The office's own wording of a letter: edit the template, see it at once on sample data, keep
every saved version, go back to the shipped text at any time.

A broken edit is shown under the editor with its line, the preview keeps the last good render,
and nothing is saved: TemplateStore checks every version before it keeps it.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QFontDatabase, QTextCursor, QTextFormat
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.documents import (
    available_languages,
    default_source,
    render_client_advisory,
    render_coalition_letter,
    render_court_request,
    render_reminder_call_list,
    template_fields,
    validate_template,
)
from app.documents.client_advisory import sample_client_advisory
from app.documents.coalition_letter import sample_coalition_letter
from app.documents.court_request import sample_court_request
from app.documents.errors import DocumentError, TemplateError
from app.documents.i18n import language_name
from app.documents.reminder_call_list import sample_reminder_call_list
from app.domain.errors import UserError, ValidationError
from app.services.letter_templates import TemplateStore
from app.ui.tasks import TaskRunner
from app.ui.widgets.fields import ErrorLabel
from app.ui.widgets.pdf_preview import PdfPreview

PREVIEW_DELAY_MS = 500
LINE = re.compile(r"[Ll]ine (\d+)")
KIND_TITLES = {
    "client_advisory": "Client advisory",
    "coalition_letter": "Coalition letter",
    "court_request": "Request to the court",
    "reminder_script": "Reminder call script",
}


def sample_pdf(kind: str, language: str, source: str) -> bytes:
    """The edited template rendered on the kind's sample data; TemplateError if it is broken."""
    validate_template(kind, source, language)
    if kind == "client_advisory":
        return render_client_advisory(sample_client_advisory(language), template_source=source)
    if kind == "coalition_letter":
        return render_coalition_letter(sample_coalition_letter(), template_source=source)
    if kind == "court_request":
        return render_court_request(sample_court_request(), template_source=source)
    if kind == "reminder_script":
        return render_reminder_call_list(
            sample_reminder_call_list(), script_sources={language: source}
        )
    raise TemplateError(f"There is no preview for '{kind}'.")


class TemplateEditorDialog(QDialog):
    def __init__(
        self,
        runner: TaskRunner,
        templates: TemplateStore,
        kind: str,
        language: str = "en",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("templateEditor")
        self.setWindowTitle(f"Template: {KIND_TITLES.get(kind, kind)}")
        self.runner = runner
        self.templates = templates
        self.kind = kind
        languages = available_languages(kind) or ("en",)
        self.language = QComboBox(self)
        self.language.setObjectName("templateLanguage")
        self.language.setAccessibleName("Template language")
        for code in languages:
            self.language.addItem(language_name(code), code)
        self.language.setCurrentIndex(max(self.language.findData(language), 0))
        self.active_label = QLabel(self)
        self.active_label.setObjectName("templateVersion")
        self.editor = QPlainTextEdit(self)
        self.editor.setObjectName("templateSource")
        self.editor.setAccessibleName("Template text")
        self.editor.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.error = ErrorLabel("template", self)
        self.fields = QLabel(self)
        self.fields.setObjectName("templateFields")
        self.fields.setWordWrap(True)
        self.fields.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.preview = PdfPreview(self, name="template-preview")
        self.preview.save_button.hide()
        self.preview.print_button.hide()
        self.history = QListWidget(self)
        self.history.setObjectName("templateHistory")
        self.history.setAccessibleName("Saved versions")
        self.history.setMaximumHeight(110)
        self.history.itemDoubleClicked.connect(lambda _item: self.use_version())
        use = QPushButton("Use this version's text", self)
        use.setObjectName("useVersionButton")
        use.clicked.connect(self.use_version)
        self.save_button = QPushButton("Save as new version", self)
        self.save_button.setObjectName("saveTemplateButton")
        self.save_button.clicked.connect(self.save)
        self.reset_button = QPushButton("Reset to default", self)
        self.reset_button.setObjectName("resetTemplateButton")
        self.reset_button.clicked.connect(self.reset_to_default)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(QLabel("Language:", self))
        top.addWidget(self.language)
        top.addWidget(self.active_label, 1)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(top)
        left_layout.addWidget(self.editor, 1)
        left_layout.addWidget(self.error)
        left_layout.addWidget(self.fields)
        left_layout.addWidget(QLabel("Saved versions (newest last):", self))
        left_layout.addWidget(self.history)
        history_buttons = QHBoxLayout()
        history_buttons.addWidget(use)
        history_buttons.addStretch(1)
        left_layout.addLayout(history_buttons)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(self.preview)
        splitter.setSizes([560, 480])
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.reset_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self.resize(1100, 720)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(PREVIEW_DELAY_MS)
        self.timer.timeout.connect(self.update_preview)
        self.editor.textChanged.connect(self.timer.start)
        self.language.currentIndexChanged.connect(lambda _i: self.load())
        self.load()

    # -- state ----------------------------------------------------------------------------
    def current_language(self) -> str:
        return str(self.language.currentData())

    def load(self) -> None:
        """The text in use now (the office's latest version, or the shipped one)."""
        language = self.current_language()
        self.editor.setPlainText(self.templates.source(self.kind, language))
        self._show_versions()
        try:
            names = template_fields(self.kind, language)
        except TemplateError:
            names = []
        self.fields.setText(
            "Fields: " + ", ".join("{{ " + n + " }}" for n in names) if names else ""
        )
        self.update_preview()

    def _show_versions(self) -> None:
        language = self.current_language()
        active = self.templates.active(self.kind, language)
        self.active_label.setText(
            "In use: the shipped default" if active.source is None
            else f"In use: office version {active.version.removeprefix('office-')}"
        )
        self.history.clear()
        default = QListWidgetItem("Shipped default")
        default.setData(Qt.ItemDataRole.UserRole, None)
        self.history.addItem(default)
        for version in self.templates.versions(self.kind, language):
            item = QListWidgetItem(
                f"Version {version.number} · {version.saved_at.astimezone():%d %b %Y %H:%M} · "
                f"{version.saved_by}"
            )
            item.setData(Qt.ItemDataRole.UserRole, version.number)
            self.history.addItem(item)

    def version_count(self) -> int:
        return len(self.templates.versions(self.kind, self.current_language()))

    # -- preview --------------------------------------------------------------------------
    def update_preview(self) -> None:
        self.timer.stop()
        kind, language, source = self.kind, self.current_language(), self.editor.toPlainText()
        self.runner.run(
            lambda: sample_pdf(kind, language, source),
            self._previewed,
            self._preview_failed,
            key=f"template.preview.{id(self)}",
            label="Preview",
            owner=self,
        )

    def _previewed(self, pdf: bytes) -> None:
        self.show_problem(None)
        self.preview.show_pdf(pdf, "Preview with sample data")

    def _preview_failed(self, error: BaseException) -> None:
        if isinstance(error, DocumentError):
            self.show_problem(str(error), getattr(error, "line", None))
        else:
            raise error

    def show_problem(self, text: str | None, line: int | None = None) -> None:
        self.error.show_problem(text)
        selections: list[QTextEdit.ExtraSelection] = []
        if line:
            block = self.editor.document().findBlockByLineNumber(line - 1)
            if block.isValid():
                selection = QTextEdit.ExtraSelection()
                selection.format.setBackground(QColor(255, 120, 100, 90))
                selection.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
                selection.cursor = QTextCursor(block)
                selections.append(selection)
        self.editor.setExtraSelections(selections)

    # -- saving ---------------------------------------------------------------------------
    def save(self) -> None:
        """Check and keep the text as a new version; the check renders the template on sample
        data, so it runs on the task runner and the window stays responsive."""
        kind, language, source = self.kind, self.current_language(), self.editor.toPlainText()
        self.save_button.setEnabled(False)
        self.save_button.setText("Checking…")
        self.runner.run(
            lambda: self.templates.save(kind, language, source),
            self._saved,
            self._save_failed,
            key=f"template.save.{id(self)}",
            label="Checking the template",
            owner=self,
        )

    def _save_finished(self) -> None:
        self.save_button.setEnabled(True)
        self.save_button.setText("Save as new version")

    def _saved(self, _active: object) -> None:
        self._save_finished()
        self.show_problem(None)
        self._show_versions()

    def _save_failed(self, error: BaseException) -> None:
        self._save_finished()
        if isinstance(error, ValidationError):
            message = "Not saved. " + "; ".join(error.problems.values())
            found = LINE.search(message)
            self.show_problem(message, int(found.group(1)) if found else None)
        elif isinstance(error, UserError):
            self.show_problem(f"Not saved. {error}")
        else:
            raise error

    def reset_to_default(self) -> None:
        language = self.current_language()
        try:
            self.templates.reset_to_default(self.kind, language)
        except UserError as error:
            self.show_problem(str(error))
            return
        self.editor.setPlainText(default_source(self.kind, language))
        self._show_versions()
        self.update_preview()

    def use_version(self) -> None:
        item = self.history.currentItem()
        if item is None:
            return
        number = item.data(Qt.ItemDataRole.UserRole)
        language = self.current_language()
        if number is None:
            self.editor.setPlainText(default_source(self.kind, language))
            return
        for version in self.templates.versions(self.kind, language):
            if version.number == number:
                self.editor.setPlainText(version.source)
