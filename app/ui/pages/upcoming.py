"""Upcoming (the home page): the next N days of hearings, each with its risk level and why."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import HearingOutcome, RiskLevel, label
from app.domain.errors import UserError
from app.services.risk import UpcomingFilter, UpcomingItem, level_counts
from app.ui import notifier as entities
from app.ui.context import UiContext
from app.ui.models.release import Releasable, release
from app.ui.models.row_table import sorted_rows
from app.ui.models.upcoming_model import COL_RISK, COLUMNS, UpcomingModel
from app.ui.pages.backups_services import BACKUP, backup_tools, warning_text
from app.ui.pages.base import Page
from app.ui.pages.letters import LETTER
from app.ui.pages.upcoming_filters import UpcomingFilters
from app.ui.pages.upcoming_letters import UpcomingLetters
from app.ui.printing import print_html
from app.ui.theme import banner_style
from app.ui.widgets.reasons_pane import ReasonsPane
from app.ui.widgets.risk_badge import RiskBadgeDelegate
from app.ui.widgets.tables import make_table, select_position, selected_row

OUTCOMES = (
    (HearingOutcome.APPEARED, "Appeared"),
    (HearingOutcome.FAILED_TO_APPEAR, "Failed to appear"),
    (HearingOutcome.DECLINED_FEAR, "Declined to appear for fear of enforcement"),
    (HearingOutcome.RESCHEDULED, "Rescheduled"),
    (HearingOutcome.ARRESTED, "Arrested by immigration authorities"),
)


def summary_text(items: list[UpcomingItem], days: int) -> str:
    counts = level_counts(items)
    parts = [
        f"{counts[level]} {level.value}"
        for level in (RiskLevel.CRITICAL, RiskLevel.HIGH, RiskLevel.ELEVATED)
        if counts[level]
    ]
    flagged = ", ".join(parts) if parts else "nothing flagged"
    attention = sum(1 for item in items if item.needs_attention)
    total = f"{len(items):,} hearing{'s' if len(items) != 1 else ''}"
    return (
        f"{flagged} in the next {days} days · {attention} need attention "
        f"(high or critical, advisory not sent) · {total}"
    )


@dataclass(frozen=True)
class _Answer(Releasable):
    items: list[UpcomingItem]
    summary: str
    order: tuple[int, Qt.SortOrder]

    def release(self) -> None:
        release(self.items)


class UpcomingPage(Page):
    key = "upcoming"
    title = "Upcoming"
    watches = (
        entities.HEARING, entities.CLIENT, entities.CASE, entities.COURTHOUSE,
        entities.INCIDENT, entities.RISK_RULES, entities.OFFICE, entities.STAFF, BACKUP, LETTER,
    )

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.letters = UpcomingLetters(ctx, self)
        self.backup_banner = QLabel(self)
        self.backup_banner.setObjectName("backupWarning")
        self.backup_banner.setAccessibleName("Backup warning")
        self.backup_banner.setWordWrap(True)
        self.backup_banner.setStyleSheet(banner_style(self))
        self.backup_banner.hide()
        self.filters = UpcomingFilters(ctx.app.settings.upcoming_days, self)
        self.filters.changed.connect(self._filters_changed)
        self.summary = QLabel("Loading…", self)
        self.summary.setObjectName("upcomingSummary")
        self.summary.setAccessibleName("Summary")
        font = self.summary.font()
        font.setBold(True)
        self.summary.setFont(font)
        self.model = UpcomingModel(self)
        self.table = make_table(
            self.model, "upcomingTable", self, widths=(86, 178, 210, 230, 92, 130, 90)
        )
        self.table.setItemDelegateForColumn(COL_RISK, RiskBadgeDelegate(self.table))
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _index: self.open_client())
        self.reasons = ReasonsPane(self)
        self.open_button = QPushButton("Open client", self)
        self.open_button.setObjectName("openClientButton")
        self.open_button.clicked.connect(self.open_client)
        self.letter_button = QPushButton("Advisory…", self)
        self.letter_button.setObjectName("advisoryLetterButton")
        self.letter_button.setToolTip("Write the client's advisory for this hearing")
        self.letter_button.clicked.connect(self.write_advisory)
        self.batch_button = QPushButton("Advisories for this list…", self)
        self.batch_button.setObjectName("advisoryBatchButton")
        self.batch_button.setToolTip("One PDF with an advisory for every hearing in the list")
        self.batch_button.clicked.connect(self.write_advisories)
        self.staff_sheets_box = QCheckBox("with staff sheets", self)
        self.staff_sheets_box.setObjectName("batchStaffSheetsBox")
        self.staff_sheets_box.setToolTip(
            "Safe-contact notes on separate staff pages, in their own window: never mixed in "
            "with the pages clients take home"
        )
        self.advisory_button = QPushButton("Mark advisory sent", self)
        self.advisory_button.setObjectName("advisoryButton")
        self.advisory_button.clicked.connect(self.mark_advisory_sent)
        self.outcome_button = QPushButton("Record outcome", self)
        self.outcome_button.setObjectName("outcomeButton")
        menu = QMenu(self.outcome_button)
        for outcome, text in OUTCOMES:
            action = QAction(text, menu)
            action.triggered.connect(lambda _=False, o=outcome: self.record_outcome(o))
            menu.addAction(action)
        self.outcome_button.setMenu(menu)
        actions = QHBoxLayout()
        for button in (self.open_button, self.letter_button, self.advisory_button):
            button.setAccessibleName(button.text())
            actions.addWidget(button)
        actions.addStretch(1)
        more_actions = QHBoxLayout()
        for button in (self.outcome_button, self.batch_button):
            button.setAccessibleName(button.text())
            more_actions.addWidget(button)
        more_actions.addWidget(self.staff_sheets_box)
        more_actions.addStretch(1)

        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(8, 0, 0, 0)
        right_layout.addWidget(self.reasons, 1)
        right_layout.addLayout(actions)
        right_layout.addLayout(more_actions)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.table)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([900, 330])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.backup_banner)
        layout.addWidget(self.filters)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        self._choices_loaded = False
        self._update_actions()
        self.setTabOrder(self.filters.courthouse, self.table)
        self.setTabOrder(self.table, self.open_button)

    # -- loading --------------------------------------------------------------------------
    def refresh(self) -> None:
        if not self._choices_loaded:
            self._load_choices()
        days = self.filters.day_count()
        request = UpcomingFilter(
            start=datetime.combine(self.ctx.today(), time.min, ZoneInfo(self.ctx.office_zone())),
            days=days,
            min_level=self.filters.min_level(),
            staff_id=self.filters.staff.value(),
            courthouse_id=self.filters.courthouse.value(),
        )
        self.summary.setText(f"Loading the next {days} days…")
        risk = self.ctx.services.risk
        order = self._sort_order()

        def load() -> _Answer:
            # Counting needs every flagged hearing's display row and sorting may need them all:
            # both happen here, off the main thread, so a year of hearings never freezes it.
            items = risk.upcoming(request)
            return _Answer(sorted_rows(COLUMNS, items, *order), summary_text(items, days), order)

        self.ctx.runner.run(
            load, self._show, key="upcoming", label="Loading upcoming hearings", owner=self
        )
        self._check_backups()

    def _sort_order(self) -> tuple[int, Qt.SortOrder]:
        header = self.table.horizontalHeader()
        return header.sortIndicatorSection(), header.sortIndicatorOrder()

    def _check_backups(self) -> None:
        backups = backup_tools(self.ctx.app).backups
        limit = self.ctx.app.settings.backup_warning_days

        def show(days: int | None) -> None:
            text = warning_text(days, limit)
            self.backup_banner.setText(text or "")
            self.backup_banner.setVisible(text is not None)

        self.ctx.runner.run(backups.days_since_last_verified, show, key="upcoming.backup",
                            owner=self)

    def _load_choices(self) -> None:
        services = self.ctx.services

        def load() -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
            staff = [(s.id, s.name) for s in services.staff.find(active_only=True)]
            courts = [(c.id, f"{c.name} ({c.city}, {c.state})")
                      for c in services.courthouses.find()]
            return staff, courts

        def done(result: tuple[list[tuple[int, str]], list[tuple[int, str]]]) -> None:
            self._choices_loaded = True
            self.filters.set_choices(*result)

        self.ctx.runner.run(load, done, key="upcoming.choices", owner=self)

    def _show(self, answer: _Answer) -> None:
        current = selected_row(self.table)
        self.model.set_rows(answer.items)
        order = self._sort_order()
        if order != answer.order and order[0] >= 0:  # re-sorted while the list loaded
            self.model.sort(*order)
        self.summary.setText(answer.summary)
        if current is not None:
            select_position(self.table, self.model.position_of(current.hearing_id))
        self._selection_changed()
        self.loaded.emit()

    def _filters_changed(self) -> None:
        days = self.filters.day_count()
        if days != self.ctx.app.settings.upcoming_days:
            self.ctx.app.save_settings(self.ctx.app.settings.with_changes(upcoming_days=days))
        self.refresh()

    # -- selection and actions ------------------------------------------------------------
    def selected(self) -> UpcomingItem | None:
        item = selected_row(self.table)
        return item if isinstance(item, UpcomingItem) else None

    def select_hearing(self, hearing_id: int) -> bool:
        position = self.model.position_of(hearing_id)
        select_position(self.table, position)
        return position >= 0

    def _selection_changed(self, *_args: object) -> None:
        self.reasons.show_item(self.selected())
        self._update_actions()

    def _update_actions(self) -> None:
        item = self.selected()
        for button in (self.open_button, self.outcome_button, self.letter_button):
            button.setEnabled(item is not None)
        self.batch_button.setEnabled(self.model.rowCount() > 0)
        self.advisory_button.setEnabled(item is not None and item.hearing.advisory_sent_at is None)

    def open_client(self) -> None:
        item = self.selected()
        if item is not None:
            self.ctx.notifier.open_record(entities.CLIENT, item.hearing.client_id)

    def mark_advisory_sent(self) -> None:
        item = self.selected()
        if item is None:
            return
        self._write(
            lambda: self.ctx.services.hearings.mark_advisory_sent(
                item.hearing.id, item.hearing.version
            )
        )

    def write_advisory(self) -> None:
        item = self.selected()
        if item is not None:
            self.letters.advisory(item)

    def write_advisories(self) -> None:
        """Every hearing in the list as filtered now, in one PDF."""
        rows = self.model.rows
        self.letters.batch(
            [item.hearing_id for item in rows],
            staff_sheets=self.staff_sheets_box.isChecked(),
            assessments={item.hearing_id: item.assessment for item in rows},
        )

    def record_outcome(self, outcome: HearingOutcome) -> None:
        item = self.selected()
        if item is None:
            return
        self._write(
            lambda: self.ctx.services.hearings.record_outcome(
                item.hearing.id, item.hearing.version, outcome
            )
        )
        self.summary.setText(f"Recorded: {label(outcome).lower()}.")

    def _write(self, action) -> None:  # type: ignore[no-untyped-def]
        try:
            action()
        except UserError as error:
            self.ctx.show_error(self, error, on_reload=self.refresh)
            return
        self.ctx.notifier.data_changed(entities.HEARING)

    def prepare_screenshot(self) -> None:
        """Show the most urgent hearing's reasons, as staff see it first thing in the morning."""
        ranked = sorted(
            range(self.model.rowCount()),
            key=lambda i: -self.model.row_at(i).assessment.score,
        )
        if ranked:
            select_position(self.table, ranked[0])

    # -- printing -------------------------------------------------------------------------
    @property
    def can_print(self) -> bool:
        return True

    def print_page(self) -> None:
        from html import escape

        header = "".join(f"<th align='left'>{escape(c.title)}</th>" for c in self.model.columns)
        body = "".join(
            "<tr>" + "".join(f"<td>{escape(c.text(item))}</td>" for c in self.model.columns)
            + "</tr>"
            for item in self.model.rows
        )
        html = (
            f"<h2>Upcoming hearings</h2><p>{escape(self.summary.text())}</p>"
            f"<table border='1' cellspacing='0' cellpadding='3'><tr>{header}</tr>{body}</table>"
            "<p><i>Risk flags are a heuristic to prompt a conversation, not legal advice.</i></p>"
        )
        print_html(self, "Upcoming hearings", html)
