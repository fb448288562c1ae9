"""Fonts, risk colours and icons shared by every page.

Risk badges are mid-tone fills with a text colour chosen for the fill, so they read the same on a
light and a dark palette; the level is always written out, never shown by colour alone.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFontDatabase, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QWidget

from app.domain.enums import RiskLevel
from app.paths import resources_dir

RISK_FILL = {
    RiskLevel.CRITICAL: QColor("#b3261e"),
    RiskLevel.HIGH: QColor("#e8710a"),
    RiskLevel.ELEVATED: QColor("#f2c230"),
    RiskLevel.LOW: QColor("#7fb2e5"),
    RiskLevel.NONE: QColor("#9aa0a6"),
}
RISK_TEXT = {
    RiskLevel.CRITICAL: QColor("#ffffff"),
    RiskLevel.HIGH: QColor("#000000"),
    RiskLevel.ELEVATED: QColor("#000000"),
    RiskLevel.LOW: QColor("#000000"),
    RiskLevel.NONE: QColor("#000000"),
}
RISK_LABEL = {
    RiskLevel.CRITICAL: "Critical",
    RiskLevel.HIGH: "High",
    RiskLevel.ELEVATED: "Elevated",
    RiskLevel.LOW: "Low",
    RiskLevel.NONE: "None",
}

_registered = False


def register_fonts() -> list[str]:
    """Ship the CJK font with the app so Chinese and Korean names render the same everywhere."""
    global _registered
    if _registered:
        return []
    families: list[str] = []
    folder = resources_dir() / "fonts"
    paths = sorted(folder.glob("*.tt[fc]")) + sorted(folder.glob("*.otf"))
    for path in paths:
        if path.is_file():
            font_id = QFontDatabase.addApplicationFont(str(path))
            if font_id >= 0:
                families.extend(QFontDatabase.applicationFontFamilies(font_id))
    _registered = True
    return families


def app_icon() -> QIcon:
    return QIcon(str(resources_dir() / "icons" / "courtsafe.svg"))


def std_icon(widget: QWidget, name: str) -> QIcon:
    pixmap = getattr(QStyle.StandardPixmap, name)
    return widget.style().standardIcon(pixmap)


def banner_style(widget: QWidget) -> str:
    """A highlighted box that stays readable in light and dark palettes."""
    dark = widget.palette().color(QPalette.ColorRole.Window).lightness() < 128
    if dark:
        return (
            "background:#5a4500; color:#fff3c4; border:1px solid #c9a227; "
            "border-radius:4px; padding:6px;"
        )
    return (
        "background:#fff3c4; color:#3d2e00; border:1px solid #c9a227; "
        "border-radius:4px; padding:6px;"
    )


def muted_color() -> QColor:
    app = QApplication.instance()
    palette = app.palette() if isinstance(app, QApplication) else QPalette()
    return palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.PlaceholderText)
