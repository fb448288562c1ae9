"""Engines for the embedded encrypted SQLite file and for a shared PostgreSQL server.

The SQLite file is always opened through SQLCipher with its key set by `PRAGMA key` as the first
statement on every new connection, so the key never sits in a URL, a log line or an error message.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import URL, make_url

from app.domain.errors import DatabaseError, KeyUnavailableError, UserError
from app.storage.errors import user_facing
from app.storage.sqlcipher_driver import sqlcipher

# 128 MB page cache: with SQLCipher's default cache a 41,000-row scan ran 4x slower than plain
# SQLite on these machines; with this cache the two ran alike (see README, Performance).
PAGE_CACHE_KIB = 131072
STATEMENT_CACHE = 512
"""Prepared statements kept per connection. The driver's default is 128, and once its cache is
full it evicts each new statement at the next miss, so a statement used again and again after
the migrations ran (a restore copying block after block) was prepared anew every time."""


@dataclass(frozen=True, repr=False)
class DatabaseKey:
    """The key of an encrypted SQLite file: 32 random bytes, or a passphrase SQLCipher stretches."""

    raw: bytes | None = None
    passphrase: str | None = None

    @classmethod
    def generate(cls) -> DatabaseKey:
        return cls(raw=secrets.token_bytes(32))

    @classmethod
    def from_hex(cls, value: str) -> DatabaseKey:
        try:
            raw = bytes.fromhex(value.strip())
        except ValueError:
            raise KeyUnavailableError("The stored database key is damaged.") from None
        if len(raw) != 32:
            raise KeyUnavailableError("The stored database key is damaged.")
        return cls(raw=raw)

    @classmethod
    def from_passphrase(cls, passphrase: str) -> DatabaseKey:
        if not passphrase:
            raise KeyUnavailableError("The passphrase is empty.")
        return cls(passphrase=passphrase)

    def to_hex(self) -> str:
        if self.raw is None:
            raise ValueError("a passphrase key has no hex form")
        return self.raw.hex()

    def pragma_literal(self) -> str:
        if self.raw is not None:
            return f"\"x'{self.raw.hex()}'\""
        assert self.passphrase is not None
        return "'" + self.passphrase.replace("'", "''") + "'"

    def __repr__(self) -> str:
        return "DatabaseKey(raw)" if self.raw is not None else "DatabaseKey(passphrase)"


def parse_database_url(value: str) -> URL:
    """A SQLAlchemy URL, or a clear message saying what a valid one looks like."""
    try:
        url = make_url(value)
    except (sa_exc.ArgumentError, ValueError):
        raise UserError(
            f"'{value}' is not a database address. Use e.g. sqlite:///path/to/courtsafe.db or "
            "postgresql+psycopg://user@server/courtsafe"
        ) from None
    if url.drivername in ("postgres", "postgresql"):
        url = url.set(drivername="postgresql+psycopg")
    if url.get_backend_name() not in ("sqlite", "postgresql"):
        raise UserError(
            f"CourtSafe works with SQLite files and PostgreSQL servers, not "
            f"'{url.get_backend_name()}'."
        )
    return url


def sqlite_url(path: Path) -> URL:
    return make_url(f"sqlite:///{path}")


def is_sqlite(url: URL) -> bool:
    return url.get_backend_name() == "sqlite"


def sqlite_path(url: URL) -> Path | None:
    if not is_sqlite(url) or not url.database or url.database == ":memory:":
        return None
    return Path(url.database)


def open_engine(url: URL, key: DatabaseKey | None = None, *, plaintext: bool = False) -> Engine:
    """An engine for `url`; SQLite files need `key` unless `plaintext` is asked for explicitly."""
    if is_sqlite(url):
        return _open_sqlite(url, key, plaintext=plaintext)
    engine = create_engine(
        url,
        pool_pre_ping=True,
        connect_args={"connect_timeout": 10, "application_name": "CourtSafe"},
    )
    return engine


def _open_sqlite(url: URL, key: DatabaseKey | None, *, plaintext: bool) -> Engine:
    path = sqlite_path(url)
    if path is not None and not path.parent.exists():
        raise DatabaseError(f"The folder {path.parent} does not exist.")
    if not plaintext and key is None:
        raise KeyUnavailableError("The database is encrypted and no key was given.")
    kwargs: dict[str, Any] = {"connect_args": {"cached_statements": STATEMENT_CACHE}}
    if not plaintext:
        kwargs["module"] = sqlcipher
    engine = create_engine(url.set(drivername="sqlite"), **kwargs)

    @event.listens_for(engine, "connect", insert=True)
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        if not plaintext:
            assert key is not None
            # SQLCipher otherwise prints its own lines on stderr for a wrong key.
            dbapi_connection.execute("PRAGMA cipher_log_level = NONE")
            dbapi_connection.execute(f"PRAGMA key = {key.pragma_literal()}")
        cursor = dbapi_connection.cursor()
        try:
            # Read something first: a wrong key fails here, before any pragma that writes.
            cursor.execute("SELECT count(*) FROM sqlite_master").fetchone()
            cursor.execute(f"PRAGMA cache_size = -{PAGE_CACHE_KIB}")
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("PRAGMA busy_timeout = 5000")
            if path is not None:
                cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = FULL")
        finally:
            cursor.close()

    return engine


def check_connection(engine: Engine) -> None:
    """Open one connection now so a wrong key or an unreachable server is reported at once."""
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as error:  # noqa: BLE001 - translated or re-raised below
        friendly = user_facing(error)
        if friendly is None:
            raise
        raise friendly from None
