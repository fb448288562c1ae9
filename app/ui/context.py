"""What every page needs, wired once by the main window and passed in (no global singletons)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QWidget

from app.bootstrap import App, Services
from app.domain.errors import UserError
from app.ui import errors
from app.ui.notifier import Notifier
from app.ui.tasks import TaskRunner

DEFAULT_ZONE = "America/Denver"


@dataclass
class UiContext:
    app: App
    runner: TaskRunner
    notifier: Notifier
    _zone: str | None = field(default=None, repr=False)

    @property
    def services(self) -> Services:
        return self.app.services

    def office_zone(self) -> str:
        """The office's time zone (read once; Settings clears it after a save)."""
        if self._zone is None:
            office = self.app.services.office.get()
            self._zone = office.time_zone if office is not None else DEFAULT_ZONE
        return self._zone

    def forget_office(self) -> None:
        self._zone = None

    def now(self) -> datetime:
        return self.app.ctx.now().astimezone(ZoneInfo(self.office_zone()))

    def today(self) -> date:
        return self.now().date()

    def show_error(
        self,
        parent: QWidget | None,
        error: BaseException,
        on_reload: Callable[[], None] | None = None,
    ) -> None:
        if isinstance(error, UserError):
            errors.show_user_error(parent, error, on_reload=on_reload)
        else:
            raise error
