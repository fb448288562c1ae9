"""Damaged, foreign and newer backups, a full disk and kills: the live database never changes."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlcipher3

from app.bootstrap import App, OpenOptions, open_app
from app.security.age_keys import generate_identity
from app.security.errors import (
    BackupDamagedError,
    BackupError,
    BackupWriteError,
    NotABackupError,
    WrongKeyError,
)
from app.services.backup_restore import BackupFromNewerVersionError
from app.services.demo import DemoService
from app.storage import backup_format
from app.storage.backup_format import write_backup
from app.storage.models import Base
from tests.conftest import fixed_clock
from tests.integration.test_backup_support import (
    file_digest,
    live_key,
    services,
    settle,
    snapshot,
)

PASSPHRASE = "backup fault passphrase"
AGE_CHUNK = 64 * 1024 + 16


@pytest.fixture
def office(sqlite_app: App) -> App:
    """An office with demo data, backup keys and one good backup of several age chunks."""
    DemoService(sqlite_app.ctx).generate(1000, 5000)
    keys, _, _ = services(sqlite_app)
    keys.set_up()
    return sqlite_app


@pytest.fixture
def good_backup(office: App) -> Path:
    result = services(office)[1].create()
    assert result.size > 3 * AGE_CHUNK
    return result.path


def _payload_start(path: Path) -> int:
    data = path.read_bytes()
    return data.index(b"\n---") + data[data.index(b"\n---") + 1 :].index(b"\n") + 2


def _damaged(good: Path, tmp_path: Path, offset: int) -> Path:
    bad = tmp_path / "damaged" / good.name
    bad.parent.mkdir(exist_ok=True)
    data = bytearray(good.read_bytes())
    data[offset] ^= 0x01
    bad.write_bytes(bytes(data))
    return bad


def _assert_refused_untouched(
    office: App, path: Path, error: type[BaseException], message: str
) -> None:
    _, _, restorer = services(office)
    before_rows = snapshot(office.database.engine)
    digest = settle(office)
    with pytest.raises(error, match=message):
        restorer.restore_here(path, database_key=live_key(office))
    assert file_digest(office.paths.database_file) == digest
    assert not list(office.paths.data_dir.glob("courtsafe.db.restoring*"))
    assert snapshot(office.database.engine) == before_rows


@pytest.mark.parametrize("where", ["header", "middle", "last chunk"])
def test_a_flipped_bit_is_refused(
    office: App, good_backup: Path, tmp_path: Path, where: str
) -> None:
    size = good_backup.stat().st_size
    offset = {
        "header": good_backup.read_bytes().index(b"\n---") + 6,  # the header's MAC
        "middle": _payload_start(good_backup) + 16 + AGE_CHUNK + 1000,
        "last chunk": size - 20,
    }[where]
    bad = _damaged(good_backup, tmp_path, offset)
    _assert_refused_untouched(office, bad, BackupDamagedError, "is damaged")


def test_a_truncated_file_is_refused(office: App, good_backup: Path, tmp_path: Path) -> None:
    cut = tmp_path / good_backup.name
    cut.write_bytes(good_backup.read_bytes()[: good_backup.stat().st_size // 2])
    _assert_refused_untouched(office, cut, BackupDamagedError, "incomplete")


def test_a_backup_of_another_office_is_refused(
    office: App, good_backup: Path, tmp_path: Path
) -> None:
    other = write_backup(
        office.database.engine,
        Base.metadata,
        "0001",
        [generate_identity().recipient],
        tmp_path / "other",
        fixed_clock(),
    )
    _assert_refused_untouched(office, other.path, WrongKeyError, "cannot be opened with this key")


def test_a_file_that_is_not_a_backup_is_refused(office: App, tmp_path: Path) -> None:
    notes = tmp_path / "notes.age"
    notes.write_text("Rodríguez hearing notes\n" * 100)
    _assert_refused_untouched(office, notes, NotABackupError, "not an encrypted CourtSafe backup")


def test_a_backup_from_a_newer_schema_is_refused(office: App, tmp_path: Path) -> None:
    keys, _, _ = services(office)
    newer = write_backup(
        office.database.engine,
        Base.metadata,
        "9999_from_the_future",
        keys.recipients(),
        tmp_path / "newer",
        fixed_clock(),
    )
    _assert_refused_untouched(
        office, newer.path, BackupFromNewerVersionError, "newer than this version knows"
    )


def test_a_full_disk_leaves_earlier_backups_and_no_partial_file(
    office: App, good_backup: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    earlier = file_digest(good_backup)
    written = {"bytes": 0}
    original = backup_format._HashingFile.write

    def write(self: backup_format._HashingFile, data: bytes) -> int:
        written["bytes"] += len(data)
        if written["bytes"] > 100_000:
            raise OSError(errno.ENOSPC, "No space left on device")
        return original(self, data)

    monkeypatch.setattr(backup_format._HashingFile, "write", write)
    _, backups, _ = services(office)
    with pytest.raises(BackupWriteError, match="is full"):
        backups.create()
    folder = good_backup.parent
    assert sorted(p.name for p in folder.iterdir()) == [good_backup.name]
    assert file_digest(good_backup) == earlier
    status = backups.status()
    assert status.last_failure is not None and "is full" in status.last_failure.message
    assert status.last_backup is not None and status.last_backup.file_name == good_backup.name


# -- killed processes ---------------------------------------------------------------------------


def _courtsafe(data_dir: Path, *args: str) -> subprocess.Popen[bytes]:
    environment = {
        **os.environ,
        "COURTSAFE_PASSPHRASE": PASSPHRASE,
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "app", "--data-dir", str(data_dir), *args],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


@pytest.fixture(scope="module")
def big_office(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A data folder (passphrase, no keyring) big enough that a backup takes a while."""
    folder = tmp_path_factory.mktemp("big-office")
    _finish(_courtsafe(folder, "demo", "--clients", "20000", "--hearings", "150000"))
    _finish(_courtsafe(folder, "backup", "setup", "--key-out", str(folder.parent / "big-key.txt")))
    yield folder


