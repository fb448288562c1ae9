"""SQLite's memory statistics go off in a fresh process, and only there; the database works."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

CHECK = """
import ctypes, sys
from pathlib import Path
early = None
if sys.argv[2] == "connection first":
    import sqlcipher3.dbapi2 as raw
    early = raw.connect(":memory:")
    early.execute("CREATE TABLE t (x)")
    early.execute("INSERT INTO t VALUES ('before')")
from app.storage.engine import DatabaseKey, open_engine, sqlite_url
from app.storage.sqlcipher_driver import turn_off_memory_statistics
import sqlcipher3._sqlite3 as driver
library = ctypes.CDLL(driver.__file__)
library.sqlite3_memory_used.restype = ctypes.c_int64
engine = open_engine(sqlite_url(Path(sys.argv[1])), DatabaseKey.from_passphrase("pass phrase"))
with engine.begin() as conn:
    conn.exec_driver_sql("CREATE TABLE client (name TEXT)")
    conn.exec_driver_sql("INSERT INTO client VALUES ('Nguyễn Văn Thắng')")
engine.dispose()
engine = open_engine(sqlite_url(Path(sys.argv[1])), DatabaseKey.from_passphrase("pass phrase"))
with engine.connect() as conn:
    name = conn.exec_driver_sql("SELECT name FROM client").scalar()
counted = library.sqlite3_memory_used() > 0
kept = early.execute("SELECT x FROM t").fetchone()[0] if early is not None else None
print(turn_off_memory_statistics(), counted, name, kept)
"""


def run(database: Path, order: str) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(CHECK), str(database), order],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


@pytest.mark.skipif(sys.platform == "win32", reason="the Windows driver exports no C functions")
def test_a_fresh_process_runs_without_memory_statistics(tmp_path: Path) -> None:
    off, counted, *name, kept = run(tmp_path / "fresh.db", "driver first")
    assert (off, counted) == ("True", "False")
    assert " ".join(name) == "Nguyễn Văn Thắng"  # encrypted, written and read back
    assert kept == "None"


def test_a_connection_opened_before_keeps_working_and_sqlite_is_not_restarted(
    tmp_path: Path,
) -> None:
    off, counted, *name, kept = run(tmp_path / "late.db", "connection first")
    assert (off, counted) == ("False", "True")
    assert " ".join(name) == "Nguyễn Văn Thắng"
    assert kept == "before"
