"""What each kind of letter needs from the person: a hearing, a language, a period, a field office
and the people who sign. Each input panel turns its widgets into one service call."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.documents.data import RequestKind, Signatory
from app.domain.enums import AppearanceMode, CourtKind
from app.services.hearings import HearingRow
from app.services.letters import Generated, LetterService
from app.services.reference_data import FieldOfficeRow
from app.ui.pages.letters_models import HearingPickerModel, folded, matches
from app.ui.widgets.tables import make_table, select_position, selected_row

Job = Callable[[], Generated]
SIGNATORY_SETS = "letters.signatory_sets"
PICKER_LIMIT = 400


def date_edit(value: date, name: str, parent: QWidget) -> QDateEdit:
    edit = QDateEdit(QDate(value.year, value.month, value.day), parent)
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd MMM yyyy")
    return edit


def picked(edit: QDateEdit) -> date:
    value = edit.date()
    return date(value.year(), value.month(), value.day())


class HearingPicker(QWidget):
    """Type part of a client's name, a docket number or a court; choose the hearing below."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[HearingRow] = []
        self.search = QLineEdit(self)
        self.search.setObjectName("hearingSearch")
        self.search.setAccessibleName("Find a hearing")
        self.search.setPlaceholderText("Find a hearing: client, docket number or court…")
        self.search.setClearButtonEnabled(True)
        self.model = HearingPickerModel(self)
        self.table = make_table(self.model, "hearingPicker", self, widths=(150, 170, 150))
        self.table.setMinimumHeight(150)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self.changed.emit())
        self.count = QLabel("Loading hearings…", self)
        self.count.setObjectName("hearingCount")
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(200)
        self.timer.timeout.connect(self._apply_filter)
        self.search.textChanged.connect(lambda _t: self.timer.start())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)

    def set_rows(self, rows: list[HearingRow]) -> None:
        self.rows = rows
        self._apply_filter()

    def _apply_filter(self) -> None:
        current = self.value()
        words = folded(self.search.text()).split()
        found = [row for row in self.rows if matches(row, words)] if words else self.rows
        self.model.set_rows(found[:PICKER_LIMIT])
        header = self.table.horizontalHeader()
        if header.sortIndicatorSection() >= 0:
            self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        shown = min(len(found), PICKER_LIMIT)
        more = f" (the first {PICKER_LIMIT}; type to narrow)" if len(found) > PICKER_LIMIT else ""
        self.count.setText(f"{shown} of {len(self.rows)} upcoming hearings{more}")
        if current is not None:
            self.select(current.id)
        if self.value() is None and self.model.rowCount() == 1:
            select_position(self.table, 0)
        self.changed.emit()

    def select(self, hearing_id: int) -> bool:
        position = self.model.position_of(hearing_id)
        if position < 0 and any(row.id == hearing_id for row in self.rows):
            self.search.clear()
            self._apply_filter()
            position = self.model.position_of(hearing_id)
        select_position(self.table, position)
        return position >= 0

    def value(self) -> HearingRow | None:
        row = selected_row(self.table)
        return row if isinstance(row, HearingRow) else None


class LetterInputs(QWidget):
    """One kind's options; `job()` returns the service call, or raises ValueError with why not."""

    needs_hearing = False
    template_kind = ""

    def job(self, letters: LetterService, hearing: HearingRow | None) -> Job:
        raise NotImplementedError

    def hearing_chosen(self, hearing: HearingRow | None) -> None:
        """Follow the hearing picked above (options that do not fit it are not offered)."""


class AdvisoryInputs(LetterInputs):
    needs_hearing = True
    template_kind = "client_advisory"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language = QComboBox(self)
        self.language.setObjectName("advisoryLanguage")
        self.language.setAccessibleName("Language")
        self.language.addItem("The client's language", None)
        self.language.addItem("English", "en")
        self.language.addItem("Spanish (español)", "es")
        self.staff_sheet = QCheckBox("Print staff sheet (safe-contact notes)", self)
        self.staff_sheet.setObjectName("staffSheet")
        self.staff_sheet.setToolTip(
            "A separate document for staff, opened in its own window. Safe-contact notes never "
            "print on the client's advisory; without this they are shown on screen."
        )
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("Language:", self.language)
        form.addRow("", self.staff_sheet)

    def job(self, letters: LetterService, hearing: HearingRow | None) -> Job:
        if hearing is None:
            raise ValueError("Choose the hearing the advisory is about.")
        language = self.language.currentData()
        staff_sheet = self.staff_sheet.isChecked()
        return lambda: letters.advisory(hearing.id, language, staff_sheet=staff_sheet)


