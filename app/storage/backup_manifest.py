"""The two JSON documents inside a backup: the opening header and the closing manifest.

`courtsafe-backup.json` comes first and holds what is known before any row is read (format, app
version, schema revision, creation time, the tables in load order), so a reader rejects a newer
format or a file that is not a backup at once. `manifest.json` comes last and adds what is only
known after the dump: row counts and the size and SHA-256 of every other member.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.security.errors import NotABackupError, UnsupportedBackupVersionError

FORMAT_NAME = "courtsafe-backup"
FORMAT_VERSION = 1
HEADER_NAME = "courtsafe-backup.json"
README_NAME = "README.txt"
MANIFEST_NAME = "manifest.json"
TABLES_DIR = "tables"
MAX_JSON_MEMBER = 16 * 1024 * 1024

_SAFE_DIR = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}")


@dataclass(frozen=True, slots=True)
class PartEntry:
    path: str
    rows: int
    size: int
    sha256: str


@dataclass(frozen=True, slots=True)
class FileEntry:
    path: str
    size: int
    sha256: str


@dataclass(frozen=True, slots=True)
class TableEntry:
    name: str
    directory: str
    rows: int
    parts: tuple[PartEntry, ...]


@dataclass(frozen=True, slots=True)
class BackupHeader:
    format_version: int
    app_version: str
    schema_revision: str
    created_at: datetime
    tables: tuple[tuple[str, str], ...]
    """(table name, member directory) in load order."""

    def to_json(self) -> bytes:
        return _dump(
            {
                "format": FORMAT_NAME,
                "format_version": self.format_version,
                "app_version": self.app_version,
                "schema_revision": self.schema_revision,
                "created_at": self.created_at.isoformat(),
                "tables": [{"name": name, "directory": d} for name, d in self.tables],
            }
        )

    @classmethod
    def from_json(cls, data: bytes) -> BackupHeader:
        doc = _load(data, HEADER_NAME)
        _check_format(doc)
        try:
            return cls(
                format_version=int(doc["format_version"]),
                app_version=str(doc["app_version"]),
                schema_revision=str(doc["schema_revision"]),
                created_at=datetime.fromisoformat(doc["created_at"]),
                tables=tuple((str(t["name"]), str(t["directory"])) for t in doc["tables"]),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise NotABackupError(f"The backup header is not valid ({exc}).") from exc


@dataclass(frozen=True, slots=True)
class Manifest:
    format_version: int
    app_version: str
    schema_revision: str
    created_at: datetime
    tables: tuple[TableEntry, ...]
    """In load (foreign-key) order."""
    files: tuple[FileEntry, ...]
    """The members that are not table parts (header, README)."""

    @property
    def row_counts(self) -> dict[str, int]:
        return {table.name: table.rows for table in self.tables}

    @property
    def total_rows(self) -> int:
        return sum(table.rows for table in self.tables)

    def to_json(self) -> bytes:
        return _dump(
            {
                "format": FORMAT_NAME,
                "format_version": self.format_version,
                "app_version": self.app_version,
                "schema_revision": self.schema_revision,
                "created_at": self.created_at.isoformat(),
                "row_counts": self.row_counts,
                "tables": [
                    {
                        "name": t.name,
                        "directory": t.directory,
                        "rows": t.rows,
                        "parts": [
                            {"path": p.path, "rows": p.rows, "bytes": p.size, "sha256": p.sha256}
                            for p in t.parts
                        ],
                    }
                    for t in self.tables
                ],
                "files": [
                    {"path": f.path, "bytes": f.size, "sha256": f.sha256} for f in self.files
                ],
            }
        )

    @classmethod
    def from_json(cls, data: bytes) -> Manifest:
        doc = _load(data, MANIFEST_NAME)
        _check_format(doc)
        try:
            return cls(
                format_version=int(doc["format_version"]),
                app_version=str(doc["app_version"]),
                schema_revision=str(doc["schema_revision"]),
                created_at=datetime.fromisoformat(doc["created_at"]),
                tables=tuple(
                    TableEntry(
                        name=str(t["name"]),
                        directory=str(t["directory"]),
                        rows=int(t["rows"]),
                        parts=tuple(
                            PartEntry(
                                str(p["path"]), int(p["rows"]), int(p["bytes"]), str(p["sha256"])
                            )
                            for p in t["parts"]
                        ),
                    )
                    for t in doc["tables"]
                ),
                files=tuple(
                    FileEntry(str(f["path"]), int(f["bytes"]), str(f["sha256"]))
                    for f in doc["files"]
                ),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise NotABackupError(f"The backup manifest is not valid ({exc}).") from exc


def table_directory(name: str, index: int) -> str:
    """The member folder of a table: its name when that is a safe path, else a numbered one."""
    return name if _SAFE_DIR.fullmatch(name) else f"table-{index:03d}"


def part_path(directory: str, number: int) -> str:
    return f"{TABLES_DIR}/{directory}/part-{number:04d}.jsonl.gz"


def _check_format(doc: dict[str, Any]) -> None:
    if doc.get("format") != FORMAT_NAME:
        raise NotABackupError("This file decrypts, but it is not a CourtSafe backup.")
    version = doc.get("format_version")
    if not isinstance(version, int):
        raise NotABackupError("The backup does not state its format version.")
    if version > FORMAT_VERSION:
        raise UnsupportedBackupVersionError(
            f"This backup was made by a newer CourtSafe (backup format {version}; this version "
            f"reads up to format {FORMAT_VERSION}). Update CourtSafe, then restore it."
        )


def _dump(doc: dict[str, Any]) -> bytes:
    return (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _load(data: bytes, name: str) -> dict[str, Any]:
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise NotABackupError(f"The {name} inside this file is not valid JSON.") from exc
    if not isinstance(doc, dict):
        raise NotABackupError(f"The {name} inside this file is not a JSON object.")
    return doc
