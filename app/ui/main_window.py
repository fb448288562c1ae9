"""The window staff live in: a sidebar of pages, menus, a toolbar and a busy indicator."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QProgressBar,
    QStackedWidget,
    QWidget,
)

from app.ui import notifier as entities
from app.ui.about import show_about, show_rules
from app.ui.context import UiContext
from app.ui.data_menu import DataMenu
from app.ui.pages import PageSpec, default_pages
from app.ui.pages.backups_services import AutoBackup
from app.ui.pages.base import Page
from app.ui.theme import app_icon, std_icon

SIDEBAR_WIDTH = 176


class MainWindow(QMainWindow):
    def __init__(self, ctx: UiContext, pages: list[PageSpec] | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("mainWindow")
        self.setWindowTitle("CourtSafe")
        self.setWindowIcon(app_icon())
        self.specs = pages if pages is not None else default_pages()
        self.pages: dict[str, Page] = {}
        self.sidebar = QListWidget(self)
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setAccessibleName("Pages")
        self.sidebar.setFixedWidth(SIDEBAR_WIDTH)
        self.sidebar.setIconSize(QSize(20, 20))
        self.sidebar.setSpacing(2)
        self.stack = QStackedWidget(self)
        for spec in self.specs:
            # Pages are built when first shown: start-up builds only the one on screen.
            self.stack.addWidget(QWidget(self.stack))
            item = QListWidgetItem(std_icon(self, spec.icon), spec.title)
            item.setSizeHint(QSize(SIDEBAR_WIDTH - 8, 34))
            self.sidebar.addItem(item)
        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addWidget(self.sidebar)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self._build_actions()
        self._build_status_bar()
        self.sidebar.currentRowChanged.connect(self._page_changed)
        ctx.notifier.open_requested.connect(self.open_record)
        ctx.runner.busy_changed.connect(self._busy_changed)
        self.auto_backup = AutoBackup(ctx, self)
        self.auto_backup.finished.connect(self._backup_finished)
        self._closing_after_backup = False
        self._restore()
        self.auto_backup.start()
        self.data_menu.start()

    # -- pages ----------------------------------------------------------------------------
    @property
    def current_page(self) -> Page:
        page = self.stack.currentWidget()
        assert isinstance(page, Page)
        return page

    @property
    def page_keys(self) -> list[str]:
        return [spec.key for spec in self.specs]

    def page(self, key: str) -> Page:
        """The page for `key`, built on first use in place of its placeholder."""
        page = self.pages.get(key)
        if page is None:
            index = self.page_keys.index(key)
            page = self.specs[index].factory(self.ctx)
            placeholder = self.stack.widget(index)
            self.stack.insertWidget(index, page)
            if placeholder is not None:
                self.stack.removeWidget(placeholder)
                placeholder.deleteLater()
            self.pages[key] = page
        return page

    def show_page(self, key: str) -> Page:
        keys = self.page_keys
        index = keys.index(key) if key in keys else 0
        self.sidebar.setCurrentRow(index)
        return self.current_page

    def _page_changed(self, index: int) -> None:
        if index < 0:
            return
        self.page(self.specs[index].key)
        self.stack.setCurrentIndex(index)
        page = self.current_page
        page.activate()
        self.new_action.setEnabled(page.can_create)
        self.print_action.setEnabled(page.can_print)
        self.find_action.setEnabled(page.search_box is not None)
        self.setWindowTitle(f"{page.title} — CourtSafe")

    def open_record(self, entity: str, record_id: int) -> None:
        key = {
            entities.CLIENT: "clients",
            entities.CASE: "cases",
            entities.HEARING: "hearings",
            entities.COURTHOUSE: "courthouses",
            entities.INCIDENT: "incidents",
        }.get(entity)
        if key is not None and key in self.page_keys:
            self.show_page(key).show_record(record_id)

    # -- menus and toolbar ----------------------------------------------------------------
    def _action(self, text: str, slot, shortcut=None, icon: str | None = None) -> QAction:  # type: ignore[no-untyped-def]
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if icon:
            action.setIcon(std_icon(self, icon))
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_actions(self) -> None:
        self.new_action = self._action(
            "&New…",
            lambda: self.current_page.new_item(),
            QKeySequence.StandardKey.New,
            "SP_FileIcon",
        )
        self.print_action = self._action(
            "&Print…",
            lambda: self.current_page.print_page(),
            QKeySequence.StandardKey.Print,
            "SP_DialogSaveButton",
        )
        quit_action = self._action("&Quit", self.close, QKeySequence.StandardKey.Quit)
        self.find_action = self._action(
            "&Find",
            lambda: self.current_page.focus_search(),
            QKeySequence.StandardKey.Find,
            "SP_FileDialogContentsView",
        )
        self.refresh_action = self._action(
            "&Refresh",
            lambda: self.current_page.refresh(),
            QKeySequence.StandardKey.Refresh,
            "SP_BrowserReload",
        )
        menu = self.menuBar()
        file_menu = menu.addMenu("&File")
        file_menu.addAction(self.new_action)
        file_menu.addAction(self.print_action)
        file_menu.addSeparator()
        self.data_menu = DataMenu(self.ctx, self, lambda: self.current_page.key)
        self.data_menu.add_to(file_menu)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        edit_menu = menu.addMenu("&Edit")
        edit_menu.addAction(self.find_action)
        view_menu = menu.addMenu("&View")
        self.page_actions: list[QAction] = []
        for number, spec in enumerate(self.specs, start=1):
            shortcut = f"Ctrl+{number % 10}" if number <= 10 else None  # the 10th is Ctrl+0
            action = self._action(spec.title, lambda key=spec.key: self.show_page(key), shortcut)
            view_menu.addAction(action)
            self.page_actions.append(action)
        view_menu.addSeparator()
        view_menu.addAction(self.refresh_action)
        help_menu = menu.addMenu("&Help")
        help_menu.addAction(
            self._action(
                "How risk flags work",
                lambda: show_rules(self, self.ctx.services.risk.rules()),
                QKeySequence.StandardKey.HelpContents,
            )
        )
        help_menu.addAction(self._action("&About CourtSafe", lambda: show_about(self)))
        toolbar = self.addToolBar("Main")
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.setIconSize(QSize(18, 18))
        for action in (self.new_action, self.find_action, self.print_action, self.refresh_action):
            toolbar.addAction(action)

    def _build_status_bar(self) -> None:
        self.busy_label = QLabel(self)
        self.busy_label.setObjectName("busyLabel")
        self.busy_bar = QProgressBar(self)
        self.busy_bar.setObjectName("busyIndicator")
        self.busy_bar.setAccessibleName("Working")
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setMaximumWidth(120)
        self.busy_bar.setMaximumHeight(14)
        self.busy_bar.hide()
        bar = self.statusBar()
        self.where_label = QLabel(self)
        self.where_label.setObjectName("databaseLocation")
        bar.addWidget(self.where_label, 1)  # hidden while a passing message shows, then back
        bar.addPermanentWidget(self.busy_label)
        bar.addPermanentWidget(self.busy_bar)
        database = self.ctx.app.database
        where = (
            "Encrypted file on this computer"
            if database.encrypted
            else f"Office server {database.url.host or database.url.query.get('host', '')}"
        )
        self.where_label.setText(where)

    def _busy_changed(self, busy: bool) -> None:
        self.busy_bar.setVisible(busy)
        labels = self.ctx.runner.labels
        self.busy_label.setText(labels[0] + "…" if busy and labels else "")

    # -- geometry and last page -------------------------------------------------------------
    def _restore(self) -> None:
        settings = self.ctx.app.settings
        restored = False
        if settings.window_geometry:
            restored = self.restoreGeometry(
                QByteArray.fromBase64(settings.window_geometry.encode("ascii"))
            )
        if not restored:
            self.resize(1280, 800)
        self.show_page(settings.last_page)

    def remember(self) -> None:
        geometry = bytes(self.saveGeometry().toBase64().data()).decode("ascii")
        settings = self.ctx.app.settings.with_changes(
            window_geometry=geometry, last_page=self.current_page.key
        )
        self.ctx.app.save_settings(settings)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.auto_backup.running:
            event.ignore()  # closes when the backup under way is over
            self._closing_after_backup = True
            return
        if not self._closing_after_backup and self.auto_backup.run_on_exit(self):
            event.ignore()
            self._closing_after_backup = True
            return
        self.remember()
        super().closeEvent(event)

    def _backup_finished(self) -> None:
        if self._closing_after_backup:
            self.close()
