"""One backup = one age file, encrypted to the office key and the recovery key, holding a tar.

Inside the tar, in this order: `courtsafe-backup.json` (format, versions, created at, tables),
`README.txt` (how to read it by hand), `tables/<table>/part-NNNN.jsonl.gz` (portable dump, in
foreign-key order, each part at most ~16 MiB compressed) and `manifest.json` (row counts, size and
SHA-256 of every member). `age -d -i recovery.txt FILE > out.tar` opens it without CourtSafe.

The archive is generated while it is encrypted: no plaintext reaches the disk and memory stays
bounded (one part, at most ~16 MiB, is held at a time, because a tar header needs the part's size).

Verification right after writing: the ciphertext is read back from disk and compared with the hash
taken while writing, and the age header is checked (recipients, a length age can produce). When the
caller has an identity (the office key from the keyring), the file is also decrypted and every
part's SHA-256, size and row count checked against the manifest. Encrypting needs no secret, so
without a keyring a backup is still written and checked by read-back; `verify_backup` with the
recovery key checks it fully later.

Restore decrypts twice: a full verification first, without touching the target; then a load in one
transaction that re-checks every hash and rolls back on any difference.
"""

from __future__ import annotations

import errno
import hashlib
import os
import tempfile
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from app.security.age_files import decrypt_stream, encrypt_stream, read_age_header
from app.security.age_keys import AgeIdentity, AgeRecipient
from app.security.errors import (
    BackupError,
    BackupSchemaMismatchError,
    BackupWriteError,
    RestoreTargetNotEmptyError,
)
from app.storage import backup_tar
from app.storage.backup_manifest import (
    FORMAT_VERSION,
    HEADER_NAME,
    MANIFEST_NAME,
    README_NAME,
    BackupHeader,
    FileEntry,
    Manifest,
    PartEntry,
    TableEntry,
    part_path,
    table_directory,
)
from app.storage.backup_pipeline import Handoff
from app.storage.backup_reader import BackupConsumer
from app.storage.portable_dump import DEFAULT_READ_BATCH, iter_table_lines, snapshot
from app.storage.portable_load import DEFAULT_WRITE_BATCH, LoadSession, TargetNotEmpty
from app.storage.portable_rows import DumpFormatError
from app.storage.sqlite_json_staging import JsonStaging
from app.version import __version__

PART_LIMIT = 16 * 1024 * 1024
"""Compressed bytes after which a table's dump continues in a new part."""

BLOB_READ_BATCH = 200
"""Rows per read for tables with binary columns (letter PDFs), to bound memory."""

COMPRESS_LEVEL = 3
"""gzip level of the parts: level 6 made a backup 20% smaller and its writing a third slower."""
_READ_CHUNK = 1024 * 1024

_README = """\
CourtSafe backup (format {version})

courtsafe-backup.json  format, app version, schema revision, creation time, tables in load order
tables/<table>/part-NNNN.jsonl.gz  rows of each table as gzip-compressed JSON Lines, one object per
                       row; dates, times, bytes and decimals are {{"$date": ...}}-style objects
manifest.json          row counts and the SHA-256 of every other file (check with sha256sum)

Read a table:  gzip -dc tables/<table>/part-*.jsonl.gz | less
"""


class VerifiedBy(StrEnum):
    DECRYPTION = "decryption"
    """Decrypted with an identity; every part's hash, size and row count checked."""
    READBACK = "readback"
    """No identity at hand: ciphertext read back and compared, age header checked."""


@dataclass(frozen=True, slots=True)
class BackupResult:
    path: Path
    size: int
    manifest: Manifest
    verified_by: VerifiedBy
    ciphertext_sha256: str


@dataclass(frozen=True, slots=True)
class RestoreResult:
    manifest: Manifest
    row_counts: dict[str, int]


def backup_file_name(now: datetime) -> str:
    """A name that carries the time and nothing about the office's clients."""
    return f"courtsafe-{now.astimezone(UTC):%Y-%m-%dT%H%M%SZ}.age"


