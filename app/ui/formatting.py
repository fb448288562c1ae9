"""How dates, times and enum values read on screen."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from app.domain.enums import label


def when_local(moment: datetime, zone: str | None = None) -> str:
    """'Mon 30 Nov 2026, 09:00 MST' in the given zone (the courthouse's)."""
    local = moment.astimezone(ZoneInfo(zone)) if zone else moment
    return f"{local:%a %d %b %Y, %H:%M} {local.tzname() or ''}".rstrip()


def when_short(moment: datetime, zone: str | None = None) -> str:
    """'Mon 30 Nov, 09:00 MST': lists of the coming weeks need no year."""
    local = moment.astimezone(ZoneInfo(zone)) if zone else moment
    return f"{local:%a %d %b, %H:%M} {local.tzname() or ''}".rstrip()


def day_text(value: date | None) -> str:
    return value.strftime("%d %b %Y") if value else ""


def enum_text(value: StrEnum | None) -> str:
    return label(value) if value is not None else ""


def yes_no(value: bool) -> str:
    return "Yes" if value else "No"
