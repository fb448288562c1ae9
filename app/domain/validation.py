"""Checks on input that the domain owns: every problem is collected, never only the first."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from functools import cache
from zoneinfo import available_timezones

A_NUMBER = re.compile(r"^A?(\d{8,9})$")


def normalise_a_number(value: str) -> str | None:
    """'A-123-456-789', 'a123456789' -> 'A123456789'; None if it is not an A-number."""
    compact = re.sub(r"[\s\-]", "", value).upper()
    match = A_NUMBER.match(compact)
    if not match:
        return None
    return "A" + match.group(1)


def check_a_number(problems: dict[str, str], field: str, value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    normalised = normalise_a_number(value)
    if normalised is None:
        problems[field] = "an A-number is the letter A followed by 8 or 9 digits, e.g. A123456789"
    return normalised


def require(problems: dict[str, str], field: str, value: str | None, label: str) -> None:
    if value is None or not value.strip():
        problems[field] = f"{label} is required"


def check_not_future(problems: dict[str, str], field: str, value: date | None, today: date) -> None:
    if value is not None and value > today:
        problems[field] = "cannot be in the future"


def check_state(problems: dict[str, str], field: str, value: str) -> None:
    if value and not re.fullmatch(r"[A-Z]{2}", value):
        problems[field] = "use the two-letter state code, e.g. CO"


@cache
def _zones() -> frozenset[str]:
    return frozenset(available_timezones())


def check_time_zone(problems: dict[str, str], field: str, value: str) -> None:
    if value not in _zones():
        problems[field] = f"'{value}' is not a time zone name such as America/Denver"


def check_join_url(problems: dict[str, str], field: str, value: str) -> None:
    """A hearing's video link: a web address, never a script or a file a click would open."""
    text = value.strip()
    if not text:
        return
    if any(ch.isspace() for ch in text):
        problems[field] = "a video link has no spaces; paste the link the court sent"
        return
    scheme, _, rest = text.partition("://")
    if rest and scheme.lower() not in ("http", "https"):
        problems[field] = "a video link starts with https://"
    elif not rest and (":" in text.split("/", 1)[0] or "." not in text):
        problems[field] = "a video link looks like https://court.zoomgov.com/j/…"


def check_join_details(
    problems: dict[str, str], remote: bool, details: Mapping[str, str]
) -> None:
    """Join details belong to remote and hybrid hearings: an in-person hearing that carries a
    link would send the client two ways at once."""
    if remote:
        return
    for field, value in details.items():
        if value.strip():
            problems[field] = (
                "an in-person hearing has no video link, dial-in, meeting ID or passcode; "
                "set the appearance to remote or hybrid, or clear it"
            )
            return
