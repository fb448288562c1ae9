"""The factor codes the risk engine understands, and what kind of number each one carries.

The rules file must define exactly these codes: a code the engine does not know is a typo the
office manager should hear about, and a code the file forgets would silently weigh nothing.
"""

from __future__ import annotations

from enum import StrEnum

from app.domain.enums import ClientRole, CourtKind, ImmigrationStatus


class FactorKind(StrEnum):
    """How a factor's weight enters the score (see docs/risk-flags.md, "How the score works")."""

    CLIENT = "client"  # points about the person, scaled by the period's targeting factor
    VENUE = "venue"  # points about the place and the moment, added as they are
    MULTIPLIER = "multiplier"  # scales the score down (below 1) or up (above 1)


def status_code(status: ImmigrationStatus) -> str:
    return f"status_{status.value}"


FINAL_REMOVAL_ORDER = "final_removal_order"
PRIOR_REMOVAL = "prior_removal"
ICE_DETAINER = "ice_detainer_history"
GANG_ALLEGATION = "gang_allegation"
CONVICTION_FELONY = "conviction_felony"
CONVICTION_DUI = "conviction_dui"
CONVICTION_MISDEMEANOR = "conviction_misdemeanor"
CONVICTIONS_SEVERAL = "convictions_several"
PENDING_CHARGE = "pending_charge"
LPR_DRUG_OR_DV = "lpr_drug_or_dv_conviction"  # one conviction that can make an LPR deportable
# The respondent at immigration court: DHS has charged them as removable.
LPR_IN_REMOVAL = "lpr_in_removal_proceedings"
CITIZEN_IN_REMOVAL = "citizen_in_removal_proceedings"  # recorded status is likely wrong: check it
ROLE_DEFENDANT = "role_defendant"

COURT_CRIMINAL = "court_criminal"
COURT_IMMIGRATION = "court_immigration"
EXPEDITED_REMOVAL = "immigration_court_expedited_removal"
SCREENED_ENTRY = "courthouse_screened_entry"
INCIDENT_AT_COURTHOUSE = "incident_at_courthouse"
INCIDENT_IN_CITY = "incident_in_city"

ROLE_VICTIM = "role_victim"
ROLE_WITNESS = "role_witness"
ROLE_FAMILY_COMPANION = "role_family_companion"
COURT_FAMILY = "court_family"
COURT_SMALL_CLAIMS = "court_small_claims"
STATE_PROTECTION = "state_protection"
REMOTE_APPEARANCE = "remote_appearance"

_CLIENT_CODES = (
    *(status_code(s) for s in ImmigrationStatus if s is not ImmigrationStatus.CITIZEN),
    FINAL_REMOVAL_ORDER,
    PRIOR_REMOVAL,
    ICE_DETAINER,
    GANG_ALLEGATION,
    CONVICTION_FELONY,
    CONVICTION_DUI,
    CONVICTION_MISDEMEANOR,
    CONVICTIONS_SEVERAL,
    PENDING_CHARGE,
    LPR_DRUG_OR_DV,
    LPR_IN_REMOVAL,
    CITIZEN_IN_REMOVAL,
    ROLE_DEFENDANT,
)
_VENUE_CODES = (
    COURT_CRIMINAL,
    COURT_IMMIGRATION,
    EXPEDITED_REMOVAL,
    SCREENED_ENTRY,
    INCIDENT_AT_COURTHOUSE,
    INCIDENT_IN_CITY,
)
_MULTIPLIER_CODES = (
    ROLE_VICTIM,
    ROLE_WITNESS,
    ROLE_FAMILY_COMPANION,
    COURT_FAMILY,
    COURT_SMALL_CLAIMS,
    STATE_PROTECTION,
    REMOTE_APPEARANCE,
)

#: Every code the engine reads, with its kind; the order is the order of the generated docs.
FACTOR_KINDS: dict[str, FactorKind] = {
    **{code: FactorKind.CLIENT for code in _CLIENT_CODES},
    **{code: FactorKind.VENUE for code in _VENUE_CODES},
    **{code: FactorKind.MULTIPLIER for code in _MULTIPLIER_CODES},
}

#: The TOML table each kind lives in.
KIND_TABLES: dict[FactorKind, str] = {
    FactorKind.CLIENT: "client",
    FactorKind.VENUE: "venue",
    FactorKind.MULTIPLIER: "multipliers",
}

ROLE_MULTIPLIERS: dict[ClientRole, str] = {
    ClientRole.VICTIM: ROLE_VICTIM,
    ClientRole.WITNESS: ROLE_WITNESS,
    ClientRole.FAMILY_COMPANION: ROLE_FAMILY_COMPANION,
}
COURT_MULTIPLIERS: dict[CourtKind, str] = {
    CourtKind.FAMILY: COURT_FAMILY,
    CourtKind.SMALL_CLAIMS: COURT_SMALL_CLAIMS,
}
COURT_POINTS: dict[CourtKind, str] = {
    CourtKind.CRIMINAL: COURT_CRIMINAL,
    CourtKind.IMMIGRATION: COURT_IMMIGRATION,
}

#: Placeholders a factor's text may use; anything else in braces is an error in the rules file.
PLACEHOLDERS: dict[str, tuple[str, ...]] = {
    # {internal_note}: the period's instrument's internal note (CourtSafe's inference, staff only)
    STATE_PROTECTION: ("state", "citation", "scope", "internal_note"),
    EXPEDITED_REMOVAL: ("why",),
    INCIDENT_AT_COURTHOUSE: ("date", "days", "place", "summary"),
    INCIDENT_IN_CITY: ("date", "days", "place", "summary"),
}

#: Fixed explanatory sentences (no weight of their own) the rules file must provide under [notes].
NOTE_KEYS: dict[str, tuple[str, ...]] = {
    "citizen": (),
    "lpr_not_removable": (),
    "targeting": ("factor",),
    "remote_cap": ("cap",),
    "incidents_cap": ("cap",),
    "incidents_more": ("count",),
    "unverified": ("factor",),
}
