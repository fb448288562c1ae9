"""A generated letter in its own window: look at it, save it, print it."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from app.ui.widgets.pdf_preview import PdfPreview


class LetterPreviewDialog(QDialog):
    def __init__(
        self,
        pdf: bytes,
        title: str,
        file_name: str,
        note: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("letterPreviewDialog")
        self.setWindowTitle(title)
        self.preview = PdfPreview(self, name="letter")
        self.preview.show_pdf(pdf, title, file_name)
        self.note = QLabel(note, self)
        self.note.setObjectName("letterPreviewNote")
        self.note.setWordWrap(True)
        self.note.setVisible(bool(note))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.preview, 1)
        layout.addWidget(buttons)
        self.resize(760, 820)
