"""The two backup keys: the office key (secret in this desk's keyring) and the recovery key.

Every backup is encrypted to the public keys stored in the database (office settings), so writing
a backup needs no secret and works on any desk, with or without a keyring. The office secret lives
only in the OS keyring of the desk that created it, under a name derived from its public key, so
two offices (or a demo folder) on one login never overwrite each other's key and a rotated key
keeps its entry. The recovery secret is returned once to the caller, which prints it in the
recovery kit or writes it where the user chooses; CourtSafe never stores it.

Without a secure keyring no office key is made: backups are then encrypted to the recovery key
alone, and verifying or restoring them asks for the recovery key.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from app.domain.errors import UserError
from app.security.age_keys import AgeIdentity, AgeRecipient, generate_identity, identity_file_text
from app.security.errors import SecretStoreUnavailable
from app.security.secrets import OFFICE_BACKUP_IDENTITY, SecretStore
from app.services.office import OfficeService

OFFICE_RECIPIENT = "backup.office_recipient"
RECOVERY_RECIPIENT = "backup.recovery_recipient"
RECOVERY_CREATED_AT = "backup.recovery_created_at"
RETIRED_OFFICE_RECIPIENTS = "backup.retired_office_recipients"
"""Earlier office public keys with the date they were replaced: their secrets may still be in
the keyring of the desk that made them, and open the backups made before the rotation."""

NO_KEYRING_NOTE = (
    "This computer has no secure keyring, so no office key was made: backups are encrypted to "
    "the recovery key only, and verifying or restoring one asks for the recovery key. CourtSafe "
    "never keeps a secret in a plain file."
)

KEYS_EXIST = (
    "Backup keys are already set up. The recovery key was shown once, when it was made, and "
    "CourtSafe does not keep it. To print a new kit, make a new recovery key with "
    "`courtsafe backup rotate-recovery-key --out FILE.pdf` (the old key still opens older "
    "backups)."
)


class BackupNotSetUpError(UserError):
    """No recovery key yet: a backup nobody could open must never be written."""


class BackupKeysExistError(UserError):
    """The keys exist; the recovery secret was shown once and cannot be shown again."""


@dataclass(frozen=True, slots=True)
class RecoveryKey:
    """The recovery secret, handed out once. Print it or save it; CourtSafe forgets it."""

    identity: AgeIdentity
    created_at: datetime

    @property
    def public_key(self) -> str:
        return self.identity.recipient.public_key

    @property
    def label(self) -> str:
        return f"CourtSafe backup recovery key {self.created_at:%Y-%m-%d}"

    def file_text(self) -> str:
        """An age identity file: `age -d -i recovery-key.txt backup.age > backup.tar` reads it."""
        return identity_file_text(self.identity, self.created_at, self.label)


@dataclass(frozen=True, slots=True)
class KeyStatus:
    office_public_key: str | None
    recovery_public_key: str | None
    recovery_created_on: date | None
    keyring_available: bool
    office_secret_here: bool
    """This desk's keyring holds the secret of the current office key."""

    @property
    def set_up(self) -> bool:
        return self.recovery_public_key is not None

    @property
    def note(self) -> str:
        """One plain sentence on what this desk can do with its keys."""
        if not self.set_up:
            return "Backups are not set up yet: create the recovery kit first."
        if not self.keyring_available:
            return NO_KEYRING_NOTE
        if self.office_public_key is None:
            return (
                "Backups are encrypted to the recovery key only (they were set up on a desk "
                "without a keyring); add an office key with `backup setup` on this desk."
            )
        if not self.office_secret_here:
            return (
                "This desk's keyring does not hold the office key (it was made on another "
                "desk): backups are written and read back here, and restoring asks for the "
                "recovery key."
            )
        return "The office key is in this desk's keyring: backups are verified in full."


@dataclass(frozen=True, slots=True)
class SetupResult:
    recovery: RecoveryKey | None
    """None when the recovery key existed already (only an office key was added)."""
    office_public_key: str | None
    note: str


