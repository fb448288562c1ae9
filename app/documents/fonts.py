"""Fonts shipped in ``resources/fonts`` and the font-run splitting that replaces glyph fallback.

ReportLab draws each run of text in exactly one font and has no per-glyph fallback, so a client
name such as "李小龙 (Bruce) Lee" must be cut into runs and the Chinese run wrapped in the CJK font,
or it prints as empty boxes. DejaVu Sans covers Latin with every diacritic (Vietnamese included),
Greek, Cyrillic, Hebrew and Arabic letters; WenQuanYi Micro Hei covers Chinese, Japanese kana and
Hangul.

Limit: ReportLab has no bidirectional layout and no Arabic shaping. Runs of Hebrew or Arabic letters
are reversed here into visual order, so a Hebrew name reads correctly and PDF text extraction
(pypdf, pdftotext) returns it in its stored order; Arabic letters, however, print in their isolated
forms, unjoined, and mixed right-to-left text with digits or embedded Latin is not reordered as a
full bidi algorithm would. Offices should record a Latin transliteration next to such names (see
docs/documents.md).
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from app.paths import resources_dir

FONTS_DIR = resources_dir() / "fonts"

BODY = "CourtSafe"
BODY_BOLD = "CourtSafe-Bold"
BODY_ITALIC = "CourtSafe-Oblique"
BODY_BOLD_ITALIC = "CourtSafe-BoldOblique"
MONO = "CourtSafeMono"
CJK = "CourtSafeCJK"

_BODY_FILES = {
    BODY: "DejaVuSans.ttf",
    BODY_BOLD: "DejaVuSans-Bold.ttf",
    BODY_ITALIC: "DejaVuSans-Oblique.ttf",
    BODY_BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
    MONO: "DejaVuSansMono.ttf",
}
_CJK_FILE = "wqy-microhei.ttc"
ETHIOPIC = "CourtSafeEthiopic"
_ETHIOPIC_FILE = "AbyssinicaSIL-Regular.ttf"

_lock = threading.Lock()
_registered: set[str] = set()

# Blocks drawn in the CJK font even where DejaVu has a glyph, so a name never mixes two designs.
_CJK_RANGES: tuple[tuple[int, int], ...] = (
    (0x1100, 0x11FF),  # Hangul Jamo
    (0x2E80, 0x2FDF),  # CJK radicals
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0x3040, 0x30FF),  # Hiragana, Katakana
    (0x3100, 0x312F),  # Bopomofo
    (0x3130, 0x318F),  # Hangul compatibility Jamo
    (0x31F0, 0x31FF),  # Katakana phonetic extensions
    (0x3200, 0x33FF),  # enclosed CJK, CJK compatibility
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xAC00, 0xD7AF),  # Hangul syllables
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF00, 0xFFEF),  # half- and full-width forms
    (0x20000, 0x2FFFF),  # supplementary ideographs
)


class FontMissingError(RuntimeError):
    """A font file is missing from the installation: a packaging bug, not a user error."""


def register_fonts() -> None:
    """Register the body and mono fonts with ReportLab; safe to call any number of times."""
    with _lock:
        if BODY in _registered:
            return
        for name, filename in _BODY_FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(_font_path(filename))))
        pdfmetrics.registerFontFamily(
            BODY, normal=BODY, bold=BODY_BOLD, italic=BODY_ITALIC, boldItalic=BODY_BOLD_ITALIC
        )
        _registered.add(BODY)


def register_cjk_font() -> None:
    """Register the CJK font on first need: parsing the 5 MB collection costs ~0.1 s."""
    with _lock:
        if CJK in _registered:
            return
        pdfmetrics.registerFont(TTFont(CJK, str(_font_path(_CJK_FILE)), subfontIndex=0))
        # One face for every style: <b> around a Chinese name must not look for a missing bold.
        for bold in (0, 1):
            for italic in (0, 1):
                addMapping(CJK, bold, italic, CJK)
        _registered.add(CJK)


def _font_path(filename: str) -> Path:
    path = FONTS_DIR / filename
    if not path.is_file():
        raise FontMissingError(f"Font file missing from the installation: {path}")
    return path


@cache
def _body_cmap() -> frozenset[int]:
    register_fonts()
    font = pdfmetrics.getFont(BODY)
    return frozenset(font.face.charToGlyph)


@cache
def needs_cjk(char: str) -> bool:
    """True when the character must be drawn with the CJK font (cached: names repeat a lot)."""
    code = ord(char)
    if any(low <= code <= high for low, high in _CJK_RANGES):
        return True
    return code not in _body_cmap() and code > 0x2FF


def is_ethiopic(char: str) -> bool:
    """Ge'ez script (Amharic, Tigrinya): neither DejaVu nor WenQuanYi has these glyphs."""
    code = ord(char)
    return 0x1200 <= code <= 0x139F or 0x2D80 <= code <= 0x2DDF or 0xAB00 <= code <= 0xAB2F


def register_ethiopic_font() -> None:
    if ETHIOPIC in _registered:
        return
    pdfmetrics.registerFont(TTFont(ETHIOPIC, str(_font_path(_ETHIOPIC_FILE))))
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(ETHIOPIC, bold, italic, ETHIOPIC)
    _registered.add(ETHIOPIC)


@dataclass(frozen=True, slots=True)
class TextRun:
    """A stretch of text drawn in one font: `face` is CJK, ETHIOPIC or "" for the body font."""

    text: str
    face: str = ""

    @property
    def cjk(self) -> bool:
        return self.face == CJK


def _face(char: str) -> str:
    if is_ethiopic(char):
        return ETHIOPIC
    return CJK if needs_cjk(char) else ""


def split_runs(text: str) -> list[TextRun]:
    """Cut text into runs of one font each; spaces stay in the run they sit in."""
    runs: list[TextRun] = []
    current: list[str] = []
    current_face = ""
    for char in text:
        face = _face(char) if not char.isspace() else current_face
        if current and face != current_face:
            runs.append(TextRun("".join(current), current_face))
            current = []
        current_face = face
        current.append(char)
    if current:
        runs.append(TextRun("".join(current), current_face))
    return runs


_RTL_RUN = re.compile(
    r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]+(?:\s+[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]+)*"
)


def visual_order(text: str) -> str:
    """Reverse each run of Hebrew/Arabic words into the order a left-to-right renderer must draw.

    Combining marks (vowel points) stay after their base letter, so they still attach to it.
    """
    return _RTL_RUN.sub(lambda match: "".join(reversed(_clusters(match.group()))), text)


def _clusters(text: str) -> list[str]:
    clusters: list[str] = []
    for char in text:
        if clusters and unicodedata.combining(char):
            clusters[-1] += char
        else:
            clusters.append(char)
    return clusters


@lru_cache(maxsize=8192)
def markup(text: str) -> str:
    """Turn plain text into Paragraph markup: escaped once, CJK runs wrapped in the CJK font.

    This is the single door through which user and template text enters ReportLab markup.
    Cached: a batch prints the same template sentences hundreds of times (the fonts a result
    names were registered when it was first made, and registration lasts the process).
    """
    if text.isascii():
        return escape(text)
    parts: list[str] = []
    for run in split_runs(text):
        if run.face == CJK:
            register_cjk_font()
            parts.append(f'<font face="{CJK}">{escape(run.text)}</font>')
        elif run.face == ETHIOPIC:
            register_ethiopic_font()
            parts.append(f'<font face="{ETHIOPIC}">{escape(run.text)}</font>')
        else:
            parts.append(escape(visual_order(run.text)))
    return "".join(parts)
