"""Where CourtSafe keeps its files: one module knows, so tests and --data-dir can move them.

Nothing is created at import time: callers ask for a folder and get it created on demand.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "CourtSafe"


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
        for folder in (self.data_dir, self.config_dir, self.log_dir):
            folder.mkdir(parents=True, exist_ok=True)
