"""Reading the reference TOML files with errors an office manager can act on.

The rules and the policy reference are meant to be edited by hand, so every error names the file
and the line to look at. tomllib reports the line of a syntax error; for a file that parses but says
something wrong (a missing weight, an unknown code) the line is found by searching the text for the
offending table or key, which is good enough for files of a few hundred lines.
"""

from __future__ import annotations

import math
import re
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

from app.paths import resources_dir as _app_resources_dir

_TOML_POSITION = re.compile(r"\(at line (\d+), column \d+\)")


def resources_dir() -> Path:
    """The shipped `resources/` folder (source tree, wheel or bundle): app.paths decides."""
    return _app_resources_dir()


class RulesError(Exception):
    """A rules or reference file the app cannot use; the message names the file and the line."""


class TomlDocument:
    """A parsed TOML file together with its text, so semantic errors can point at a line."""

    __slots__ = ("data", "lines", "source")

    def __init__(self, text: str, source: str) -> None:
        self.source = source
        self.lines = text.splitlines()
        try:
            self.data: dict[str, Any] = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            match = _TOML_POSITION.search(str(exc))
            line = int(match.group(1)) if match else 1
            reason = _TOML_POSITION.sub("", str(exc)).strip()
            raise RulesError(f"{source}, line {line}: not valid TOML: {reason}") from exc

    @classmethod
    def read(cls, path: Path) -> TomlDocument:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise RulesError(f"{path}: cannot be read: {exc}") from exc
        return cls(text, str(path))

    def error(self, line: int, message: str) -> RulesError:
        return RulesError(f"{self.source}, line {line}: {message}")

    def header_line(self, name: str, start: int = 1) -> int:
        """Line of the `[name]` header at or after `start` (within one `[[...]]` entry when
        `start` is that entry's header); `start` when absent."""
        for number in range(start, len(self.lines) + 1):
            stripped = self.lines[number - 1].strip()
            if stripped in (f"[{name}]", f"[[{name}]]"):
                return number
            if start > 1 and number > start and stripped.startswith("[["):
                break
        return start

    def array_item_line(self, name: str, index: int) -> int:
        """Line of the header of the index-th `[[name]]` entry (0-based)."""
        seen = -1
        for number, raw in enumerate(self.lines, start=1):
            if raw.strip() == f"[[{name}]]":
                seen += 1
                if seen == index:
                    return number
        return 1

    def key_line(self, key: str, start: int = 1) -> int:
        """Line of the first `key = ...` at or after line `start`; `start` itself when absent."""
        pattern = re.compile(rf"^\s*\"?{re.escape(key)}\"?\s*=")
        for number in range(start, len(self.lines) + 1):
            line = self.lines[number - 1]
            if pattern.match(line):
                return number
            if number > start and line.strip().startswith("[["):
                break
        return start


def number(doc: TomlDocument, value: object, line: int, what: str) -> float:
    """A finite int/float (TOML booleans are rejected: `true` is not a weight)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise doc.error(line, f"{what} must be a number, not {value!r}")
    return float(value)


def text(doc: TomlDocument, value: object, line: int, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise doc.error(line, f"{what} must be a non-empty text")
    return value.strip()


def day(doc: TomlDocument, value: object, line: int, what: str) -> date:
    if not isinstance(value, date) or hasattr(value, "hour"):
        raise doc.error(line, f"{what} must be a date written YYYY-MM-DD, not {value!r}")
    return value


def table(doc: TomlDocument, value: object, line: int, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise doc.error(line, f"{what} must be a table")
    return value