def write_backup(
    engine: Engine,
    metadata: sa.MetaData,
    schema_revision: str,
    recipients: Sequence[AgeRecipient],
    dest_dir: Path,
    now: datetime,
    *,
    identity: AgeIdentity | None = None,
) -> BackupResult:
    """Write, fsync, rename into place and verify one backup of every table of `metadata`.

    Raises BackupWriteError (disk full, drive gone) leaving no partial file behind.
    """
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    if not recipients:
        raise ValueError("a backup needs at least one recipient")
    header = BackupHeader(
        FORMAT_VERSION,
        __version__,
        schema_revision,
        now.astimezone(UTC),
        tuple(
            (table.name, table_directory(table.name, index))
            for index, table in enumerate(metadata.sorted_tables)
        ),
    )
    archive = _ArchiveWriter(engine, metadata, header)
    final = _write_encrypted(archive, recipients, dest_dir, now)
    manifest = archive.manifest()
    verified_by = _verify_written(final.path, final.sha256, len(recipients), identity, manifest)
    return BackupResult(final.path, final.size, manifest, verified_by, final.sha256)


def verify_backup(path: Path, identity: AgeIdentity | Sequence[AgeIdentity]) -> Manifest:
    """Decrypt the whole file and check every member against the manifest; nothing is written."""
    consumer = BackupConsumer(None)
    _decrypt_into(path, identity, consumer)
    return consumer.finish()


def read_manifest(path: Path, identity: AgeIdentity | Sequence[AgeIdentity]) -> Manifest:
    """The manifest of a backup (what it holds), after a full verification.

    The manifest is the archive's last member, so reading it decrypts the whole file anyway;
    checking the hashes on the way costs little and means what is shown can be trusted.
    """
    return verify_backup(path, identity)


def restore_into(
    path: Path,
    identity: AgeIdentity | Sequence[AgeIdentity],
    engine: Engine,
    metadata: sa.MetaData,
    *,
    verified: Manifest | None = None,
) -> RestoreResult:
    """Verify the backup fully, then load it into the empty tables of `engine` in one transaction.

    The target must already have the schema of the backup's revision (create it or migrate it to
    `manifest.schema_revision` first) and hold no rows. Nothing is committed unless every part
    matches its hash again during the load. `verified`: the manifest a full verification of this
    file returned a moment ago (when the caller showed it to the user), to skip a second one.
    """
    manifest = verified if verified is not None else verify_backup(path, identity)
    with engine.begin() as conn:
        return load_backup(path, identity, conn, metadata, manifest)


def load_backup(
    path: Path,
    identity: AgeIdentity | Sequence[AgeIdentity],
    conn: sa.Connection,
    metadata: sa.MetaData,
    manifest: Manifest,
    *,
    staging: JsonStaging | None = None,
    batch_size: int = DEFAULT_WRITE_BATCH,
) -> RestoreResult:
    """Load a verified backup into the empty tables of `metadata`, inside the caller's transaction.

    Every part is checked against `manifest` again as it streams in; on any difference this
    raises, and the caller's transaction must be rolled back (schema creation can share it, so
    a server target is left exactly as it was). `staging`: helper threads that parse rows for a
    SQLite target, attached to `conn` before its transaction began. `batch_size`: rows per
    INSERT.
    """
    backup_tables = [table.name for table in manifest.tables]
    target_tables = [table.name for table in metadata.sorted_tables]
    if sorted(backup_tables) != sorted(target_tables):
        missing = sorted(set(backup_tables) - set(target_tables))
        extra = sorted(set(target_tables) - set(backup_tables))
        raise BackupSchemaMismatchError(
            f"The backup (schema revision {manifest.schema_revision}) does not match this "
            "database: "
            f"tables only in the backup: {', '.join(missing) or 'none'}; "
            f"only in the database: {', '.join(extra) or 'none'}. Restore into a database at the "
            "backup's schema revision, then migrate."
        )
    try:
        session = LoadSession(conn, metadata, batch_size=batch_size, staging=staging)
        handoff = Handoff(session)
        consumer = BackupConsumer(handoff, expected=manifest)

        def read() -> Manifest:
            _decrypt_into(path, identity, consumer)
            return consumer.finish()

        reloaded = handoff.run(read)
        if reloaded != manifest:
            raise BackupError("The backup changed while it was being restored. Try again.")
        counts = session.finish()
    except TargetNotEmpty as exc:
        raise RestoreTargetNotEmptyError(
            f"The target database already holds data (in {', '.join(exc.tables)}). Restore only "
            "into a new, empty database."
        ) from exc
    except DumpFormatError as exc:
        raise BackupSchemaMismatchError(
            f"The backup does not fit this database's schema: {exc}. Restore into a database at "
            f"the backup's schema revision ({manifest.schema_revision}), then migrate."
        ) from exc
    if counts != manifest.row_counts:
        raise BackupError("The restored row counts differ from the backup's manifest.")
    return RestoreResult(manifest, counts)


