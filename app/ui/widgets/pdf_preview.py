"""Showing, saving and printing a PDF without QtPdf (not part of PySide6-Essentials 6.11).

PDFium (pypdfium2) rasterises each page into a QImage. Pages are drawn lazily: only the ones
scrolled into view are rendered, at the width they are shown, so a 500-page batch opens at once.
PDFium is not thread-safe, so every call into it happens on the UI thread.
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QHideEvent, QImage, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import UserError
from app.services.atomic_files import write_atomically
from app.ui.errors import show_user_error

PAGE_GAP = 12
MARGIN = 10
PRINT_DPI_CAP = 300  # a 1200-dpi printer page would be a 500 MB bitmap; 300 dpi prints sharp text
CACHE_PAGES = 12
ZOOMS = (("Fit width", 0.0), ("50%", 0.5), ("75%", 0.75), ("100%", 1.0), ("150%", 1.5))


def open_pdf(data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        raise UserError(f"The document could not be opened: {error}.") from None


def render_page(document: pdfium.PdfDocument, index: int, scale: float) -> QImage:
    """One page as an opaque RGB image; `scale` is pixels per PDF point (1/72 inch)."""
    page = document[index]
    try:
        bitmap = page.render(
            scale=scale, force_bitmap_format=pdfium_c.FPDFBitmap_BGRx, rev_byteorder=True
        )
        try:
            image = QImage(
                bitmap.buffer,
                bitmap.width,
                bitmap.height,
                bitmap.stride,
                QImage.Format.Format_RGBX8888,
            )
            return image.copy()  # own the pixels before PDFium frees its buffer
        finally:
            bitmap.close()
    finally:
        page.close()


def ask_save_path(parent: QWidget, title: str, suggested: str) -> Path | None:
    """The system's Save dialog (tests replace this function)."""
    chosen, _ = QFileDialog.getSaveFileName(
        parent, title, str(Path.home() / suggested), "PDF documents (*.pdf)"
    )
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")


def paint_pdf(printer: QPrinter, data: bytes, progress: QProgressDialog | None = None) -> bool:
    """Draw every page onto the printer at its resolution (capped); False if cancelled."""
    document = open_pdf(data)
    try:
        printer.setFullPage(True)
        dpi = min(printer.resolution(), PRINT_DPI_CAP)
        full = printer.pageLayout().fullRectPixels(printer.resolution())
        painter = QPainter()
        if not painter.begin(printer):
            raise UserError("The printer could not be started.")
        try:
            for index in range(len(document)):
                if progress is not None:
                    progress.setValue(index)
                    if progress.wasCanceled():
                        printer.abort()
                        return False
                if index:
                    printer.newPage()
                image = render_page(document, index, dpi / 72)
                size = image.size().scaled(full.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(QRect(0, 0, size.width(), size.height()), image)
        finally:
            painter.end()
        return True
    finally:
        document.close()


def print_pdf(parent: QWidget, data: bytes, title: str) -> bool:
    """The system print dialog, then every page; True when it went to the printer."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(f"Print {title}")
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    pages = len(open_pdf(data))
    progress = QProgressDialog("Sending pages to the printer…", "Cancel", 0, pages, parent)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(500)
    try:
        return paint_pdf(printer, data, progress)
    finally:
        progress.close()


class PdfPagesView(QScrollArea):
    """The pages one under another, fit to the width of the view or at a fixed zoom."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pdfPages")
        self.setAccessibleName("Document preview")
        self.setWidgetResizable(False)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.setBackgroundRole(self.backgroundRole())
        self.canvas = _PagesCanvas(self)
        self.setWidget(self.canvas)
        self.setStyleSheet("QScrollArea { background: #6b6f75; }")
        self.canvas.setStyleSheet("background: #6b6f75;")

    def set_pdf(self, data: bytes | None) -> None:
        self.canvas.set_document(data)
        self._layout_pages()
        self.verticalScrollBar().setValue(0)

    def set_zoom(self, zoom: float) -> None:
        """0: fit the width of the view; otherwise 1.0 is the printed size at 96 dpi."""
        self.canvas.zoom = zoom
        self._layout_pages()

    @property
    def page_count(self) -> int:
        return self.canvas.page_count

    def page_image(self, index: int) -> QImage:
        return self.canvas.image(index)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._layout_pages()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802
        """PDFium's document is reopened from the bytes when shown again."""
        self.canvas.release()
        super().hideEvent(event)

    def _layout_pages(self) -> None:
        self.canvas.fit(self.viewport().width())


