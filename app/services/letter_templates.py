"""Templates the office has edited: kept with every version, checked before they are saved.

The shipped templates in resources/templates/ are the defaults. An office's edit is stored as a new
version in the database (so every desk of a shared server prints the same letter); "reset to
default" stops using the edits but keeps them in the history.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app import documents  # templates and validation load on first use
from app.documents.errors import TemplateError
from app.domain.errors import ValidationError
from app.services.context import ServiceContext
from app.services.office import OfficeService
from app.version import __version__


@dataclass(frozen=True)
class TemplateVersion:
    number: int
    saved_at: datetime
    saved_by: str
    source: str


@dataclass(frozen=True)
class ActiveTemplate:
    source: str | None  # None: the shipped default
    version: str  # e.g. "default-0.1.0" or "office-3"


def _key(kind: str, language: str) -> str:
    return f"templates.{kind}.{language}"


class TemplateStore:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.office = OfficeService(ctx)

    def active(self, kind: str, language: str) -> ActiveTemplate:
        state = self._state(kind, language)
        if state.get("use_default", True) or not state.get("versions"):
            return ActiveTemplate(None, f"default-{__version__}")
        latest = state["versions"][-1]
        return ActiveTemplate(latest["source"], f"office-{latest['number']}")

    def source(self, kind: str, language: str) -> str:
        active = self.active(kind, language)
        if active.source is not None:
            return active.source
        return documents.default_source(kind, language)

    def versions(self, kind: str, language: str) -> list[TemplateVersion]:
        return [
            TemplateVersion(
                v["number"], datetime.fromisoformat(v["saved_at"]), v["saved_by"], v["source"]
            )
            for v in self._state(kind, language).get("versions", [])
        ]

    def save(self, kind: str, language: str, source: str) -> ActiveTemplate:
        """Check the edited template against sample data first; a broken one is never saved."""
        try:
            documents.validate_template(kind, source, language)
        except TemplateError as error:
            where = f" (line {error.line})" if getattr(error, "line", None) else ""
            raise ValidationError({"template": f"{error}{where}"}) from None
        state = self._state(kind, language)
        versions = list(state.get("versions", []))
        number = (versions[-1]["number"] + 1) if versions else 1
        versions.append(
            {
                "number": number,
                "saved_at": self.ctx.now().isoformat(),
                "saved_by": self.ctx.actor,
                "source": source,
            }
        )
        self.office.set_setting(_key(kind, language), {"use_default": False, "versions": versions})
        return ActiveTemplate(source, f"office-{number}")

    def reset_to_default(self, kind: str, language: str) -> None:
        state = self._state(kind, language)
        if state:
            self.office.set_setting(_key(kind, language), {**state, "use_default": True})

    def _state(self, kind: str, language: str) -> dict[str, Any]:
        value = self.office.setting(_key(kind, language), {})
        return value if isinstance(value, dict) else {}
