"""Per-period lookup tables built once per RuleSet, so `assess` only adds and multiplies.

Every reason whose words and weight depend only on the period (status, convictions, court kind...)
is built here as a finished Reason; `assess` appends the same objects again and again instead of
formatting text for each of tens of thousands of hearings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from app.domain import risk_codes as codes
from app.domain.enums import ClientRole, CourtKind, ImmigrationStatus, RiskLevel
from app.domain.risk_codes import FACTOR_KINDS, FactorKind
from app.domain.risk_inputs import Assessment, Reason

if TYPE_CHECKING:
    from app.domain.risk_rules import RulePeriod, RuleSet

PERIOD_CODE = "policy_period"
CITIZEN_CODE = "citizen"
LPR_CLEAR_CODE = "lpr_not_removable"
REMOTE_CAP_CODE = "remote_cap"
INCIDENTS_CAP_CODE = "incidents_cap"
INCIDENTS_MORE_CODE = "incidents_more"


@dataclass(frozen=True, slots=True)
class Scale:
    """A multiplier ready to apply; its reason's weight is the change it makes to the score."""

    code: str
    factor: float
    text: str
    source: str


@dataclass(frozen=True, slots=True)
class IncidentRule:
    code: str
    weight: float
    template: str


@dataclass(frozen=True, slots=True, eq=False)
class PeriodTable:
    """Everything `assess` needs for hearings in one policy period."""

    period_id: str
    period_reason: Reason
    citizen: Assessment
    lpr_clear: Assessment
    status: dict[ImmigrationStatus, Reason | None]
    points: dict[str, Reason | None]
    court_points: dict[CourtKind, Reason | None]
    role_scales: dict[ClientRole, Scale | None]
    court_scales: dict[CourtKind, Scale | None]
    state_scales: dict[str, tuple[tuple[date, Scale], ...]]  # newest law first
    remote: Scale | None
    expedited_weight: float
    expedited_template: str
    expedited_source: str
    incident_at_courthouse: IncidentRule
    incident_in_city: IncidentRule
    unverified_text: str
    remote_cap_text: str
    remote_cap_source: str
    incidents_cap_text: str
    incidents_cap_source: str
    incidents_more_template: str
    incidents_more_source: str
    # Incident points depend on the courthouse and the day, not on the client: remembered per
    # (courthouse, on_date, incidents tuple) so a courthouse's log is weighed once per refresh.
    incident_cache: dict[object, tuple[object, object, float, tuple[Reason, ...]]] = field(
        default_factory=dict, repr=False
    )


def resolve_source(rules: RuleSet, period: RulePeriod, source: str) -> str:
    """A source as written in the rules file, turned into the citation printed in a reason."""
    if source == "guidance":
        return period.guidance.citation
    if source == "period":
        return period.policy.citation
    if source.startswith("policy:"):
        found = rules.policy.get(source.removeprefix("policy:"))
        return found.citation if found is not None else source
    return source


def compile_period(rules: RuleSet, period: RulePeriod) -> PeriodTable:
    def weight(code: str) -> float:
        value = rules.weight(code, period)
        return value * period.targeting if FACTOR_KINDS[code] is FactorKind.CLIENT else value

    def reason(code: str) -> Reason | None:
        value = round(weight(code), 2)
        if value == 0:
            return None
        source = resolve_source(rules, period, rules.factors[code].source)
        return Reason(code, rules.text(code, period), value, source)

    def scale(code: str) -> Scale | None:
        factor = rules.weight(code, period)
        if factor == 1:
            return None
        source = resolve_source(rules, period, rules.factors[code].source)
        return Scale(code, factor, rules.text(code, period), source)

    def note(key: str, **values: object) -> tuple[str, str]:
        found = rules.notes[key]
        return found.text.format(**values), resolve_source(rules, period, found.source)

    def fixed(key: str) -> Assessment:
        note_text, source = note(key)
        only = Reason(key, note_text, 0.0, source)
        return Assessment(RiskLevel.NONE, 0.0, (only,), rules.version, period.id)

    period_text = period.text
    if period.targeting != 1:
        period_text += " " + note("targeting", factor=f"{period.targeting:g}")[0]
    settings = rules.settings
    remote_cap = note("remote_cap", cap=f"{settings.remote_score_cap:g}")
    incidents_cap = note("incidents_cap", cap=f"{settings.incident_points_cap:g}")
    more = rules.notes["incidents_more"]
    return PeriodTable(
        period_id=period.id,
        period_reason=Reason(PERIOD_CODE, period_text, period.base, period.policy.citation),
        citizen=fixed(CITIZEN_CODE),
        lpr_clear=fixed(LPR_CLEAR_CODE),
        status={
            status: reason(codes.status_code(status))
            for status in ImmigrationStatus
            if status is not ImmigrationStatus.CITIZEN
        },
        points={
            code: reason(code)
            for code, kind in FACTOR_KINDS.items()
            if kind is not FactorKind.MULTIPLIER
        },
        court_points={kind: reason(code) for kind, code in codes.COURT_POINTS.items()},
        role_scales={role: scale(code) for role, code in codes.ROLE_MULTIPLIERS.items()},
        court_scales={kind: scale(code) for kind, code in codes.COURT_MULTIPLIERS.items()},
        state_scales=_state_scales(rules, period),
        remote=scale(codes.REMOTE_APPEARANCE),
        expedited_weight=weight(codes.EXPEDITED_REMOVAL),
        expedited_template=rules.text(codes.EXPEDITED_REMOVAL, period),
        expedited_source=resolve_source(
            rules, period, rules.factors[codes.EXPEDITED_REMOVAL].source
        ),
        incident_at_courthouse=_incident_rule(rules, period, codes.INCIDENT_AT_COURTHOUSE),
        incident_in_city=_incident_rule(rules, period, codes.INCIDENT_IN_CITY),
        unverified_text=note("unverified", factor=f"{settings.unverified_incident_factor:g}")[0],
        remote_cap_text=remote_cap[0],
        remote_cap_source=remote_cap[1],
        incidents_cap_text=incidents_cap[0],
        incidents_cap_source=incidents_cap[1],
        incidents_more_template=more.text,
        incidents_more_source=resolve_source(rules, period, more.source),
    )


def _incident_rule(rules: RuleSet, period: RulePeriod, code: str) -> IncidentRule:
    return IncidentRule(code, rules.weight(code, period), rules.text(code, period))


def _state_scales(
    rules: RuleSet, period: RulePeriod
) -> dict[str, tuple[tuple[date, Scale], ...]]:
    """Ready-worded reductions per state, newest law first; the newest in force applies."""
    factor = rules.weight(codes.STATE_PROTECTION, period)
    if factor == 1:
        return {}
    template = rules.text(codes.STATE_PROTECTION, period)
    found: dict[str, list[tuple[date, Scale]]] = {}
    for state in rules.policy.states:
        text = template.format(
            state=state.name,
            citation=state.citation,
            scope=state.scope,
            internal_note=period.policy.internal_note,
        )
        scale = Scale(codes.STATE_PROTECTION, factor, " ".join(text.split()), state.source)
        found.setdefault(state.code, []).append((state.in_force, scale))
    return {
        code: tuple(sorted(items, key=lambda item: item[0], reverse=True))
        for code, items in found.items()
    }
