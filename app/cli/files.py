"""Writing output files the safe way: a temporary file, fsync, then rename over the target."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from app.domain.errors import UserError


def write_atomically(path: Path, data: bytes) -> None:
    """Never leaves a half-written file: the old file stays until the new one is complete."""
    folder = path.resolve().parent
    if not folder.is_dir():
        raise UserError(f"The folder {folder} does not exist.")
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".courtsafe-", suffix=".partial")
    except OSError as error:
        raise UserError(f"Cannot write in {folder}: {error.strerror}.") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise UserError(f"Could not write {path}: {error.strerror}.") from None