REQUEST_LABELS = {
    RequestKind.REMOTE_APPEARANCE: "A remote appearance",
    RequestKind.PROTECTIVE_MEASURES: "Protective measures",
}


def fitting_requests(hearing: HearingRow | None) -> tuple[RequestKind, ...]:
    """The requests CourtSafe can write for this hearing (both before one is chosen)."""
    if hearing is None:
        return tuple(REQUEST_LABELS)
    if hearing.mode is AppearanceMode.REMOTE:
        return ()
    if hearing.court_kind is CourtKind.IMMIGRATION:
        return (RequestKind.REMOTE_APPEARANCE,)
    return tuple(REQUEST_LABELS)


class CourtRequestInputs(LetterInputs):
    needs_hearing = True
    template_kind = "court_request"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = QComboBox(self)
        self.kind.setObjectName("requestKind")
        self.kind.setAccessibleName("What to ask the court for")
        self._offer(None)
        self.court_name = QLineEdit(self)
        self.court_name.setObjectName("requestCourtName")
        self.court_name.setAccessibleName("Court's name")
        self.court_name.setMaxLength(200)
        self.court_name.setPlaceholderText("As on the case papers; blank where CourtSafe knows it")
        self.court_name.setClearButtonEnabled(True)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("Ask for:", self.kind)
        form.addRow("Court:", self.court_name)

    def _offer(self, hearing: HearingRow | None) -> None:
        """Only requests that fit the hearing: none for a remote one (nothing to make remote,
        and the client does not come to the courthouse); no protective measures before an
        immigration court, which no state protection binds."""
        wanted = self.kind.currentData()
        self.kind.clear()
        for kind in fitting_requests(hearing):
            self.kind.addItem(REQUEST_LABELS[kind], kind.value)
        self.kind.setEnabled(self.kind.count() > 0)
        index = self.kind.findData(wanted)
        self.kind.setCurrentIndex(max(index, 0))

    def hearing_chosen(self, hearing: HearingRow | None) -> None:
        self._offer(hearing)

    def job(self, letters: LetterService, hearing: HearingRow | None) -> Job:
        if hearing is None:
            raise ValueError("Choose the hearing the request is about.")
        if hearing.mode is AppearanceMode.REMOTE:
            raise ValueError("This hearing is already remote and the client does not come to "
                             "the courthouse: there is nothing to ask the court for.")
        kind = RequestKind(self.kind.currentData())
        if kind not in fitting_requests(hearing):
            raise ValueError("That request does not fit this hearing: choose another.")
        court_name = self.court_name.text().strip() or None
        return lambda: letters.court_request(hearing.id, kind, court_name=court_name)


class PeriodInputs(QWidget):
    def __init__(self, start: date, end: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.start = date_edit(start, "periodFrom", self)
        self.start.setAccessibleName("From")
        self.end = date_edit(end, "periodTo", self)
        self.end.setAccessibleName("To")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.start)
        layout.addWidget(QLabel("to", self))
        layout.addWidget(self.end)
        layout.addStretch(1)

    def period(self) -> tuple[date, date]:
        start, end = picked(self.start), picked(self.end)
        if end < start:
            raise ValueError("The period ends before it starts.")
        return start, end


class RemindersInputs(LetterInputs):
    template_kind = "reminder_script"

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.period = PeriodInputs(today, today + timedelta(days=7), self)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("Hearings from:", self.period)

    def job(self, letters: LetterService, hearing: HearingRow | None) -> Job:
        start, end = self.period.period()
        return lambda: letters.reminder_call_list(start, end)


