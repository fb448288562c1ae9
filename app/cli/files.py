"""Output files of the command line: written the safe way (see app.services.atomic_files)."""

from __future__ import annotations

from app.services.atomic_files import write_atomically

__all__ = ["write_atomically"]
