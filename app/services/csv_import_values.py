"""Reading spreadsheet cells: dates, times, yes/no, numbers and list values.

Each parser returns the value or raises `CellError` with a message written for the person fixing
the spreadsheet. Date rules (docs/exchange.md):

* `YYYY-MM-DD` and `YYYY/MM/DD` are always year-month-day.
* Slashes with the year last are US month/day (`11/26/2026`, `1/2/27`), unless the first number
  cannot be a month (`26/11/2026` is then read as day/month).
* Dots or dashes with the year last are day.month (`26.11.2026`, `26-11-2026`), the European way.
* Month names in English: `Nov 26, 2026`, `26 November 2026`.
* Two-digit years: 20yy unless that is more than 20 years ahead, then 19yy (`85` -> 1985).
* Spreadsheet date-times (`2026-11-26 09:00:00`, `11/26/2026 9:00 AM`) keep their time.
"""

from __future__ import annotations

import re
from datetime import date, time
from enum import StrEnum
from functools import lru_cache
from typing import TypeVar

from app.domain.names import fold

E = TypeVar("E", bound=StrEnum)


class CellError(ValueError):
    pass


_ISO = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$")
_YEAR_LAST = re.compile(r"^(\d{1,2})([/.\-])(\d{1,2})\2(\d{2}|\d{4})$")
_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_MONTH_FIRST = re.compile(r"^([a-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})$")
_DAY_FIRST = re.compile(r"^(\d{1,2})\s+([a-z]+)\.?,?\s+(\d{4})$")
_TIME = re.compile(r"^(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?\s*([ap])?\.?\s*(?:m\.?)?$")
_COMPACT_TIME = re.compile(r"^(\d{2})(\d{2})$")
_DATE_HINT = "use YYYY-MM-DD or MM/DD/YYYY"


def parse_date(text: str, today: date) -> date:
    value, _ = parse_date_time(text, today)
    return value


def parse_date_time(text: str, today: date) -> tuple[date, time | None]:
    """A date, and the time when the cell carries one (spreadsheet date-times)."""
    raw = " ".join(text.strip().split())
    date_part, time_part = _split_time(raw)
    parsed = _date(date_part.lower(), today)
    if parsed is None:
        raise CellError(f"'{text.strip()}' is not a date ({_DATE_HINT})")
    clock = parse_time(time_part) if time_part else None
    if clock == time(0, 0) and time_part and time_part.startswith("00:00"):
        clock = None  # "2026-11-26 00:00:00" is how spreadsheets write a bare date
    return parsed, clock


def _split_time(raw: str) -> tuple[str, str]:
    if "T" in raw and _ISO.match(raw.split("T", 1)[0]):
        head, tail = raw.split("T", 1)
        return head, tail
    parts = raw.split(" ")
    for index in range(1, len(parts)):
        if ":" in parts[index] or parts[index].lower() in ("am", "pm"):
            if ":" in parts[index]:
                return " ".join(parts[:index]), " ".join(parts[index:])
            return " ".join(parts[: index - 1]), " ".join(parts[index - 1 :])
    return raw, ""


def _date(text: str, today: date) -> date | None:
    try:
        match = _ISO.match(text)
        if match:
            return date(int(match[1]), int(match[2]), int(match[3]))
        match = _YEAR_LAST.match(text)
        if match:
            first, sep, second, year = int(match[1]), match[2], int(match[3]), match[4]
            full_year = _year(year, today)
            if sep == "/":
                if first > 12 >= second:
                    return date(full_year, second, first)
                return date(full_year, first, second)
            return date(full_year, second, first)
        match = _MONTH_FIRST.match(text)
        if match and match[1] in _MONTHS:
            return date(int(match[3]), _MONTHS[match[1]], int(match[2]))
        match = _DAY_FIRST.match(text)
        if match and match[2] in _MONTHS:
            return date(int(match[3]), _MONTHS[match[2]], int(match[1]))
    except ValueError:
        return None
    return None


