"""The page registry: the sidebar shows these in order; the Letters and Backups pages append
their own `PageSpec` to the list returned by `default_pages()`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module

from app.ui.context import UiContext
from app.ui.pages.base import Page


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str
    icon: str  # a QStyle.StandardPixmap name
    factory: Callable[[UiContext], Page]


def _lazy(module: str, name: str) -> Callable[[UiContext], Page]:
    """A factory that imports its page module only when the page is first shown."""

    def build(ctx: UiContext) -> Page:
        page_class = getattr(import_module(f"app.ui.pages.{module}"), name)
        page: Page = page_class(ctx)
        return page

    return build


def default_pages() -> list[PageSpec]:
    return [
        PageSpec("upcoming", "Upcoming", "SP_MessageBoxWarning", _lazy("upcoming", "UpcomingPage")),
        PageSpec(
            "calendar", "Calendar", "SP_FileDialogContentsView", _lazy("calendar", "CalendarPage")
        ),
        PageSpec("clients", "Clients", "SP_DirHomeIcon", _lazy("clients", "ClientsPage")),
        PageSpec("cases", "Cases", "SP_FileDialogDetailedView", _lazy("cases", "CasesPage")),
        PageSpec(
            "hearings", "Hearings", "SP_FileDialogListView", _lazy("hearings", "HearingsPage")
        ),
        PageSpec(
            "courthouses", "Courthouses", "SP_ComputerIcon", _lazy("courthouses", "CourthousesPage")
        ),
        PageSpec(
            "incidents", "Incidents", "SP_MessageBoxCritical", _lazy("incidents", "IncidentsPage")
        ),
        PageSpec("letters", "Letters", "SP_FileIcon", _lazy("letters", "LettersPage")),
        PageSpec("backups", "Backups", "SP_DriveHDIcon", _lazy("backups", "BackupsPage")),
        PageSpec(
            "settings", "Settings", "SP_FileDialogInfoView", _lazy("settings", "SettingsPage")
        ),
    ]
