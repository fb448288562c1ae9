"""Turn driver exceptions into messages a person can act on; leave bugs alone.

The split follows qutebrowser's sql.py: known error codes and messages become `DatabaseError`s with
advice, everything else propagates unchanged to the crash handler.
"""

from __future__ import annotations

import errno

from sqlalchemy import exc as sa_exc

from app.domain.errors import DatabaseError, WrongKeyError

_SQLITE_ADVICE: tuple[tuple[str, type[DatabaseError], str], ...] = (
    (
        "file is not a database",
        WrongKeyError,
        "The database could not be opened: the key or passphrase is wrong, or the file is not a "
        "CourtSafe database.",
    ),
    (
        "database is locked",
        DatabaseError,
        "The database is busy in another window or program. Close it there and try again.",
    ),
    (
        "attempt to write a readonly database",
        DatabaseError,
        "The database file is read-only. Check the file's permissions or the drive it is on.",
    ),
    (
        "readonly database",
        DatabaseError,
        "The database file is read-only. Check the file's permissions or the drive it is on.",
    ),
    (
        "database or disk is full",
        DatabaseError,
        "The disk is full. Free some space; nothing was saved.",
    ),
    (
        "unable to open database file",
        DatabaseError,
        "The database file could not be opened. Check that its folder exists and is writable.",
    ),
    (
        "disk i/o error",
        DatabaseError,
        "The disk reported an error while writing. Check the drive; nothing was saved.",
    ),
)

_POSTGRES_ADVICE: tuple[tuple[str, type[DatabaseError], str], ...] = (
    (
        "password authentication failed",
        WrongKeyError,
        "The office server refused the user name or password.",
    ),
    (
        "connection refused",
        DatabaseError,
        "The office database server is not answering. Check the network and that the server "
        "is running.",
    ),
    (
        "could not translate host name",
        DatabaseError,
        "The office database server's name could not be found. Check the server address.",
    ),
    (
        "no such file or directory",
        DatabaseError,
        "The office database server is not answering. Check that the server is running.",
    ),
    (
        "does not exist",
        DatabaseError,
        "The office server has no such database or user. Check the database address.",
    ),
    (
        "timeout expired",
        DatabaseError,
        "The office database server did not answer in time. Check the network.",
    ),
    (
        "read-only transaction",
        DatabaseError,
        "The office database server is read-only at the moment. Try again later.",
    ),
    (
        "could not extend file",
        DatabaseError,
        "The office database server's disk is full. Ask whoever runs the server to free space.",
    ),
)


def user_facing(error: BaseException) -> DatabaseError | None:
    """The `DatabaseError` a person can act on for this exception, or None if it is a bug."""
    if isinstance(error, OSError) and error.errno == errno.ENOSPC:
        return DatabaseError("The disk is full. Free some space; nothing was saved.")
    if not isinstance(error, sa_exc.DBAPIError):
        return None
    text = str(error.orig).lower() if error.orig is not None else str(error).lower()
    module = type(error.orig).__module__ if error.orig is not None else ""
    table = _POSTGRES_ADVICE if module.startswith("psycopg") else _SQLITE_ADVICE
    for needle, kind, advice in table:
        if needle in text:
            return kind(advice)
    if isinstance(error, sa_exc.OperationalError) and module.startswith("psycopg"):
        return DatabaseError(
            "The office database server could not be reached or refused the request: "
            f"{_first_line(str(error.orig))}"
        )
    return None


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else "no details"
