"""age keys and streaming encryption: validation and errors the user can act on."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.security.age_files import decrypt_file, encrypt_file, read_age_header
from app.security.age_keys import (
    AgeIdentity,
    generate_identity,
    identity_file_text,
    load_identity_file,
    parse_identity,
    parse_recipient,
)
from app.security.errors import (
    BackupDamagedError,
    BackupTruncatedError,
    KeyFormatError,
    NotABackupError,
    WrongKeyError,
)


def test_generated_identity_round_trips_through_text_and_file(tmp_path: Path) -> None:
    identity = generate_identity()
    assert identity.secret_key.startswith("AGE-SECRET-KEY-1")
    assert identity.recipient.public_key.startswith("age1")
    assert identity.secret_key not in repr(identity)
    assert identity.secret_key not in str(identity)
    text = identity_file_text(
        identity, datetime(2026, 11, 26, tzinfo=UTC), "CourtSafe recovery key"
    )
    path = tmp_path / "recovery.txt"
    path.write_text(text, encoding="utf-8")
    assert load_identity_file(path) == [identity]
    assert parse_identity(text) == identity
    assert parse_recipient(identity.recipient.public_key) == identity.recipient


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "No secret key"),
        ("# only a comment\n", "No secret key"),
        ("hello", "must start with AGE-SECRET-KEY-1"),
        ("AGE-SECRET-KEY-1QQQQ", "damaged or mistyped"),
        ("age1qqqq", "looks like a public key"),
    ],
)
def test_malformed_identity_has_clear_message(text: str, message: str) -> None:
    with pytest.raises(KeyFormatError, match=message):
        parse_identity(text)


def test_mistyped_identity_character_is_caught() -> None:
    secret = generate_identity().secret_key
    typo = secret[:-3] + ("Q" if secret[-3] != "Q" else "P") + secret[-2:]
    with pytest.raises(KeyFormatError, match="damaged or mistyped"):
        AgeIdentity(typo)


def test_malformed_recipient() -> None:
    with pytest.raises(KeyFormatError, match="must start with age1"):
        parse_recipient("AGE-SECRET-KEY-1")
    with pytest.raises(KeyFormatError, match="damaged"):
        parse_recipient("age1qqqqqqqq")


def test_identity_file_that_is_binary(tmp_path: Path) -> None:
    path = tmp_path / "key.bin"
    path.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(KeyFormatError, match="not a text key file"):
        load_identity_file(path)


@pytest.fixture
def encrypted(tmp_path: Path) -> tuple[Path, bytes, AgeIdentity, AgeIdentity]:
    office, recovery = generate_identity(), generate_identity()
    plain = os.urandom(300_000)
    src, dst = tmp_path / "plain.bin", tmp_path / "file.age"
    src.write_bytes(plain)
    encrypt_file(src, dst, [office.recipient, recovery.recipient])
    return dst, plain, office, recovery


def test_both_recipients_decrypt(
    encrypted: tuple[Path, bytes, AgeIdentity, AgeIdentity], tmp_path: Path
) -> None:
    path, plain, office, recovery = encrypted
    assert read_age_header(path).x25519_recipients == 2
    for identity in (office, recovery):
        out = tmp_path / "out.bin"
        decrypt_file(path, out, [identity])
        assert out.read_bytes() == plain


def _flip(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x01
    path.write_bytes(bytes(data))


def test_wrong_key(encrypted: tuple[Path, bytes, AgeIdentity, AgeIdentity], tmp_path: Path) -> None:
    with pytest.raises(WrongKeyError, match="recovery key"):
        decrypt_file(encrypted[0], tmp_path / "out", [generate_identity()])


def test_corrupted_payload(
    encrypted: tuple[Path, bytes, AgeIdentity, AgeIdentity], tmp_path: Path
) -> None:
    path = encrypted[0]
    _flip(path, path.stat().st_size // 2)
    with pytest.raises(BackupDamagedError, match="damaged"):
        decrypt_file(path, tmp_path / "out", [encrypted[2]])


def test_truncated_payload(
    encrypted: tuple[Path, bytes, AgeIdentity, AgeIdentity], tmp_path: Path
) -> None:
    path = encrypted[0]
    path.write_bytes(path.read_bytes()[:-100])
    with pytest.raises(BackupDamagedError):
        decrypt_file(path, tmp_path / "out", [encrypted[2]])


def test_truncated_to_an_impossible_length(
    encrypted: tuple[Path, bytes, AgeIdentity, AgeIdentity], tmp_path: Path
) -> None:
    path = encrypted[0]
    size = path.stat().st_size
    payload = read_age_header(path).payload_length
    # keep the nonce and 10 bytes: no age file has a chunk that short
    path.write_bytes(path.read_bytes()[: size - payload + 16 + 10])
    with pytest.raises(BackupTruncatedError, match="incomplete"):
        read_age_header(path)
    with pytest.raises(BackupTruncatedError):
        decrypt_file(path, tmp_path / "out", [encrypted[2]])


def test_not_an_age_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("Rodríguez hearing notes\n" * 100, encoding="utf-8")
    with pytest.raises(NotABackupError, match="not an age file"):
        read_age_header(path)
    with pytest.raises(NotABackupError):
        decrypt_file(path, tmp_path / "out", [generate_identity()])
