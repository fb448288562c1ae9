"""Restores whose tables hold more rows than one write batch: parents always land before children.

PostgreSQL checks the schema's foreign keys row by row, so a child's first batch must never reach
the server while rows of its parents are still waiting in memory.
"""

from __future__ import annotations

import hashlib
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy import create_engine

from app.bootstrap import App, OpenOptions, open_app
from app.domain.enums import CaseKind, ClientRole, CourtKind, HearingType
from app.security.errors import BackupError
from app.services.demo import DemoService
from app.storage.engine import DatabaseKey
from app.storage.models import Base, Letter, LetterLink
from app.storage.portable_load import DEFAULT_WRITE_BATCH
from tests.integration.test_backup_support import (
    empty_postgres_database,
    live_key,
    services,
    snapshot,
)

SMALL_BATCH = 5
"""Smaller than every parent table of the demo office (six staff members, the fewest)."""


def _add_letters(app: App, count: int) -> None:
    """Letters and their links (the demo office has none): `letter` is a parent table too."""
    with app.database.engine.begin() as conn:
        for number in range(1, count + 1):
            conn.execute(sa.insert(Letter.__table__).values(
                id=number, kind="advisory", template_name="advisory", template_version="1",
                language="en", recipients="", signatories="", title=f"Letter {number}",
                created_by="tester", created_at=datetime(2026, 11, 1, tzinfo=UTC)
                + timedelta(minutes=number),
                pdf=b"%PDF-1.7 " + bytes([number % 256]) * 40,
                sha256=hashlib.sha256(str(number).encode()).hexdigest(),
            ))
            conn.execute(sa.insert(LetterLink.__table__), [
                {"letter_id": number, "entity": "hearing", "entity_id": number},
                {"letter_id": number, "entity": "client", "entity_id": number},
            ])


def _office(app: App) -> Path:
    """A demo office with every parent table larger than SMALL_BATCH, and its backup."""
    DemoService(app.ctx).generate(40, 200)
    _add_letters(app, 12)
    with app.database.engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            parents = {fk.column.table for fk in table.foreign_keys} - {table}
            for parent in parents:
                rows = conn.execute(sa.select(sa.func.count()).select_from(parent)).scalar()
                assert rows is not None and rows > SMALL_BATCH, parent.name
    keys, backups, _ = services(app)
    keys.set_up()
    return backups.create().path


@pytest.mark.postgres
def test_an_office_larger_than_a_batch_moves_to_postgres(
    sqlite_app: App, postgres_url: str
) -> None:
    backup = _office(sqlite_app)
    before = snapshot(sqlite_app.database.engine)
    _, _, restorer = services(sqlite_app)
    restorer.write_batch = SMALL_BATCH
    target = empty_postgres_database(postgres_url, "b_" + uuid.uuid4().hex[:12])
    outcome = restorer.restore_to(target, backup)
    engine = create_engine(target)
    try:
        assert snapshot(engine) == before
    finally:
        engine.dispose()
    assert dict(outcome.row_counts)["hearing"] == 200


def test_an_office_larger_than_a_batch_restores_on_sqlite(
    sqlite_app: App, tmp_path: Path
) -> None:
    backup = _office(sqlite_app)
    before = snapshot(sqlite_app.database.engine)
    _, _, restorer = services(sqlite_app)
    restorer.write_batch = SMALL_BATCH
    target = tmp_path / "copy.db"
    restorer.restore_to(f"sqlite:///{target}", backup,
                        database_key=DatabaseKey.from_passphrase("another passphrase"))
    copy = open_app(OpenOptions(data_dir=tmp_path / "d", database_url=f"sqlite:///{target}",
                                passphrase="another passphrase"))
    try:
        assert snapshot(copy.database.engine) == before
    finally:
        copy.close()
    restorer.restore_here(backup, database_key=live_key(sqlite_app))
    assert snapshot(sqlite_app.database.engine) == before


