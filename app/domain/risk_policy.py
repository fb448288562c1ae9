"""The federal policy periods and state courthouse protections, loaded from reference data.

One file (resources/reference/policy.toml) holds every citation, so the risk reasons, the letters
and the GUI quote the same words and dates. Lookups answer "what applied on this date", because a
hearing is judged by the policy in force on the day it takes place and a letter speaks of the
policy in force on the day it is signed. Each entry keeps what the instrument says
(`public_summary`, printable) apart from CourtSafe's own reading of it (`internal_note`, for staff),
and names the source it was checked against.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from app.domain.risk_toml import TomlDocument, day, resources_dir, table, text

POLICY_KINDS = ("policy", "letter", "practice")
STATE_KINDS = ("statute", "court rule", "court directive")
ENDINGS = ("superseded", "rescinded")


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where an entry was checked, when, and whether every cell was confirmed there."""

    reference: str  # public URL or publication
    checked_on: date
    verified: bool
    check_note: str = ""


@dataclass(frozen=True, slots=True)
class PolicyPeriod:
    """A federal instrument or practice, in force from `starts` until `ends` (if it ended)."""

    id: str
    starts: date
    kind: str  # "policy", "letter" (not policy) or "practice"
    instrument: str
    citation: str
    scope: str
    public_summary: str  # what the instrument says: printable in a letter to ICE
    provenance: Provenance
    internal_note: str = ""  # CourtSafe's inference: staff-facing risk reasons only
    history: str = ""  # how a letter recalls it after it ended
    ends: date | None = None  # first day it no longer applied
    ended_how: str = ""  # "superseded" or "rescinded"

    def in_force_on(self, when: date) -> bool:
        return self.starts <= when and (self.ends is None or when < self.ends)


@dataclass(frozen=True, slots=True)
class StateProtection:
    """A state law, court rule or court directive against civil arrest at its courthouses."""

    code: str
    name: str
    instrument: str
    citation: str
    in_force: date
    scope: str  # the state's own scope, in its own terms: never one sentence for every state
    kind: str = "statute"
    covers_travel: bool = False
    note: str = ""
    reference: str = ""  # public URL or publication checked
    checked_on: date | None = None
    verified: bool = False
    # For client advisories: plain sentences a client reads, never the staff `scope` above.
    name_es: str = ""
    client_scope_en: str = ""
    client_scope_es: str = ""

    @property
    def source(self) -> str:
        """The citation as printed in a risk reason: 'C.R.S. §§ 13-1-401–404 (CO, in force …)'."""
        return f"{self.citation} ({self.code}, in force {self.in_force.isoformat()})"

    def client_scope(self, language: str) -> str:
        """What it protects, in plain words for the client, in `language` (else English)."""
        return self.client_scope_es if language == "es" else self.client_scope_en

    def local_name(self, language: str) -> str:
        """The state's name in `language` ("Nueva York"), else its English name."""
        return self.name_es if language == "es" and self.name_es else self.name


@dataclass(frozen=True, slots=True)
class PolicyReference:
    """Every period (all kinds, in date order) and every state protection."""

    version: str
    periods: tuple[PolicyPeriod, ...]
    states: tuple[StateProtection, ...]
    _policies: tuple[PolicyPeriod, ...] = field(init=False, repr=False, compare=False)
    _starts: tuple[date, ...] = field(init=False, repr=False, compare=False)
    _by_state: dict[str, tuple[StateProtection, ...]] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        policies = tuple(p for p in self.periods if p.kind == "policy")
        object.__setattr__(self, "_policies", policies)
        object.__setattr__(self, "_starts", tuple(p.starts for p in policies))
        by_state: dict[str, list[StateProtection]] = {}
        for state in self.states:
            by_state.setdefault(state.code, []).append(state)
        newest_first = {
            code: tuple(sorted(found, key=lambda s: s.in_force, reverse=True))
            for code, found in by_state.items()
        }
        object.__setattr__(self, "_by_state", newest_first)

    def get(self, period_id: str) -> PolicyPeriod | None:
        return next((p for p in self.periods if p.id == period_id), None)

    def period_on(self, when: date) -> PolicyPeriod | None:
        """The federal policy that started last on or before `when` (the risk period's anchor).

        Letters and practices never start a period. For what a letter may call "in force", use
        `policies_in_force`, which also honours the day an instrument ended.
        """
        index = bisect.bisect_right(self._starts, when) - 1
        return self._policies[index] if index >= 0 else None

    def policies_in_force(self, when: date) -> tuple[PolicyPeriod, ...]:
        """Every federal policy in force on `when`: started, and not superseded or rescinded."""
        return tuple(p for p in self._policies if p.in_force_on(when))

    def ended_before(self, when: date) -> tuple[PolicyPeriod, ...]:
        """Policies that had ended by `when`, oldest first (a letter recalls them as history)."""
        return tuple(p for p in self._policies if p.ends is not None and p.ends <= when)

    def state_protections(self, state: str, when: date) -> tuple[StateProtection, ...]:
        """All of the state's protections in force on `when`, newest first."""
        found = self._by_state.get(state.strip().upper(), ())
        return tuple(s for s in found if s.in_force <= when)

    def state_protection(self, state: str, when: date) -> StateProtection | None:
        """The state's newest protection in force on `when`, or None."""
        found = self.state_protections(state, when)
        return found[0] if found else None


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
    seen: set[tuple[str, str]] = set()
    for index, state in enumerate(states):
        key = (state.code, state.citation)
        if key in seen:
            raise doc.error(
                doc.array_item_line("state", index),
                f"duplicate entry {state.citation!r} for state {state.code!r}",
            )
        seen.add(key)
    return PolicyReference(version=version, periods=periods, states=states)


