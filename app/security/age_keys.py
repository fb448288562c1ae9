"""age X25519 key pairs: the office key (secret in the keyring) and the recovery key (printed once).

pyrage ships no type information, so its objects never leave this module and `age_files`; the rest
of the app sees `AgeIdentity` (secret) and `AgeRecipient` (public) values, validated when made.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import pyrage

from app.security.errors import KeyFormatError

_SECRET_PREFIX = "AGE-SECRET-KEY-1"
_PUBLIC_PREFIX = "age1"


@dataclass(frozen=True, slots=True)
class AgeRecipient:
    """A public key (`age1...`): anyone holding it can encrypt a backup, nobody can read one."""

    public_key: str

    def __post_init__(self) -> None:
        _parse_recipient(self.public_key)

    def __str__(self) -> str:
        return self.public_key

    def to_pyrage(self) -> Any:
        return _parse_recipient(self.public_key)


@dataclass(frozen=True, slots=True)
class AgeIdentity:
    """A secret key (`AGE-SECRET-KEY-1...`). Its text never appears in repr() or logs."""

    secret_key: str = field(repr=False)

    def __post_init__(self) -> None:
        _parse_identity(self.secret_key)

    def __str__(self) -> str:
        return f"AgeIdentity({self.recipient.public_key})"

    @property
    def recipient(self) -> AgeRecipient:
        return AgeRecipient(str(_parse_identity(self.secret_key).to_public()))

    def to_pyrage(self) -> Any:
        return _parse_identity(self.secret_key)


def generate_identity() -> AgeIdentity:
    """A new random X25519 identity (office key or recovery key)."""
    return AgeIdentity(str(pyrage.x25519.Identity.generate()))


def parse_identity(text: str) -> AgeIdentity:
    """Accept a bare secret key or the contents of an age identity file (first key wins)."""
    identities = parse_identity_file_text(text)
    return identities[0]


def parse_recipient(text: str) -> AgeRecipient:
    return AgeRecipient(text.strip())


def parse_identity_file_text(text: str) -> list[AgeIdentity]:
    """Parse age identity-file syntax: `#` comments, blank lines, one secret key per line."""
    keys = [
        line.strip()
        for line in text.splitlines()
        if line.strip() and not line.strip().startswith("#")
    ]
    if not keys:
        raise KeyFormatError(
            "No secret key found. A recovery key is a line that starts with "
            f"{_SECRET_PREFIX} (copy it exactly from the recovery kit)."
        )
    return [AgeIdentity(key) for key in keys]


def load_identity_file(path: Path) -> list[AgeIdentity]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise KeyFormatError(f"{path.name} is not a text key file.") from exc
    except OSError as exc:
        raise KeyFormatError(f"Cannot read the key file {path}: {exc.strerror or exc}.") from exc
    return parse_identity_file_text(text)


def identity_file_text(identity: AgeIdentity, created_at: datetime, label: str) -> str:
    """The identity in the file layout of `age-keygen`, which stock `age -d -i FILE` reads."""
    return (
        f"# {label}\n"
        f"# created: {created_at.isoformat(timespec='seconds')}\n"
        f"# public key: {identity.recipient.public_key}\n"
        f"{identity.secret_key}\n"
    )


def _parse_identity(text: str) -> Any:
    if not text.upper().startswith(_SECRET_PREFIX):
        raise KeyFormatError(
            f"This is not an age secret key: it must start with {_SECRET_PREFIX}."
            + (" This looks like a public key." if text.startswith(_PUBLIC_PREFIX) else "")
        )
    try:
        return pyrage.x25519.Identity.from_str(text)
    except pyrage.IdentityError as exc:
        raise KeyFormatError(
            "This secret key is damaged or mistyped (its checksum does not match). "
            "Copy it again exactly from the recovery kit."
        ) from exc


def _parse_recipient(text: str) -> Any:
    if not text.startswith(_PUBLIC_PREFIX):
        raise KeyFormatError(f"This is not an age public key: it must start with {_PUBLIC_PREFIX}.")
    try:
        return pyrage.x25519.Recipient.from_str(text)
    except pyrage.RecipientError as exc:
        raise KeyFormatError("This public key is damaged or mistyped.") from exc
