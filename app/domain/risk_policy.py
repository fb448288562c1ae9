"""The federal policy periods and state courthouse protections, loaded from reference data.

One file (resources/reference/policy.toml) holds every citation, so the risk reasons, the letters
and the GUI quote the same words and dates. Lookups answer "what applied on this date", because a
hearing is judged by the policy in force on the day it takes place.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from app.domain.risk_toml import TomlDocument, day, resources_dir, table, text

POLICY_KINDS = ("policy", "letter", "practice")


@dataclass(frozen=True, slots=True)
class PolicyPeriod:
    """A federal instrument or practice, in force from `starts` until the next policy."""

    id: str
    starts: date
    kind: str  # "policy", "letter" (not policy) or "practice"
    instrument: str
    citation: str
    summary: str


@dataclass(frozen=True, slots=True)
class StateProtection:
    """A state law or court rule against civil arrest at or near its courthouses."""

    code: str
    name: str
    instrument: str
    citation: str
    in_force: date
    scope: str
    note: str = ""

    @property
    def source(self) -> str:
        """The citation as printed in a risk reason: 'C.R.S. 13-1-401 to 404 (CO, in force ...)'."""
        return f"{self.citation} ({self.code}, in force {self.in_force.isoformat()})"


@dataclass(frozen=True, slots=True)
class PolicyReference:
    """Every period (all kinds, in date order) and every state protection."""

    version: str
    periods: tuple[PolicyPeriod, ...]
    states: tuple[StateProtection, ...]
    _policies: tuple[PolicyPeriod, ...] = field(init=False, repr=False, compare=False)
    _starts: tuple[date, ...] = field(init=False, repr=False, compare=False)
    _by_state: dict[str, StateProtection] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        policies = tuple(p for p in self.periods if p.kind == "policy")
        object.__setattr__(self, "_policies", policies)
        object.__setattr__(self, "_starts", tuple(p.starts for p in policies))
        object.__setattr__(self, "_by_state", {s.code: s for s in self.states})

    def get(self, period_id: str) -> PolicyPeriod | None:
        return next((p for p in self.periods if p.id == period_id), None)

    def period_on(self, when: date) -> PolicyPeriod | None:
        """The federal policy in force on `when` (letters and practices never start a period)."""
        index = bisect.bisect_right(self._starts, when) - 1
        return self._policies[index] if index >= 0 else None

    def state_protection(self, state: str, when: date) -> StateProtection | None:
        """The state's courthouse protection if it was in force on `when`."""
        found = self._by_state.get(state.strip().upper())
        return found if found is not None and found.in_force <= when else None


def load_policy_reference(path: Path | str | None = None) -> PolicyReference:
    """Read resources/reference/policy.toml (or `path`); raise RulesError naming the line."""
    target = Path(path) if path is not None else resources_dir() / "reference" / "policy.toml"
    return parse_policy_reference(TomlDocument.read(target))


def parse_policy_reference(doc: TomlDocument) -> PolicyReference:
    version = text(doc, doc.data.get("version"), doc.key_line("version"), "version")
    periods = tuple(_period(doc, index, raw) for index, raw in enumerate(_items(doc, "period")))
    for index in range(1, len(periods)):
        if periods[index].starts < periods[index - 1].starts:
            line = doc.key_line("from", doc.array_item_line("period", index))
            raise doc.error(line, f"period {periods[index].id!r} is out of date order")
    ids = [p.id for p in periods]
    for index, period_id in enumerate(ids):
        if ids.index(period_id) != index:
            raise doc.error(doc.array_item_line("period", index), f"duplicate id {period_id!r}")
    states = tuple(_state(doc, index, raw) for index, raw in enumerate(_items(doc, "state")))
    codes = [s.code for s in states]
    for index, code in enumerate(codes):
        if codes.index(code) != index:
            raise doc.error(doc.array_item_line("state", index), f"duplicate state {code!r}")
    return PolicyReference(version=version, periods=periods, states=states)


def _items(doc: TomlDocument, name: str) -> list[dict[str, Any]]:
    raw = doc.data.get(name, [])
    if not isinstance(raw, list) or not all(isinstance(item, dict) for item in raw):
        raise doc.error(doc.key_line(name), f"write each {name} as a [[{name}]] table")
    return raw


def _period(doc: TomlDocument, index: int, raw: dict[str, Any]) -> PolicyPeriod:
    start = doc.array_item_line("period", index)
    table(doc, raw, start, "period")

    def field_text(key: str) -> str:
        return text(doc, raw.get(key), doc.key_line(key, start), f"period {key}")

    kind = field_text("kind")
    if kind not in POLICY_KINDS:
        raise doc.error(doc.key_line("kind", start), f"kind must be one of {POLICY_KINDS}")
    return PolicyPeriod(
        id=field_text("id"),
        starts=day(doc, raw.get("from"), doc.key_line("from", start), "from"),
        kind=kind,
        instrument=field_text("instrument"),
        citation=field_text("citation"),
        summary=" ".join(field_text("summary").split()),
    )


def _state(doc: TomlDocument, index: int, raw: dict[str, Any]) -> StateProtection:
    start = doc.array_item_line("state", index)

    def field_text(key: str) -> str:
        return text(doc, raw.get(key), doc.key_line(key, start), f"state {key}")

    code = field_text("code").upper()
    if len(code) != 2 or not code.isalpha():
        raise doc.error(doc.key_line("code", start), f"state code {code!r} is not two letters")
    note = raw.get("note", "")
    return StateProtection(
        code=code,
        name=field_text("name"),
        instrument=field_text("instrument"),
        citation=field_text("citation"),
        in_force=day(doc, raw.get("in_force"), doc.key_line("in_force", start), "in_force"),
        scope=" ".join(field_text("scope").split()),
        note=note.strip() if isinstance(note, str) else "",
    )
