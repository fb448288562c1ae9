"""The risk rules as loaded from resources/risk_rules.toml, with the office's weight overrides.

A RuleSet is immutable: office settings produce a new one (`with_overrides`), so an assessment can
always say which rules produced it. Everything `assess` needs per call is compiled once here into
per-period tables, because the Upcoming view assesses tens of thousands of hearings at a time.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from app.domain.enums import RiskLevel
from app.domain.risk_codes import FACTOR_KINDS, FactorKind
from app.domain.risk_policy import PolicyPeriod, PolicyReference, load_policy_reference
from app.domain.risk_toml import RulesError, TomlDocument, resources_dir

if TYPE_CHECKING:
    from app.domain.risk_compile import PeriodTable

__all__ = [
    "Factor",
    "Note",
    "RulePeriod",
    "RuleSet",
    "RuleSettings",
    "RulesError",
    "load_rules",
    "resources_dir",
]

LEVEL_KEYS = (RiskLevel.LOW, RiskLevel.ELEVATED, RiskLevel.HIGH, RiskLevel.CRITICAL)


@dataclass(frozen=True, slots=True)
class Factor:
    """One weighted rule; `source` is as written in the file (a keyword or a citation)."""

    code: str
    kind: FactorKind
    label: str
    weight: float
    text: str
    source: str


@dataclass(frozen=True, slots=True)
class Note:
    """A fixed explanatory sentence (no weight of its own)."""

    text: str
    source: str


@dataclass(frozen=True, slots=True)
class RulePeriod:
    """The rules for hearings from `starts` until the next period starts."""

    id: str
    starts: date
    label: str
    text: str
    policy: PolicyPeriod
    guidance: PolicyPeriod
    base: float
    targeting: float
    weights: Mapping[str, float]  # the file's values for this period that differ from the default
    texts: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class RuleSettings:
    incident_half_life_days: float
    incident_max_age_days: int
    unverified_incident_factor: float
    incident_points_cap: float
    incident_reasons_max: int
    recent_entry_days: int
    remote_score_cap: float


@dataclass(frozen=True, slots=True, eq=False)
class RuleSet:
    """Rules, thresholds and the office's overrides; compiled once for fast `assess` calls."""

    version: str
    source: str
    thresholds: Mapping[RiskLevel, float]
    settings: RuleSettings
    factors: Mapping[str, Factor]
    periods: tuple[RulePeriod, ...]
    notes: Mapping[str, Note]
    policy: PolicyReference
    overrides: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))
    file_thresholds: Mapping[RiskLevel, float] | None = None
    _starts: tuple[date, ...] = field(init=False, repr=False)
    _levels: tuple[tuple[float, RiskLevel], ...] = field(init=False, repr=False)
    _tables: tuple[PeriodTable, ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        from app.domain.risk_compile import compile_period  # compile needs a finished RuleSet

        if self.file_thresholds is None:
            object.__setattr__(self, "file_thresholds", self.thresholds)
        object.__setattr__(self, "_starts", tuple(p.starts for p in self.periods))
        levels = tuple((self.thresholds[level], level) for level in reversed(LEVEL_KEYS))
        object.__setattr__(self, "_levels", levels)
        object.__setattr__(self, "_tables", tuple(compile_period(self, p) for p in self.periods))

    # -- lookups -------------------------------------------------------------------------------

    def period_index(self, when: date) -> int:
        """Index of the period in force on `when`; dates before the first period use the first."""
        return max(bisect.bisect_right(self._starts, when) - 1, 0)

    def period_on(self, when: date) -> RulePeriod:
        return self.periods[self.period_index(when)]

    def table_on(self, when: date) -> PeriodTable:
        """The compiled lookups for the period in force on `when`."""
        return self._tables[self.period_index(when)]

    def level_for(self, score: float) -> RiskLevel:
        """The level for a score; never decreases as the score grows."""
        for threshold, level in self._levels:
            if score >= threshold:
                return level
        return RiskLevel.NONE

    def weight(self, code: str, period: RulePeriod | None = None) -> float:
        """The weight in force: office override for the period, then for every period, then file."""
        if code not in self.factors:
            raise RulesError(f"unknown factor code {code!r}")
        if period is not None:
            scoped = self.overrides.get(f"{period.id}.{code}")
            if scoped is not None:
                return scoped
        if code in self.overrides:
            return self.overrides[code]
        if period is not None and code in period.weights:
            return period.weights[code]
        return self.factors[code].weight

    def text(self, code: str, period: RulePeriod) -> str:
        return period.texts.get(code, self.factors[code].text)

    def default_weights(self) -> dict[str, float]:
        """The file's default weight of every factor, for a "Reset to defaults" button."""
        return {code: factor.weight for code, factor in self.factors.items()}

    # -- office settings -----------------------------------------------------------------------

    def with_overrides(
        self, weights: Mapping[str, float], thresholds: Mapping[str, float] | None = None
    ) -> RuleSet:
        """These rules with the office's settings, replacing any earlier overrides.

        A key `code` sets the weight in every period; `period-id.code` in one period only.
        Threshold keys are level names (low, elevated, high, critical). Unknown keys, negative
        points, non-positive multipliers and unordered thresholds raise RulesError.
        """
        checked = {key: self._checked_override(key, value) for key, value in weights.items()}
        base = dict(self.file_thresholds or self.thresholds)
        for key, value in (thresholds or {}).items():
            try:
                level = RiskLevel(key)
            except ValueError:
                level = RiskLevel.NONE
            if level not in LEVEL_KEYS:
                raise RulesError(f"office settings: unknown level {key!r}")
            base[level] = _finite(value, f"office settings: threshold {key}")
        check_thresholds(base, "office settings")
        return RuleSet(
            version=self.version,
            source=self.source,
            thresholds=MappingProxyType(base),
            settings=self.settings,
            factors=self.factors,
            periods=self.periods,
            notes=self.notes,
            policy=self.policy,
            overrides=MappingProxyType(checked),
            file_thresholds=self.file_thresholds,
        )

    def _checked_override(self, key: str, value: float) -> float:
        period_id, _, code = key.rpartition(".")
        if period_id and period_id not in {p.id for p in self.periods}:
            raise RulesError(f"office settings: unknown policy period {period_id!r} in {key!r}")
        if code not in self.factors:
            raise RulesError(f"office settings: unknown factor code {code!r}")
        number = _finite(value, f"office settings: {key}")
        check_weight(FACTOR_KINDS[code], number, f"office settings: {key}")
        return number


def _finite(value: object, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise RulesError(f"{what} must be a number, not {value!r}")
    return float(value)


def check_weight(kind: FactorKind, value: float, where: str) -> None:
    """Points may not be negative (adding a fact must never lower the score); multipliers > 0."""
    if kind is FactorKind.MULTIPLIER and value <= 0:
        raise RulesError(f"{where}: a multiplier must be above 0, not {value}")
    if kind is not FactorKind.MULTIPLIER and value < 0:
        raise RulesError(f"{where}: points may not be negative, not {value}")


def check_thresholds(thresholds: Mapping[RiskLevel, float], where: str) -> None:
    values = [thresholds[level] for level in LEVEL_KEYS]
    if values[0] <= 0 or any(b <= a for a, b in zip(values, values[1:], strict=False)):
        raise RulesError(f"{where}: level thresholds must be above 0 and increase: {values}")


def load_rules(path: Path | str | None = None, *, policy: PolicyReference | None = None) -> RuleSet:
    """Read the rules file (default resources/risk_rules.toml); RulesError names the line."""
    from app.domain.risk_rules_parse import parse_rules

    target = Path(path) if path is not None else resources_dir() / "risk_rules.toml"
    reference = policy if policy is not None else load_policy_reference()
    return parse_rules(TomlDocument.read(target), reference)
