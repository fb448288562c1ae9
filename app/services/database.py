"""Opening the office's database: which key, which file, migrations, and the first connection.

Key order for the embedded file (DESIGN.md): a random key in the OS keyring; otherwise a passphrase
(COURTSAFE_PASSPHRASE, --passphrase-file, or the GUI's unlock dialog); otherwise a clear message.
A new file never starts unencrypted.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.engine import URL

from app.domain.errors import DatabaseError, KeyUnavailableError, UserError, WrongKeyError
from app.security.errors import SecretStoreUnavailable
from app.security.secrets import DATABASE_KEY, SecretStore
from app.storage import encryption, migrations, rekey_copies
from app.storage.engine import (
    DatabaseKey,
    check_connection,
    is_sqlite,
    open_engine,
    parse_database_url,
    sqlite_path,
    sqlite_url,
)
from app.storage.file_lock import DatabaseLock

NO_KEY_MESSAGE = (
    "This computer has no secure keyring to hold the database key, and no passphrase was given. "
    "Set COURTSAFE_PASSPHRASE or use --passphrase-file FILE (the way restic and borg take theirs), "
    "or start the app to choose a passphrase. Keep the passphrase safe: without it the data "
    "cannot be recovered."
)

MISSING_FILE_MESSAGE = (
    "The database file {path} is missing or empty, but this computer's keyring holds its key. "
    "If it lives on a drive or synced folder that is not connected yet, connect it and try "
    "again. Nothing was created or changed."
)
NOT_IN_KEYRING_MESSAGE = (
    "This computer's keyring holds no key for {path}. If the file was protected with a "
    "passphrase, give it with COURTSAFE_PASSPHRASE or --passphrase-file FILE; if it came from "
    "another computer, restore it from a backup instead."
)


@dataclass(frozen=True)
class OpenedDatabase:
    engine: Engine
    url: URL
    encrypted: bool
    key_source: str  # "keyring", "passphrase" or "server"
    migrated: bool
    lock: DatabaseLock | None = None

    def close(self) -> None:
        self.engine.dispose()
        if self.lock is not None:
            self.lock.release()


def key_name(path: Path) -> str:
    """One keyring entry per database file, so a test or a second office never shares a key."""
    digest = hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:16]
    return f"{DATABASE_KEY}:{digest}"


def secret_store_or_none(factory: Callable[[], SecretStore]) -> SecretStore | None:
    try:
        return factory()
    except SecretStoreUnavailable:
        return None


def open_database(
    url: URL,
    *,
    secrets: SecretStore | None,
    passphrase: str | None,
    safety_copy_dir: Path | None,
    migrate: bool = True,
    create: bool = True,
) -> OpenedDatabase:
    """Open (creating if needed) and migrate the database at `url`."""
    if is_sqlite(url):
        path = sqlite_path(url)
        if path is None:
            raise UserError("CourtSafe keeps its data in a file: give a path, not :memory:.")
        if not create and not _has_data(path):
            raise UserError(
                f"There is no CourtSafe database at {path}. Check --data-dir or --database; "
                "to start a new office, open the app (or run `courtsafe migrate`)."
            )
        lock: DatabaseLock | None = DatabaseLock(path)
        lock.acquire_shared()  # type: ignore[union-attr]
        try:
            engine, source = _open_file(path, secrets=secrets, passphrase=passphrase)
        except BaseException:
            lock.release()  # type: ignore[union-attr]
            raise
        encrypted = True
    else:
        engine = open_engine(url)
        source = "server"
        encrypted = False
        lock = None
    try:
        check_connection(engine)
        migrated = migrations.upgrade(engine, safety_copy_dir=safety_copy_dir) if migrate else False
    except Exception:
        engine.dispose()
        if lock is not None:
            lock.release()
        raise
    return OpenedDatabase(engine, engine.url, encrypted, source, migrated, lock)


def _open_file(
    path: Path, *, secrets: SecretStore | None, passphrase: str | None
) -> tuple[Engine, str]:
    """Open the embedded file with its key, finishing or undoing an interrupted key change.

    A key change (`change_key`) leaves a copy under the old key beside the file until it has
    finished, and a new keyring key waits under a second keyring entry until the file uses
    it. Only when such a copy is there (nothing was finished) does opening try more than the
    usual key: the waiting keyring key, then the passphrase given. Whichever key opens the file
    becomes the keyring's; the copies are removed only once the file, open with that key,
    passes SQLite's quick check. When no key opens the file, or the check fails, nothing is
    deleted and the message names the copy, which then may be the only good one.
    """
    interrupted = bool(rekey_copies.leftovers(path))
    try:
        key, source = resolve_key(path, secrets=secrets, passphrase=passphrase)
    except KeyUnavailableError:
        waiting = _waiting_key(path, secrets) if interrupted else None
        if waiting is None:
            raise
        key, source = waiting, "keyring"
    engine = open_engine(sqlite_url(path), key)
    try:
        check_connection(engine)
    except WrongKeyError as refused:
        engine.dispose()
        if not interrupted:
            raise
        engine, key, source = _open_with_other_keys(path, key, secrets, passphrase, refused)
    if interrupted:
        try:
            rekey_copies.ensure_intact(engine, path)
            _settle_keyring(path, key, secrets)
            rekey_copies.remove_leftovers(path)
        except BaseException:
            engine.dispose()
            raise
    return engine, source


def _open_with_other_keys(
    path: Path,
    tried: DatabaseKey,
    secrets: SecretStore | None,
    passphrase: str | None,
    refused: WrongKeyError,
) -> tuple[Engine, DatabaseKey, str]:
    candidates: list[tuple[DatabaseKey | None, str]] = [
        (_waiting_key(path, secrets), "keyring"),
        (DatabaseKey.from_passphrase(passphrase) if passphrase else None, "passphrase"),
    ]
    for key, source in candidates:
        if key is None or key == tried:
            continue
        engine = open_engine(sqlite_url(path), key)
        try:
            check_connection(engine)
        except WrongKeyError:
            engine.dispose()
            continue
        return engine, key, source
    message = rekey_copies.interrupted_message(path)
    if message is None:
        raise refused
    raise WrongKeyError(message) from None


def waiting_key_name(path: Path) -> str:
    """The keyring entry a new key waits in while `change_key` re-encrypts the file."""
    return key_name(path) + ":new"


def _waiting_key(path: Path, secrets: SecretStore | None) -> DatabaseKey | None:
    stored = secrets.get(waiting_key_name(path)) if secrets is not None else None
    return DatabaseKey.from_hex(stored) if stored else None


def _settle_keyring(path: Path, key: DatabaseKey, secrets: SecretStore | None) -> None:
    """Make the keyring name `key`, the one that opened the file, and drop a waiting key."""
    if secrets is None:
        return
    stored = secrets.get(key_name(path))
    if key.raw is not None and stored != key.to_hex():
        secrets.set(key_name(path), key.to_hex())
    elif key.raw is None and stored is not None:
        secrets.delete(key_name(path))  # it opens only the old copy, removed next
    if secrets.get(waiting_key_name(path)) is not None:
        secrets.delete(waiting_key_name(path))


def _has_data(path: Path) -> bool:
    return path.exists() and path.stat().st_size > 0


def resolve_key(
    path: Path, *, secrets: SecretStore | None, passphrase: str | None
) -> tuple[DatabaseKey, str]:
    exists = _has_data(path)
    if not exists and secrets is not None and secrets.get(key_name(path)) is not None:
        # The keyring knows this file: it is missing (a drive not mounted, a synced folder not
        # ready), not new. Creating a fresh database would overwrite the only copy of its key.
        raise DatabaseError(MISSING_FILE_MESSAGE.format(path=path))
    if exists:
        if secrets is not None:
            stored = secrets.get(key_name(path))
            if stored is not None:
                return DatabaseKey.from_hex(stored), "keyring"
        if passphrase:
            return DatabaseKey.from_passphrase(passphrase), "passphrase"
        if secrets is not None:
            raise KeyUnavailableError(NOT_IN_KEYRING_MESSAGE.format(path=path))
        raise KeyUnavailableError(NO_KEY_MESSAGE)
    if passphrase:
        return DatabaseKey.from_passphrase(passphrase), "passphrase"
    if secrets is not None:
        key = DatabaseKey.generate()
        secrets.set(key_name(path), key.to_hex())
        return key, "keyring"
    raise KeyUnavailableError(NO_KEY_MESSAGE)


def encrypt_plain_file(
    plain: Path, target: Path, *, secrets: SecretStore | None, passphrase: str | None
) -> Path:
    """Convert an existing unencrypted SQLite file into a new encrypted CourtSafe file."""
    if not plain.is_file():
        raise UserError(f"{plain} does not exist.")
    if target.exists():
        raise UserError(f"{target} already exists; choose a new file name.")
    if not encryption.is_plain_sqlite(plain):
        raise UserError(f"{plain} is not an unencrypted SQLite database.")
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    key, _ = resolve_key(target, secrets=secrets, passphrase=passphrase)
    try:
        encryption.export_encrypted(plain, partial, key)
    except Exception:
        partial.unlink(missing_ok=True)
        raise
    partial.replace(target)
    return target


def change_key(
    engine: Engine, path: Path, new_key: DatabaseKey, *, secrets: SecretStore | None
) -> None:
    """Re-encrypt the file with a new key and keep the keyring in step.

    Steps, each safe to be killed after: copies left by an earlier interrupted change go (the
    file is open, so it is good); a copy under the old key is written 0600 beside the file; a
    new keyring key is stored as waiting; the file is re-encrypted; the keyring is updated; the
    copy is removed once the file opens with the new key. A kill anywhere leaves the copy, and
    the next start (`_open_file`) finishes the change or undoes it without losing either key.
    """
    if rekey_copies.leftovers(path):
        rekey_copies.ensure_intact(engine, path)
        rekey_copies.remove_leftovers(path)
    copy = rekey_copies.write_copy(engine, path)
    if secrets is not None and new_key.raw is not None:
        secrets.set(waiting_key_name(path), new_key.to_hex())
    encryption.rekey(engine, new_key)
    engine.dispose()
    reopened = open_engine(sqlite_url(path), new_key)
    try:
        check_connection(reopened)
        rekey_copies.ensure_intact(reopened, path)
    finally:
        reopened.dispose()
    _settle_keyring(path, new_key, secrets)
    copy.unlink()


def check_server_connection(url_text: str) -> str:
    """Open the office server at `url_text`, run SELECT 1 and close; say what was reached.

    For Settings' and the welcome dialog's "Test connection": nothing is created or migrated.
    """
    url = parse_database_url(url_text)
    if is_sqlite(url):
        raise UserError("Test connection is for an office server (a postgresql:// address).")
    engine = open_engine(url)
    try:
        check_connection(engine)
    except UserError:
        raise
    except Exception as error:  # noqa: BLE001 - any driver failure means "not reachable"
        raise DatabaseError(
            f"The office server could not be reached ({type(error).__name__}). Check the "
            "address, the user name and password, and that this computer can reach the server."
        ) from None
    finally:
        engine.dispose()
    return f"Connected to {url.host or url.query.get('host', 'the server')}."
