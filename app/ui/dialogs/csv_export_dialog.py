"""File → Export list as CSV: one list (clients, cases, hearings, courthouses or incidents).

Sensitive columns stay out unless ticked, and the dialog names them, so nobody sends an
A-number to a spreadsheet by accident. The file is written off the UI thread.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.services.csv_export import export_fields
from app.services.csv_import_fields import KINDS
from app.ui.context import UiContext
from app.ui.dialogs.calendar_export_dialog import with_suffix
from app.ui.dialogs.export_dialog import ExportDialog
from app.ui.theme import banner_style


def sensitive_headers(kind: str) -> list[str]:
    kept = {spec.header for spec in export_fields(kind, False)}
    return [spec.header for spec in export_fields(kind, True) if spec.header not in kept]


class CsvExportDialog(ExportDialog):
    def __init__(self, ctx: UiContext, kind: str | None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("csvExportDialog")
        self.setWindowTitle("Export list as CSV")
        self.setMinimumWidth(460)
        self.kind = QComboBox(self)
        self.kind.setAccessibleName("List")
        for name in KINDS:
            self.kind.addItem(name.capitalize(), name)
        self.kind.setCurrentIndex(max(self.kind.findData(kind or "clients"), 0))
        self.include_sensitive = QCheckBox("Include sensitive columns", self)
        self.include_sensitive.setObjectName("includeSensitive")
        self.columns = QLabel(self)
        self.columns.setObjectName("sensitiveColumns")
        self.columns.setWordWrap(True)
        self.warning = QLabel(self)
        self.warning.setObjectName("leavesEncryptionWarning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(banner_style(self))
        self.warning.setText(
            "A CSV file leaves CourtSafe's encryption: anyone who can open it can read it. "
            "Formulas are neutralised so a spreadsheet shows every cell as text."
        )
        self.status = QLabel("", self)
        self.status.setWordWrap(True)
        form = QFormLayout()
        form.addRow("List:", self.kind)
        form.addRow("", self.include_sensitive)
        form.addRow("", self.columns)
        self.buttons = self.build_save_buttons("saveCsv")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.warning)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.kind.currentIndexChanged.connect(self._describe)
        self._describe()

    @property
    def chosen_kind(self) -> str:
        return str(self.kind.currentData())

    def _describe(self) -> None:
        headers = sensitive_headers(self.chosen_kind)
        self.include_sensitive.setEnabled(bool(headers))
        if not headers:
            self.include_sensitive.setChecked(False)
            self.columns.setText("This list has no sensitive columns.")
        else:
            self.columns.setText("Left out unless ticked: " + ", ".join(headers) + ".")

    def choose_and_save(self) -> None:
        kind = self.chosen_kind
        suggested = str(Path.home() / f"courtsafe-{kind}.csv")
        path, _filter = QFileDialog.getSaveFileName(
            self, "Save the list", suggested, "CSV files (*.csv)"
        )
        if path:
            self.save_to(with_suffix(path, ".csv"))

    def save_to(self, path: Path) -> None:
        kind, sensitive = self.chosen_kind, self.include_sensitive.isChecked()
        service = self.ctx.services.csv_export
        self.run_export(
            lambda: service.export(kind, path, include_sensitive=sensitive),
            path.name,
            "Exporting CSV",
        )