# -- writing ------------------------------------------------------------------------------------


class _ArchiveWriter:
    """Generates the tar stream of a backup and records what the manifest must say."""

    def __init__(self, engine: Engine, metadata: sa.MetaData, header: BackupHeader) -> None:
        self._engine = engine
        self._metadata = metadata
        self._header = header
        self._mtime = int(header.created_at.timestamp())
        self._tables: list[TableEntry] = []
        self._files: list[FileEntry] = []
        self._done = False

    def manifest(self) -> Manifest:
        if not self._done:
            raise RuntimeError("the archive was not fully written")
        return self._build_manifest()

    def stream(self) -> Iterator[bytes]:
        yield from self._small_file(HEADER_NAME, self._header.to_json())
        yield from self._small_file(README_NAME, _README.format(version=FORMAT_VERSION).encode())
        directories = dict(self._header.tables)
        with snapshot(self._engine) as conn:
            for table in self._metadata.sorted_tables:
                yield from self._table(conn, table, directories[table.name])
        yield from self._small_file(MANIFEST_NAME, self._build_manifest().to_json())
        yield backup_tar.end_of_archive()
        self._done = True

    def _build_manifest(self) -> Manifest:
        h = self._header
        return Manifest(
            h.format_version,
            h.app_version,
            h.schema_revision,
            h.created_at,
            tuple(self._tables),
            tuple(self._files),
        )

    def _small_file(self, name: str, data: bytes) -> Iterator[bytes]:
        if name != MANIFEST_NAME:
            self._files.append(FileEntry(name, len(data), hashlib.sha256(data).hexdigest()))
        yield from backup_tar.member(name, [data], len(data), self._mtime)

    def _table(self, conn: sa.Connection, table: sa.Table, directory: str) -> Iterator[bytes]:
        batch = (
            BLOB_READ_BATCH
            if any(_is_binary(c.type) for c in table.columns)
            else (DEFAULT_READ_BATCH)
        )
        parts: list[PartEntry] = []
        part = _PartBuilder()
        for block in iter_table_lines(conn, table, batch_size=batch):
            part.add(block)
            if part.size >= PART_LIMIT:
                yield from self._emit(part, part_path(directory, len(parts) + 1), parts)
                part = _PartBuilder()
        if part.rows or not parts:
            yield from self._emit(part, part_path(directory, len(parts) + 1), parts)
        rows = sum(p.rows for p in parts)
        self._tables.append(TableEntry(table.name, directory, rows, tuple(parts)))

    def _emit(self, part: _PartBuilder, path: str, parts: list[PartEntry]) -> Iterator[bytes]:
        chunks = part.finish()
        digest = hashlib.sha256()
        for chunk in chunks:
            digest.update(chunk)
        yield from backup_tar.member(path, chunks, part.size, self._mtime)
        parts.append(PartEntry(path, part.rows, part.size, digest.hexdigest()))


def _is_binary(type_: sa.types.TypeEngine[object]) -> bool:
    impl = getattr(type_, "impl", type_)
    return isinstance(impl, sa.LargeBinary | sa.BINARY | sa.VARBINARY)


class _PartBuilder:
    """Gzip-compresses JSON Lines blocks in memory until the part is big enough."""

    def __init__(self) -> None:
        # wbits=31: a gzip stream with mtime 0 and no name, so equal data gives equal bytes.
        self._compressor = zlib.compressobj(COMPRESS_LEVEL, zlib.DEFLATED, 31)
        self._chunks: list[bytes] = []
        self.size = 0
        self.rows = 0

    def add(self, block: bytes) -> None:
        self.rows += block.count(b"\n")
        self._append(self._compressor.compress(block))

    def finish(self) -> list[bytes]:
        self._append(self._compressor.flush())
        return self._chunks

    def _append(self, data: bytes) -> None:
        if data:
            self._chunks.append(data)
            self.size += len(data)


