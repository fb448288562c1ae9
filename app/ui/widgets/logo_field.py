"""The letterhead logo of the office dialog: choose a PNG or JPEG, see it, remove it.

The file is checked before it is kept (type by its first bytes, size, and that Qt can draw it),
so a letter never fails later on a logo that is not an image.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.theme import muted_color

MAX_LOGO_BYTES = 1024 * 1024
THUMBNAIL = 96
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"


def size_problem(name: str, size: int) -> str | None:
    if size > MAX_LOGO_BYTES:
        return f"“{name}” is {size / (1024 * 1024):.1f} MB; choose an image of at most 1 MB."
    return None


def logo_problem(name: str, data: bytes) -> str | None:
    """Why these bytes cannot be the logo, in words for the user; None when they can."""
    too_big = size_problem(name, len(data))
    if too_big is not None:
        return too_big
    if not (data.startswith(PNG_MAGIC) or data.startswith(JPEG_MAGIC)):
        return f"“{name}” is not a PNG or JPEG image. Choose a .png or .jpg file."
    if QImage.fromData(QByteArray(data)).isNull():
        return f"“{name}” looks like an image but cannot be read; it may be damaged."
    return None


class LogoField(QWidget):
    problem = Signal(str)  # empty when the last choice was fine
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._data: bytes | None = None
        self.thumbnail = QLabel(self)
        self.thumbnail.setObjectName("logoThumbnail")
        self.thumbnail.setAccessibleName("Letterhead logo preview")
        self.thumbnail.setFixedSize(THUMBNAIL, THUMBNAIL)
        self.thumbnail.setFrameShape(QFrame.Shape.StyledPanel)
        self.thumbnail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.choose_button = QPushButton("Choose logo…", self)
        self.choose_button.setObjectName("chooseLogo")
        self.choose_button.setToolTip("A PNG or JPEG file of at most 1 MB")
        self.choose_button.clicked.connect(self.choose)
        self.remove_button = QPushButton("Remove logo", self)
        self.remove_button.setObjectName("removeLogo")
        self.remove_button.clicked.connect(self.remove)
        hint = QLabel("PNG or JPEG, at most 1 MB. It prints at the top left of every letter.")
        hint.setWordWrap(True)
        hint.setStyleSheet(f"color: {muted_color().name()};")
        buttons = QHBoxLayout()
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        side = QVBoxLayout()
        side.addStretch(1)
        side.addWidget(hint)
        side.addLayout(buttons)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.thumbnail)
        layout.addLayout(side, 1)
        self._show()

    def value(self) -> bytes | None:
        return self._data

    def set_value(self, data: bytes | None) -> None:
        self._data = data or None
        self._show()

    def choose(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, "Choose the letterhead logo", "", "Images (*.png *.jpg *.jpeg)"
        )
        if path:
            self.load_file(Path(path))

    def load_file(self, path: Path) -> bool:
        try:
            problem = size_problem(path.name, path.stat().st_size)  # never read a huge file
            data = path.read_bytes() if problem is None else b""
        except OSError as error:
            self.problem.emit(f"“{path.name}” could not be read: {error.strerror}.")
            return False
        problem = problem or logo_problem(path.name, data)
        if problem is not None:
            self.problem.emit(problem)
            return False
        self.problem.emit("")
        self.set_value(data)
        self.changed.emit()
        return True

    def remove(self) -> None:
        self.problem.emit("")
        self.set_value(None)
        self.changed.emit()

    def _show(self) -> None:
        self.remove_button.setEnabled(self._data is not None)
        if self._data is None:
            self.thumbnail.setPixmap(QPixmap())
            self.thumbnail.setText("No logo")
            return
        image = QImage.fromData(QByteArray(self._data))
        pixmap = QPixmap.fromImage(image).scaled(
            THUMBNAIL - 8,
            THUMBNAIL - 8,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        self.thumbnail.setText("")
        self.thumbnail.setPixmap(pixmap)
