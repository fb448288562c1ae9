"""First run: try demo data, start an empty office, or connect to the office server."""

from __future__ import annotations

from enum import Enum

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import UserError
from app.services.database import check_server_connection
from app.ui.tasks import TaskRunner
from app.ui.widgets.fields import ErrorLabel


class Start(Enum):
    DEMO = "demo"
    EMPTY = "empty"
    SERVER = "server"


class WelcomeDialog(QDialog):
    def __init__(
        self, runner: TaskRunner, *, offer_server: bool = True, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.setObjectName("welcomeDialog")
        self.setWindowTitle("Welcome to CourtSafe")
        self.setMinimumWidth(560)
        title = QLabel("<h2>Welcome to CourtSafe</h2>", self)
        intro = QLabel(
            "CourtSafe keeps the office's clients, cases and hearings on this computer (or on "
            "the office's own server) and flags the hearings where a client risks a civil "
            "immigration arrest at or near the courthouse. How would you like to start?",
            self,
        )
        intro.setWordWrap(True)
        self.demo = QRadioButton("Try it with demo data (2,000 made-up clients)", self)
        self.empty = QRadioButton("Start an empty office (enter the office's details)", self)
        self.server = QRadioButton("Connect to the office server (PostgreSQL)", self)
        group = QButtonGroup(self)
        for button in (self.demo, self.empty, self.server):
            group.addButton(button)
        self.empty.setChecked(True)
        self.url = QLineEdit(self)
        self.url.setObjectName("serverUrl")
        self.url.setAccessibleName("Office server address")
        self.url.setPlaceholderText("postgresql://user:password@server/courtsafe")
        self.test_button = QPushButton("Test connection", self)
        self.test_button.clicked.connect(self.test_connection)
        self.status = QLabel(self)
        self.status.setObjectName("connectionStatus")
        self.status.setWordWrap(True)
        self.error = ErrorLabel("url", self)
        server_row = QHBoxLayout()
        server_row.setContentsMargins(24, 0, 0, 0)
        server_row.addWidget(self.url, 1)
        server_row.addWidget(self.test_button)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Start")
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(self.demo)
        layout.addWidget(self.empty)
        layout.addWidget(self.server)
        layout.addLayout(server_row)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        for widget in (self.server, self.url, self.test_button):
            widget.setVisible(offer_server)
        self.server.toggled.connect(self._server_toggled)
        self._server_toggled(False)

    def choice(self) -> Start:
        if self.demo.isChecked():
            return Start.DEMO
        if self.server.isChecked():
            return Start.SERVER
        return Start.EMPTY

    def _server_toggled(self, on: bool) -> None:
        self.url.setEnabled(on)
        self.test_button.setEnabled(on)

    def test_connection(self) -> None:
        url = self.url.text().strip()
        self.status.setText("Connecting…")
        self.error.show_problem(None)
        self.runner.run(
            lambda: check_server_connection(url),
            self.status.setText,
            self._failed,
            key="welcome.test",
            label="Testing the connection",
        )

    def _failed(self, error: BaseException) -> None:
        self.status.clear()
        if not isinstance(error, UserError):
            error = UserError(f"The server could not be reached ({type(error).__name__}).")
        self.error.show_problem(str(error))

    def _check(self) -> None:
        if self.choice() is Start.SERVER and not self.url.text().strip():
            self.error.show_problem("type the office server's address")
            return
        self.accept()
