"""Where this desk's data lives: the encrypted file or the office server (takes effect on
restart); "Test connection" runs SELECT 1 off the UI thread."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import UserError
from app.services.database import check_server_connection
from app.ui.context import UiContext
from app.ui.widgets.fields import ErrorLabel


class DatabaseBox(QGroupBox):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__("Database (this desk)", parent)
        self.ctx = ctx
        database = ctx.app.database
        shown = database.url.render_as_string(hide_password=True)
        if database.encrypted:
            where = f"Encrypted file on this computer ({database.url.database})"
        else:
            where = f"Office server: {shown}"
        self.current = QLabel(f"Now using: {where}", self)
        self.current.setObjectName("currentDatabase")
        self.current.setWordWrap(True)
        self.url = QLineEdit(ctx.app.settings.database_url, self)
        self.url.setObjectName("databaseUrl")
        self.url.setAccessibleName("Office server address")
        self.url.setPlaceholderText(
            "postgresql://user:password@server/courtsafe (empty: this computer)"
        )
        self.url.setEchoMode(QLineEdit.EchoMode.PasswordEchoOnEdit)
        self.test_button = QPushButton("Test connection", self)
        self.test_button.setObjectName("testConnection")
        self.test_button.clicked.connect(self.test_connection)
        self.save_button = QPushButton("Save", self)
        self.save_button.setObjectName("saveDatabase")
        self.save_button.setAccessibleName("Save the database address")
        self.save_button.clicked.connect(self.save)
        self.status = QLabel(self)
        self.status.setObjectName("databaseStatus")
        self.status.setWordWrap(True)
        self.error = ErrorLabel("database_url", self)
        row = QHBoxLayout()
        row.addWidget(self.url, 1)
        row.addWidget(self.test_button)
        row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.current)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.error)

    def test_connection(self) -> None:
        text = self.url.text().strip()
        self.error.show_problem(None)
        if not text:
            self.status.setText("Empty: this desk uses the encrypted file on this computer.")
            return
        self.status.setText("Connecting…")
        self.ctx.runner.run(
            lambda: check_server_connection(text),
            self.status.setText,
            self._failed,
            key="settings.test",
            label="Testing the connection",
        )

    def _failed(self, error: BaseException) -> None:
        self.status.clear()
        message = str(error) if isinstance(error, UserError) else (
            f"The server could not be reached ({type(error).__name__})."
        )
        self.error.show_problem(message)

    def save(self) -> None:
        app = self.ctx.app
        app.save_settings(app.settings.with_changes(database_url=self.url.text().strip()))
        self.status.setText("Saved. Restart CourtSafe to use the new database.")
