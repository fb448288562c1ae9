"""Checks (and optionally loads) the members of a decrypted backup as age pushes them out.

Decryption pushes plaintext into a writer, so reading is event driven: the tar parser calls
`start`/`data`/`end` per member and this consumer hashes every member, decompresses every part,
counts its rows, hands the rows to a `LoadSession` when restoring, and finally compares all it saw
with `manifest.json`.
"""

from __future__ import annotations

import hashlib
import zlib
from dataclasses import dataclass, field

from app.security.errors import BackupDamagedError, NotABackupError
from app.storage.backup_manifest import (
    HEADER_NAME,
    MANIFEST_NAME,
    MAX_JSON_MEMBER,
    README_NAME,
    TABLES_DIR,
    BackupHeader,
    FileEntry,
    Manifest,
    PartEntry,
    TableEntry,
)
from app.storage.backup_pipeline import Feedable, TableSink
from app.storage.backup_tar import TarPushParser

_INFLATE_STEP = 4 * 1024 * 1024
_DAMAGED = "The backup is damaged: {detail}. Use another backup."


@dataclass
class _Member:
    name: str
    size: int
    digest: hashlib._Hash = field(default_factory=hashlib.sha256)
    received: int = 0
    json: bytearray | None = None
    table: str | None = None
    inflater: zlib._Decompress | None = None
    rows: int = 0


class BackupConsumer:
    """Writer target for decryption: `consumer.parser` receives the plaintext."""

    def __init__(self, session: TableSink | None, expected: Manifest | None = None) -> None:
        self.parser = TarPushParser(self)
        self._session = session
        self._expected_parts = (
            {p.path: p for t in expected.tables for p in t.parts} if expected else {}
        )
        self._header: BackupHeader | None = None
        self._directories: dict[str, str] = {}
        self._table_order: list[str] = []
        self._manifest_json: bytes | None = None
        self._files: list[FileEntry] = []
        self._parts: dict[str, list[PartEntry]] = {}
        self._member: _Member | None = None
        self._loader: tuple[str, Feedable] | None = None

    # -- tar events ---------------------------------------------------------------------------

    def start(self, name: str, size: int) -> None:
        member = _Member(name, size)
        if self._header is None:
            if name != HEADER_NAME:
                raise NotABackupError("This file decrypts, but it is not a CourtSafe backup.")
            member.json = self._json_buffer(name, size)
        elif self._manifest_json is not None:
            raise BackupDamagedError(_DAMAGED.format(detail=f"unexpected {name!r} at the end"))
        elif name in (README_NAME, MANIFEST_NAME):
            member.json = self._json_buffer(name, size)
        elif name.startswith(TABLES_DIR + "/"):
            member.table = self._table_of(name)
            member.inflater = zlib.decompressobj(31)
        else:
            raise BackupDamagedError(_DAMAGED.format(detail=f"unexpected file {name!r}"))
        self._member = member

    def data(self, chunk: memoryview) -> None:
        member = self._member
        assert member is not None
        member.digest.update(chunk)
        member.received += len(chunk)
        if member.json is not None:
            member.json += chunk
        elif member.inflater is not None:
            self._inflate(member, bytes(chunk))

    def end(self) -> None:
        member = self._member
        assert member is not None
        self._member = None
        sha256 = member.digest.hexdigest()
        if member.inflater is not None and member.table is not None:
            if not member.inflater.eof:
                raise BackupDamagedError(_DAMAGED.format(detail=f"{member.name} is cut short"))
            entry = PartEntry(member.name, member.rows, member.size, sha256)
            expected = self._expected_parts.get(member.name)
            if self._expected_parts and expected != entry:
                raise BackupDamagedError(_DAMAGED.format(detail=f"{member.name} changed"))
            self._parts.setdefault(member.table, []).append(entry)
            return
        data = bytes(member.json or b"")
        if member.name == HEADER_NAME:
            self._header = BackupHeader.from_json(data)
            self._directories = {d: name for name, d in self._header.tables}
        if member.name == MANIFEST_NAME:
            self._manifest_json = data
        else:
            self._files.append(FileEntry(member.name, member.size, sha256))

    # -- the end --------------------------------------------------------------------------------

    def finish(self) -> Manifest:
        """Compare everything seen with the manifest; the manifest, once all of it matches."""
        self.parser.close()
        if self._header is None or self._manifest_json is None:
            raise BackupDamagedError(_DAMAGED.format(detail="its manifest is missing"))
        manifest = Manifest.from_json(self._manifest_json)
        header = self._header
        if (
            manifest.format_version,
            manifest.app_version,
            manifest.schema_revision,
            manifest.created_at,
        ) != (header.format_version, header.app_version, header.schema_revision, header.created_at):
            raise BackupDamagedError(_DAMAGED.format(detail="its header and manifest disagree"))
        if manifest.files != tuple(self._files):
            raise BackupDamagedError(_DAMAGED.format(detail="a file does not match its checksum"))
        seen = tuple(
            TableEntry(
                name,
                directory,
                sum(p.rows for p in self._parts.get(name, [])),
                tuple(self._parts.get(name, [])),
            )
            for name, directory in header.tables
        )
        if manifest.tables != seen:
            bad = [t.name for t, s in zip(manifest.tables, seen, strict=False) if t != s]
            detail = f"table {', '.join(bad) or '?'} does not match its checksum or row count"
            raise BackupDamagedError(_DAMAGED.format(detail=detail))
        return manifest

    # -- helpers --------------------------------------------------------------------------------

    def _json_buffer(self, name: str, size: int) -> bytearray:
        if size > MAX_JSON_MEMBER:
            raise BackupDamagedError(_DAMAGED.format(detail=f"{name} is implausibly large"))
        return bytearray()

    def _table_of(self, name: str) -> str:
        parts = name.split("/")
        table = self._directories.get(parts[1]) if len(parts) == 3 else None
        if table is None:
            raise BackupDamagedError(_DAMAGED.format(detail=f"unexpected file {name!r}"))
        if not self._table_order or self._table_order[-1] != table:
            if table in self._table_order:
                raise BackupDamagedError(_DAMAGED.format(detail=f"{name} is out of order"))
            self._table_order.append(table)
        return table

    def _inflate(self, member: _Member, data: bytes) -> None:
        inflater = member.inflater
        assert inflater is not None
        try:
            while data:
                if inflater.eof:
                    raise BackupDamagedError(
                        _DAMAGED.format(detail=f"{member.name} has extra data")
                    )
                out = inflater.decompress(data, _INFLATE_STEP)
                data = inflater.unconsumed_tail
                self._rows_out(member, out)
        except zlib.error as exc:
            raise BackupDamagedError(_DAMAGED.format(detail=f"{member.name} is corrupt")) from exc

    def _rows_out(self, member: _Member, out: bytes) -> None:
        member.rows += out.count(b"\n")
        if self._session is None or member.table is None:
            return
        if self._loader is None or self._loader[0] != member.table:
            self._loader = (member.table, self._session.table(member.table))
        self._loader[1].feed(out)
