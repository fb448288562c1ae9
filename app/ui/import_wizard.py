"""The CSV import wizard: choose a file, check the columns, see every problem, then import.

Reading and checking run on the task runner; the import itself reports progress and can be
cancelled (the transaction is rolled back, nothing is kept).
"""

from __future__ import annotations

from pathlib import Path
from typing import cast

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.domain.errors import UserError
from app.services.csv_import import (
    ImportProblems,
    ImportReport,
    ImportService,
    OnDuplicate,
    Preview,
)
from app.services.csv_import_fields import KINDS
from app.ui.tasks import Task, TaskControl, TaskRunner

NOT_USED = "(not used)"
DUPLICATE_CHOICES = (
    ("Report them as problems", "error"),
    ("Skip rows that repeat a record", "skip"),
    ("Merge: fill empty fields of the existing record", "merge"),
)


class ImportWizard(QWizard):
    imported = Signal(object)  # the ImportReport, as soon as the import has finished

    def __init__(
        self,
        service: ImportService,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        path: Path | None = None,
        kind: str = "hearings",
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.runner = runner
        self.preview: Preview | None = None
        self.report: ImportReport | None = None
        self.setWindowTitle("Import from CSV")
        self.file_page = FilePage(self, path, kind)
        self.mapping_page = MappingPage(self)
        self.check_page = CheckPage(self)
        self.import_page = ImportPage(self)
        for page in (self.file_page, self.mapping_page, self.check_page, self.import_page):
            self.addPage(page)

    @property
    def kind(self) -> str:
        return self.file_page.kind.currentText()

    @property
    def path(self) -> Path:
        return Path(self.file_page.path.text().strip())

    def mapping(self) -> dict[str, str]:
        return self.mapping_page.mapping()

    def on_duplicate(self) -> OnDuplicate:
        return cast(OnDuplicate, self.check_page.duplicates.currentData())


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard, path: Path | None, kind: str) -> None:
        super().__init__()
        self.setTitle("Choose the file")
        self.setSubTitle("A CSV file saved from a spreadsheet or another case-management system.")
        self.path = QLineEdit(str(path) if path else "")
        self.path.setAccessibleName("CSV file")
        self.path.textChanged.connect(self.completeChanged)
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        self.kind = QComboBox()
        self.kind.addItems(list(KINDS))
        self.kind.setCurrentText(kind)
        self.kind.setAccessibleName("What the file holds")
        row = QHBoxLayout()
        row.addWidget(self.path)
        row.addWidget(browse)
        form = QFormLayout(self)
        form.addRow("File:", row)
        form.addRow("It holds:", self.kind)

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, "CSV file", "", "CSV files (*.csv *.txt)")
        if chosen:
            self.path.setText(chosen)

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return Path(self.path.text().strip()).is_file()


