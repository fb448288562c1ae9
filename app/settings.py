"""Per-desk settings in one typed place, with defaults; office-wide ones live in the database.

The file is JSON in the config folder. Unknown keys are ignored and a damaged file falls back to
defaults (keeping the damaged copy), so a bad edit never stops the app from starting.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class DeskSettings:
    database_url: str = ""  # empty: the encrypted SQLite file in the data folder
    upcoming_days: int = 14
    last_page: str = "upcoming"
    window_geometry: str = ""  # base64 of QWidget.saveGeometry()
    staff_name: str = ""
    backup_folder: str = ""
    auto_backup: bool = True
    backup_warning_days: int = 7

    def with_changes(self, **changes: Any) -> DeskSettings:
        return replace(self, **changes)


def load(path: Path) -> DeskSettings:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return DeskSettings()
    except (OSError, ValueError):
        path.replace(path.with_suffix(".damaged.json"))
        return DeskSettings()
    if not isinstance(raw, dict):
        return DeskSettings()
    known = {f.name: f for f in fields(DeskSettings)}
    values: dict[str, Any] = {}
    defaults = DeskSettings()
    for name, value in raw.items():
        if name in known and isinstance(value, type(getattr(defaults, name))):
            values[name] = value
    return DeskSettings(**values)


def save(path: Path, settings: DeskSettings) -> None:
    """Write atomically: a crash mid-write leaves the previous settings, never half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    with partial.open("w", encoding="utf-8") as handle:
        json.dump(asdict(settings), handle, indent=2, sort_keys=True)
        handle.flush()
        os.fsync(handle.fileno())
    partial.replace(path)
