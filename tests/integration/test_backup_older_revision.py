"""A backup an office made before schema 0002 restores into this version on both backends.

The source database is built the way an office running schema 0001 had it: the migrations up
to 0001 only, rows written in plain SQL (none of today's columns exist there), and the backup
written from the tables as that version's models described them. The restore builds 0001,
loads the rows and migrates to head; the office then reads its data through the services and
prints from it as before.
"""

from __future__ import annotations

import json
import subprocess
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy import Engine, text

from app.bootstrap import App, OpenOptions, open_app
from app.cli.main import run
from app.domain.enums import ImmigrationStatus
from app.domain.names import name_tokens
from app.storage import migrations
from app.storage.backup_format import write_backup
from app.storage.engine import DatabaseKey, open_engine, sqlite_url
from app.storage.models import Base
from tests.conftest import fixed_clock
from tests.integration.test_backup_support import empty_postgres_database, live_key, services

OLD_REVISION = "0001"
HEARING_ID = 7
CLIENT_ID = 3
STAFF_ID = 2
CASE_ID = 5
COURTHOUSE_ID = 11
FAMILY, GIVEN = "Rodríguez-Covarrubias", "Víctor Manuel"
ATTORNEY = "Nguyễn Văn Thắng"


@dataclass(frozen=True)
class OldOffice:
    """A database at schema 0001 with one client's hearing, and how to reach it."""

    engine: Engine
    backend: str


@pytest.fixture
def old_sqlite_office(tmp_path: Path) -> Iterator[OldOffice]:
    folder = tmp_path / "old-desk"
    folder.mkdir()
    engine = open_engine(sqlite_url(folder / "courtsafe.db"), DatabaseKey.generate())
    yield _build_at_0001(engine, "sqlite")
    engine.dispose()


@pytest.fixture
def old_postgresql_office(postgres_url: str) -> Iterator[OldOffice]:
    url = empty_postgres_database(postgres_url, "old_" + uuid.uuid4().hex[:12])
    engine = open_engine(sa.make_url(url))
    yield _build_at_0001(engine, "postgresql")
    engine.dispose()


