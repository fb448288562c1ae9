"""Dates, times and the few fixed words printed outside templates, per language.

Hand-written tables rather than a locale library: the app runs offline on machines whose system
locales are unknown, and a client's letter must not change language with the desk it prints on.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from app.documents.errors import DocumentError

_MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
           "septiembre", "octubre", "noviembre", "diciembre"),
}
_WEEKDAYS = {
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "es": ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"),
}
_PAGE = {"en": "Page {n} of {total}", "es": "Página {n} de {total}"}

LANGUAGE_NAMES = {
    "en": "English", "es": "Spanish", "vi": "Vietnamese", "zh": "Chinese", "ko": "Korean",
    "ru": "Russian", "ar": "Arabic", "fr": "French", "pt": "Portuguese", "ht": "Haitian Creole",
    "tl": "Tagalog", "so": "Somali", "am": "Amharic", "uk": "Ukrainian", "fa": "Persian",
    "ja": "Japanese", "el": "Greek", "he": "Hebrew",
}


def _lang(language: str) -> str:
    return language if language in _MONTHS else "en"


def format_date(value: date, language: str = "en") -> str:
    """'April 6, 2017' / '6 de abril de 2017'."""
    lang = _lang(language)
    month = _MONTHS[lang][value.month - 1]
    if lang == "es":
        return f"{value.day} de {month} de {value.year}"
    return f"{month} {value.day}, {value.year}"


def format_short_date(value: date) -> str:
    """ISO dates in tables: unambiguous for staff whatever their own convention."""
    return value.isoformat()


def format_long_date(value: date, language: str = "en") -> str:
    """'Tuesday, May 12, 2026' / 'martes, 12 de mayo de 2026'."""
    weekday = _WEEKDAYS[_lang(language)][value.weekday()]
    return f"{weekday}, {format_date(value, language)}"


def to_zone(moment: datetime, time_zone: str) -> datetime:
    """The moment on the court's wall clock; refuses naive datetimes, which would silently lie."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise DocumentError("A hearing time without a time zone cannot be printed reliably.")
    try:
        zone = ZoneInfo(time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise DocumentError(f"Unknown time zone '{time_zone}'.") from None
    return moment.astimezone(zone)


def format_time(moment: datetime, language: str = "en") -> str:
    """'9:30 AM MDT' / '9:30 a. m. (MDT)' — the zone abbreviation shows the clock it refers to."""
    hour12 = moment.hour % 12 or 12
    zone = moment.tzname() or ""
    if _lang(language) == "es":
        suffix = "a. m." if moment.hour < 12 else "p. m."
        return f"{hour12}:{moment.minute:02d} {suffix} ({zone})".replace(" ()", "")
    suffix = "AM" if moment.hour < 12 else "PM"
    return f"{hour12}:{moment.minute:02d} {suffix} {zone}".strip()


def page_label(number: int, total: int, language: str = "en") -> str:
    return _PAGE[_lang(language)].format(n=number, total=total)


def language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code)