@pytest.mark.postgres
def test_more_hearings_than_a_full_batch_move_to_postgres(
    sqlite_app: App, postgres_url: str
) -> None:
    """The office of the report: one hearing more than the real batch, one case per hearing."""
    count = DEFAULT_WRITE_BATCH + 1
    with sqlite_app.database.engine.begin() as conn:
        conn.execute(sa.insert(Base.metadata.tables["client"]), [
            _row("client", number) for number in range(1, count + 1)
        ])
        conn.execute(sa.insert(Base.metadata.tables["legal_case"]), [
            _row("legal_case", number) for number in range(1, count + 1)
        ])
        conn.execute(sa.insert(Base.metadata.tables["hearing"]), [
            _row("hearing", number) for number in range(1, count + 1)
        ])
    keys, backups, restorer = services(sqlite_app)
    keys.set_up()
    backup = backups.create().path
    before = snapshot(sqlite_app.database.engine)
    target = empty_postgres_database(postgres_url, "f_" + uuid.uuid4().hex[:12])
    started = time.perf_counter()
    outcome = restorer.restore_to(target, backup)
    seconds = time.perf_counter() - started
    engine = create_engine(target)
    try:
        assert snapshot(engine) == before
    finally:
        engine.dispose()
    assert dict(outcome.row_counts)["hearing"] == count
    print(f"restored {count:,} hearings into PostgreSQL in {seconds:.1f} s")


def _row(table: str, number: int) -> dict[str, object]:
    """A plain row of `table` (client, legal_case or hearing) with id `number`."""
    at = datetime(2026, 12, 1, 9, tzinfo=UTC) + timedelta(minutes=number)
    if table == "client":
        return {"id": number, "given_name": f"Given{number}", "family_name": f"Family{number}",
                "created_at": at, "version": 1}
    if table == "legal_case":
        return {"id": number, "client_id": number, "kind": CaseKind.CRIMINAL,
                "client_role": ClientRole.DEFENDANT, "opened_on": at.date(), "version": 1}
    return {"id": number, "case_id": number, "courthouse_id": 1, "starts_at": at,
            "hearing_type": HearingType.ARRAIGNMENT, "court_kind": CourtKind.CRIMINAL, "version": 1}


@pytest.mark.postgres
def test_rows_that_do_not_fit_together_are_one_clear_line_without_client_data(
    sqlite_app: App, postgres_url: str, tmp_path: Path
) -> None:
    DemoService(sqlite_app.ctx).generate(10, 30)
    with sqlite_app.database.engine.begin() as conn:  # an orphaned case: its client is gone
        conn.exec_driver_sql("PRAGMA foreign_keys = OFF")
        client_id, name = conn.exec_driver_sql(
            "SELECT client_id, (SELECT family_name FROM client WHERE id = client_id) "
            "FROM legal_case ORDER BY id LIMIT 1"
        ).one()
        conn.exec_driver_sql("DELETE FROM client_name_token WHERE client_id = ?", (client_id,))
        conn.exec_driver_sql("DELETE FROM criminal_history_entry WHERE client_id = ?",
                             (client_id,))
        conn.exec_driver_sql("DELETE FROM client WHERE id = ?", (client_id,))
    keys, backups, restorer = services(sqlite_app)
    keys.set_up()
    backup = backups.create().path
    target = empty_postgres_database(postgres_url, "o_" + uuid.uuid4().hex[:12])
    with pytest.raises(BackupError) as caught:
        restorer.restore_to(target, backup)
    _assert_clear(caught.value, str(name))
    engine = create_engine(target)
    try:
        assert sa.inspect(engine).get_table_names() == []  # nothing was left behind
    finally:
        engine.dispose()
    copy = tmp_path / "copy.db"
    with pytest.raises(BackupError) as caught:
        restorer.restore_to(f"sqlite:///{copy}", backup,
                            database_key=DatabaseKey.from_passphrase("another passphrase"))
    _assert_clear(caught.value, str(name))
    assert not copy.exists()


def _assert_clear(error: BaseException, client_name: str) -> None:
    message = str(error)
    assert "\n" not in message
    assert "legal_case" in message and "client" in message
    assert "Nothing was changed" in message
    assert client_name not in message and "INSERT" not in message
    assert error.__cause__ is None
    assert error.__context__ is None or error.__suppress_context__  # no rows quoted beneath
