"""The rules explained in plain Markdown, generated from the loaded RuleSet.

The README section, the docs page and the GUI's "How risk flags work" panel all show this text,
so what the office reads is always what the engine applies, office overrides included.
"""

from __future__ import annotations

from app.domain.enums import RiskLevel, label
from app.domain.risk_codes import FactorKind
from app.domain.risk_rules import LEVEL_KEYS, Factor, RuleSet

_KIND_TITLES = {
    FactorKind.CLIENT: "Client points",
    FactorKind.VENUE: "Venue points",
    FactorKind.MULTIPLIER: "Multipliers",
}
_KIND_INTROS = {
    FactorKind.CLIENT: "About the person. Added up, then scaled by the period's client factor "
    "and, for victims, witnesses and companions, by the role multiplier.",
    FactorKind.VENUE: "About the place and the moment. Added as they are. Incident points shrink "
    "by half every half-life (see Settings).",
    FactorKind.MULTIPLIER: "Scale the score: 1 changes nothing, 0.5 halves it. The role "
    "multipliers scale client points only; the others scale the whole score.",
}


def _cell(value: str) -> str:
    return " ".join(value.split()).replace("|", "\\|")


def _number(value: float) -> str:
    return f"{value:g}"


def _source(rules: RuleSet, source: str) -> str:
    if source == "guidance":
        return "ICE guidance in force on the hearing date (see periods)"
    if source == "period":
        return "The instrument that started the period"
    if source == "state":
        return "The state law in force on the hearing date (see State protections)"
    if source == "incident":
        return "The office's incident log"
    if source.startswith("policy:"):
        found = rules.policy.get(source.removeprefix("policy:"))
        return found.citation if found is not None else source
    return source


def _weight(rules: RuleSet, factor: Factor) -> str:
    weight = rules.weight(factor.code)
    if weight == factor.weight:
        return _number(weight)
    return f"{_number(weight)} (office setting; file: {_number(factor.weight)})"


def explain_rules(rules: RuleSet) -> str:
    """Markdown for "How risk flags work": every rule, its weight, its source, the disclaimer."""
    lines = [
        "## How risk flags work",
        "",
        "**The risk flags are a heuristic to prompt a conversation with the client, not legal "
        "advice.** They only count what the office recorded against the policies listed below; "
        "they cannot know what ICE will do on a given day. Talk to the client, and to an "
        "attorney, about every flag.",
        "",
        f"Rules version {rules.version}. This text is generated from the rules file "
        "`resources/risk_rules.toml` and the policy reference `resources/reference/policy.toml`; "
        "the office can change the weights in Settings.",
        "",
        "### How the score works",
        "",
        "1. A U.S. citizen is not flagged, whatever else is recorded, except as the respondent "
        "at an immigration court: removal proceedings are brought against non-citizens only, so "
        "the recorded status may be wrong or contested. There the flag asks staff to check the "
        "status with the attorney, and the rest of the record counts.",
        "2. A lawful permanent resident is flagged only with a removable record (a felony "
        "conviction, two or more convictions, a final removal order, a past removal or an ICE "
        "detainer), with one drug or domestic-violence conviction, whose reason asks the "
        "attorney, or as the respondent at an immigration court (in removal proceedings). "
        "Otherwise the level is none.",
        "3. The federal policy period in force on the **hearing's date** decides which weights "
        "apply (see Federal policy periods).",
        "4. Client points are added up and multiplied by the period's client factor, then by the "
        "role multiplier.",
        "5. The period's base points and the venue points (court, courthouse, recorded "
        "incidents) are added.",
        "6. The court, state-law and remote-appearance multipliers scale the total. State laws "
        "protect state courts only: they do not apply to immigration courts, which are federal.",
        "7. The score gives the level below. Each reason shows the points it added or removed.",
        "",
        "Words in braces, such as {state}, are filled in for each hearing. "
        "{internal_note} is CourtSafe's own reading of the instrument in force (see the periods "
        "table): a reason that quotes it says it is an inference, never what the memo says.",
        "",
        "### Levels",
        "",
        "| Level | Lowest score |",
        "|---|---|",
        f"| {label(RiskLevel.NONE)} | 0 |",
        *(f"| {label(level)} | {_number(rules.thresholds[level])} |" for level in LEVEL_KEYS),
        "",
    ]
    lines += _periods(rules)
    for kind in FactorKind:
        lines += _factors(rules, kind)
    lines += _states(rules)
    lines += _settings(rules)
    return "\n".join(lines)


def _periods(rules: RuleSet) -> list[str]:
    lines = [
        "### Federal policy periods",
        "",
        "Each period runs until the next one starts; hearings before the first use the first.",
        "",
        "| From | Period | Instrument | Base points | Client factor | Differs from the defaults "
        "| CourtSafe's reading (staff only) |",
        "|---|---|---|---|---|---|---|",
    ]
    for period in rules.periods:
        changes = ", ".join(
            f"{code} {_number(rules.weight(code, period))}" for code in period.weights
        )
        lines.append(
            f"| {period.starts.isoformat()} | {_cell(period.label)} | "
            f"{_cell(period.policy.citation)} | {_number(period.base)} | "
            f"×{_number(period.targeting)} | {changes or '-'} | "
            f"{_cell(period.policy.internal_note) or '-'} |"
        )
    return [*lines, ""]


def _factors(rules: RuleSet, kind: FactorKind) -> list[str]:
    lines = [
        f"### {_KIND_TITLES[kind]}",
        "",
        _KIND_INTROS[kind],
        "",
        "| Code | Rule | Default weight | Source | Reason text |",
        "|---|---|---|---|---|",
    ]
    for factor in rules.factors.values():
        if factor.kind is kind:
            lines.append(
                f"| `{factor.code}` | {_cell(factor.label)} | {_weight(rules, factor)} | "
                f"{_cell(_source(rules, factor.source))} | {_cell(factor.text)} |"
            )
    return [*lines, ""]


def _states(rules: RuleSet) -> list[str]:
    lines = [
        "### State protections",
        "",
        "State laws protect state courts only. Where a state has several instruments, the newest "
        "in force on the hearing date applies.",
        "",
        "| State | Law | Kind | In force | Protects | Travel to and from court | Source "
        "(checked) | Note |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for state in rules.policy.states:
        checked = state.checked_on.isoformat() if state.checked_on else "not checked"
        confirmed = "" if state.verified else "; not every cell confirmed"
        lines.append(
            f"| {state.code} | {_cell(state.instrument)} | "
            f"{state.kind} | {state.in_force.isoformat()} | {_cell(state.scope)} | "
            f"{'covered' if state.covers_travel else 'not covered'} | "
            f"{_cell(state.reference)} ({checked}{confirmed}) | {_cell(state.note) or '-'} |"
        )
    return [*lines, ""]


def _settings(rules: RuleSet) -> list[str]:
    settings = rules.settings
    return [
        "### Settings",
        "",
        "| Setting | Value |",
        "|---|---|",
        f"| Incident half-life (days) | {_number(settings.incident_half_life_days)} |",
        f"| Incidents older than this no longer count (days) | {settings.incident_max_age_days} |",
        f"| Weight of an unverified incident | ×{_number(settings.unverified_incident_factor)} |",
        f"| Most points from all incidents together | {_number(settings.incident_points_cap)} |",
        f"| Incidents listed one by one | {settings.incident_reasons_max} |",
        f"| Recent entry, for immigration-court arrests (days) | {settings.recent_entry_days} |",
        f"| Highest score of a remote appearance | {_number(settings.remote_score_cap)} |",
        "",
    ]
