"""Small input widgets the forms share: optional dates, enum choices, error labels."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from enum import StrEnum
from typing import Any

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from app.domain.enums import label


class DateField(QLineEdit):
    """A date that may be empty (QDateEdit cannot be): typed as YYYY-MM-DD."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("YYYY-MM-DD")
        self.setMaxLength(10)
        self.setMaximumWidth(140)

    def set_date(self, value: date | None) -> None:
        self.setText(value.isoformat() if value else "")

    def parsed(self) -> tuple[date | None, str | None]:
        """(date, None), or (None, problem) when the text is not a date."""
        text = self.text().strip()
        if not text:
            return None, None
        try:
            return date.fromisoformat(text), None
        except ValueError:
            return None, "use the form YYYY-MM-DD, e.g. 1980-04-30"


class EnumCombo(QComboBox):
    """A choice among enum values, labelled by `labels` where a plain label would mislead."""

    def __init__(
        self,
        values: Iterable[StrEnum],
        parent: QWidget | None = None,
        *,
        empty: str | None = None,
        labels: Mapping[Any, str] | None = None,
    ) -> None:
        super().__init__(parent)
        self._empty = empty
        self._labels = dict(labels or {})
        self._by_value: dict[str, StrEnum] = {}
        self.set_choices(values)

    def set_choices(self, values: Iterable[StrEnum]) -> None:
        """Offer only `values`, keeping the current choice when it is still among them."""
        current = self.currentData()
        self.blockSignals(True)
        self.clear()
        self._by_value = {}
        if self._empty is not None:
            self.addItem(self._empty, None)
        for value in values:
            self._by_value[value.value] = value
            self.addItem(self._labels.get(value, label(value)), value.value)
        found = self.findData(current) if current is not None else -1
        self.setCurrentIndex(max(found, 0))
        self.blockSignals(False)
        if self.currentData() != current:
            self.currentIndexChanged.emit(self.currentIndex())

    def choices(self) -> list[StrEnum]:
        return list(self._by_value.values())

    def value(self) -> Any:
        """The chosen enum member (Qt hands StrEnums back as plain str), or None."""
        data = self.currentData()
        return self._by_value.get(data) if data is not None else None

    def set_value(self, value: Any) -> None:
        found = self.findData(value.value if isinstance(value, StrEnum) else value)
        self.setCurrentIndex(max(found, 0))


class IdCombo(QComboBox):
    """A choice among records: (id, text) pairs, optionally with an empty first entry."""

    def __init__(self, parent: QWidget | None = None, *, empty: str | None = None) -> None:
        super().__init__(parent)
        self._empty = empty

    def set_choices(self, choices: Iterable[tuple[int, str]], selected: int | None = None) -> None:
        self.clear()
        if self._empty is not None:
            self.addItem(self._empty, None)
        for record_id, text in choices:
            self.addItem(text, record_id)
        self.set_value(selected)

    def value(self) -> int | None:
        data = self.currentData()
        return int(data) if data is not None else None

    def set_value(self, record_id: int | None) -> None:
        found = self.findData(record_id)
        self.setCurrentIndex(max(found, 0))


def error_color(widget: QWidget) -> str:
    dark = widget.palette().color(QPalette.ColorRole.Window).lightness() < 128
    return "#ff8a80" if dark else "#b3261e"


class ErrorLabel(QLabel):
    """Shown under a field with what is wrong with it; hidden otherwise."""

    def __init__(self, field: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"error_{field}")
        self.setWordWrap(True)
        self.setStyleSheet(f"color: {error_color(self)};")
        self.hide()

    def show_problem(self, text: str | None) -> None:
        if text:
            self.setText(text[:1].upper() + text[1:])
            self.show()
        else:
            self.clear()
            self.hide()
