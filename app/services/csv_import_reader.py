"""Opening a CSV file the way offices actually have them: UTF-8, UTF-8 with a BOM (Excel's
"CSV UTF-8") or Windows-1252 (Excel's plain "CSV"), comma, semicolon or tab separated.

The whole file is checked once in chunks before any row is read: binary data (NUL bytes) and an
empty file are refused with a clear message; a file that is not valid UTF-8 is read as
Windows-1252, and then a row that is valid UTF-8 on its own is flagged, because the file mixes two
encodings and that row would come out garbled ("JosÃ©"). So is a row holding one of the five bytes
Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D): the file is in some other encoding,
and the byte would otherwise come in silently as the replacement character U+FFFD.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from app.domain.errors import UserError

CHUNK = 1 << 20
FIELD_LIMIT = 131072  # the csv module's default; a longer cell is reported, not read
UNDEFINED = "\ufffd"  # what a byte Windows-1252 does not define decodes to (it holds no U+FFFD)


@dataclass(frozen=True)
class FileShape:
    encoding: str  # "utf-8-sig" or "cp1252"
    delimiter: str
    size: int


@dataclass(frozen=True)
class Record:
    row: int  # as a spreadsheet numbers it: the header is row 1
    cells: list[str] | None
    problem: str = ""  # set (and cells None) when the row itself could not be read


def inspect(path: Path) -> FileShape:
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            encoding = _encoding(handle)
            handle.seek(0)
            head = handle.read(64 * 1024).decode(encoding, errors="replace")
    except FileNotFoundError:
        raise UserError(f"{path} does not exist.") from None
    except IsADirectoryError:
        raise UserError(f"{path} is a folder, not a CSV file.") from None
    except OSError as error:
        raise UserError(f"{path} could not be read: {error.strerror}.") from None
    if not head.lstrip("\ufeff").strip():
        raise UserError(f"{path.name} is empty: there is nothing to import.")
    return FileShape(encoding, _delimiter(head), size)


def _encoding(handle: IO[bytes]) -> str:
    decoder = codecs.getincrementaldecoder("utf-8")(errors="strict")
    utf8 = True
    first = True
    while chunk := handle.read(CHUNK):
        if b"\x00" in chunk:
            raise UserError(
                "This is not a CSV text file (it contains binary data). Save the spreadsheet "
                "as CSV first."
            )
        if first and chunk.startswith(b"\xef\xbb\xbf"):
            chunk = chunk[3:]
        first = False
        if utf8:
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError:
                utf8 = False
    if utf8:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            utf8 = False
    return "utf-8-sig" if utf8 else "cp1252"


def _delimiter(head: str) -> str:
    first_line = head.lstrip("\ufeff").splitlines()[0] if head.strip() else ""
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > 0 else ","


def records(path: Path, shape: FileShape) -> Iterator[Record]:
    """Every row after nothing is read twice: header first (row 1), then data rows."""
    csv.field_size_limit(FIELD_LIMIT)
    with path.open("r", encoding=shape.encoding, errors="replace", newline="") as handle:
        reader = csv.reader(handle, delimiter=shape.delimiter)
        row = 0
        while True:
            row += 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                if "field larger than field limit" in str(error):
                    yield Record(row, None, f"a cell is too long (over {FIELD_LIMIT:,} characters)")
                else:
                    yield Record(row, None, f"the row cannot be read as CSV ({error})")
                continue
            if shape.encoding == "cp1252" and any(UNDEFINED in cell for cell in cells):
                yield Record(
                    row,
                    None,
                    "this row has a byte that is not a character in Windows-1252, the file's "
                    "encoding (the file may be in another one); save it again as CSV UTF-8",
                )
                continue
            if shape.encoding == "cp1252" and _looks_utf8(cells):
                yield Record(
                    row,
                    None,
                    "this row is UTF-8 while the rest of the file is Windows-1252 (the file mixes "
                    "two encodings); save the whole file again as CSV UTF-8",
                )
                continue
            yield Record(row, cells)


def _looks_utf8(cells: list[str]) -> bool:
    for cell in cells:
        if cell.isascii():
            continue
        try:
            again = cell.encode("cp1252").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if again != cell:
            return True
    return False
