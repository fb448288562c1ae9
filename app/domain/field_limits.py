"""How long each text field may be: one table for the forms, the services and the importer.

A name pasted twice, or a spreadsheet cell holding a whole letter, must be refused the same way
whichever door it comes through, with the same words, before the database sees it (PostgreSQL
would refuse it with an error nobody can act on; SQLite would keep it and break every page that
prints it). Bounded columns use the length of their database column; unbounded text (notes,
addresses, what happened) gets a ceiling a person would never reach by typing.

The same table refuses hidden characters in every short field (names, docket numbers, courtrooms,
places): see `hidden_character`.
"""

from __future__ import annotations

import unicodedata
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


# Free text is read as a block, never shown in a list row or compared for conflicts, and people
# writing Arabic or Hebrew put direction marks in it on purpose: it is not checked for them.
FREE_TEXT = frozenset({"notes", "summary", "address", "safe_contact"})

ZWNJ = "\u200c"
ZWJ = "\u200d"
_HIDDEN = frozenset({"Cc", "Cf", "Zl", "Zp"})
_JOINERLESS_SCRIPTS = ("LATIN", "GREEK", "CYRILLIC", "COMBINING")


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


def is_free_text(field: str) -> bool:
    return field in FREE_TEXT


def hidden_character(value: str | None) -> str | None:
    """The problem with a character that changes how a name shows without being seen, if any.

    A right-to-left override (U+202E) turns "Ana zeréP" into "Ana Pérez" on screen while search,
    sorting and the conflict check see something else; marks, isolates, embeddings, zero-width
    spaces, soft hyphens, byte-order marks and control characters do the same more quietly. Every
    format or control character is refused, named by its code so the message never repeats the
    name. Two are needed in real names and stay allowed where they join a word: the zero-width
    non-joiner (U+200C: the Persian name Nikpour is نیک, U+200C, پور) and the joiner (U+200D:
    Devanagari half forms, Malayalam chillu letters after a virama), right after a letter or sign
    of a script that uses them. At the start, after a space, after another hidden character, or
    inside a Latin, Greek or Cyrillic word (where they show nothing) they are refused like the
    rest. Spaces around the value are not counted, as for the length.
    """
    if not value or (value.isascii() and value.isprintable()):
        return None  # printable ASCII holds no format or control character
    previous = ""
    for ch in value.strip():
        if unicodedata.category(ch) in _HIDDEN and not _joins_a_word(ch, previous):
            name = unicodedata.name(ch, "") or _CONTROL_NAMES.get(ch, "CONTROL CHARACTER")
            return (
                f"has a hidden character (U+{ord(ch):04X} {name}) that can make it show as "
                "something else; type it again without it"
            )
        previous = ch
    return None


def _joins_a_word(ch: str, previous: str) -> bool:
    if ch not in (ZWNJ, ZWJ) or not previous or previous.isascii():
        return False
    if unicodedata.category(previous)[0] not in "LM":
        return False
    return not unicodedata.name(previous, "").startswith(_JOINERLESS_SCRIPTS)


# Control characters have no Unicode name; these are the ones a paste brings in.
_CONTROL_NAMES = {
    "\t": "CHARACTER TABULATION",
    "\n": "LINE FEED",
    "\r": "CARRIAGE RETURN",
    "\x0b": "LINE TABULATION",
    "\x0c": "FORM FEED",
    "\x85": "NEXT LINE",
}


def text_problem(value: str | None, maximum: int, *, free_text: bool = False) -> str | None:
    """The first problem with one text value: too long, or (unless free text) hidden characters."""
    problem = too_long(value, maximum)
    if problem is None and not free_text:
        problem = hidden_character(value)
    return problem


def check_lengths(
    problems: dict[str, str],
    entity: str,
    values: Mapping[str, object],
    prefix: str = "",
) -> None:
    """Note every text value of `entity` that is over its limit or carries a hidden character
    (free text excepted), as `prefix + field`."""
    for field, maximum in LIMITS[entity].items():
        value = values.get(field)
        if isinstance(value, str):
            problem = text_problem(value, maximum, free_text=is_free_text(field))
            if problem is not None:
                problems.setdefault(prefix + field, problem)