class BackupKeys:
    def __init__(
        self, office: OfficeService, secrets: SecretStore | None, clock: Callable[[], datetime]
    ) -> None:
        self._office = office
        self._secrets = secrets
        self._clock = clock

    def status(self) -> KeyStatus:
        office_key = self._office.setting(OFFICE_RECIPIENT)
        created = self._office.setting(RECOVERY_CREATED_AT)
        return KeyStatus(
            office_public_key=office_key,
            recovery_public_key=self._office.setting(RECOVERY_RECIPIENT),
            recovery_created_on=datetime.fromisoformat(created).date() if created else None,
            keyring_available=self._secrets is not None,
            office_secret_here=office_key is not None and self._secret_for(office_key) is not None,
        )

    def recipients(self) -> list[AgeRecipient]:
        """The public keys every new backup is encrypted to: office (if any), then recovery."""
        recovery = self._office.setting(RECOVERY_RECIPIENT)
        if recovery is None:
            raise BackupNotSetUpError(
                "Backups are not set up yet: create the recovery kit first "
                "(courtsafe backup recovery-kit --out recovery-kit.pdf), then back up."
            )
        office = self._office.setting(OFFICE_RECIPIENT)
        keys = [office, recovery] if office else [recovery]
        return [AgeRecipient(key) for key in keys]

    def office_identities(self) -> list[AgeIdentity]:
        """The office secrets this desk's keyring holds: the current one first, then older ones."""
        public_keys: list[str] = []
        current = self._office.setting(OFFICE_RECIPIENT)
        if current:
            public_keys.append(current)
        retired = self._office.setting(RETIRED_OFFICE_RECIPIENTS, [])
        public_keys += [entry["public_key"] for entry in reversed(retired)]
        found = (self._secret_for(key) for key in public_keys)
        return [identity for identity in found if identity is not None]

    def new_recovery_key(self) -> RecoveryKey:
        """A recovery key that is not in use yet: save or print it, then pass it to `set_up` or
        `rotate_recovery_key`, so a kit that failed to print never leaves an unknown key in use."""
        return RecoveryKey(generate_identity(), self._clock())

    def set_up(self, recovery: RecoveryKey | None = None) -> SetupResult:
        """Put the recovery key in use (a new one unless given; returned once) and, where a
        keyring exists, create the office key. When the recovery key exists already, only a
        missing office key is added (and `recovery` must be None).
        """
        status = self.status()
        if status.set_up and recovery is not None:
            raise BackupKeysExistError(KEYS_EXIST)
        used: RecoveryKey | None = None
        if not status.set_up:
            used = self._use_recovery_key(recovery or self.new_recovery_key())
        office_key = status.office_public_key
        if office_key is None and self._secrets is not None:
            office_key = self._new_office_key()
        elif used is None:
            raise BackupKeysExistError(KEYS_EXIST)
        return SetupResult(used, office_key, self.status().note)

    def rotate_recovery_key(self, recovery: RecoveryKey | None = None) -> RecoveryKey:
        """A new recovery key for new backups; the old one still opens the backups made before."""
        if not self.status().set_up:
            raise BackupNotSetUpError("Backups are not set up yet: create the recovery kit first.")
        return self._use_recovery_key(recovery or self.new_recovery_key())

    def rotate_office_key(self, *, forget_old: bool = False) -> str:
        """A new office key for new backups. Returns its public key.

        The old secret stays in the keyring (so older backups still open without the recovery
        key) unless `forget_old`; the recovery key opens them either way.
        """
        if self._secrets is None:
            raise SecretStoreUnavailable(NO_KEYRING_NOTE)
        if not self.status().set_up:
            raise BackupNotSetUpError("Backups are not set up yet: create the recovery kit first.")
        old = self._office.setting(OFFICE_RECIPIENT)
        new_key = self._new_office_key()
        if old:
            retired = list(self._office.setting(RETIRED_OFFICE_RECIPIENTS, []))
            retired.append({"public_key": old, "retired_at": self._clock().isoformat()})
            self._office.set_setting(RETIRED_OFFICE_RECIPIENTS, retired)
            if forget_old:
                self._secrets.delete(office_secret_name(old))
        return new_key

    def recovery_kit_pdf(self, recovery: RecoveryKey) -> bytes:
        """The printed recovery kit: the secret as text and QR code, with restore instructions."""
        # ReportLab loads only when a kit is printed, not at every start-up.
        from app.documents.data import OfficeInfo, RecoveryKitData
        from app.documents.recovery_kit import render_recovery_kit

        office = self._office.get()
        if office is None:
            info = OfficeInfo("CourtSafe", (), "")
        else:
            lines = tuple(line.strip() for line in office.address.splitlines() if line.strip())
            info = OfficeInfo(
                office.name, lines, office.phone, office.email, office.letterhead_logo
            )
        data = RecoveryKitData(
            office=info,
            secret_key=recovery.identity.secret_key,
            created_on=recovery.created_at.date(),
            public_key=recovery.public_key,
            key_label=recovery.label,
        )
        return render_recovery_kit(data)

    # -- helpers --------------------------------------------------------------------------------

    def _use_recovery_key(self, recovery: RecoveryKey) -> RecoveryKey:
        self._office.set_setting(RECOVERY_RECIPIENT, recovery.public_key)
        self._office.set_setting(RECOVERY_CREATED_AT, recovery.created_at.isoformat())
        return recovery

    def _new_office_key(self) -> str:
        assert self._secrets is not None
        identity = generate_identity()
        public_key = identity.recipient.public_key
        # Keyring first: a public key in the database whose secret was never stored would make
        # every new backup depend on the recovery key alone without anyone noticing.
        self._secrets.set(office_secret_name(public_key), identity.secret_key)
        self._office.set_setting(OFFICE_RECIPIENT, public_key)
        return public_key

    def _secret_for(self, public_key: str) -> AgeIdentity | None:
        if self._secrets is None:
            return None
        try:
            text = self._secrets.get(office_secret_name(public_key))
        except SecretStoreUnavailable:
            return None
        if not text:
            return None
        identity = AgeIdentity(text)
        return identity if identity.recipient.public_key == public_key else None


def office_secret_name(public_key: str) -> str:
    """The keyring entry of one office key: one per key, so rotation and two offices coexist."""
    digest = hashlib.sha256(public_key.encode("ascii")).hexdigest()[:16]
    return f"{OFFICE_BACKUP_IDENTITY}:{digest}"
