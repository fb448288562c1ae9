"""A minimal streaming tar writer and push parser for the members of a backup.

The writer yields bytes (header, data, padding) so the archive is produced while it is being
encrypted; nothing is built in memory or on disk in plaintext. The parser is fed the decrypted bytes
as they arrive from age (which pushes into a writer) and reports member events. Only plain files in
USTAR format are expected: that is all `backup_format` writes, and any other tar is rejected.
"""

from __future__ import annotations

import tarfile
from collections.abc import Iterable, Iterator
from typing import Protocol

from app.security.errors import BackupDamagedError, NotABackupError

BLOCK = 512


def member(name: str, chunks: Iterable[bytes], size: int, mtime: int) -> Iterator[bytes]:
    """One regular file: header, data (exactly `size` bytes), padding to the block size."""
    info = tarfile.TarInfo(name)
    info.size = size
    info.mtime = mtime
    info.mode = 0o600
    info.type = tarfile.REGTYPE
    yield info.tobuf(tarfile.USTAR_FORMAT, "utf-8", "strict")
    written = 0
    for chunk in chunks:
        written += len(chunk)
        yield chunk
    if written != size:
        raise AssertionError(f"tar member {name}: wrote {written} bytes, header says {size}")
    if size % BLOCK:
        yield bytes(BLOCK - size % BLOCK)


def end_of_archive() -> bytes:
    return bytes(2 * BLOCK)


class MemberHandler(Protocol):
    def start(self, name: str, size: int) -> None: ...

    def data(self, chunk: memoryview) -> None: ...

    def end(self) -> None: ...


class TarPushParser:
    """Feed with `write(bytes)`, then call `close()`; calls the handler per member."""

    def __init__(self, handler: MemberHandler) -> None:
        self._handler = handler
        self._header = bytearray()
        self._remaining = 0
        self._padding = 0
        self._in_data = False
        self._zero_blocks = 0
        self._seen_member = False

    def write(self, data: bytes) -> int:
        view = memoryview(data)
        pos, total = 0, len(view)
        while pos < total:
            if self._in_data:
                take = min(self._remaining, total - pos)
                self._handler.data(view[pos : pos + take])
                pos += take
                self._remaining -= take
                if self._remaining == 0:
                    self._in_data = False
                    self._handler.end()
            elif self._padding:
                take = min(self._padding, total - pos)
                pos += take
                self._padding -= take
            else:
                take = min(BLOCK - len(self._header), total - pos)
                self._header += view[pos : pos + take]
                pos += take
                if len(self._header) == BLOCK:
                    self._on_header(bytes(self._header))
                    self._header.clear()
        return total

    def close(self) -> None:
        if self._in_data or self._padding or self._header or self._zero_blocks < 2:
            raise BackupDamagedError("The archive inside the backup ends too early.")

    def _on_header(self, block: bytes) -> None:
        if block.count(0) == BLOCK:
            self._zero_blocks += 1
            return
        if self._zero_blocks:
            raise BackupDamagedError("The archive inside the backup has data after its end.")
        try:
            info = tarfile.TarInfo.frombuf(block, "utf-8", "strict")
        except (tarfile.HeaderError, UnicodeDecodeError) as exc:
            if not self._seen_member:
                raise NotABackupError(
                    "This file decrypts, but it is not a CourtSafe backup."
                ) from exc
            raise BackupDamagedError("The archive inside the backup is damaged.") from exc
        if info.type not in (tarfile.REGTYPE, tarfile.AREGTYPE):
            raise BackupDamagedError(f"Unexpected entry {info.name!r} inside the backup.")
        self._seen_member = True
        self._handler.start(info.name, info.size)
        self._remaining = info.size
        self._padding = (-info.size) % BLOCK
        if info.size:
            self._in_data = True
        else:
            self._handler.end()
