"""Shared fixtures: an in-memory keyring, a fresh migrated database per test, on SQLite and on
a throwaway PostgreSQL server. Under CI=true a PostgreSQL server that cannot start fails the run.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from app.bootstrap import App, OpenOptions, open_app
from app.security.secrets import MemoryKeyring, SecretStore, install_memory_keyring
from tests.helpers import postgres

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("COURTSAFE_PASSPHRASE", None)
os.environ.pop("COURTSAFE_DATABASE_URL", None)

FIXED_NOW = datetime(2026, 11, 26, 15, 0, tzinfo=UTC)


def fixed_clock() -> datetime:
    return FIXED_NOW


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    """Tests never touch the desk's real keyring (Vorta's conftest does the same)."""
    import keyring

    previous = keyring.get_keyring()
    backend = install_memory_keyring()
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    given = os.environ.get(postgres.ENV_URL)
    if given:
        yield given
        return
    try:
        server = postgres.start()
    except Exception as error:  # noqa: BLE001 - reported below
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL is required under CI and could not start: {error}")
        pytest.skip(f"PostgreSQL not available here: {error}")
    os.environ[postgres.ENV_URL] = server.url
    try:
        yield server.url
    finally:
        os.environ.pop(postgres.ENV_URL, None)
        server.stop()


@pytest.fixture(scope="session")
def postgres_template(postgres_url: str) -> str:
    """A migrated database with reference data, copied for each test (fast CREATE ... TEMPLATE)."""
    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text("DROP DATABASE IF EXISTS courtsafe_template"))
        connection.execute(text("CREATE DATABASE courtsafe_template"))
    admin.dispose()
    url = postgres_url.replace("/postgres?", "/courtsafe_template?")
    app = open_app(OpenOptions(database_url=url, data_dir=Path("/tmp/courtsafe-pg-template"),
                               secret_store=_no_keyring))
    app.close()
    return "courtsafe_template"


def _no_keyring() -> SecretStore:
    from app.security.errors import SecretStoreUnavailable

    raise SecretStoreUnavailable("no keyring in this test")


def new_postgres_database(postgres_url: str, template: str) -> str:
    name = "t_" + uuid.uuid4().hex[:12]
    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name} TEMPLATE {template}"))
    admin.dispose()
    return postgres_url.replace("/postgres?", f"/{name}?")


@pytest.fixture
def sqlite_app(tmp_path: Path) -> Iterator[App]:
    app = open_app(OpenOptions(data_dir=tmp_path / "data", clock=fixed_clock, actor="tester"))
    yield app
    app.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def backend_app(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[App]:
    """The same test on the embedded encrypted file and on a PostgreSQL server."""
    if request.param == "sqlite":
        app = open_app(OpenOptions(data_dir=tmp_path / "data", clock=fixed_clock,
                                   actor="tester"))
    else:
        server = request.getfixturevalue("postgres_url")
        template = request.getfixturevalue("postgres_template")
        url = new_postgres_database(server, template)
        app = open_app(OpenOptions(data_dir=tmp_path / "data", database_url=url,
                                   clock=fixed_clock, actor="tester"))
    yield app
    app.close()