def _year(text: str, today: date) -> int:
    if len(text) == 4:
        return int(text)
    year = 2000 + int(text)
    return year if year <= today.year + 20 else year - 100


def parse_time(text: str) -> time:
    raw = text.strip().lower().replace(" ", "")
    match = _COMPACT_TIME.match(raw)
    if match:
        raw = f"{match[1]}:{match[2]}"
    match = _TIME.match(raw)
    if not match or (match[2] is None and match[4] is None):
        raise CellError(f"'{text.strip()}' is not a time (use 9:00 AM or 14:30)")
    hour, minute, second = int(match[1]), int(match[2] or 0), int(match[3] or 0)
    if match[4]:
        if not 1 <= hour <= 12:
            raise CellError(f"'{text.strip()}' is not a time (hours run 1-12 with AM/PM)")
        hour = hour % 12 + (12 if match[4] == "p" else 0)
    if hour > 23 or minute > 59 or second > 59:
        raise CellError(f"'{text.strip()}' is not a time of day")
    return time(hour, minute, second)


_ENUM_CACHE: dict[tuple[type[StrEnum], str, int], StrEnum] = {}
_TRUE = frozenset({"yes", "y", "true", "t", "1", "x", "si", "sí", "✓", "checked"})
_FALSE = frozenset({"no", "n", "false", "f", "0", "", "unchecked"})


def parse_bool(text: str) -> bool:
    value = text.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise CellError(f"'{text.strip()}' is not yes or no")


def parse_int(text: str, *, minimum: int = 0, maximum: int = 10**6) -> int:
    value = text.strip().replace(",", "")
    try:
        number = int(float(value)) if re.fullmatch(r"\d+(\.0+)?", value) else int(value)
    except ValueError:
        raise CellError(f"'{text.strip()}' is not a whole number") from None
    if not minimum <= number <= maximum:
        raise CellError(f"{number} is out of range ({minimum}-{maximum})")
    return number


def enum_key(text: str) -> str:
    return _enum_key(text)


@lru_cache(maxsize=4096)
def _enum_key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", fold(text)).strip("_")


def parse_enum(text: str, enum_cls: type[E], aliases: dict[str, str] | None = None) -> E:
    """A stored value ('pre_trial') or a label ('Pre-trial'), remembered per spelling."""
    cache_key = (enum_cls, text, id(aliases))
    found = _ENUM_CACHE.get(cache_key)
    if found is not None:
        return found  # type: ignore[return-value]
    key = _enum_key(text)
    if aliases and key in aliases:
        key = aliases[key]
    try:
        value = enum_cls(key)
    except ValueError:
        allowed = ", ".join(e.value for e in enum_cls)
        raise CellError(f"'{text.strip()}' is not one of: {allowed}") from None
    if len(_ENUM_CACHE) < 10_000:
        _ENUM_CACHE[cache_key] = value
    return value


LANGUAGE_NAMES = {
    "english": "en",
    "spanish": "es",
    "espanol": "es",
    "vietnamese": "vi",
    "chinese": "zh",
    "mandarin": "zh",
    "cantonese": "zh",
    "arabic": "ar",
    "haitian_creole": "ht",
    "creole": "ht",
    "kreyol": "ht",
    "russian": "ru",
    "korean": "ko",
    "tagalog": "tl",
    "filipino": "tl",
    "portuguese": "pt",
    "somali": "so",
    "amharic": "am",
    "french": "fr",
}


def parse_language(text: str, known: tuple[str, ...]) -> str:
    key = enum_key(text)
    code = LANGUAGE_NAMES.get(key, key)
    if code not in known:
        raise CellError(f"'{text.strip()}' is not a language CourtSafe knows ({', '.join(known)})")
    return code


def split_list(text: str) -> list[str]:
    """'Ana Pérez; Luis Soto' -> two names (semicolons or line breaks separate)."""
    return [part.strip() for part in re.split(r"[;\n]", text) if part.strip()]