class _StreamReader:
    """A `read(n)` view of a generator of bytes, for pyrage to pull the archive from."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks
        self._buffer = bytearray()

    def read(self, size: int = -1) -> bytes:
        while size < 0 or len(self._buffer) < size:
            chunk = next(self._chunks, None)
            if chunk is None:
                break
            self._buffer += chunk
        if size < 0 or size >= len(self._buffer):
            out = bytes(self._buffer)
            self._buffer.clear()
            return out
        out = bytes(self._buffer[:size])
        del self._buffer[:size]
        return out


class _HashingFile:
    """Writes the ciphertext to the file and hashes it on the way, for the read-back check."""

    def __init__(self, fd: int) -> None:
        self._file = os.fdopen(fd, "wb", buffering=_READ_CHUNK)
        self.digest = hashlib.sha256()
        self.size = 0

    def write(self, data: bytes) -> int:
        written = self._file.write(data)
        self.digest.update(data)
        self.size += len(data)
        return written

    def sync_and_close(self) -> None:
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()

    def close(self) -> None:
        self._file.close()


@dataclass(frozen=True, slots=True)
class _Written:
    path: Path
    size: int
    sha256: str


def _write_encrypted(
    archive: _ArchiveWriter, recipients: Sequence[AgeRecipient], dest_dir: Path, now: datetime
) -> _Written:
    try:
        dest_dir.mkdir(parents=True, exist_ok=True)
        fd, temp_name = tempfile.mkstemp(prefix=".courtsafe-", suffix=".partial", dir=dest_dir)
    except OSError as exc:
        raise _write_error(exc, dest_dir) from exc
    temp = Path(temp_name)
    out = _HashingFile(fd)
    try:
        encrypt_stream(_StreamReader(archive.stream()), out, recipients)
        out.sync_and_close()
        final = _free_name(dest_dir, now)
        os.replace(temp, final)
        _fsync_directory(dest_dir)
    except BaseException as exc:
        out.close()
        temp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _write_error(exc, dest_dir) from exc
        raise
    return _Written(final, out.size, out.digest.hexdigest())


def _free_name(dest_dir: Path, now: datetime) -> Path:
    """The time-stamped name, with a counter if a backup of the same second exists."""
    name = backup_file_name(now)
    candidate = dest_dir / name
    counter = 1
    while candidate.exists():
        counter += 1
        candidate = dest_dir / name.replace(".age", f"-{counter}.age")
    return candidate


def _fsync_directory(directory: Path) -> None:
    if os.name != "posix":
        return  # Windows cannot open a directory for fsync; the rename is durable there
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_error(exc: OSError, dest_dir: Path) -> BackupWriteError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return BackupWriteError(
            f"The backup could not be written: the drive holding {dest_dir} is full. Free some "
            "space or choose another folder. Earlier backups are untouched."
        )
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return BackupWriteError(
            f"The backup could not be written: no permission to write in {dest_dir}. Choose a "
            "folder you can write to."
        )
    return BackupWriteError(
        f"The backup could not be written to {dest_dir}: {exc.strerror or exc}. If it is an "
        "external drive, check it is still connected. Earlier backups are untouched."
    )


# -- verifying ----------------------------------------------------------------------------------


def _verify_written(
    path: Path,
    expected_sha256: str,
    recipients: int,
    identity: AgeIdentity | None,
    manifest: Manifest,
) -> VerifiedBy:
    header = read_age_header(path)
    if header.x25519_recipients != recipients:
        raise BackupError(f"{path.name}: the written file does not list every recipient.")
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_READ_CHUNK):
            digest.update(chunk)
    if digest.hexdigest() != expected_sha256:
        raise BackupError(
            f"{path.name} differs on disk from what was written (a failing drive?). "
            "Back up to another drive."
        )
    if identity is None:
        return VerifiedBy.READBACK
    if verify_backup(path, identity) != manifest:
        raise BackupError(f"{path.name}: the manifest read back differs from the one written.")
    return VerifiedBy.DECRYPTION


def _decrypt_into(
    path: Path, identity: AgeIdentity | Sequence[AgeIdentity], consumer: BackupConsumer
) -> None:
    identities = [identity] if isinstance(identity, AgeIdentity) else list(identity)
    read_age_header(path)  # "not an age file" and obvious truncation, before any key work
    with path.open("rb") as handle:
        decrypt_stream(handle, consumer.parser, identities, name=path.name)
