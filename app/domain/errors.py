"""The two kinds of error: ones the user can act on, and bugs.

Everything a person can fix (bad input, wrong passphrase, another desk's edit, a full disk) is a
`UserError` with a message written for them; the CLI prints it on one line and the GUI shows it in a
dialog. Anything else is a bug and reaches the crash handler with a log.
"""

from __future__ import annotations

from collections.abc import Mapping


class UserError(Exception):
    """An error with a message written for the person at the desk."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ValidationError(UserError):
    """Every problem with one input, by field, so a form can show each next to its field."""

    def __init__(self, problems: Mapping[str, str]) -> None:
        self.problems = dict(problems)
        listed = "; ".join(f"{field}: {text}" for field, text in self.problems.items())
        super().__init__(f"Please correct: {listed}")


class NotFoundError(UserError):
    pass


class ConflictError(UserError):
    """Another desk saved the same record first: reload, never overwrite silently."""


class DatabaseError(UserError):
    """A database problem the user can act on (locked, read-only, full disk, unreachable, key)."""


class WrongKeyError(DatabaseError):
    pass


class KeyUnavailableError(DatabaseError):
    pass


class NewerSchemaError(DatabaseError):
    pass
