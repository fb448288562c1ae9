"""Page geometry, colours and paragraph styles shared by every document kind.

One place for the look of the office's paper: a change of margin or heading size here applies to
letters, advisories, court filings and lists alike.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch

from app.documents.fonts import BODY, BODY_BOLD, BODY_ITALIC, MONO

PAGE_SIZE: tuple[float, float] = LETTER
MARGIN_LEFT: float = 1.0 * inch
MARGIN_RIGHT: float = 1.0 * inch
MARGIN_TOP: float = 0.65 * inch
MARGIN_BOTTOM: float = 0.8 * inch
INCH: float = inch
FRAME_WIDTH: float = PAGE_SIZE[0] - MARGIN_LEFT - MARGIN_RIGHT

INK = colors.HexColor("#1a1a1a")
ACCENT = colors.HexColor("#1f3a5f")
MUTED = colors.HexColor("#5a5a5a")
RULE = colors.HexColor("#9aa7b8")
SHADE = colors.HexColor("#eef2f7")
STAFF_SHADE = colors.HexColor("#fff4d6")
STAFF_BORDER = colors.HexColor("#b7791f")

BODY_SIZE = 10
BODY_LEADING = 14


@dataclass(frozen=True)
class Styles:
    """The named paragraph styles; a frozen bundle so renderers cannot mutate shared state."""

    body: ParagraphStyle
    body_small: ParagraphStyle
    body_lead_in: ParagraphStyle
    title: ParagraphStyle
    heading: ParagraphStyle
    bullet: ParagraphStyle
    bullet_last: ParagraphStyle
    callout: ParagraphStyle
    label: ParagraphStyle
    value: ParagraphStyle
    table_head: ParagraphStyle
    table_cell: ParagraphStyle
    table_note: ParagraphStyle
    table_box: ParagraphStyle
    letterhead_name: ParagraphStyle
    letterhead_line: ParagraphStyle
    letterhead_right: ParagraphStyle
    signature: ParagraphStyle
    date_right: ParagraphStyle
    signature_name: ParagraphStyle
    incident_head: ParagraphStyle
    incident_body: ParagraphStyle
    incident_source: ParagraphStyle
    signature_muted: ParagraphStyle
    staff: ParagraphStyle
    mono: ParagraphStyle
    command: ParagraphStyle
    caption_center: ParagraphStyle
    caption_address: ParagraphStyle
    footer: ParagraphStyle


def build_styles() -> Styles:
    """Create the style bundle; cheap enough to call once per renderer instance."""
    body = ParagraphStyle(
        "body",
        fontName=BODY,
        fontSize=BODY_SIZE,
        leading=BODY_LEADING,
        textColor=INK,
        spaceAfter=6,
        alignment=TA_LEFT,
        splitLongWords=True,
    )
    small = ParagraphStyle("body_small", parent=body, fontSize=9, leading=12, spaceAfter=4)
    return Styles(
        body=body,
        body_small=small,
        body_lead_in=ParagraphStyle("body_lead_in", parent=body, keepWithNext=True),
        title=ParagraphStyle(
            "title", parent=body, fontName=BODY_BOLD, fontSize=16, leading=20,
            textColor=ACCENT, spaceBefore=0, spaceAfter=8,
        ),
        heading=ParagraphStyle(
            "heading", parent=body, fontName=BODY_BOLD, fontSize=11.5, leading=15,
            textColor=ACCENT, spaceBefore=8, spaceAfter=3, keepWithNext=True,
        ),
        bullet=ParagraphStyle(
            "bullet", parent=body, leftIndent=18, bulletIndent=4, spaceAfter=2,
        ),
        bullet_last=ParagraphStyle(
            "bullet_last", parent=body, leftIndent=18, bulletIndent=4, spaceAfter=5,
        ),
        callout=ParagraphStyle(
            "callout", parent=body, fontName=BODY_BOLD, spaceAfter=0, textColor=INK,
        ),
        label=ParagraphStyle(
            "label", parent=body, fontName=BODY_BOLD, fontSize=9.5, leading=13,
            textColor=ACCENT, spaceAfter=0,
        ),
        value=ParagraphStyle("value", parent=body, spaceAfter=0),
        table_head=ParagraphStyle(
            "table_head", parent=small, fontName=BODY_BOLD, textColor=colors.white, spaceAfter=0,
        ),
        table_cell=ParagraphStyle(
            "table_cell", parent=small, fontSize=8.5, leading=11, spaceAfter=0,
        ),
        table_note=ParagraphStyle(
            "table_note", parent=small, fontName=BODY_BOLD, fontSize=8.5, leading=11,
            textColor=colors.HexColor("#8a3b12"), spaceAfter=0,
        ),
        table_box=ParagraphStyle(
            "table_box", parent=small, fontSize=14, leading=14, alignment=TA_CENTER, spaceAfter=0,
        ),
        letterhead_name=ParagraphStyle(
            "letterhead_name", parent=body, fontName=BODY_BOLD, fontSize=15, leading=18,
            textColor=ACCENT, spaceAfter=2,
        ),
        letterhead_line=ParagraphStyle(
            "letterhead_line", parent=body, fontSize=8.5, leading=11, textColor=MUTED, spaceAfter=0,
        ),
        letterhead_right=ParagraphStyle(
            "letterhead_right", parent=body, fontSize=8.5, leading=11, textColor=MUTED,
            alignment=TA_RIGHT, spaceAfter=0,
        ),
        signature=ParagraphStyle("signature", parent=body, spaceAfter=0, leading=13.5),
        date_right=ParagraphStyle("date_right", parent=body, alignment=TA_RIGHT, spaceAfter=2),
        signature_name=ParagraphStyle(
            "signature_name", parent=body, fontName=BODY_BOLD, spaceAfter=0, leading=13.5,
        ),
        incident_head=ParagraphStyle(
            "incident_head", parent=body, leftIndent=22, bulletIndent=0, spaceAfter=1,
            bulletFontName=BODY_BOLD,
        ),
        incident_body=ParagraphStyle("incident_body", parent=body, leftIndent=22, spaceAfter=1),
        incident_source=ParagraphStyle(
            "incident_source", parent=small, leftIndent=22, textColor=MUTED, spaceAfter=8,
        ),
        signature_muted=ParagraphStyle(
            "signature_muted", parent=body, fontSize=9.5, leading=12.5, textColor=MUTED,
            spaceAfter=0,
        ),
        staff=ParagraphStyle(
            "staff", parent=small, fontName=BODY_BOLD, textColor=colors.HexColor("#5c3d00"),
        ),
        mono=ParagraphStyle("mono", parent=body, fontName=MONO, fontSize=10, leading=14),
        command=ParagraphStyle(
            "command", parent=body, fontName=MONO, fontSize=9.5, leading=13, backColor=SHADE,
            borderPadding=(4, 6, 4, 6), leftIndent=24, rightIndent=6, spaceBefore=4, spaceAfter=10,
        ),
        caption_center=ParagraphStyle(
            "caption_center", parent=body, fontName=BODY_BOLD, alignment=TA_CENTER, spaceAfter=2,
        ),
        caption_address=ParagraphStyle(
            "caption_address", parent=small, alignment=TA_CENTER, spaceAfter=0,
        ),
        footer=ParagraphStyle(
            "footer", parent=body, fontName=BODY_ITALIC, fontSize=8, leading=10, textColor=MUTED,
        ),
    )
