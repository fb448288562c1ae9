"""The copy of the database kept under its old key while the key changes, and its leftovers.

The copy sits beside the database as `<name>.before-rekey-<UTC stamp>` (written 0600 as
`….partial` first, so a complete copy is never confused with one cut short). Only a kill or a
power cut between writing it and the end of the change leaves one behind; the rule for those is
in `app.services.database.open_database`.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine

from app.domain.errors import DatabaseError

MARK = ".before-rekey-"
PARTIAL = ".partial"


def leftovers(database: Path) -> list[Path]:
    """Every copy (complete or partial) an earlier key change left beside `database`."""
    return sorted(database.parent.glob(f"{database.name}{MARK}*"))


def complete_leftovers(database: Path) -> list[Path]:
    return [path for path in leftovers(database) if not path.name.endswith(PARTIAL)]


def write_copy(engine: Engine, database: Path) -> Path:
    """A consistent copy of the open database, under its current key, readable by no one else."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = database.with_name(f"{database.name}{MARK}{stamp}")
    partial = target.with_name(target.name + PARTIAL)
    # Created here, empty and 0600, whatever the umask: SQLite keeps the mode of a file it finds.
    os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
    os.chmod(partial, 0o600)
    with engine.connect() as connection:
        raw = connection.connection.dbapi_connection
        assert raw is not None
        raw.execute("VACUUM INTO ?", (str(partial),))  # keeps the connection's key
    _fsync(partial)
    partial.replace(target)
    return target


def ensure_intact(engine: Engine, database: Path) -> None:
    """Refuse to go on when the database, open with the key the desk now uses, fails SQLite's
    quick check: the leftovers may then be the only good copy, and they are kept."""
    with engine.connect() as connection:
        verdict = connection.exec_driver_sql("PRAGMA quick_check").scalar()
    if verdict != "ok":
        kept = ", ".join(path.name for path in complete_leftovers(database)) or "none complete"
        raise DatabaseError(
            f"The database file {database} is damaged after an interrupted change of its key. "
            f"The copy made before the change is kept beside it ({kept}); it opens with the "
            "previous key or passphrase. Nothing was deleted."
        )


def remove_leftovers(database: Path) -> None:
    for path in leftovers(database):
        path.unlink(missing_ok=True)


def interrupted_message(database: Path) -> str | None:
    """What to tell the user when the file opens with no key given and a copy was left."""
    copies = complete_leftovers(database)
    if not copies:
        return None
    names = ", ".join(path.name for path in copies)
    return (
        f"A change of the database key was interrupted, and {database.name} does not open with "
        "the key or passphrase given. If you chose a new passphrase, give that one. The copy "
        f"made before the change is kept beside the database ({names}); it opens with the "
        "previous key or passphrase. Nothing was deleted."
    )


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