def _build_at_0001(engine: Engine, backend: str) -> OldOffice:
    with engine.begin() as conn:
        migrations.upgrade_to(conn, OLD_REVISION)
    columns = _columns(engine)
    assert "join_url" not in columns["hearing"] and "bar_state" not in columns["staff_member"]
    # SQLite keeps the text SQLAlchemy wrote for an aware UTC time; PostgreSQL a timestamptz.
    moment = "{} 00:00:00.000000" if backend == "sqlite" else "{} 00:00:00+00:00"
    starts_at = "2026-12-10 15:00:00.000000" if backend == "sqlite" else "2026-12-10 15:00:00+00"
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO office (id, name, address, phone, email, state, time_zone,"
                " default_languages, version) VALUES (1, 'Front Range Legal Aid',"
                " '1 Main St, Denver, CO 80202', '303-555-0100', 'help@example.test', 'CO',"
                " 'America/Denver', 'en,es', 1)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO staff_member (id, name, role, bar_number, email, active, version)"
                " VALUES (:id, :name, 'attorney', '51234', 'thang@example.test', :yes, 1)"
            ),
            {"id": STAFF_ID, "name": ATTORNEY, "yes": True},
        )
        conn.execute(
            text(
                "INSERT INTO client (id, given_name, family_name, preferred_name,"
                " date_of_birth, preferred_language, phone, email, address, safe_contact,"
                " immigration_status, status_document, entered_without_inspection,"
                " final_removal_order, prior_removal, ice_detainer_history, gang_allegation,"
                " notes, created_at, version) VALUES (:id, :given, :family, 'Víctor',"
                " '1988-04-02', 'es', '720-555-0199', '', '', 'Text only, never call',"
                " 'unknown', '', :no, :no, :no, :no, :no, '', :created, 1)"
            ),
            {
                "id": CLIENT_ID,
                "given": GIVEN,
                "family": FAMILY,
                "no": False,
                "created": moment.format("2026-11-02"),
            },
        )
        conn.execute(
            text("INSERT INTO client_name_token (client_id, token) VALUES (:id, :token)"),
            [{"id": CLIENT_ID, "token": t} for t in sorted(name_tokens(FAMILY, GIVEN, "Víctor"))],
        )
        conn.execute(
            text(
                "INSERT INTO legal_case (id, client_id, docket_number, kind, client_role,"
                " assigned_staff_id, opened_on, status, notes, version) VALUES (:id, :client,"
                " '26CR1042', 'criminal', 'defendant', :staff, '2026-10-01', 'open', '', 1)"
            ),
            {"id": CASE_ID, "client": CLIENT_ID, "staff": STAFF_ID},
        )
        conn.execute(
            text(
                "INSERT INTO courthouse (id, name, court_kinds, address, city, state,"
                " postal_code, time_zone, ice_field_office_key, screened_entry, notes,"
                " office_edited, version) VALUES (:id, 'Lindsey-Flanigan Courthouse',"
                " 'criminal', '520 W Colfax Ave', 'Denver', 'CO', '80204', 'America/Denver',"
                " 'denver', :yes, '', :no, 1)"
            ),
            {"id": COURTHOUSE_ID, "yes": True, "no": False},
        )
        conn.execute(
            text(
                "INSERT INTO hearing (id, case_id, courthouse_id, courtroom, starts_at,"
                " duration_minutes, hearing_type, court_kind, mode, judge, status, notes,"
                " version) VALUES (:id, :case, :court, '5C', :starts, 60, 'pre_trial',"
                " 'criminal', 'in_person', '', 'scheduled', '', 1)"
            ),
            {"id": HEARING_ID, "case": CASE_ID, "court": COURTHOUSE_ID, "starts": starts_at},
        )
    return OldOffice(engine, backend)


def _columns(engine: Engine) -> dict[str, set[str]]:
    inspector = sa.inspect(engine)
    return {t: {c["name"] for c in inspector.get_columns(t)} for t in inspector.get_table_names()}


def _models_as_at_0001(engine: Engine) -> sa.MetaData:
    """Today's models cut down to the columns the database has: what version 0001 dumped."""
    present = _columns(engine)
    metadata = sa.MetaData()
    for table in Base.metadata.sorted_tables:
        if table.name not in present:
            continue
        sa.Table(
            table.name,
            metadata,
            *(
                sa.Column(
                    column.name,
                    column.type,
                    *(sa.ForeignKey(fk.target_fullname) for fk in column.foreign_keys),
                    primary_key=column.primary_key,
                    nullable=column.nullable,
                )
                for column in table.columns
                if column.name in present[table.name]
            ),
        )
    assert set(metadata.tables) == present.keys() - {"alembic_version"}
    return metadata


def _reflected(engine: Engine) -> sa.MetaData:
    """The tables as the database itself describes them (no model types at all)."""
    metadata = sa.MetaData()
    metadata.reflect(engine)
    metadata.remove(metadata.tables["alembic_version"])
    return metadata


def _old_backup(
    old: OldOffice, desk: App, folder: Path, described: str = "models at 0001"
) -> Path:
    keys, _, _ = services(desk)
    keys.set_up()
    tables = _reflected if described == "reflected" else _models_as_at_0001
    result = write_backup(
        old.engine,
        tables(old.engine),
        OLD_REVISION,
        keys.recipients(),
        folder,
        fixed_clock(),
    )
    return result.path


