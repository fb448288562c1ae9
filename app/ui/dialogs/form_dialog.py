"""The create / edit dialog every record shares: fields with their errors, Save and Cancel.

Ctrl+S saves, Esc cancels. A ValidationError puts each problem next to its field and saves
nothing; a conflict with another desk offers Reload, which refills the form from the database.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import ConflictError, UserError, ValidationError
from app.ui import errors
from app.ui.context import UiContext
from app.ui.widgets.fields import ErrorLabel, error_color

QWIDGETSIZE_MAX = (1 << 24) - 1  # Qt's "no maximum" for a widget's size


class FormDialog(QDialog):
    entity = ""  # the Notifier entity name sent after a save

    def __init__(self, ctx: UiContext, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(title)
        self.setObjectName(type(self).__name__)
        self.setMinimumWidth(520)
        self.saved: Any = None
        self._errors: dict[str, ErrorLabel] = {}
        self._field_pages: dict[str, int] = {}
        self._fields: dict[str, QWidget] = {}
        layout = QVBoxLayout(self)
        self.summary = QLabel(self)
        self.summary.setObjectName("formSummary")
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet(f"color: {error_color(self)}; font-weight: bold;")
        self.summary.hide()
        layout.addWidget(self.summary)
        self.tabs: QTabWidget | None = None
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.body = QVBoxLayout()
        self.body.addLayout(self.form)
        layout.addLayout(self.body, 1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        assert save is not None
        self.save_button = save
        save.setToolTip("Save (Ctrl+S)")
        save.setAccessibleName("Save")
        save.setDefault(False)
        save.setAutoDefault(False)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        shortcut.activated.connect(self.save)

    # -- building ---------------------------------------------------------------------------
    def use_tabs(self, titles: list[str]) -> list[QFormLayout]:
        """Split a long form into tabs; returns one form layout per tab."""
        self.tabs = QTabWidget(self)
        forms = []
        for title in titles:
            page = QWidget()
            form = QFormLayout(page)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            self.tabs.addTab(page, title)
            forms.append(form)
        self.body.insertWidget(0, self.tabs)
        return forms

    def add_field(
        self, name: str, text: str, widget: QWidget, form: QFormLayout | None = None
    ) -> QWidget:
        form = form or self.form
        widget.setObjectName(f"field_{name}")
        widget.setAccessibleName(text.rstrip(":"))
        error = ErrorLabel(name, self)
        holder = QWidget(self)
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        column.addWidget(error)
        if widget.maximumHeight() < QWIDGETSIZE_MAX:
            # A fixed-height box stays next to its label instead of floating in a tall row.
            holder.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        form.addRow(text, holder)
        label = form.labelForField(holder)
        if isinstance(label, QLabel):
            label.setBuddy(widget)
        self._errors[name] = error
        self._fields[name] = widget
        if self.tabs is not None:
            for index in range(self.tabs.count()):
                page = self.tabs.widget(index)
                if page is not None and page.isAncestorOf(holder):
                    self._field_pages[name] = index
        return widget

    def field(self, name: str) -> QWidget:
        return self._fields[name]

    def error_label(self, name: str) -> ErrorLabel:
        return self._errors[name]

    # -- saving -----------------------------------------------------------------------------
    def submit(self) -> Any:
        """Build the input and call the service; raise ValidationError with field problems."""
        raise NotImplementedError

    def reload(self) -> None:
        """Refill the form from the database (after a conflict)."""

    def save(self) -> None:
        self.show_problems({})
        try:
            self.saved = self.submit()
        except ValidationError as error:
            self.show_problems(error.problems)
            return
        except ConflictError as error:
            errors.show_user_error(self, error, on_reload=self._reload_after_conflict)
            return
        except UserError as error:
            errors.show_user_error(self, error)
            return
        if self.entity:
            self.ctx.notifier.data_changed(self.entity)
        self.accept()

    def _reload_after_conflict(self) -> None:
        self.reload()
        self.summary.setText("Reloaded with the other desk's changes. Make your edit again.")
        self.summary.show()

    def show_problems(self, problems: dict[str, str]) -> None:
        unplaced = []
        first_page: int | None = None
        for name, label in self._errors.items():
            label.show_problem(problems.get(name))
        for name, text in problems.items():
            key = self._field_for(name)
            if key is None:
                unplaced.append(f"{errors.field_label(name)}: {text}")
            elif key != name:
                self._errors[key].show_problem(f"{name}: {text}")
            if key is not None and first_page is None:
                first_page = self._field_pages.get(key)
        if problems:
            extra = ("\n" + "\n".join(unplaced)) if unplaced else ""
            self.summary.setText("Nothing was saved. Please correct the marked fields." + extra)
            self.summary.show()
            if self.tabs is not None and first_page is not None:
                self.tabs.setCurrentIndex(first_page)
        else:
            self.summary.hide()

    def _field_for(self, problem: str) -> str | None:
        if problem in self._errors:
            return problem
        base = problem.split("[", 1)[0]
        return base if base in self._errors else None

    def keyPressEvent(self, event):  # type: ignore[no-untyped-def]  # noqa: N802
        # Enter in a single-line field must not save half a form; Ctrl+S and the button do.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            self.focusNextChild()
            return
        super().keyPressEvent(event)
