"""Backups of a toy schema: portable dump, round trips, stock `age`, and faults."""

from __future__ import annotations

import enum
import errno
import io
import os
import shutil
import subprocess
import tarfile
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyrage
import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Dialect, Engine

from app.security.age_keys import AgeIdentity, generate_identity
from app.security.errors import (
    BackupDamagedError,
    BackupError,
    BackupSchemaMismatchError,
    BackupTruncatedError,
    BackupWriteError,
    NotABackupError,
    RestoreTargetNotEmptyError,
    UnsupportedBackupVersionError,
    WrongKeyError,
)
from app.storage import backup_format
from app.storage.backup_format import (
    VerifiedBy,
    read_manifest,
    restore_into,
    verify_backup,
    write_backup,
)
from app.storage.portable_dump import dump_tables
from app.storage.portable_load import load_tables
from app.version import __version__

NOW = datetime(2026, 11, 26, 3, 15, tzinfo=UTC)
CLIENT_NAMES = ["Rodríguez", "Nguyễn", "Пётр", "李小龙", "O'Brien & <Sons>"]


# -- the toy schema -------------------------------------------------------------------------------


class UTCDateTime(sa.TypeDecorator[datetime]):
    """Aware datetimes on every backend (SQLite has no time zones)."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class DecimalText(sa.TypeDecorator[Decimal]):
    impl = sa.String(40)
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> str | None:
        return None if value is None else str(value)

    def process_result_value(self, value: str | None, dialect: Dialect) -> Decimal | None:
        return None if value is None else Decimal(value)


class Status(enum.StrEnum):
    UNKNOWN = "unknown"
    PENDING_ASYLUM = "pending_asylum"


def make_metadata() -> sa.MetaData:
    md = sa.MetaData()
    sa.Table(
        "offices",
        md,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
    )
    sa.Table(
        "clients",
        md,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("office_id", sa.ForeignKey("offices.id"), nullable=False),
        sa.Column("family_name", sa.Text, nullable=False),
        sa.Column("date_of_birth", sa.Date),
        sa.Column("status", sa.Enum(Status, values_callable=lambda e: [m.value for m in e])),
        sa.Column("detained", sa.Boolean, nullable=False),
        sa.Column("balance", DecimalText),
        sa.Column("score", sa.Float),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("photo", sa.LargeBinary),
        sa.Column("extra", sa.JSON),
        sa.Column("token", sa.Uuid),
    )
    sa.Table(
        "hearings",
        md,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("client_id", sa.ForeignKey("clients.id"), nullable=False),
        sa.Column("starts_at", UTCDateTime, nullable=False),
        sa.Column("remote", sa.Boolean, nullable=False),
        sa.Column("courtroom", sa.String(20)),
    )
    sa.Table(
        "incidents",
        md,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("follows_id", sa.ForeignKey("incidents.id")),
        sa.Column("what", sa.Text, nullable=False),
    )
    return md


def fill(engine: Engine, md: sa.MetaData, hearings: int = 50) -> None:
    t = md.tables
    eastern = timezone(timedelta(hours=-5))
    clients = [
        {
            "id": i + 1,
            "office_id": 1,
            "family_name": name,
            "date_of_birth": date(1980 + i, 2, 28) if i % 2 else None,
            "status": Status.PENDING_ASYLUM if i % 2 else Status.UNKNOWN,
            "detained": bool(i % 2),
            "balance": Decimal("12.50") if i else None,
            "score": [1.5, float("inf"), None, -0.0, 3e-300][i],
            "created_at": datetime(2026, 1, 1 + i, 9, 30, 15, 123456, tzinfo=eastern),
            "photo": bytes(range(256)) * (i + 1) if i % 2 == 0 else None,
            "extra": {"$date": "not a tag", "nested": [1, "ñ"]} if i == 0 else None,
            "token": uuid.UUID(int=i + 1),
        }
        for i, name in enumerate(CLIENT_NAMES)
    ]
    with engine.begin() as conn:
        conn.execute(t["offices"].insert(), [{"id": 1, "name": "Legal Aid Denver"}])
        conn.execute(t["clients"].insert(), clients)
        conn.execute(
            t["hearings"].insert(),
            [
                {
                    "id": i + 1,
                    "client_id": i % len(CLIENT_NAMES) + 1,
                    "starts_at": NOW + timedelta(hours=i),
                    "remote": i % 3 == 0,
                    "courtroom": None if i % 4 == 0 else f"{i}B",
                }
                for i in range(hearings)
            ],
        )
        # a self-reference pointing forward: loads only because foreign keys are deferred
        conn.execute(
            t["incidents"].insert(),
            [{"id": 1, "follows_id": None, "what": "ICE at the door"}],
        )
        conn.execute(t["incidents"].insert(), [{"id": 2, "follows_id": 1, "what": "again"}])
        conn.execute(t["incidents"].update().where(t["incidents"].c.id == 1).values(follows_id=2))


def all_rows(engine: Engine, md: sa.MetaData) -> dict[str, list[tuple[Any, ...]]]:
    with engine.connect() as conn:
        return {
            table.name: [
                tuple(row) for row in conn.execute(sa.select(table).order_by(*table.primary_key))
            ]
            for table in md.sorted_tables
        }


def sqlite_engine(path: Path) -> Engine:
    engine = sa.create_engine(f"sqlite:///{path}")

    @sa.event.listens_for(engine, "connect")
    def _foreign_keys(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.execute("PRAGMA foreign_keys = ON")

    return engine


@pytest.fixture
def md() -> sa.MetaData:
    return make_metadata()


@pytest.fixture
def source(tmp_path: Path, md: sa.MetaData) -> Iterator[Engine]:
    engine = sqlite_engine(tmp_path / "source.db")
    md.create_all(engine)
    fill(engine, md)
    yield engine
    engine.dispose()


@pytest.fixture
def target(tmp_path: Path, md: sa.MetaData) -> Iterator[Engine]:
    engine = sqlite_engine(tmp_path / "target.db")
    md.create_all(engine)
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def keys() -> tuple[AgeIdentity, AgeIdentity]:
    return generate_identity(), generate_identity()


@pytest.fixture
def backup(
    source: Engine, md: sa.MetaData, keys: tuple[AgeIdentity, AgeIdentity], tmp_path: Path
) -> Path:
    office, recovery = keys
    result = write_backup(
        source,
        md,
        "rev42",
        [office.recipient, recovery.recipient],
        tmp_path / "backups",
        NOW,
        identity=office,
    )
    return result.path


# -- portable dump ------------------------------------------------------------------------------


def test_portable_dump_round_trip_in_memory(
    source: Engine, target: Engine, md: sa.MetaData
) -> None:
    dumped = [(table.name, list(lines)) for table, lines in dump_tables(source, md, batch_size=7)]
    counts = load_tables(target, md, dumped, batch_size=3)
    assert counts == {"offices": 1, "clients": 5, "hearings": 50, "incidents": 2}
    assert all_rows(target, md) == all_rows(source, md)


def test_portable_dump_lines_are_readable_json(source: Engine, md: sa.MetaData) -> None:
    lines = {table.name: b"".join(chunks) for table, chunks in dump_tables(source, md)}
    first_client = lines["clients"].split(b"\n")[0].decode("utf-8")
    assert '"family_name":"Rodríguez"' in first_client
    assert '"created_at":{"$datetime":"2026-01-01T14:30:15.123456+00:00"}' in first_client
    assert '"photo":{"$bytes":"AAECAw' in first_client
    assert '"extra":{"$json":' in first_client
    assert '"balance":null' in first_client


def test_load_is_all_or_nothing(source: Engine, target: Engine, md: sa.MetaData) -> None:
    dumped = [(table.name, list(lines)) for table, lines in dump_tables(source, md)]
    broken = [
        (name, [b'{"id":1,"follows_id":null}\n'] if name == "incidents" else lines)
        for name, lines in dumped
    ]
    with pytest.raises(ValueError, match="do not match"):
        load_tables(target, md, broken)
    assert all(not rows for rows in all_rows(target, md).values())


# -- backups: round trips and format ------------------------------------------------------------


def test_sqlite_to_sqlite_round_trip(
    backup: Path,
    target: Engine,
    source: Engine,
    md: sa.MetaData,
    keys: tuple[AgeIdentity, AgeIdentity],
) -> None:
    result = restore_into(backup, keys[1], target, md)
    assert result.row_counts == {"offices": 1, "clients": 5, "hearings": 50, "incidents": 2}
    assert all_rows(target, md) == all_rows(source, md)


def test_write_result_and_manifest(
    source: Engine, md: sa.MetaData, keys: tuple[AgeIdentity, AgeIdentity], tmp_path: Path
) -> None:
    recipients = [keys[0].recipient, keys[1].recipient]
    dest = tmp_path / "backups"
    with_key = write_backup(source, md, "rev42", recipients, dest, NOW, identity=keys[0])
    without_key = write_backup(source, md, "rev42", recipients, dest, NOW)
    assert with_key.verified_by is VerifiedBy.DECRYPTION
    assert without_key.verified_by is VerifiedBy.READBACK
    assert with_key.path.name == "courtsafe-2026-11-26T031500Z.age"
    assert without_key.path.name == "courtsafe-2026-11-26T031500Z-2.age"
    assert with_key.size == with_key.path.stat().st_size
    manifest = read_manifest(without_key.path, keys[0])
    assert manifest == with_key.manifest
    assert manifest.schema_revision == "rev42"
    assert manifest.app_version == __version__
    assert manifest.created_at == NOW
    assert [t.name for t in manifest.tables] == [t.name for t in md.sorted_tables]
    assert {p.name for p in dest.iterdir()} == {with_key.path.name, without_key.path.name}


def test_large_table_is_split_into_parts(
    source: Engine,
    target: Engine,
    md: sa.MetaData,
    keys: tuple[AgeIdentity, AgeIdentity],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(backup_format, "PART_LIMIT", 1)
    monkeypatch.setattr(backup_format, "DEFAULT_READ_BATCH", 10)
    monkeypatch.setattr(backup_format, "BLOB_READ_BATCH", 2)
    result = write_backup(source, md, "r", [keys[0].recipient], tmp_path, NOW, identity=keys[0])
    parts = {t.name: len(t.parts) for t in result.manifest.tables}
    assert parts == {"offices": 1, "clients": 3, "hearings": 5, "incidents": 1}
    restore_into(result.path, keys[0], target, md)
    assert all_rows(target, md) == all_rows(source, md)


def test_stock_age_decrypts_to_a_plain_tar(
    backup: Path, keys: tuple[AgeIdentity, AgeIdentity], tmp_path: Path
) -> None:
    age = shutil.which("age")
    assert age is not None, "the age command is missing: scripts/setup.sh installs it"
    key_file = tmp_path / "recovery.txt"
    key_file.write_text(keys[1].secret_key + "\n", encoding="utf-8")
    out = subprocess.run(
        [age, "-d", "-i", str(key_file), str(backup)], capture_output=True, check=True
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(out)) as archive:
        names = archive.getnames()
        clients = archive.extractfile("tables/clients/part-0001.jsonl.gz")
        assert clients is not None
        import gzip

        text = gzip.decompress(clients.read()).decode("utf-8")
    assert names[:2] == ["courtsafe-backup.json", "README.txt"]
    assert names[-1] == "manifest.json"
    assert "Rodríguez" in text


def test_no_client_name_in_backup_bytes(backup: Path) -> None:
    data = backup.read_bytes()
    for name in CLIENT_NAMES:
        for encoding in ("utf-8", "utf-16-le"):
            assert name.encode(encoding) not in data
    assert all(name not in backup.name for name in CLIENT_NAMES)


def test_restore_refuses_a_non_empty_target(
    backup: Path, source: Engine, md: sa.MetaData, keys: tuple[AgeIdentity, AgeIdentity]
) -> None:
    before = all_rows(source, md)
    with pytest.raises(RestoreTargetNotEmptyError, match="empty database"):
        restore_into(backup, keys[0], source, md)
    assert all_rows(source, md) == before


def test_restore_refuses_another_schema(
    backup: Path, tmp_path: Path, keys: tuple[AgeIdentity, AgeIdentity]
) -> None:
    other = make_metadata()
    sa.Table("letters", other, sa.Column("id", sa.Integer, primary_key=True))
    engine = sqlite_engine(tmp_path / "other.db")
    other.create_all(engine)
    with pytest.raises(BackupSchemaMismatchError, match="only in the database: letters"):
        restore_into(backup, keys[0], engine, other)


# -- faults -------------------------------------------------------------------------------------


def _flip(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x04
    path.write_bytes(bytes(data))


def _payload_start(path: Path) -> int:
    data = path.read_bytes()
    return data.index(b"\n", data.index(b"\n---") + 1) + 1 + 16


@pytest.fixture
def big_backup(tmp_path: Path, md: sa.MetaData, keys: tuple[AgeIdentity, AgeIdentity]) -> Path:
    """A backup of several age chunks, so header, middle and last chunk differ."""
    engine = sqlite_engine(tmp_path / "big.db")
    md.create_all(engine)
    fill(engine, md, hearings=20_000)
    result = write_backup(
        engine, md, "r", [keys[0].recipient, keys[1].recipient], tmp_path / "b", NOW
    )
    engine.dispose()
    assert result.size > 2 * 65_536 + 1_000  # three chunks at least
    return result.path


@pytest.mark.parametrize("where", ["header", "middle", "last chunk"])
def test_flipped_bit_is_rejected_and_target_untouched(
    where: str,
    big_backup: Path,
    target: Engine,
    md: sa.MetaData,
    keys: tuple[AgeIdentity, AgeIdentity],
) -> None:
    size = big_backup.stat().st_size
    offset = {"header": 60, "middle": size // 2, "last chunk": size - 20}[where]
    _flip(big_backup, offset)
    # A flip in the office key's stanza still lets the recovery key in; the header MAC catches it.
    with pytest.raises(BackupDamagedError, match="is damaged") as caught:
        restore_into(big_backup, keys[1], target, md)
    assert ("header" in caught.value.message) == (where == "header")
    assert all(not rows for rows in all_rows(target, md).values())


def test_flipped_bit_in_header_mac(big_backup: Path, keys: tuple[AgeIdentity, AgeIdentity]) -> None:
    data = big_backup.read_bytes()
    _flip(big_backup, data.index(b"\n---") + 6)
    with pytest.raises(BackupDamagedError, match="header"):
        verify_backup(big_backup, keys[0])


@pytest.mark.parametrize("cut", [1, 100, 65_536 + 16, "to header"])
def test_truncated_file_is_rejected(
    cut: int | str, big_backup: Path, keys: tuple[AgeIdentity, AgeIdentity]
) -> None:
    data = big_backup.read_bytes()
    keep = _payload_start(big_backup) - 16 if cut == "to header" else len(data) - int(cut)
    big_backup.write_bytes(data[:keep])
    with pytest.raises(BackupDamagedError, match="incomplete|damaged"):
        verify_backup(big_backup, keys[0])


def test_truncated_to_impossible_length_says_incomplete(
    big_backup: Path, keys: tuple[AgeIdentity, AgeIdentity]
) -> None:
    data = big_backup.read_bytes()
    big_backup.write_bytes(data[: _payload_start(big_backup) + 65_536 + 16 + 5])
    with pytest.raises(BackupTruncatedError, match="incomplete"):
        verify_backup(big_backup, keys[0])


def test_wrong_key(backup: Path) -> None:
    with pytest.raises(WrongKeyError, match="recovery key"):
        verify_backup(backup, generate_identity())


def test_plain_file_is_not_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "courtsafe-2026-11-26T031500Z.age"
    path.write_bytes(b"PK\x03\x04 definitely a zip")
    with pytest.raises(NotABackupError, match="not an age file"):
        verify_backup(path, generate_identity())


@pytest.mark.parametrize("payload", [b"hello", b"", b"x" * 10_000])
def test_age_file_without_a_backup_inside(
    payload: bytes, tmp_path: Path, keys: tuple[AgeIdentity, AgeIdentity]
) -> None:
    path = tmp_path / "other.age"
    path.write_bytes(pyrage.encrypt(payload, [keys[0].recipient.to_pyrage()]))
    with pytest.raises(BackupError, match="not a CourtSafe backup|ends too early"):
        verify_backup(path, keys[0])


def _rewrite_inside(path: Path, identity: AgeIdentity, member: str, edit: Any) -> None:
    """Decrypt, change one member of the tar, encrypt again (a forged or future backup)."""
    plain = pyrage.decrypt(path.read_bytes(), [identity.to_pyrage()])
    out = io.BytesIO()
    with (
        tarfile.open(fileobj=io.BytesIO(plain)) as src,
        tarfile.open(fileobj=out, mode="w", format=tarfile.USTAR_FORMAT) as dst,
    ):
        for info in src.getmembers():
            extracted = src.extractfile(info)
            assert extracted is not None
            data = extracted.read()
            if info.name == member:
                data = edit(data)
                info.size = len(data)
            dst.addfile(info, io.BytesIO(data))
    path.write_bytes(pyrage.encrypt(out.getvalue(), [identity.recipient.to_pyrage()]))


@pytest.mark.parametrize("member", ["courtsafe-backup.json", "manifest.json"])
def test_newer_format_version_is_rejected(
    member: str, backup: Path, keys: tuple[AgeIdentity, AgeIdentity]
) -> None:
    _rewrite_inside(
        backup,
        keys[0],
        member,
        lambda data: data.replace(b'"format_version": 1', b'"format_version": 99'),
    )
    with pytest.raises(UnsupportedBackupVersionError, match="newer CourtSafe"):
        verify_backup(backup, keys[0])


def test_tampered_part_fails_its_hash(
    backup: Path, target: Engine, md: sa.MetaData, keys: tuple[AgeIdentity, AgeIdentity]
) -> None:
    import gzip

    def edit(data: bytes) -> bytes:
        return gzip.compress(gzip.decompress(data).replace(b"Denver", b"Boston"), mtime=0)

    _rewrite_inside(backup, keys[0], "tables/offices/part-0001.jsonl.gz", edit)
    with pytest.raises(BackupDamagedError, match="offices"):
        restore_into(backup, keys[0], target, md)
    assert all(not rows for rows in all_rows(target, md).values())


def test_full_disk_leaves_no_partial_file_and_old_backups_intact(
    backup: Path,
    source: Engine,
    md: sa.MetaData,
    keys: tuple[AgeIdentity, AgeIdentity],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = {p.name: p.read_bytes() for p in backup.parent.iterdir()}
    written = 0
    real_write = backup_format._HashingFile.write

    def full_disk(self: Any, data: bytes) -> int:
        nonlocal written
        written += len(data)
        if written > 2_000:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(self, data)

    monkeypatch.setattr(backup_format._HashingFile, "write", full_disk)
    with pytest.raises(BackupWriteError, match="full"):
        write_backup(
            source,
            md,
            "r",
            [keys[0].recipient],
            backup.parent,
            NOW + timedelta(days=1),
        )
    after = {p.name: p.read_bytes() for p in backup.parent.iterdir()}
    assert after == before
    verify_backup(backup, keys[0])


def test_naive_now_is_a_bug(
    source: Engine, md: sa.MetaData, tmp_path: Path, keys: tuple[AgeIdentity, AgeIdentity]
) -> None:
    with pytest.raises(ValueError, match="timezone"):
        write_backup(source, md, "r", [keys[0].recipient], tmp_path, datetime(2026, 1, 1))


# -- PostgreSQL ---------------------------------------------------------------------------------


@pytest.fixture
def postgres_engine(md: sa.MetaData, postgres_url: str) -> Iterator[Engine]:
    url = postgres_url
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    name = f"courtsafe_backup_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    engine = sa.create_engine(sa.make_url(url).set(database=name))
    md.create_all(engine)
    try:
        yield engine
    finally:
        engine.dispose()
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE "{name}"')
        admin.dispose()


@pytest.mark.postgres
def test_sqlite_to_postgres_round_trip_and_back(
    backup: Path,
    postgres_engine: Engine,
    source: Engine,
    md: sa.MetaData,
    keys: tuple[AgeIdentity, AgeIdentity],
    tmp_path: Path,
) -> None:
    restore_into(backup, keys[1], postgres_engine, md)
    assert all_rows(postgres_engine, md) == all_rows(source, md)
    with postgres_engine.begin() as conn:  # sequences were moved past the restored ids
        new_id = conn.execute(
            md.tables["offices"].insert().values(name="Second office")
        ).inserted_primary_key
    assert new_id is not None and new_id[0] == 2
    with postgres_engine.begin() as conn:
        conn.execute(md.tables["offices"].delete().where(md.tables["offices"].c.id == 2))
    again = write_backup(
        postgres_engine, md, "rev42", [keys[0].recipient], tmp_path / "pg", NOW, identity=keys[0]
    )
    back = sqlite_engine(tmp_path / "back.db")
    md.create_all(back)
    restore_into(again.path, keys[0], back, md)
    assert all_rows(back, md) == all_rows(source, md)
