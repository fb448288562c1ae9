"""Enforcement-risk flags for court hearings: a transparent heuristic, never legal advice.

`assess` weighs who the client is, where and how they appear, the state law and federal policy in
force on the hearing's date, and the office's incident log, and returns a level with the reasons
a paralegal can read aloud. The rules are data (resources/risk_rules.toml); this module only
applies them. It is called for every upcoming hearing, so it does no parsing or formatting beyond
what a hearing's own incidents and multipliers require.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from app.domain import risk_codes as codes
from app.domain.enums import (
    AppearanceMode,
    ClientRole,
    CourtKind,
    ImmigrationStatus,
    OffenceClass,
)
from app.domain.risk_compile import REMOTE_CAP_CODE, PeriodTable, Scale
from app.domain.risk_explain import explain_rules
from app.domain.risk_incidents import IncidentIndex, cached_incident_points
from app.domain.risk_inputs import (
    Assessment,
    CaseFacts,
    ClientFacts,
    CourthouseFacts,
    CriminalEntry,
    HearingFacts,
    IncidentFacts,
    Reason,
)
from app.domain.risk_offences import has_drug_or_dv_conviction
from app.domain.risk_policy import (
    PolicyPeriod,
    PolicyReference,
    StateProtection,
    load_policy_reference,
)
from app.domain.risk_rules import RulePeriod, RulesError, RuleSet, load_rules, resources_dir

__all__ = [
    "Assessment",
    "CaseFacts",
    "ClientFacts",
    "CourthouseFacts",
    "CriminalEntry",
    "HearingFacts",
    "IncidentFacts",
    "IncidentIndex",
    "PolicyPeriod",
    "PolicyReference",
    "Reason",
    "RulePeriod",
    "RuleSet",
    "RulesError",
    "StateProtection",
    "assess",
    "explain_rules",
    "is_removable_record",
    "is_removal_respondent",
    "load_policy_reference",
    "load_rules",
    "resources_dir",
]

_CITIZEN = ImmigrationStatus.CITIZEN
_LPR = ImmigrationStatus.LAWFUL_PERMANENT_RESIDENT
_EWI = ImmigrationStatus.ENTERED_WITHOUT_INSPECTION
_PAROLE_REVOKED = ImmigrationStatus.PAROLE_REVOKED
_REMOTE = AppearanceMode.REMOTE
_ADMITTED = frozenset(
    {
        ImmigrationStatus.CITIZEN,
        ImmigrationStatus.LAWFUL_PERMANENT_RESIDENT,
        ImmigrationStatus.VALID_VISA,
        ImmigrationStatus.EXPIRED_VISA,
    }
)
_IMMIGRATION = CourtKind.IMMIGRATION
_DEFENDANT = ClientRole.DEFENDANT


def _history(entries: tuple[CriminalEntry, ...]) -> tuple[bool, bool, bool, int, bool]:
    """(felony, DUI, other misdemeanor, number of convictions, pending charge)."""
    felony = dui = misdemeanor = pending = False
    convictions = 0
    for entry in entries:
        if entry.pending:
            pending = True
            continue
        convictions += 1
        if entry.offence_class is OffenceClass.FELONY:
            felony = True
        if entry.dui:
            dui = True
        elif entry.offence_class is OffenceClass.MISDEMEANOR:
            misdemeanor = True
    return felony, dui, misdemeanor, convictions, pending


def is_removable_record(client: ClientFacts) -> bool:
    """Whether a permanent resident's record is one CourtSafe flags.

    A felony conviction or two or more convictions (of any class, DUI included) stand in for the
    grounds that make a green-card holder deportable; a removal order, a past removal or an ICE
    detainer show ICE's interest directly. Pending charges and gang allegations alone do not.
    A single drug or domestic-violence conviction is not counted here: it is flagged on its own
    (`has_drug_or_dv_conviction`) with a reason that sends the question to the attorney.
    """
    felony, _, _, convictions, _ = _history(client.criminal_history)
    return (
        felony
        or convictions >= 2
        or client.final_removal_order
        or client.prior_removal
        or client.ice_detainer_history
    )


def is_removal_respondent(hearing: HearingFacts, case: CaseFacts) -> bool:
    """Whether the client is the respondent at an immigration court, i.e. in removal proceedings.

    Every case an immigration court hears is DHS's against a person it charges as removable, so
    being its respondent outweighs a clean record (a permanent resident) and casts doubt on a
    recorded citizenship (a data slip, or a citizenship claim DHS contests): neither may silence
    the flag there.
    """
    return hearing.court_kind is _IMMIGRATION and case.client_role is _DEFENDANT


def assess(
    hearing: HearingFacts,
    client: ClientFacts,
    case: CaseFacts,
    courthouse: CourthouseFacts,
    incidents: Sequence[IncidentFacts],
    rules: RuleSet,
    on_date: date,
) -> Assessment:
    """The risk level of one hearing, judged by the rules in force on the hearing's date.

    `incidents` are those near the courthouse (IncidentIndex.near, whose tuples are weighed once
    per courthouse and day); only those on or before `on_date` count, decaying with their age.
    """
    when = hearing.starts_at.date()
    table = rules.table_on(when)
    status = client.immigration_status
    respondent = is_removal_respondent(hearing, case)
    if status is _CITIZEN and not respondent:
        return table.citizen
    if (
        status is _LPR
        and not respondent
        and not is_removable_record(client)
        and not has_drug_or_dv_conviction(client.criminal_history)
    ):
        return table.lpr_clear

    reasons: list[Reason] = [table.period_reason]
    profile = _client_points(table, client, case, respondent, reasons)
    profile = _apply_role(table, case.client_role, profile, reasons)
    score = (
        profile
        + table.period_reason.weight
        + _venue_points(table, hearing, client, courthouse, when, reasons, rules)
    )
    incident_points, incident_reasons = cached_incident_points(
        table, rules.settings, courthouse, incidents, on_date
    )
    score += incident_points
    reasons.extend(incident_reasons)

    court_scale = table.court_scales.get(hearing.court_kind)
    if court_scale is not None:
        score = _scaled(score, court_scale, reasons)
    if hearing.court_kind is not _IMMIGRATION:  # state laws protect state courts, not EOIR
        for in_force, state_scale in table.state_scales.get(courthouse.state.upper(), ()):
            if in_force <= when:
                score = _scaled(score, state_scale, reasons)
                break
    if hearing.mode is _REMOTE:
        score = _remote(table, score, rules.settings.remote_score_cap, reasons)

    score = round(max(score, 0.0), 2)
    return Assessment(rules.level_for(score), score, tuple(reasons), rules.version, table.period_id)


def _client_points(
    table: PeriodTable,
    client: ClientFacts,
    case: CaseFacts,
    respondent: bool,
    reasons: list[Reason],
) -> float:
    """Points about the person, already scaled by the period's targeting factor.

    A citizen reaches here only as a removal respondent: the check-the-status reason stands in
    for the status, and the rest of the record counts as for anyone whose status is in doubt.
    """
    points = table.points
    status = client.immigration_status
    if status is _CITIZEN:
        found = [points[codes.CITIZEN_IN_REMOVAL]]
    else:
        found = [table.status[status]]
        if status is _LPR and respondent:
            found.append(points[codes.LPR_IN_REMOVAL])
    if client.final_removal_order:
        found.append(points[codes.FINAL_REMOVAL_ORDER])
    if client.prior_removal:
        found.append(points[codes.PRIOR_REMOVAL])
    if client.ice_detainer_history:
        found.append(points[codes.ICE_DETAINER])
    if client.gang_allegation:
        found.append(points[codes.GANG_ALLEGATION])
    if client.criminal_history:
        felony, dui, misdemeanor, convictions, pending = _history(client.criminal_history)
        if felony:
            found.append(points[codes.CONVICTION_FELONY])
        if dui:
            found.append(points[codes.CONVICTION_DUI])
        if misdemeanor:
            found.append(points[codes.CONVICTION_MISDEMEANOR])
        if convictions >= 2:
            found.append(points[codes.CONVICTIONS_SEVERAL])
        if pending:
            found.append(points[codes.PENDING_CHARGE])
        if status is _LPR and has_drug_or_dv_conviction(client.criminal_history):
            found.append(points[codes.LPR_DRUG_OR_DV])
    if case.client_role is _DEFENDANT:
        found.append(points[codes.ROLE_DEFENDANT])
    total = 0.0
    for reason in found:
        if reason is not None:
            reasons.append(reason)
            total += reason.weight
    return total


def _apply_role(
    table: PeriodTable, role: ClientRole, profile: float, reasons: list[Reason]
) -> float:
    scale = table.role_scales.get(role)
    if scale is None or profile == 0:
        return profile
    return _scaled(profile, scale, reasons)


def _venue_points(
    table: PeriodTable,
    hearing: HearingFacts,
    client: ClientFacts,
    courthouse: CourthouseFacts,
    when: date,
    reasons: list[Reason],
    rules: RuleSet,
) -> float:
    total = 0.0
    court = table.court_points.get(hearing.court_kind)
    if court is not None:
        reasons.append(court)
        total += court.weight
    if hearing.court_kind is _IMMIGRATION and table.expedited_weight > 0:
        why = _expedited_exposure(client, when, rules.settings.recent_entry_days)
        if why:
            text = table.expedited_template.format(why=why)
            weight = table.expedited_weight
            reasons.append(
                Reason(codes.EXPEDITED_REMOVAL, text, round(weight, 2), table.expedited_source)
            )
            total += weight
    if courthouse.screened_entry:
        screened = table.points[codes.SCREENED_ENTRY]
        if screened is not None:
            reasons.append(screened)
            total += screened.weight
    return total


def _expedited_exposure(client: ClientFacts, when: date, recent_days: int) -> str:
    """Why the client is among those most exposed to expedited removal, or '' if not.

    Expedited removal reaches people who were never admitted (entry without inspection, revoked
    parole, or an unrecorded way in shortly before the hearing). A citizen, a permanent resident
    or someone admitted on a visa, valid or expired, was admitted: a recent entry date or an old
    "without inspection" tick does not put them in that group, and saying so would both frighten
    the client and inflate the flag.
    """
    if client.immigration_status in _ADMITTED:
        return ""
    why: list[str] = []
    if client.entry_date is not None and 0 <= (when - client.entry_date).days < recent_days:
        why.append(f"entered the U.S. less than {_span(recent_days)} before the hearing")
    if client.entered_without_inspection or client.immigration_status is _EWI:
        why.append("entered without inspection")
    if client.immigration_status is _PAROLE_REVOKED:
        why.append("had parole revoked")
    return " and ".join(why)


def _span(days: int) -> str:
    years, rest = divmod(days, 365)
    if rest == 0 and years > 0:
        return "one year" if years == 1 else f"{years} years"
    return f"{days} days"


def _scaled(score: float, scale: Scale, reasons: list[Reason]) -> float:
    """Apply a multiplier and record the points it moved as its reason's weight."""
    new = score * scale.factor
    reasons.append(Reason(scale.code, scale.text, round(new - score, 2), scale.source))
    return new


def _remote(table: PeriodTable, score: float, cap: float, reasons: list[Reason]) -> float:
    if table.remote is not None:
        score = _scaled(score, table.remote, reasons)
    if score > cap:
        reasons.append(
            Reason(
                REMOTE_CAP_CODE,
                table.remote_cap_text,
                round(cap - score, 2),
                table.remote_cap_source,
            )
        )
        score = cap
    return score
