"""Streaming age encryption and decryption with errors the user can act on.

pyrage reads and writes in 8 KiB steps, so memory stays flat whatever the file size. Decryption
authenticates each 64 KiB chunk as it goes: plaintext before a damaged chunk has already been handed
to the writer when the error is raised, so callers must treat output as untrusted until the call
returns.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol

import pyrage

from app.security.age_keys import AgeIdentity, AgeRecipient
from app.security.errors import (
    BackupDamagedError,
    BackupTruncatedError,
    NotABackupError,
    WrongKeyError,
)

AGE_MAGIC = b"age-encryption.org/v1\n"
_CHUNK = 64 * 1024
_TAG = 16
_NONCE = 16
_MAX_HEADER = 64 * 1024

_NOT_AGE = "{name} is not an encrypted CourtSafe backup (it is not an age file)."
_HEADER_CUT = "{name} is incomplete: its encryption header is cut short. Use another backup."


class Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


class Writable(Protocol):
    def write(self, data: bytes, /) -> int: ...


@dataclass(frozen=True, slots=True)
class AgeHeader:
    """What can be checked of an age file without any key."""

    recipient_types: tuple[str, ...]
    header_length: int
    payload_length: int

    @property
    def x25519_recipients(self) -> int:
        return self.recipient_types.count("X25519")


def encrypt_stream(reader: Readable, writer: Writable, recipients: Sequence[AgeRecipient]) -> None:
    """Encrypt everything `reader` yields to every recipient.

    Reader and writer errors (a database error, a full disk) propagate unchanged.
    """
    if not recipients:
        raise ValueError("at least one recipient is required")
    guarded = _Guarded(reader, writer)
    try:
        pyrage.encrypt_io(guarded, guarded, [r.to_pyrage() for r in recipients])
    except pyrage.EncryptError:
        if guarded.error is not None:
            raise guarded.error from None
        raise


def decrypt_stream(
    reader: BinaryIO, writer: Writable, identities: Sequence[AgeIdentity], *, name: str = "file"
) -> None:
    """Decrypt into `writer`; writer errors propagate unchanged, age errors become BackupErrors."""
    if not identities:
        raise ValueError("at least one identity is required")
    with _age_errors(name, reader):
        pyrage.decrypt_io(reader, writer, [i.to_pyrage() for i in identities])


def encrypt_file(src: Path, dst: Path, recipients: Sequence[AgeRecipient]) -> None:
    with src.open("rb") as reader, dst.open("wb") as writer:
        encrypt_stream(reader, writer, recipients)


def decrypt_file(src: Path, dst: Path, identities: Sequence[AgeIdentity]) -> None:
    with src.open("rb") as reader, dst.open("wb") as writer:
        decrypt_stream(reader, writer, identities, name=src.name)


def read_age_header(path: Path) -> AgeHeader:
    """Parse the plaintext header and check the payload length is one age can produce."""
    size = path.stat().st_size
    with path.open("rb") as handle:
        head = handle.read(_MAX_HEADER)
    if not head.startswith(AGE_MAGIC):
        raise NotABackupError(_NOT_AGE.format(name=path.name))
    end = head.find(b"\n---")
    if end < 0:
        raise BackupTruncatedError(_HEADER_CUT.format(name=path.name))
    mac_end = head.find(b"\n", end + 1)
    if mac_end < 0:
        raise BackupTruncatedError(_HEADER_CUT.format(name=path.name))
    types = tuple(
        line[3:].split(b" ", 1)[0].decode("ascii", "replace")
        for line in head[:end].split(b"\n")
        if line.startswith(b"-> ")
    )
    header_length = mac_end + 1
    payload = size - header_length
    if not _plausible_payload_length(payload):
        raise BackupTruncatedError(
            f"{path.name} is incomplete: it ends in the middle of the encrypted data "
            "(an interrupted copy or a full disk). Use another backup."
        )
    return AgeHeader(types, header_length, payload)


def _plausible_payload_length(payload: int) -> bool:
    """age payload: a 16-byte nonce, then chunks of up to 64 KiB each followed by a 16-byte tag."""
    body = payload - _NONCE
    if body < _TAG:
        return False
    if body == _TAG:
        return True  # empty plaintext
    remainder = body % (_CHUNK + _TAG)
    return remainder == 0 or remainder > _TAG


@contextmanager
def _age_errors(name: str, reader: BinaryIO) -> Iterator[None]:
    try:
        yield
    except pyrage.DecryptError as exc:
        raise _classify(str(exc), name, _starts_like_age(reader)) from exc
    except OSError as exc:
        if exc.errno is None and "decryption error" in str(exc):
            if _looks_truncated(reader):
                raise BackupTruncatedError(
                    f"{name} is incomplete: it ends in the middle of the encrypted data "
                    "(an interrupted copy or a full disk). Use another backup."
                ) from exc
            raise BackupDamagedError(
                f"{name} is damaged or incomplete: part of the encrypted data does not match "
                "its checksum (a disk or copy error). Use another backup."
            ) from exc
        raise


def _starts_like_age(reader: BinaryIO) -> bool:
    try:
        reader.seek(0)
        return reader.read(len(AGE_MAGIC)) == AGE_MAGIC
    except (OSError, ValueError):
        return False


def _classify(detail: str, name: str, starts_like_age: bool = False) -> Exception:
    if "No matching keys" in detail:
        return WrongKeyError(
            f"{name} cannot be opened with this key. Use the office key of the computer that made "
            "it or the recovery key from the recovery kit (if the key is right, the file's header "
            "is damaged)."
        )
    if "Header is invalid" in detail or "armor" in detail or "Unknown format" in detail:
        if starts_like_age:  # an age file whose header no longer parses: damage, not a stranger
            return BackupDamagedError(
                f"{name} is damaged: its encryption header does not check out. "
                "Use another backup."
            )
        return NotABackupError(_NOT_AGE.format(name=name))
    if "fill whole buffer" in detail or "UnexpectedEof" in detail:
        return BackupTruncatedError(f"{name} is incomplete: it ends too early. Use another backup.")
    return BackupDamagedError(
        f"{name} is damaged: its encryption header does not check out ({detail}). "
        "Use another backup."
    )


def _looks_truncated(reader: BinaryIO) -> bool:
    """Best effort: a file whose length age could never produce was cut short."""
    try:
        size = os.fstat(reader.fileno()).st_size
        reader.seek(0)
        head = reader.read(_MAX_HEADER)
    except (OSError, ValueError, AttributeError):
        return False
    end = head.find(b"\n---")
    mac_end = head.find(b"\n", end + 1) if end >= 0 else -1
    if mac_end < 0:
        return True
    return not _plausible_payload_length(size - mac_end - 1)


class _Guarded:
    """Keeps the reader's and writer's own exceptions: pyrage flattens them into EncryptError."""

    def __init__(self, reader: Readable, writer: Writable) -> None:
        self._reader = reader
        self._writer = writer
        self.error: BaseException | None = None

    def read(self, size: int = -1) -> bytes:
        try:
            return self._reader.read(size)
        except BaseException as exc:
            self.error = exc
            raise

    def write(self, data: bytes) -> int:
        try:
            return self._writer.write(data)
        except BaseException as exc:
            self.error = exc
            raise
