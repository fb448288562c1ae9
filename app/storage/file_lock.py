"""A lock file beside the embedded database: every open CourtSafe holds it shared.

Restoring in place replaces the database file; a second window or a script with the old file open
would go on writing into a file nobody reads again. The restore therefore needs the lock alone
(exclusive); any other holder makes it refuse with a clear message. Where `fcntl` is missing
(Windows), the operating system already refuses to replace a file that is open elsewhere.
"""

from __future__ import annotations

import os
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

from app.domain.errors import DatabaseError


class DatabaseLock:
    def __init__(self, database: Path) -> None:
        self.path = database.with_name(database.name + ".lock")
        self._fd: int | None = None

    def acquire_shared(self) -> None:
        if fcntl is None or self._fd is not None:
            return
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise DatabaseError(
                "The database is being restored from a backup in another window. Wait for it "
                "to finish, then open CourtSafe again."
            ) from None
        self._fd = fd

    def try_exclusive(self) -> bool:
        """True when no other CourtSafe holds the database; the lock is then ours alone."""
        if fcntl is None or self._fd is None:
            return True
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fcntl.flock(self._fd, fcntl.LOCK_SH)
            return False
        return True

    def release(self) -> None:
        if self._fd is not None and fcntl is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
        self._fd = None