class _PagesCanvas(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data: bytes | None = None
        self.document: pdfium.PdfDocument | None = None
        self.sizes: list[tuple[float, float]] = []  # in PDF points
        self.zoom = 0.0
        self.scale = 1.0  # logical pixels per point
        self._cache: OrderedDict[tuple[int, int], QImage] = OrderedDict()

    @property
    def page_count(self) -> int:
        return len(self.sizes)

    def set_document(self, data: bytes | None) -> None:
        self.release()
        self.data = data
        document = self._open()
        self.sizes = [document.get_page_size(i) for i in range(len(document))] if document else []
        self._cache.clear()

    def _open(self) -> pdfium.PdfDocument | None:
        if self.document is None and self.data:
            self.document = open_pdf(self.data)
        return self.document

    def release(self) -> None:
        if self.document is not None:
            self.document.close()
            self.document = None

    def fit(self, view_width: int) -> None:
        if not self.sizes:
            self.resize(max(view_width, 1), 1)
            self.update()
            return
        widest = max(width for width, _ in self.sizes)
        if self.zoom > 0:
            self.scale = self.zoom * 96 / 72
        else:
            self.scale = max(0.2, (view_width - 2 * MARGIN - 4) / widest)
        width = max(view_width - 4, int(widest * self.scale) + 2 * MARGIN)
        height = MARGIN + sum(int(h * self.scale) + PAGE_GAP for _, h in self.sizes)
        self.resize(width, height)
        self.update()

    def page_rect(self, index: int) -> QRect:
        top = MARGIN + sum(int(h * self.scale) + PAGE_GAP for _, h in self.sizes[:index])
        width, height = (int(v * self.scale) for v in self.sizes[index])
        return QRect((self.width() - width) // 2, top, width, height)

    def image(self, index: int) -> QImage:
        """The page at its shown size (and the screen's pixel ratio), from a small cache."""
        ratio = self.devicePixelRatioF()
        key = (index, int(self.scale * ratio * 1000))
        cached = self._cache.get(key)
        if cached is not None:
            self._cache.move_to_end(key)
            return cached
        document = self._open()
        assert document is not None
        image = render_page(document, index, self.scale * ratio)
        image.setDevicePixelRatio(ratio)
        self._cache[key] = image
        while len(self._cache) > CACHE_PAGES:
            self._cache.popitem(last=False)
        return image

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(event.rect(), QColor("#6b6f75"))
        if not self.sizes:
            painter.setPen(QColor("#f0f0f0"))
            painter.drawText(
                self.rect(),
                Qt.AlignmentFlag.AlignCenter,
                "The document will show here.",
            )
            return
        for index in range(len(self.sizes)):
            rect = self.page_rect(index)
            if rect.top() > event.rect().bottom():
                break
            if not rect.intersects(event.rect()):
                continue
            painter.fillRect(rect.translated(2, 2), QColor(0, 0, 0, 60))
            painter.drawImage(rect, self.image(index))

    def sizeHint(self) -> QSize:  # noqa: N802
        return self.size()


class PdfPreview(QWidget):
    """A document with Save as… and Print…; `saved(path)` after a save, `printed` after printing."""

    saved = Signal(str)
    printed = Signal()

    def __init__(self, parent: QWidget | None = None, *, name: str = "document") -> None:
        super().__init__(parent)
        self.data: bytes | None = None
        self.file_name = f"{name}.pdf"
        self.title = QLabel("No document yet", self)
        self.title.setObjectName("previewTitle")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.pages_label = QLabel("", self)
        self.pages_label.setObjectName("previewPages")
        self.zoom = QComboBox(self)
        self.zoom.setObjectName("previewZoom")
        self.zoom.setAccessibleName("Zoom")
        for text, value in ZOOMS:
            self.zoom.addItem(text, value)
        self.zoom.currentIndexChanged.connect(self._zoom_changed)
        self.save_button = QPushButton("Save as…", self)
        self.save_button.setObjectName("saveAsButton")
        self.save_button.clicked.connect(self.save_as)
        self.print_button = QPushButton("Print…", self)
        self.print_button.setObjectName("printButton")
        self.print_button.clicked.connect(self.print_document)
        self.view = PdfPagesView(self)
        bar = QHBoxLayout()
        bar.addWidget(self.title, 1)
        bar.addWidget(self.pages_label)
        bar.addWidget(self.zoom)
        bar.addWidget(self.save_button)
        bar.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self._update()

    def _zoom_changed(self, _index: int) -> None:
        self.view.set_zoom(float(self.zoom.currentData()))

    def show_pdf(self, data: bytes | None, title: str = "", file_name: str = "") -> None:
        self.data = data
        if file_name:
            self.file_name = file_name
        self.title.setText(title or ("Document" if data else "No document yet"))
        self.title.setToolTip(self.title.text())
        self.view.set_pdf(data)
        self._update()

    @property
    def page_count(self) -> int:
        return self.view.page_count

    def page_image(self, index: int) -> QImage:
        return self.view.page_image(index)

    def _update(self) -> None:
        has = self.data is not None
        self.save_button.setEnabled(has)
        self.print_button.setEnabled(has)
        count = self.view.page_count
        self.pages_label.setText(f"{count} page{'s' if count != 1 else ''}" if has else "")

    def save_as(self) -> Path | None:
        if self.data is None:
            return None
        path = ask_save_path(self, "Save the document", self.file_name)
        if path is None:
            return None
        try:
            write_atomically(path, self.data)
        except UserError as error:
            show_user_error(self, error)
            return None
        self.saved.emit(str(path))
        return path

    def print_document(self) -> bool:
        if self.data is None:
            return False
        try:
            done = print_pdf(self, self.data, self.title.text())
        except UserError as error:
            show_user_error(self, error)
            return False
        if done:
            self.printed.emit()
        return done
