"""A lost laptop must reveal nothing: the database file and its WAL are encrypted."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from app.bootstrap import OpenOptions, open_app
from app.domain.errors import KeyUnavailableError, WrongKeyError
from app.security.errors import SecretStoreUnavailable
from app.security.secrets import SecretStore
from app.services.clients import ClientInput
from app.services.database import encrypt_plain_file
from tests.conftest import fixed_clock

NAME = "Rodríguez-Covarrubias"


def no_keyring() -> SecretStore:
    raise SecretStoreUnavailable("no keyring on this desk")


def _add_client(data_dir: Path, **options: object) -> None:
    app = open_app(OpenOptions(data_dir=data_dir, clock=fixed_clock, **options))  # type: ignore[arg-type]
    try:
        app.services.clients.create(
            ClientInput(given_name="Víctor", family_name=NAME, a_number="A098765432")
        )
        # Look at the files while the connection is open: the WAL holds the fresh pages.
        for path in data_dir.glob("courtsafe.db*"):
            data = path.read_bytes()
            assert NAME.encode() not in data and b"Rodr" not in data, path.name
            assert b"A098765432" not in data, path.name
    finally:
        app.close()


def test_file_and_wal_show_no_client_data(tmp_path: Path) -> None:
    _add_client(tmp_path)
    for path in tmp_path.glob("courtsafe.db*"):
        assert NAME.encode() not in path.read_bytes()


def test_standard_sqlite_cannot_read_the_file(tmp_path: Path) -> None:
    _add_client(tmp_path)
    connection = sqlite3.connect(tmp_path / "courtsafe.db")
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):
        connection.execute("SELECT * FROM client").fetchall()
    connection.close()


def test_key_lives_in_the_keyring_and_reopens(tmp_path: Path) -> None:
    _add_client(tmp_path)
    app = open_app(OpenOptions(data_dir=tmp_path, clock=fixed_clock))
    assert app.database.key_source == "keyring"
    assert [r.name for r in app.services.clients.search("rodriguez")] == [f"{NAME}, Víctor"]
    app.close()


def test_passphrase_database_opens_only_with_that_passphrase(tmp_path: Path) -> None:
    _add_client(tmp_path, passphrase="correct horse battery", secret_store=no_keyring)
    with pytest.raises(WrongKeyError, match="key or passphrase is wrong"):
        open_app(OpenOptions(data_dir=tmp_path, passphrase="wrong horse", secret_store=no_keyring))
    app = open_app(
        OpenOptions(data_dir=tmp_path, passphrase="correct horse battery", secret_store=no_keyring)
    )
    assert app.database.key_source == "passphrase"
    app.close()


def test_no_keyring_and_no_passphrase_is_refused_not_plaintext(tmp_path: Path) -> None:
    with pytest.raises(KeyUnavailableError, match="COURTSAFE_PASSPHRASE"):
        open_app(OpenOptions(data_dir=tmp_path, secret_store=no_keyring))
    assert not (tmp_path / "courtsafe.db").exists()


def test_plain_sqlite_file_converts_to_an_encrypted_copy(tmp_path: Path) -> None:
    plain = tmp_path / "old.db"
    connection = sqlite3.connect(plain)
    connection.execute("CREATE TABLE note (text TEXT)")
    connection.execute("INSERT INTO note VALUES (?)", (NAME,))
    connection.commit()
    connection.close()
    target = tmp_path / "new.db"
    encrypt_plain_file(plain, target, secrets=None, passphrase="a long passphrase")
    assert NAME.encode() not in target.read_bytes()
    import sqlcipher3

    reopened = sqlcipher3.connect(str(target))
    reopened.execute("PRAGMA key = 'a long passphrase'")
    assert reopened.execute("SELECT text FROM note").fetchall() == [(NAME,)]
    reopened.close()


def test_missing_file_with_a_known_key_is_refused_and_the_key_kept(tmp_path: Path) -> None:
    """A drive not mounted yet must not turn into a new, empty office with a new key."""
    from app.domain.errors import DatabaseError
    from app.services.database import key_name

    _add_client(tmp_path)
    store = SecretStore.from_system()
    name = key_name(tmp_path / "courtsafe.db")
    key_before = store.get(name)
    away = tmp_path.parent / "unplugged.db"
    (tmp_path / "courtsafe.db").rename(away)
    for extra in tmp_path.glob("courtsafe.db-*"):
        extra.unlink()
    with pytest.raises(DatabaseError, match="missing or empty"):
        open_app(OpenOptions(data_dir=tmp_path))
    assert not (tmp_path / "courtsafe.db").exists()
    assert store.get(name) == key_before
    away.rename(tmp_path / "courtsafe.db")
    app = open_app(OpenOptions(data_dir=tmp_path))
    assert app.services.clients.count() == 1
    app.close()
