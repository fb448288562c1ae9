"""GUI fixtures: a UiContext over a fresh database, a demo office, and one large office per
session for the responsiveness test. Task errors fail the test that caused them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from app.bootstrap import App, OpenOptions, open_app
from app.security.errors import SecretStoreUnavailable
from app.security.secrets import SecretStore
from app.services.demo import DemoService
from app.ui.context import UiContext
from app.ui.main_window import MainWindow
from app.ui.notifier import Notifier
from app.ui.tasks import TaskRunner
from app.ui.theme import register_fonts
from tests.conftest import fixed_clock

# The offscreen platform says this whenever a window is shown; it is not a CourtSafe problem.
OFFSCREEN_NOISE = "This plugin does not support propagateSizeHints"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


class Ui:
    """A UiContext whose task errors are collected, plus helpers to wait for quiet."""

    def __init__(self, app: App, qtbot) -> None:  # type: ignore[no-untyped-def]
        self.errors: list[BaseException] = []
        self.runner = TaskRunner(self.errors.append)
        self.ctx = UiContext(app, self.runner, Notifier())
        self.qtbot = qtbot

    def settle(self, timeout: int = 10_000) -> None:
        self.qtbot.waitUntil(lambda: not self.runner.busy, timeout=timeout)
        QApplication.processEvents()

    def window(self) -> MainWindow:
        window = MainWindow(self.ctx)
        self.qtbot.addWidget(window)
        window.show()
        return window

    def close(self) -> None:
        self.runner.wait_for_done(30_000)
        QApplication.processEvents()
        if self.errors:
            raise self.errors[0]


@pytest.fixture
def ui(sqlite_app: App, qtbot) -> Iterator[Ui]:  # type: ignore[no-untyped-def]
    register_fonts()
    helper = Ui(sqlite_app, qtbot)
    yield helper
    helper.close()


@pytest.fixture
def demo_ui(ui: Ui) -> Ui:
    DemoService(ui.ctx.app.ctx).generate(50, 200)
    return ui


def _no_keyring() -> SecretStore:
    raise SecretStoreUnavailable("no keyring in this test")


BIG_CLIENTS = 10_000
BIG_HEARINGS = 100_000


@pytest.fixture(scope="session")
def big_office(tmp_path_factory: pytest.TempPathFactory) -> Iterator[App]:
    """10,000 clients and 100,000 hearings, made once (about 6 s) and only read by tests."""
    folder = tmp_path_factory.mktemp("big-office")
    options = OpenOptions(
        data_dir=folder, passphrase="big office passphrase", clock=fixed_clock,
        actor="tester", secret_store=_no_keyring,
    )
    app = open_app(options)
    DemoService(app.ctx).generate(BIG_CLIENTS, BIG_HEARINGS)
    yield app
    app.close()
