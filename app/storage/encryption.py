"""SQLCipher operations on whole files: encrypt a plaintext SQLite file, change the key."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from app.domain.errors import DatabaseError
from app.storage.engine import DatabaseKey
from app.storage.sqlcipher_driver import sqlcipher

SQLITE_MAGIC = b"SQLite format 3\x00"


def is_plain_sqlite(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(16) == SQLITE_MAGIC


def export_encrypted(plain: Path, target: Path, key: DatabaseKey) -> None:
    """Write an encrypted copy of `plain` to `target` (sqlcipher_export); `target` must be new."""
    connection = sqlcipher.connect(str(plain))
    try:
        connection.execute(
            f"ATTACH DATABASE ? AS encrypted KEY {key.pragma_literal()}", (str(target),)
        )
        connection.execute("SELECT sqlcipher_export('encrypted')")
        version = int(connection.execute("PRAGMA user_version").fetchone()[0])
        connection.execute(f"PRAGMA encrypted.user_version = {version}")
        connection.execute("DETACH DATABASE encrypted")
    except sqlcipher.Error as error:
        raise DatabaseError(f"The file could not be converted: {error}") from None
    finally:
        connection.close()


def rekey(engine: Engine, new_key: DatabaseKey) -> None:
    """Re-encrypt every page under `new_key`; the caller disposes of the engine afterwards."""
    with engine.connect() as connection:
        raw = connection.connection.dbapi_connection
        assert raw is not None
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        raw.execute(f"PRAGMA rekey = {new_key.pragma_literal()}")
