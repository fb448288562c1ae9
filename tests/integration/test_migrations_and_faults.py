"""Schema migrations on both backends, and the faults a desk can run into when opening data."""

from __future__ import annotations

from pathlib import Path

import alembic.command
import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from app.bootstrap import App, OpenOptions, open_app
from app.domain.errors import DatabaseError, NewerSchemaError, UserError
from app.services.clients import ClientInput
from app.storage import migrations
from app.storage.models import Base


def test_migrated_schema_matches_the_models(backend_app: App) -> None:
    engine = backend_app.database.engine
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
    assert migrations.current_revision(engine) == migrations.head_revision()


def test_reference_lists_are_loaded_into_a_new_database(backend_app: App) -> None:
    offices = backend_app.services.reference.field_offices()
    denver = next(o for o in offices if o.key == "denver")
    assert denver.city == "Centennial" and "CO" in denver.area_states
    courts = backend_app.services.courthouses.find("Denver Immigration")
    assert [c.name for c in courts] == ["Denver Immigration Court"]


def test_reference_refresh_keeps_the_office_corrections(backend_app: App) -> None:
    courthouses = backend_app.services.courthouses
    row = courthouses.find("Denver Immigration")[0]
    record = courthouses.get(row.id)
    from dataclasses import replace

    courthouses.update(row.id, record.version, replace(record, notes="Use the east entrance"))
    backend_app.services.reference.refresh()
    assert courthouses.get(row.id).notes == "Use the east entrance"


def test_database_from_a_newer_courtsafe_is_refused_untouched(sqlite_app: App,
                                                              tmp_path: Path) -> None:
    with sqlite_app.database.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    data_dir = sqlite_app.paths.data_dir
    sqlite_app.close()
    before = (data_dir / "courtsafe.db").read_bytes()
    with pytest.raises(NewerSchemaError, match="newer version of CourtSafe"):
        open_app(OpenOptions(data_dir=data_dir))
    assert (data_dir / "courtsafe.db").read_bytes() == before


def test_postgres_database_from_a_newer_courtsafe_is_refused(backend_app: App) -> None:
    with backend_app.database.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    with pytest.raises(NewerSchemaError):
        migrations.upgrade(backend_app.database.engine)


def test_read_only_database_gives_a_clear_message(sqlite_app: App) -> None:
    """A file on a read-only medium: opening works, saving explains what is wrong."""
    data_dir = sqlite_app.paths.data_dir
    sqlite_app.services.clients.create(ClientInput(given_name="A", family_name="B"))
    sqlite_app.close()
    url = f"sqlite:///{data_dir / 'courtsafe.db'}"
    app = open_app(OpenOptions(data_dir=data_dir, database_url=url, migrate=False))
    with app.database.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA query_only = ON")
    # query_only is per connection; force every pooled connection to be read-only instead.
    from sqlalchemy import event

    @event.listens_for(app.database.engine, "connect")
    def _read_only(dbapi_connection: object, _record: object) -> None:
        dbapi_connection.execute("PRAGMA query_only = ON")  # type: ignore[attr-defined]

    app.database.engine.dispose()
    with pytest.raises(DatabaseError, match="read-only"):
        app.services.clients.create(ClientInput(given_name="C", family_name="D"))
    assert [r.name for r in app.services.clients.search("")] == ["B, A"]
    app.close()


def test_unreachable_postgres_server_is_a_clear_message(tmp_path: Path) -> None:
    url = f"postgresql+psycopg://postgres@/postgres?host={tmp_path}&port=1"
    with pytest.raises(DatabaseError, match="not answering"):
        open_app(OpenOptions(data_dir=tmp_path, database_url=url))


def test_malformed_database_url_is_a_clear_message(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="not a database address"):
        open_app(OpenOptions(data_dir=tmp_path, database_url="::nonsense::"))
    with pytest.raises(UserError, match="not 'mysql'"):
        open_app(OpenOptions(data_dir=tmp_path, database_url="mysql://x@y/z"))


def test_migration_keeps_a_safety_copy_of_the_file(
    sqlite_app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before a schema change the file is copied (encrypted as it is) into safety-copies/."""
    sqlite_app.services.clients.create(ClientInput(given_name="A", family_name="Safety"))
    applied: list[str] = []
    monkeypatch.setattr(migrations, "head_revision", lambda: "9999_next")
    monkeypatch.setattr(alembic.command, "upgrade", lambda _config, rev: applied.append(rev))
    folder = sqlite_app.paths.safety_copies_dir
    assert migrations.upgrade(sqlite_app.database.engine, safety_copy_dir=folder)
    assert applied == ["head"]
    copies = list(folder.glob(f"before-migration-{migrations.HEAD_REVISION}-*.db"))
    assert len(copies) == 1
    assert b"Safety" not in copies[0].read_bytes()
    from app.services.database import key_name
    from app.storage.engine import DatabaseKey, open_engine, sqlite_url

    stored = sqlite_app.secrets.get(key_name(sqlite_app.paths.database_file))  # type: ignore[union-attr]
    engine = open_engine(sqlite_url(copies[0]), DatabaseKey.from_hex(stored or ""))
    with engine.connect() as connection:
        names = connection.execute(text("SELECT family_name FROM client")).scalars().all()
    engine.dispose()
    assert names == ["Safety"]
