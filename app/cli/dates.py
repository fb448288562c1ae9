"""Dates typed on the command line, read in the office's time zone."""

from __future__ import annotations

import argparse
from datetime import date, datetime, time
from zoneinfo import ZoneInfo


def parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a date; use YYYY-MM-DD, e.g. 2026-12-01"
        ) from None


def start_of(day: date, zone: str) -> datetime:
    return datetime.combine(day, time.min, tzinfo=ZoneInfo(zone))
