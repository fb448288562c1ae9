"""The page registry: the sidebar shows these in order; the Letters and Backups pages append
their own `PageSpec` to the list returned by `default_pages()`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from app.ui.context import UiContext
from app.ui.pages.base import Page


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str
    icon: str  # a QStyle.StandardPixmap name
    factory: Callable[[UiContext], Page]


def default_pages() -> list[PageSpec]:
    from app.ui.pages.backups import BackupsPage
    from app.ui.pages.calendar import CalendarPage
    from app.ui.pages.cases import CasesPage
    from app.ui.pages.clients import ClientsPage
    from app.ui.pages.courthouses import CourthousesPage
    from app.ui.pages.hearings import HearingsPage
    from app.ui.pages.incidents import IncidentsPage
    from app.ui.pages.letters import LettersPage
    from app.ui.pages.settings import SettingsPage
    from app.ui.pages.upcoming import UpcomingPage

    return [
        PageSpec("upcoming", "Upcoming", "SP_MessageBoxWarning", UpcomingPage),
        PageSpec("calendar", "Calendar", "SP_FileDialogContentsView", CalendarPage),
        PageSpec("clients", "Clients", "SP_DirHomeIcon", ClientsPage),
        PageSpec("cases", "Cases", "SP_FileDialogDetailedView", CasesPage),
        PageSpec("hearings", "Hearings", "SP_FileDialogListView", HearingsPage),
        PageSpec("courthouses", "Courthouses", "SP_ComputerIcon", CourthousesPage),
        PageSpec("incidents", "Incidents", "SP_MessageBoxCritical", IncidentsPage),
        PageSpec("letters", "Letters", "SP_FileIcon", LettersPage),
        PageSpec("backups", "Backups", "SP_DriveHDIcon", BackupsPage),
        PageSpec("settings", "Settings", "SP_FileDialogInfoView", SettingsPage),
    ]
