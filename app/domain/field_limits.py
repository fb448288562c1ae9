"""How long each text field may be: one table for the forms, the services and the importer.

A name pasted twice, or a spreadsheet cell holding a whole letter, must be refused the same way
whichever door it comes through, with the same words, before the database sees it (PostgreSQL
would refuse it with an error nobody can act on; SQLite would keep it and break every page that
prints it). Bounded columns use the length of their database column; unbounded text (notes,
addresses, what happened) gets a ceiling a person would never reach by typing.
"""

from __future__ import annotations

from collections.abc import Mapping

NAME = 200
NOTES = 20_000
ADDRESS = 2_000
SAFE_CONTACT = 2_000

LIMITS: Mapping[str, Mapping[str, int]] = {
    "client": {
        "given_name": NAME,
        "family_name": NAME,
        "preferred_name": NAME,
        "a_number": 20,  # compared before normalising: "A-123-456-789" is typed with dashes
        "phone": 60,
        "email": 200,
        "address": ADDRESS,
        "safe_contact": SAFE_CONTACT,
        "status_document": 200,
        "notes": NOTES,
    },
    "criminal_history": {"offence": 300},
    "case": {"docket_number": 100, "court_name": NAME, "notes": NOTES},
    "case_party": {"name": 300, "relationship_note": 200},
    "hearing": {
        "courtroom": 60,
        "judge": 200,
        "join_url": 500,
        "join_phone": 60,
        "meeting_id": 60,
        "passcode": 60,
        "notes": NOTES,
    },
    "courthouse": {
        "name": NAME,
        "address": ADDRESS,
        "city": 120,
        "postal_code": 20,
        "time_zone": 64,
        "ice_field_office_key": 80,
        "notes": NOTES,
    },
    "incident": {
        "location_text": 300,
        "city": 120,
        "agency": 120,
        "summary": NOTES,
        "markings": 200,
    },
    "staff": {"name": NAME, "bar_number": 60, "email": 200},
}


def limit(entity: str, field: str) -> int:
    return LIMITS[entity][field]


def too_long(value: str | None, maximum: int) -> str | None:
    """The problem with a value longer than `maximum` characters (spaces around it not counted)."""
    if value is None:
        return None
    length = len(value.strip())
    if length <= maximum:
        return None
    return f"too long: {length:,} characters; at most {maximum:,}"


def check_lengths(
    problems: dict[str, str],
    entity: str,
    values: Mapping[str, object],
    prefix: str = "",
) -> None:
    """Note every text value of `entity` that is over its limit, as `prefix + field`."""
    for field, maximum in LIMITS[entity].items():
        value = values.get(field)
        if isinstance(value, str):
            problem = too_long(value, maximum)
            if problem is not None:
                problems.setdefault(prefix + field, problem)
