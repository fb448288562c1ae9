"""Backup recovery kit: the age recovery secret key on paper, as text and as a QR code.

The paper copy must survive the loss of every machine, so the key is printed in a monospace font
with no character lost to wrapping (long keys break at a fixed count of characters, never at a
hyphen), and as a QR code drawn with ReportLab's own widget: no image library, no extra dependency.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from app.documents import styles as st
from app.documents.base import DocumentRenderer, make_table
from app.documents.data import OfficeInfo, RecoveryKitData
from app.documents.errors import DocumentError
from app.documents.fonts import MONO
from app.documents.i18n import format_date
from app.documents.templates import Slot, default_source, render_blocks

KIND = "recovery_kit"
SLOTS = ("key",)
KEY_PREFIX = "AGE-SECRET-KEY-1"
QR_SIZE = 1.8 * st.INCH


def render_recovery_kit(data: RecoveryKitData, *, template_source: str | None = None) -> bytes:
    """The recovery kit as PDF bytes."""
    return RecoveryKitRenderer(data, template_source).render()


def template_context(data: RecoveryKitData) -> dict[str, Any]:
    """The fields a recovery kit template may use."""
    return {
        "office_name": data.office.name,
        "office_phone": data.office.phone,
        "created_on": format_date(data.created_on),
        "key_label": data.key_label,
        "public_key": data.public_key,
        "key": Slot("key"),
    }


def key_lines(key: str, width: float, font_size: float) -> list[str]:
    """Cut the key into equal lines that fit ``width``; joining them gives the key back exactly."""
    per_line = max(8, int(width // stringWidth("M", MONO, font_size)))
    return [key[i:i + per_line] for i in range(0, len(key), per_line)]


class RecoveryKitRenderer(DocumentRenderer):
    kind = KIND

    def __init__(self, data: RecoveryKitData, template_source: str | None = None) -> None:
        if not data.secret_key.startswith(KEY_PREFIX) or any(c.isspace() for c in data.secret_key):
            raise DocumentError("This is not an age recovery key (AGE-SECRET-KEY-1…).")
        super().__init__(data.office, "en")
        self.data = data
        self.source = template_source if template_source is not None else default_source(KIND, "en")

    def title(self) -> str:
        return f"Backup recovery key, created {format_date(self.data.created_on)}"

    def document_date(self) -> date:
        return self.data.created_on

    def build_story(self) -> list[Flowable]:
        blocks = render_blocks(self.source, template_context(self.data))
        return [*self.letterhead(), *self.blocks_to_flowables(blocks, {"key": self._key})]

    def _key(self) -> list[Flowable]:
        s = self.styles
        text_width = self.frame_width - QR_SIZE - 0.3 * st.INCH
        lines = key_lines(self.data.secret_key, text_width - 16, s.mono.fontSize)
        text: list[Flowable] = [self.para("Recovery secret key", s.label), Spacer(1, 4)]
        text += [Paragraph(line, s.mono) for line in lines]  # [A-Z0-9-] only: nothing to escape
        details = [("Office", self.data.office.name),
                   ("Created", format_date(self.data.created_on))]
        if self.data.key_label:
            details.append(("Label", self.data.key_label))
        if self.data.public_key:
            details.append(("Opens backups for", self.data.public_key))
        text.append(Spacer(1, 8))
        text += [self.labelled(f"{label}:", value, s.body_small) for label, value in details]
        table = make_table([[text, self._qr()]], [text_width, QR_SIZE + 0.3 * st.INCH], [
            ("BOX", (0, 0), (-1, -1), 1, st.ACCENT),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 12),
            ("TOPPADDING", (0, 0), (-1, -1), 10),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 10),
        ])
        return [KeepTogether([table, Spacer(1, 10)])]

    def _qr(self) -> Drawing:
        widget = QrCodeWidget(self.data.secret_key, barLevel="M")
        x0, y0, x1, y1 = widget.getBounds()
        drawing = Drawing(QR_SIZE, QR_SIZE,
                          transform=[QR_SIZE / (x1 - x0), 0, 0, QR_SIZE / (y1 - y0), 0, 0])
        drawing.add(widget)
        return drawing


SAMPLE_KEY = "AGE-SECRET-KEY-1QYQSZQGPQYQSZQGPQYQSZQGPQYQSZQGPQYQSZQGPQYQSZQGPQYQS2ZLDAC"


def sample_recovery_kit() -> RecoveryKitData:
    """Sample data for template previews and tests (the key is a well-formed dummy)."""
    return RecoveryKitData(
        office=OfficeInfo("Front Range Immigrant Legal Defense",
                          ("1250 Federal Boulevard, Suite 300", "Denver, CO 80204"),
                          "(303) 555-0142", "office@frontrange-legal.example"),
        secret_key=SAMPLE_KEY,
        created_on=date(2026, 1, 15),
        public_key="age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq",
        key_label="Recovery key 2026-01",
    )
