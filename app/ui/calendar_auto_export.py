"""Keep a chosen .ics file up to date: rewritten on the task runner after every change that can
move, add or remove a hearing, when the office has chosen such a file.

Changes that come in a burst (an import, a batch of outcomes) are gathered by a short timer into
one rewrite. A file that cannot be written is reported once on the status bar, not with a dialog
after every save.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from app.domain.errors import UserError
from app.services.calendar_export import IcsResult
from app.ui import notifier as entities
from app.ui.context import UiContext

AFFECTS_CALENDAR = frozenset(
    {entities.HEARING, entities.CASE, entities.CLIENT, entities.COURTHOUSE, entities.ALL}
)
TASK_KEY = "calendar-auto-export"


class CalendarAutoExport(QObject):
    written = Signal(object)  # IcsResult
    failed = Signal(str)
    path_changed = Signal(object)  # Path | None

    def __init__(self, ctx: UiContext, parent: QObject | None = None, *, delay_ms: int = 300):
        super().__init__(parent)
        self.ctx = ctx
        self.path: Path | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.refresh_now)
        ctx.notifier.changed.connect(self._data_changed)

    def load(self) -> None:
        """Read the chosen path once at start-up (off the UI thread)."""
        calendar = self.ctx.services.calendar
        self.ctx.runner.run(calendar.auto_export_path, self._loaded, label="")

    def _loaded(self, path: Path | None) -> None:
        self.path = path
        self.path_changed.emit(path)

    def choose(self, path: Path | None) -> None:
        """Remember the file (None: stop) and, for a new file, write it right away."""
        calendar = self.ctx.services.calendar
        self.ctx.runner.run(
            lambda: calendar.set_auto_export_path(path),
            lambda _none: self._chosen(path),
            self._failed,
            label="Saving the calendar setting",
        )

    def _chosen(self, path: Path | None) -> None:
        self._loaded(path)
        if path is not None:
            self.refresh_now()

    def _data_changed(self, entity: str) -> None:
        if self.path is not None and entity in AFFECTS_CALENDAR:
            self._timer.start()

    def refresh_now(self) -> None:
        self._timer.stop()
        if self.path is None:
            return
        calendar = self.ctx.services.calendar
        self.ctx.runner.run(
            calendar.refresh_auto_export,
            self._written,
            self._failed,
            key=TASK_KEY,
            label="Updating the calendar file",
        )

    def _written(self, result: IcsResult | None) -> None:
        if result is not None:
            self.written.emit(result)

    def _failed(self, error: BaseException) -> None:
        if not isinstance(error, UserError):
            raise error
        self.failed.emit(f"The calendar file could not be updated: {error}")
