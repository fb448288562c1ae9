"""Where CourtSafe keeps its files: one module knows, so tests and --data-dir can move them.

Nothing is created at import time: callers ask for a folder and get it created on demand.
"""

from __future__ import annotations

import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "CourtSafe"

PRIVATE_UMASK = 0o077
"""Files and folders this process creates are for this user only: the database and its WAL,
safety copies, backups, settings, logs, screenshots and exports all hold client data, and a
shared desk has other accounts. SQLite creates the WAL and shared-memory files itself, so the
process umask is the one place that reaches every file."""
PRIVATE_FOLDER = 0o700


def use_private_umask() -> None:
    """Set the process umask to PRIVATE_UMASK (start of the program, before any file is made)."""
    if os.name == "posix":
        os.umask(PRIVATE_UMASK)


def make_private(path: Path) -> None:
    """Take group and other permissions off `path` (a folder keeps its owner's search bit)."""
    if os.name != "posix":
        return
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    if stat.S_ISLNK(mode):
        return
    current = stat.S_IMODE(mode)
    wanted = (current & ~0o077) | (0o700 if stat.S_ISDIR(mode) else 0)
    if wanted != current:
        try:
            os.chmod(path, wanted)
        except PermissionError:
            pass  # another account's file: not ours to change


def package_root() -> Path:
    """The folder holding `app/`, `resources/` and `db/`: the source tree, a wheel or a bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    return Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    installed = Path(__file__).resolve().parent / "_resources"
    if installed.is_dir():
        return installed
    return package_root() / "resources"


def migrations_dir() -> Path:
    installed = Path(__file__).resolve().parent / "_db"
    if installed.is_dir():
        return installed
    return package_root() / "db"


@dataclass(frozen=True)
class AppPaths:
    data_dir: Path
    config_dir: Path
    log_dir: Path

    @classmethod
    def default(cls) -> AppPaths:
        return cls(
            data_dir=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
            config_dir=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
            log_dir=Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
        )

    @classmethod
    def under(cls, root: Path) -> AppPaths:
        """Everything inside one folder: --data-dir and the tests."""
        return cls(data_dir=root, config_dir=root / "config", log_dir=root / "logs")

    @property
    def database_file(self) -> Path:
        return self.data_dir / "courtsafe.db"

    @property
    def safety_copies_dir(self) -> Path:
        return self.data_dir / "safety-copies"

    @property
    def backups_dir(self) -> Path:
        return self.data_dir / "backups"

    def ensure(self) -> None:
        """Create the folders 0700 and tighten what an older version left readable to others."""
        for folder in (self.data_dir, self.config_dir, self.log_dir):
            folder.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
        self.tighten()

    def tighten(self) -> None:
        """Make CourtSafe's own files private: the database files in the data folder, and
        everything in the folders only CourtSafe writes (settings, logs, safety copies, backups).

        Other files a person keeps in a folder given with --data-dir are not CourtSafe's to
        change, nor are folders below those.
        """
        make_private(self.data_dir)
        for entry in _entries(self.data_dir):
            if entry.name.startswith(self.database_file.name):
                make_private(entry)
        for folder in (self.config_dir, self.log_dir, self.safety_copies_dir, self.backups_dir):
            if folder.is_dir():
                make_private(folder)
                for entry in _entries(folder):
                    make_private(entry)


def _entries(folder: Path) -> list[Path]:
    try:
        return [Path(entry.path) for entry in os.scandir(folder)]
    except OSError:
        return []
