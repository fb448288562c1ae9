"""Which hearings each kind of court holds, and which court a courthouse's record allows.

An immigration court holds no arraignment and a traffic court no master calendar hearing; a
hearing recorded that way is a typing slip that would put the wrong consequence ("a warrant for
your arrest" instead of "removal ordered in your absence") on the client's advisory. The form
offers only the types of the chosen court, and the service and the importer refuse the rest with
the same words.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from app.domain.enums import CourtKind, HearingType, label

_CRIMINAL = (
    HearingType.ARRAIGNMENT,
    HearingType.PRE_TRIAL,
    HearingType.TRIAL,
    HearingType.SENTENCING,
    HearingType.MOTION,
    HearingType.STATUS_CONFERENCE,
    HearingType.PROTECTION_ORDER,  # a victim's hearing on a criminal protection order
    HearingType.OTHER,
)
_CIVIL = (
    HearingType.STATUS_CONFERENCE,
    HearingType.PRE_TRIAL,
    HearingType.MOTION,
    HearingType.TRIAL,
    HearingType.PROTECTION_ORDER,  # civil protection orders are heard in county/civil courts
    HearingType.OTHER,
)

HEARING_TYPES: Mapping[CourtKind, tuple[HearingType, ...]] = {
    CourtKind.IMMIGRATION: (
        HearingType.MASTER_CALENDAR,
        HearingType.INDIVIDUAL_MERITS,
        HearingType.STATUS_CONFERENCE,
        HearingType.MOTION,
        HearingType.OTHER,  # e.g. a bond hearing
    ),
    CourtKind.CRIMINAL: _CRIMINAL,
    CourtKind.TRAFFIC: tuple(t for t in _CRIMINAL if t is not HearingType.PROTECTION_ORDER),
    CourtKind.FAMILY: (
        HearingType.PROTECTION_ORDER,
        HearingType.STATUS_CONFERENCE,
        HearingType.PRE_TRIAL,
        HearingType.MOTION,
        HearingType.TRIAL,
        HearingType.OTHER,
    ),
    CourtKind.JUVENILE: (
        HearingType.STATUS_CONFERENCE,
        HearingType.PRE_TRIAL,
        HearingType.MOTION,
        HearingType.TRIAL,
        HearingType.PROTECTION_ORDER,
        HearingType.OTHER,
    ),
    CourtKind.CIVIL: _CIVIL,
    CourtKind.HOUSING: tuple(t for t in _CIVIL if t is not HearingType.PROTECTION_ORDER),
    CourtKind.SMALL_CLAIMS: (
        HearingType.TRIAL,
        HearingType.MOTION,
        HearingType.STATUS_CONFERENCE,
        HearingType.OTHER,
    ),
}

COURT_NAMES: Mapping[CourtKind, str] = {
    CourtKind.IMMIGRATION: "an immigration court",
    CourtKind.CRIMINAL: "a criminal court",
    CourtKind.TRAFFIC: "a traffic court",
    CourtKind.FAMILY: "a family court",
    CourtKind.JUVENILE: "a juvenile court",
    CourtKind.CIVIL: "a civil court",
    CourtKind.HOUSING: "a housing court",
    CourtKind.SMALL_CLAIMS: "a small-claims court",
}


def hearing_types(court_kind: CourtKind) -> tuple[HearingType, ...]:
    return HEARING_TYPES[court_kind]


def hearing_type_problem(court_kind: CourtKind, hearing_type: HearingType) -> str | None:
    """Why `hearing_type` cannot be held in `court_kind`, or None when it can."""
    allowed = HEARING_TYPES[court_kind]
    if hearing_type in allowed:
        return None
    choices = ", ".join(label(t).lower() for t in allowed)
    return (
        f"{COURT_NAMES[court_kind]} holds no {label(hearing_type).lower()} hearing; "
        f"choose one of: {choices}"
    )


def court_kind_problem(
    court_kind: CourtKind, courthouse_name: str, courthouse_kinds: Sequence[CourtKind]
) -> str | None:
    """Why `court_kind` is wrong for a courthouse that lists its kinds (None if it lists none)."""
    if not courthouse_kinds or court_kind in courthouse_kinds:
        return None
    kinds = ", ".join(label(k).lower() for k in courthouse_kinds)
    return (
        f"{courthouse_name} is recorded as {kinds} court only, not "
        f"{label(court_kind).lower()}; choose one of its courts or correct the courthouse"
    )