def _finish(process: subprocess.Popen[bytes]) -> None:
    _, err = process.communicate(timeout=300)
    assert process.returncode == 0, err.decode()


def _rows_and_check(data_dir: Path) -> tuple[int, int, str]:
    connection = sqlcipher3.connect(str(data_dir / "courtsafe.db"))
    connection.execute(f"PRAGMA key = '{PASSPHRASE}'")
    try:
        check = connection.execute("PRAGMA integrity_check").fetchone()[0]
        clients = connection.execute("SELECT count(*) FROM client").fetchone()[0]
        hearings = connection.execute("SELECT count(*) FROM hearing").fetchone()[0]
    finally:
        connection.close()
    return clients, hearings, check


def _kill_when(process: subprocess.Popen[bytes], folder: Path, pattern: str) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not list(folder.glob(pattern)):
        if process.poll() is not None:
            process.communicate()
            pytest.fail("finished before it could be interrupted")
        time.sleep(0.01)
    time.sleep(0.3)
    assert process.poll() is None, "finished before it could be interrupted"
    process.send_signal(signal.SIGKILL)
    process.communicate()


def _usable(data_dir: Path) -> None:
    app = open_app(OpenOptions(data_dir=data_dir, passphrase=PASSPHRASE))
    try:
        assert app.services.clients.search("", limit=5)
    finally:
        app.close()


def test_sigkill_during_a_backup_leaves_the_database_intact(big_office: Path) -> None:
    before = _rows_and_check(big_office)
    backups = big_office / "backups"
    existing = set(backups.glob("*.age")) if backups.exists() else set()
    process = _courtsafe(big_office, "backup", "create")
    _kill_when(process, backups if backups.exists() else big_office, "**/.courtsafe-*")
    assert _rows_and_check(big_office) == before == (*before[:2], "ok")
    assert set(backups.glob("*.age")) == existing  # no half backup under a backup's name
    _usable(big_office)