def _assert_office_reads_back(app: App) -> None:
    services_ = app.services
    assert migrations.current_revision(app.database.engine) == migrations.head_revision()

    hearing = services_.hearings.get(HEARING_ID)
    assert (hearing.join_url, hearing.join_phone, hearing.meeting_id, hearing.passcode) == (
        "",
        "",
        "",
        "",
    )
    assert hearing.starts_at.isoformat() == "2026-12-10T15:00:00+00:00"
    assert hearing.courtroom == "5C"

    client = services_.clients.get(CLIENT_ID)
    # Asked and not known stays so: the new "not asked yet" must not replace a recorded answer.
    assert client.immigration_status is ImmigrationStatus.UNKNOWN
    assert (client.family_name, client.given_name) == (FAMILY, GIVEN)
    assert client.safe_contact == "Text only, never call"
    assert [c.id for c in services_.clients.search("rodriguez cov")] == [CLIENT_ID]

    staff = {member.id: member for member in services_.staff.find()}
    assert staff[STAFF_ID].name == ATTORNEY
    assert staff[STAFF_ID].bar_number == "51234" and staff[STAFF_ID].bar_state == ""
    # The case keeps its attorney through the table rebuilds of the migrations.
    assert services_.cases.get(CASE_ID).assigned_staff_id == STAFF_ID

    item = services_.risk.assess_hearing(HEARING_ID)
    assert item is not None and item.hearing.client_name.startswith(FAMILY)


def _assert_commands_work(location: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
                          ) -> None:
    capsys.readouterr()
    assert run([*location, "risk", "--from", "2026-12-01", "--days", "30", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [row["hearing_id"] for row in rows] == [HEARING_ID]
    codes = {reason["code"] for reason in rows[0]["reasons"]}
    assert "status_unknown" in codes and "status_not_asked" not in codes

    pdf = tmp_path / "advisory.pdf"
    assert run([*location, "letter", "advisory", "--hearing", str(HEARING_ID), "--out", str(pdf)]
               ) == 0, capsys.readouterr().err
    words = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Víctor" in words and "Lindsey-Flanigan" in words


@pytest.mark.parametrize("described", ["models at 0001", "reflected"])
def test_a_0001_backup_restores_in_place_on_sqlite(
    described: str, sqlite_app: App, old_sqlite_office: OldOffice, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = _old_backup(old_sqlite_office, sqlite_app, tmp_path / "backups", described)
    _, _, restorer = services(sqlite_app)
    description = restorer.inspect(path)
    assert description.schema_revision == OLD_REVISION
    outcome = restorer.restore_here(path, database_key=live_key(sqlite_app))
    assert outcome.schema_revision == migrations.head_revision()
    data_dir = sqlite_app.paths.data_dir
    sqlite_app.close()

    again = open_app(OpenOptions(data_dir=data_dir, clock=fixed_clock))
    try:
        _assert_office_reads_back(again)
    finally:
        again.close()
    _assert_commands_work(["--data-dir", str(data_dir)], tmp_path, capsys)


@pytest.mark.postgres
@pytest.mark.parametrize("source", ["postgresql", "sqlite"])
def test_a_0001_backup_restores_into_a_new_postgres_database(
    source: str, sqlite_app: App, postgres_url: str, tmp_path: Path,
    request: pytest.FixtureRequest, capsys: pytest.CaptureFixture[str],
) -> None:
    old: OldOffice = request.getfixturevalue(f"old_{source}_office")
    path = _old_backup(old, sqlite_app, tmp_path / "backups")
    _, _, restorer = services(sqlite_app)
    target = empty_postgres_database(postgres_url, "r_" + uuid.uuid4().hex[:12])
    outcome = restorer.restore_to(target, path)
    assert outcome.schema_revision == migrations.head_revision()

    server = open_app(OpenOptions(data_dir=tmp_path / "desk2", database_url=target,
                                  clock=fixed_clock))
    try:
        _assert_office_reads_back(server)
    finally:
        server.close()
    _assert_commands_work(
        ["--database", target, "--data-dir", str(tmp_path / "desk2")], tmp_path, capsys
    )
