"""Errors the user can act on, raised by the security layer and the backup format.

Every message is written for the person at the desk: what went wrong and what to do next. Bugs are
not modelled here; they stay ordinary exceptions and reach the crash dialog.
"""

from __future__ import annotations

from app.domain.errors import UserError


class UserFacingError(UserError):
    """Base of the security and backup errors; shown to the user as is, like every UserError."""


class SecretStoreUnavailable(UserFacingError):
    """No secure OS secret store can hold a secret; CourtSafe never falls back to plaintext."""


class KeyFormatError(UserFacingError):
    """An age identity (secret key) or recipient (public key) is malformed."""


class BackupError(UserFacingError):
    """A backup cannot be written, read, verified or restored."""


class WrongKeyError(BackupError):
    """None of the given keys opens the backup (or its header is damaged)."""


class NotABackupError(BackupError):
    """The file is not an age-encrypted CourtSafe backup."""


class BackupDamagedError(BackupError):
    """The encrypted data or the archive inside it is corrupted."""


class BackupTruncatedError(BackupDamagedError):
    """The file ends too early: an interrupted copy or a full disk."""


class UnsupportedBackupVersionError(BackupError):
    """The backup was made by a newer CourtSafe with a format this version cannot read."""


class BackupSchemaMismatchError(BackupError):
    """The backup's tables or columns differ from the schema it is being restored into."""


class BackupWriteError(BackupError):
    """The backup file could not be written (disk full, no permission, drive removed)."""


class RestoreTargetNotEmptyError(BackupError):
    """A restore only loads into an empty database, never over existing data."""