def test_sigkill_during_a_restore_leaves_the_live_database_as_it_was(
    big_office: Path, tmp_path: Path
) -> None:
    _finish(_courtsafe(big_office, "backup", "create", "--to", str(tmp_path)))
    backup = next(tmp_path.glob("courtsafe-*.age"))
    before = _rows_and_check(big_office)
    live = big_office / "courtsafe.db"
    digest = file_digest(live)
    process = _courtsafe(
        big_office,
        "backup",
        "restore",
        str(backup),
        "--yes",
        "--identity",
        str(big_office.parent / "big-key.txt"),
    )
    _kill_when(process, big_office, "courtsafe.db.restoring")
    assert file_digest(live) == digest
    assert _rows_and_check(big_office) == before
    _usable(big_office)
    # The next restore clears what the killed one left and succeeds.
    again = _courtsafe(
        big_office,
        "backup",
        "restore",
        str(backup),
        "--yes",
        "--identity",
        str(big_office.parent / "big-key.txt"),
    )
    _finish(again)
    assert not list(big_office.glob("courtsafe.db.restoring*"))
    assert _rows_and_check(big_office) == before


def test_restore_refuses_while_another_program_holds_the_database(
    office: App, good_backup: Path
) -> None:
    _, _, restorer = services(office)
    other = sqlcipher3.connect(str(office.paths.database_file))
    key = live_key(office)
    other.execute(f"PRAGMA key = {key.pragma_literal()}")
    other.execute("BEGIN")
    other.execute("SELECT count(*) FROM client").fetchone()  # a reader holding a snapshot
    try:
        with pytest.raises(BackupError, match="open in another CourtSafe window"):
            restorer.restore_here(good_backup, database_key=key)
    finally:
        other.rollback()
        other.close()
    assert not list(office.paths.data_dir.glob("courtsafe.db.restoring*"))


def test_stale_restore_leftovers_are_removed(office: App, good_backup: Path) -> None:
    leftover = office.paths.data_dir / "courtsafe.db.restoring"
    leftover.write_bytes(b"half a file")
    (office.paths.data_dir / "courtsafe.db.restoring-journal").write_bytes(b"x")
    _, _, restorer = services(office)
    restorer.restore_here(good_backup, database_key=live_key(office))
    assert not list(office.paths.data_dir.glob("courtsafe.db.restoring*"))
    shutil.rmtree(office.paths.safety_copies_dir)


def test_restore_refuses_while_another_courtsafe_has_the_database_open_idle(
    office: App, good_backup: Path
) -> None:
    """An idle second window holds no transaction, but it would keep writing to the old file."""
    from app.bootstrap import OpenOptions, open_app

    second = open_app(OpenOptions(data_dir=office.paths.data_dir))
    before = office.paths.database_file.read_bytes()
    _, _, restorer = services(office)
    try:
        with pytest.raises(BackupError, match="open in another CourtSafe window"):
            restorer.restore_here(good_backup, database_key=live_key(office))
        assert office.paths.database_file.read_bytes() == before
    finally:
        second.close()
    restorer.restore_here(good_backup, database_key=live_key(office))  # alone now: it works


def test_a_backup_whose_rows_refer_to_missing_rows_is_refused(office: App) -> None:
    """A backup made while a hearing pointed at a case that no longer exists (foreign keys were
    off for the writer): restoring it would give a database the app cannot trust."""
    columns = [column.name for column in Base.metadata.tables["hearing"].columns]
    copied = ", ".join(
        "id + 1000000" if name == "id" else "case_id + 1000000" if name == "case_id" else name
        for name in columns
    )
    with office.database.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA foreign_keys = OFF")
        conn.exec_driver_sql(
            f"INSERT INTO hearing ({', '.join(columns)}) SELECT {copied} FROM hearing LIMIT 1"
        )
        conn.commit()
        conn.exec_driver_sql("PRAGMA foreign_keys = ON")
    bad = services(office)[1].create().path
    with office.database.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM hearing WHERE id > 1000000")

    _assert_refused_untouched(
        office, bad, BackupError, "a row of hearing refers to a missing row of legal_case"
    )