class CoalitionInputs(LetterInputs):
    template_kind = "coalition_letter"
    sets_saved = Signal(dict)  # every saved set, by name, after one was added

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.saved_sets: dict[str, list[dict[str, str]]] = {}
        self.period = PeriodInputs(today - timedelta(days=365), today, self)
        self.field_office = QComboBox(self)
        self.field_office.setObjectName("fieldOffice")
        self.field_office.setAccessibleName("ICE field office")
        self.recipient = QLineEdit(self)
        self.recipient.setObjectName("recipientName")
        self.recipient.setAccessibleName("Field office director's name")
        self.recipient.setPlaceholderText("Name of the director (optional)")
        self.signatories = QTableWidget(0, 3, self)
        self.signatories.setObjectName("signatories")
        self.signatories.setAccessibleName("Signatories")
        self.signatories.setHorizontalHeaderLabels(["Name", "Title", "Organisation"])
        self.signatories.verticalHeader().hide()
        self.signatories.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.signatories.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.signatories.setMinimumHeight(96)
        add = QPushButton("Add signatory", self)
        add.setObjectName("addSignatory")
        add.clicked.connect(lambda: self.add_signatory("", "", ""))
        remove = QPushButton("Remove", self)
        remove.setObjectName("removeSignatory")
        remove.setAccessibleName("Remove signatory")
        remove.clicked.connect(self._remove_signatory)
        self.sets = QComboBox(self)
        self.sets.setObjectName("signatorySets")
        self.sets.setAccessibleName("Saved signatory sets")
        self.sets.activated.connect(self._load_set)
        self.save_set = QPushButton("Save set…", self)
        self.save_set.setObjectName("saveSignatorySet")
        self.save_set.clicked.connect(self._save_set)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        buttons.addWidget(self.sets)
        buttons.addWidget(self.save_set)
        self.include_unverified = QCheckBox("Include unverified incident reports", self)
        self.include_unverified.setObjectName("includeUnverified")
        self.include_unverified.setToolTip(
            "Off: the letter lists verified incidents only. On: unverified reports are listed "
            "too, each marked (unverified)."
        )
        hint = QLabel("No signatories: the office's attorneys sign.", self)
        hint.setObjectName("signatoriesHint")
        hint.setWordWrap(True)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("Incidents from:", self.period)
        form.addRow("Field office:", self.field_office)
        form.addRow("Director:", self.recipient)
        form.addRow("", self.include_unverified)
        form.addRow(QLabel("Signatories:", self))
        form.addRow(self.signatories)
        form.addRow(buttons)
        form.addRow(hint)
        self._show_sets()

    def set_field_offices(self, offices: list[FieldOfficeRow], state: str) -> None:
        current = self.field_office.currentData()
        self.field_office.clear()
        for office in offices:
            self.field_office.addItem(f"{office.name} ({office.city}, {office.state})", office.key)
        wanted = current or next(
            (o.key for o in offices if state and state in o.area_states),
            next((o.key for o in offices if o.state == state), None),
        )
        self.field_office.setCurrentIndex(max(self.field_office.findData(wanted), 0))

    def set_saved_sets(self, sets: dict[str, list[dict[str, str]]]) -> None:
        self.saved_sets = dict(sets)
        self._show_sets()

    def add_signatory(self, name: str, title: str, organisation: str) -> None:
        row = self.signatories.rowCount()
        self.signatories.insertRow(row)
        for column, text in enumerate((name, title, organisation)):
            self.signatories.setItem(row, column, QTableWidgetItem(text))
        first = self.signatories.item(row, 0)
        if not name and first is not None:
            self.signatories.setCurrentCell(row, 0)
            self.signatories.editItem(first)

    def signatory_list(self) -> list[Signatory]:
        found = []
        for row in range(self.signatories.rowCount()):
            cells = [self.signatories.item(row, c) for c in range(3)]
            name, title, organisation = (c.text().strip() if c else "" for c in cells)
            if name:
                found.append(Signatory(name, title, organisation))
        return found

    def job(self, letters: LetterService, hearing: HearingRow | None) -> Job:
        start, end = self.period.period()
        key = self.field_office.currentData()
        if not key:
            raise ValueError("Choose the ICE field office the letter goes to.")
        signatories = self.signatory_list()
        recipient = self.recipient.text().strip() or None
        unverified = self.include_unverified.isChecked()
        return lambda: letters.coalition(
            start,
            end,
            field_office_key=key,
            signatories=signatories,
            recipient_name=recipient,
            include_unverified=unverified,
        )

    def _remove_signatory(self) -> None:
        row = self.signatories.currentRow()
        if row >= 0:
            self.signatories.removeRow(row)

    def _show_sets(self) -> None:
        self.sets.clear()
        self.sets.addItem("Saved sets…" if self.saved_sets else "No saved sets", None)
        for name in sorted(self.saved_sets):
            self.sets.addItem(name, name)
        self.sets.setEnabled(bool(self.saved_sets))

    def _load_set(self, index: int) -> None:
        name = self.sets.itemData(index)
        if name is None:
            return
        self.signatories.setRowCount(0)
        for person in self.saved_sets.get(name, []):
            self.add_signatory(
                person.get("name", ""), person.get("title", ""), person.get("organisation", "")
            )

    def _save_set(self) -> None:
        people = self.signatory_list()
        if not people:
            return
        name, accepted = QInputDialog.getText(self, "Save signatories", "Name of this set:")
        if not accepted or not name.strip():
            return
        self.saved_sets[name.strip()] = [
            {"name": p.name, "title": p.title, "organisation": p.organisation} for p in people
        ]
        self._show_sets()
        self.sets_saved.emit(dict(self.saved_sets))
