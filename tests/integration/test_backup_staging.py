"""Rows parsed on helper threads load exactly as rows parsed by the restoring connection itself."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import ExitStack
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from app.storage import portable_sqlite_json_loader, sqlite_json_staging
from app.storage.engine import DatabaseKey, open_engine, sqlite_url
from app.storage.models import Base
from app.storage.portable_load import LoadSession
from app.storage.portable_rows import DumpFormatError, encode_row
from app.storage.sqlite_json_staging import JsonStaging

NAMES = ["Rodríguez-Covarrubias", "Nguyễn Văn Thắng", "李小龙", 'O\'Brien "Jr" \\ <b>']
START = datetime(2026, 11, 30, 16, 0, tzinfo=UTC)


def hearing(number: int) -> dict[str, Any]:
    return {
        "id": number,
        "case_id": number % 17 + 1,
        "courthouse_id": number % 5 + 1,
        "courtroom": f"{number % 9}B",
        "starts_at": START + timedelta(minutes=number, microseconds=number % 3),
        "duration_minutes": 60,
        "hearing_type": "trial",
        "court_kind": "immigration" if number % 2 else "criminal",
        "mode": "in_person",
        "judge": NAMES[number % len(NAMES)],
        "join_url": "",
        "join_phone": "",
        "meeting_id": "",
        "passcode": "",
        "status": "scheduled",
        "outcome": None if number % 3 else "appeared",
        "advisory_sent_at": START if number % 5 == 0 else None,
        "reminder_sent_at": None,
        "notes": NAMES[(number + 1) % len(NAMES)],
        "version": 1,
    }


def dump_lines(rows: int, *, odd_every: int = 7) -> list[bytes]:
    """Dump lines of `rows` hearings; every `odd_every`-th has a time SQLite leaves to Python."""
    lines = []
    for number in range(1, rows + 1):
        row = hearing(number)
        line = encode_row(row)
        if number % odd_every == 0:  # milliseconds: valid ISO 8601, not the dump's own form
            starts = row["starts_at"]
            odd = starts.replace(microsecond=250_000).isoformat(timespec="milliseconds")
            line = line.replace(starts.isoformat(), odd)
        lines.append(line.encode("utf-8") + b"\n")
    return lines


def new_database(path: Path) -> Engine:
    engine = open_engine(sqlite_url(path), DatabaseKey.generate())
    Base.metadata.create_all(engine)

    @sa.event.listens_for(engine, "connect")
    def _checked_after(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute("PRAGMA foreign_keys = OFF")  # as a restore: checked at the end

    engine.dispose()
    return engine


@pytest.fixture
def target(tmp_path: Path) -> Iterator[Engine]:
    engine = new_database(tmp_path / "target.db")
    yield engine
    engine.dispose()


@pytest.fixture(autouse=True)
def small_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    # many blocks in flight
    monkeypatch.setattr(portable_sqlite_json_loader, "SQLITE_JSON_BLOCK_BYTES", 4096)


def load(engine: Engine, lines: list[bytes], helpers: int) -> dict[str, int]:
    with ExitStack() as stack, engine.connect() as conn:
        staging = stack.enter_context(JsonStaging(helpers)) if helpers else None
        if staging is not None:
            staging.attach(conn.connection.dbapi_connection)
        with conn.begin():
            session = LoadSession(conn, Base.metadata, staging=staging)
            loader = session.table("hearing")
            for start in range(0, len(lines), 50):
                loader.feed(b"".join(lines[start : start + 50]))
            return session.finish()


def stored(engine: Engine) -> list[tuple[Any, ...]]:
    with engine.connect() as conn:
        return [tuple(row) for row in conn.exec_driver_sql("SELECT * FROM hearing ORDER BY id")]


def helper_threads() -> list[str]:
    return [thread.name for thread in threading.enumerate() if thread.name.startswith("json-stage")]


def test_helpers_load_every_row_exactly_as_the_direct_way(
    tmp_path: Path, target: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = dump_lines(3000)
    submitted = []
    original = JsonStaging.submit

    def counted(self: JsonStaging, *args: Any) -> Any:
        submitted.append(1)
        return original(self, *args)

    monkeypatch.setattr(JsonStaging, "submit", counted)
    counts = load(target, lines, helpers=2)

    assert counts["hearing"] == 3000
    assert len(submitted) > 50  # the rows really went through the helpers
    direct = new_database(tmp_path / "direct.db")
    assert load(direct, lines, helpers=0)["hearing"] == 3000
    rows = stored(target)
    assert rows == stored(direct)
    by_id = {row[0]: row for row in rows}
    assert by_id[7][4] == "2026-11-30 16:07:00.250000"  # a line left to Python, converted
    assert by_id[8][4] == "2026-11-30 16:08:00.000002"
    assert by_id[2][9] == "李小龙"
    assert helper_threads() == []
    direct.dispose()


@pytest.mark.parametrize("helpers", [0, 2])
def test_a_line_that_is_not_json_fails_the_same_way_and_loads_nothing(
    target: Engine, helpers: int
) -> None:
    lines = dump_lines(600)
    lines[333] = b'{"id": 334, "case_id": \n'

    with pytest.raises(DumpFormatError, match="not a valid dump line"):
        load(target, lines, helpers)

    assert stored(target) == []
    assert helper_threads() == []


@pytest.mark.parametrize("helpers", [0, 2])
def test_a_repeated_id_is_refused_the_same_way(target: Engine, helpers: int) -> None:
    lines = dump_lines(600)
    lines[500] = lines[20]

    with pytest.raises(sa.exc.IntegrityError, match="UNIQUE constraint failed: hearing.id"):
        load(target, lines, helpers)

    assert stored(target) == []
    assert helper_threads() == []


def test_stages_live_in_memory_only(
    tmp_path: Path, target: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # where a stage would land if it were a file by mistake
    load(target, dump_lines(1000), helpers=2)
    files = sorted(path.name for path in tmp_path.rglob("*"))
    assert files == ["target.db", "target.db-shm", "target.db-wal"]


def test_one_core_gets_no_helpers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sqlite_json_staging.os, "cpu_count", lambda: 1)
    assert sqlite_json_staging.helpers_for_this_machine() == 0
    monkeypatch.setattr(sqlite_json_staging.os, "cpu_count", lambda: 2)
    assert sqlite_json_staging.helpers_for_this_machine() == 1