def _items(doc: TomlDocument, name: str) -> list[dict[str, Any]]:
    raw = doc.data.get(name, [])
    if not isinstance(raw, list) or not all(isinstance(item, dict) for item in raw):
        raise doc.error(doc.key_line(name), f"write each {name} as a [[{name}]] table")
    return raw


class _Entry:
    """Typed access to one [[period]] or [[state]] table, with the line of every key."""

    def __init__(self, doc: TomlDocument, name: str, index: int, raw: dict[str, Any]) -> None:
        self.doc, self.name, self.raw = doc, name, raw
        self.start = doc.array_item_line(name, index)
        table(doc, raw, self.start, name)

    def line(self, key: str) -> int:
        return self.doc.key_line(key, self.start)

    def text(self, key: str) -> str:
        return " ".join(text(self.doc, self.raw.get(key), self.line(key), f"{self.name} {key}")
                        .split())

    def optional_text(self, key: str) -> str:
        value = self.raw.get(key, "")
        if not isinstance(value, str):
            raise self.doc.error(self.line(key), f"{self.name} {key} must be a text")
        return " ".join(value.split())

    def day(self, key: str) -> date:
        return day(self.doc, self.raw.get(key), self.line(key), key)

    def flag(self, key: str) -> bool:
        value = self.raw.get(key)
        if not isinstance(value, bool):
            raise self.doc.error(self.line(key), f"{self.name} {key} must be true or false")
        return value

    def choice(self, key: str, allowed: tuple[str, ...]) -> str:
        value = self.text(key)
        if value not in allowed:
            raise self.doc.error(self.line(key), f"{key} must be one of {allowed}")
        return value

    def provenance(self) -> Provenance:
        return Provenance(
            reference=self.text("source"),
            checked_on=self.day("checked"),
            verified=self.flag("verified"),
            check_note=self.optional_text("check_note"),
        )


def _period(doc: TomlDocument, index: int, raw: dict[str, Any]) -> PolicyPeriod:
    entry = _Entry(doc, "period", index, raw)
    starts = entry.day("from")
    ends: date | None = None
    ended_how = ""
    if "until" in raw:
        ends = entry.day("until")
        if ends <= starts:
            raise doc.error(entry.line("until"), "until must be after from")
        ended_how = entry.choice("ended_how", ENDINGS)
    return PolicyPeriod(
        id=entry.text("id"),
        starts=starts,
        kind=entry.choice("kind", POLICY_KINDS),
        instrument=entry.text("instrument"),
        citation=entry.text("citation"),
        scope=entry.text("scope"),
        public_summary=entry.text("public_summary"),
        provenance=entry.provenance(),
        internal_note=entry.optional_text("internal_note"),
        history=entry.optional_text("history"),
        ends=ends,
        ended_how=ended_how,
    )


def _state(doc: TomlDocument, index: int, raw: dict[str, Any]) -> StateProtection:
    entry = _Entry(doc, "state", index, raw)
    code = entry.text("code").upper()
    if len(code) != 2 or not code.isalpha():
        raise doc.error(entry.line("code"), f"state code {code!r} is not two letters")
    provenance = entry.provenance()
    return StateProtection(
        code=code,
        name=entry.text("name"),
        instrument=entry.text("instrument"),
        citation=entry.text("citation"),
        in_force=entry.day("in_force"),
        scope=entry.text("scope"),
        kind=entry.choice("kind", STATE_KINDS),
        covers_travel=entry.flag("covers_travel"),
        note=entry.optional_text("note"),
        reference=provenance.reference,
        checked_on=provenance.checked_on,
        verified=provenance.verified,
        name_es=entry.text("name_es"),
        client_scope_en=entry.text("client_scope_en"),
        client_scope_es=entry.text("client_scope_es"),
    )
