"""Starting the window: Qt application, crash handler, unlocking the database, first run."""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QProgressDialog

from app import settings as desk_settings
from app.bootstrap import ENV_DATABASE, App, OpenOptions, open_app, resolve_paths, resolve_url
from app.domain.errors import KeyUnavailableError, UserError, WrongKeyError
from app.services.demo import DemoService
from app.ui import errors
from app.ui.context import UiContext
from app.ui.crash import CrashHandler, setup_logging
from app.ui.dialogs.office_dialog import OfficeDialog
from app.ui.dialogs.unlock_dialog import UnlockDialog
from app.ui.dialogs.welcome_dialog import Start, WelcomeDialog
from app.ui.main_window import MainWindow
from app.ui.notifier import ALL, Notifier
from app.ui.qt_messages import quiet_offscreen_notices
from app.ui.tasks import TaskRunner
from app.ui.theme import app_icon, register_fonts
from app.ui.tray import TrayReminder

DEMO_CLIENTS = 2000
DEMO_HEARINGS = 10000


def create_qapplication() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    qt_app = QApplication(sys.argv[:1])
    qt_app.setApplicationName("CourtSafe")
    qt_app.setOrganizationName("CourtSafe")
    qt_app.setDesktopFileName("org.courtsafe.CourtSafe")
    qt_app.setWindowIcon(app_icon())
    register_fonts()
    return qt_app


def open_with_unlock(options: OpenOptions) -> App | None:
    """open_app, asking for the passphrase when no keyring holds the key; None if cancelled."""
    problem = ""
    while True:
        try:
            return open_app(options)
        except WrongKeyError:
            if options.passphrase is None:
                raise
            problem = "That passphrase does not open this database. Try again."
        except KeyUnavailableError:
            if options.passphrase is not None:
                raise
        dialog = UnlockDialog(new=not _database_exists(options), problem=problem)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        options = replace(options, passphrase=dialog.value())


def _database_exists(options: OpenOptions) -> bool:
    """Whether the file this desk would open (default, settings or --database) holds data."""
    paths = resolve_paths(options)
    settings = desk_settings.load(paths.config_dir / "settings.json")
    url = resolve_url(options, paths, settings)
    if url.get_backend_name() != "sqlite" or not url.database:
        return True
    path = Path(url.database)
    return path.exists() and path.stat().st_size > 0


def first_run(options: OpenOptions) -> bool:
    """No database yet and no server configured: the welcome comes before any passphrase."""
    if options.database_url or os.environ.get(ENV_DATABASE):
        return False
    paths = resolve_paths(options)
    settings = desk_settings.load(paths.config_dir / "settings.json")
    return not settings.database_url and not paths.database_file.exists()


def welcome(runner: TaskRunner, options: OpenOptions, *, offer_server: bool) -> Start | None:
    dialog = WelcomeDialog(runner, offer_server=offer_server)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    choice = dialog.choice()
    if choice is Start.SERVER:
        paths = resolve_paths(options)
        paths.ensure()
        path = paths.config_dir / "settings.json"
        settings = desk_settings.load(path).with_changes(database_url=dialog.url.text().strip())
        desk_settings.save(path, settings)
    return choice


def load_demo(ctx: UiContext) -> None:
    progress = QProgressDialog("Creating demo data…", "Cancel", 0, 100)
    progress.setObjectName("demoProgress")
    progress.setWindowTitle("Demo data")
    progress.setWindowModality(Qt.WindowModality.ApplicationModal)
    progress.setMinimumDuration(0)
    service = DemoService(ctx.app.ctx)

    def report(step: str, done: int, total: int) -> None:
        progress.setLabelText(f"Creating demo data: {step}…")
        progress.setValue(int(100 * done / total) if total else 0)

    def finished(_summary: object) -> None:
        progress.close()
        ctx.notifier.data_changed(ALL)

    def failed(error: BaseException) -> None:
        progress.close()
        ctx.show_error(None, error)

    task = ctx.runner.run_long(
        lambda control: service.generate(DEMO_CLIENTS, DEMO_HEARINGS, progress=control.progress),
        finished,
        failed,
        report,
        label="Creating demo data",
    )
    progress.canceled.connect(task.cancel)
    progress.exec()


def _ignore(_value: object) -> None:
    """Dialogs open themselves; the handler needs no result."""


def run_gui(options: OpenOptions) -> int:
    if (
        sys.platform.startswith("linux")
        and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
        and not os.environ.get("QT_QPA_PLATFORM")
    ):
        print(
            "courtsafe: no display to open the window on. Start CourtSafe from a desktop "
            "session, or use the commands (courtsafe --help) on this machine.",
            file=sys.stderr,
        )
        return 1
    if os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        quiet_offscreen_notices()
    qt_app = create_qapplication()
    log_file = setup_logging(resolve_paths(options).log_dir)
    crash = CrashHandler(
        log_file,
        lambda error: _ignore(errors.show_user_error(QApplication.activeWindow(), error)),
        lambda path: _ignore(errors.show_crash(QApplication.activeWindow(), path)),
    )
    crash.install()
    notifier = Notifier()
    runner = TaskRunner(crash.handle)
    choice: Start | None = None
    if first_run(options):
        choice = welcome(runner, options, offer_server=True)
        if choice is None:
            return 0
    try:
        app = open_with_unlock(options)
    except UserError as error:
        QMessageBox.critical(None, "CourtSafe cannot open the database", str(error))
        return 1
    if app is None:
        return 1
    ctx = UiContext(app, runner, notifier)
    try:
        if app.services.office.get() is None:
            if choice is None:
                choice = welcome(runner, options, offer_server=False)
            if choice is Start.DEMO:
                load_demo(ctx)
            elif choice is not None:
                OfficeDialog(ctx, None).exec()
        window = MainWindow(ctx)
        TrayReminder(ctx, window).start()
        window.show()
        runner.window_ready()
        return int(qt_app.exec())
    finally:
        runner.wait_for_done(5000)
        crash.uninstall()
        app.close()