class MappingPage(QWizardPage):
    """One row per CourtSafe field; the combo box picks the file's column for it."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle("Match the columns")
        self.setSubTitle("CourtSafe guessed from the headers; change any that are wrong.")
        self.info = QLabel("Reading the file…")
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["CourtSafe field", "Column in the file", "Example"])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.save = QCheckBox("Remember these choices for the next import")
        self.combos: dict[str, QComboBox] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addWidget(self.table)
        layout.addWidget(self.save)

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        wizard = self._wizard
        self.table.setRowCount(0)
        self.combos = {}
        self.info.setText("Reading the file…")
        path, kind = wizard.path, wizard.kind
        wizard.runner.run(
            lambda: wizard.service.preview(path, kind),
            self._show,
            self._failed,
            key="import-preview",
        )

    def _failed(self, error: BaseException) -> None:
        if not isinstance(error, UserError):
            raise error
        self.info.setText(str(error))

    def _show(self, preview: Preview) -> None:
        self._wizard.preview = preview
        encoding = "UTF-8" if preview.encoding == "utf-8-sig" else "Windows-1252"
        self.info.setText(
            f"{len(preview.headers)} columns, {encoding}. Fields marked * are required."
        )
        self.table.setRowCount(len(preview.fields))
        for row, spec in enumerate(preview.fields):
            label = spec.header + (" *" if spec.required else "")
            self.table.setItem(row, 0, QTableWidgetItem(label))
            combo = QComboBox()
            combo.addItem(NOT_USED, "")
            for header in preview.headers:
                combo.addItem(header, header)
            chosen = preview.mapping.get(spec.key, "")
            combo.setCurrentIndex(max(0, combo.findData(chosen)))
            combo.setAccessibleName(f"Column for {spec.header}")
            combo.currentIndexChanged.connect(lambda _i, r=row: self._example(r))
            self.combos[spec.key] = combo
            self.table.setCellWidget(row, 1, combo)
            self._example(row)
        self.completeChanged.emit()

    def _example(self, row: int) -> None:
        preview = self._wizard.preview
        if preview is None:
            return
        combo = self.combos[preview.fields[row].key]
        header = combo.currentData()
        text = ""
        if header and preview.sample:
            index = preview.headers.index(header)
            text = next((r[index] for r in preview.sample if index < len(r) and r[index]), "")
        self.table.setItem(row, 2, QTableWidgetItem(text))

    def mapping(self) -> dict[str, str]:
        return {key: str(c.currentData()) for key, c in self.combos.items() if c.currentData()}

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return bool(self.combos)

    def validatePage(self) -> bool:  # noqa: N802 - Qt override
        if self.save.isChecked():
            self._wizard.service.save_mapping(self._wizard.kind, self.mapping())
        return True


class CheckPage(QWizardPage):
    """A dry run: every problem by row and column; Next only when there is none."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self._report: ImportReport | None = None
        self.setTitle("Check the rows")
        self.setSubTitle(
            "Nothing is imported yet. Fix the problems in the spreadsheet, or "
            "choose how to treat duplicates, then check again."
        )
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.duplicates = QComboBox()
        for text, value in DUPLICATE_CHOICES:
            self.duplicates.addItem(text, value)
        self.duplicates.setAccessibleName("Duplicates")
        again = QPushButton("Check again")
        again.clicked.connect(self.initializePage)
        self.problems = QTableWidget(0, 3)
        self.problems.setHorizontalHeaderLabels(["Row", "Column", "Problem"])
        self.problems.verticalHeader().setVisible(False)
        self.problems.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problems.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        row = QHBoxLayout()
        row.addWidget(QLabel("Duplicates:"))
        row.addWidget(self.duplicates, 1)
        row.addWidget(again)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(row)
        layout.addWidget(self.problems)

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        wizard = self._wizard
        self._report = None
        self.summary.setText("Checking every row…")
        self.problems.setRowCount(0)
        self.completeChanged.emit()
        path, kind, mapping = wizard.path, wizard.kind, wizard.mapping()
        duplicates = wizard.on_duplicate()
        wizard.runner.run(
            lambda: wizard.service.run(
                path, kind, mapping=mapping, dry_run=True, on_duplicate=duplicates
            ),
            self._show,
            self._failed,
            key="import-check",
        )

    def _failed(self, error: BaseException) -> None:
        if not isinstance(error, UserError):
            raise error
        self.summary.setText(str(error))

    def _show(self, report: ImportReport) -> None:
        self._report = report
        self.problems.setRowCount(len(report.problems))
        for row, problem in enumerate(report.problems):
            cells = (str(problem.row or ""), problem.column, problem.message)
            for column, text in enumerate(cells):
                self.problems.setItem(row, column, QTableWidgetItem(text))
        if report.ok:
            self.summary.setText(report.summary() + " Press Next to import.")
        else:
            more = report.problem_count - len(report.problems)
            extra = f" (the first {len(report.problems)} are listed)" if more > 0 else ""
            self.summary.setText(
                f"{report.problem_count} problem(s){extra}. Nothing will be "
                "imported until every row is right."
            )
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return self._report is not None and self._report.ok


class ImportPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self._done = False
        self.setTitle("Import")
        self.setFinalPage(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.summary = QLabel("Importing…")
        self.summary.setWordWrap(True)
        self.cancel = QPushButton("Cancel import")
        self.cancel.clicked.connect(self._cancel)
        self._task: Task | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.progress)
        layout.addWidget(self.cancel)

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        wizard = self._wizard
        self._done = False
        path, kind, mapping = wizard.path, wizard.kind, wizard.mapping()
        duplicates = wizard.on_duplicate()

        def work(control: TaskControl) -> ImportReport:
            return wizard.service.run(
                path, kind, mapping=mapping, on_duplicate=duplicates, progress=control.progress
            )

        task = wizard.runner.run_long(
            work,
            self._finished,
            self._failed,
            self._progressed,
            key="import-run",
            label="Importing CSV",
        )
        self._task = task
        self.cancel.setEnabled(True)

    def _cancel(self) -> None:
        if self._task is not None and not self._done:
            self._task.cancel()
            self.cancel.setEnabled(False)
            self.summary.setText("Cancelled: nothing was imported.")

    def _progressed(self, step: str, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.summary.setText(f"{step}: {done:,}" + (f" of {total:,}" if total else ""))

    def _finished(self, report: ImportReport) -> None:
        self._wizard.report = report
        self._done = True
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self.cancel.setEnabled(False)
        self.summary.setText(report.summary())
        self.completeChanged.emit()
        self._wizard.imported.emit(report)

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, ImportProblems):
            self.summary.setText(str(error))
        elif isinstance(error, UserError):
            self.summary.setText(f"Nothing was imported: {error}")
        else:
            raise error
        self.cancel.setEnabled(False)

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return self._done
