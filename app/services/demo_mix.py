"""What a realistic legal aid office's caseload looks like, for the demo generator.

Weights are relative shares; the case mix pairs each kind of case with its court, the client's
likely roles and the hearing types it goes through.
"""

from __future__ import annotations

from app.domain.enums import (
    CaseKind,
    ClientRole,
    CourtKind,
    HearingType,
    ImmigrationStatus,
    OffenceClass,
)

STATUS_MIX: tuple[tuple[ImmigrationStatus, int], ...] = (
    (ImmigrationStatus.CITIZEN, 12),
    (ImmigrationStatus.LAWFUL_PERMANENT_RESIDENT, 16),
    (ImmigrationStatus.VALID_VISA, 5),
    (ImmigrationStatus.EXPIRED_VISA, 9),
    (ImmigrationStatus.TPS, 6),
    (ImmigrationStatus.DACA, 5),
    (ImmigrationStatus.PENDING_ASYLUM, 12),
    (ImmigrationStatus.PAROLE_ACTIVE, 5),
    (ImmigrationStatus.PAROLE_REVOKED, 3),
    (ImmigrationStatus.ENTERED_WITHOUT_INSPECTION, 15),
    (ImmigrationStatus.UNKNOWN, 12),
)

# kind -> (weight, court kind, roles with weights, hearing types)
CASE_MIX: dict[
    CaseKind, tuple[int, CourtKind, tuple[tuple[ClientRole, int], ...], tuple[HearingType, ...]]
] = {
    CaseKind.CRIMINAL: (
        24,
        CourtKind.CRIMINAL,
        ((ClientRole.DEFENDANT, 8), (ClientRole.VICTIM, 2), (ClientRole.WITNESS, 1)),
        (
            HearingType.ARRAIGNMENT,
            HearingType.PRE_TRIAL,
            HearingType.TRIAL,
            HearingType.SENTENCING,
            HearingType.MOTION,
        ),
    ),
    CaseKind.PROTECTION_ORDER: (
        12,
        CourtKind.FAMILY,
        ((ClientRole.VICTIM, 6), (ClientRole.PETITIONER, 3), (ClientRole.DEFENDANT, 1)),
        (HearingType.PROTECTION_ORDER, HearingType.STATUS_CONFERENCE),
    ),
    CaseKind.FAMILY: (
        12,
        CourtKind.FAMILY,
        ((ClientRole.PETITIONER, 4), (ClientRole.DEFENDANT, 3), (ClientRole.FAMILY_COMPANION, 1)),
        (HearingType.STATUS_CONFERENCE, HearingType.MOTION, HearingType.TRIAL),
    ),
    CaseKind.HOUSING: (
        12,
        CourtKind.HOUSING,
        ((ClientRole.DEFENDANT, 8), (ClientRole.PETITIONER, 1)),
        (HearingType.STATUS_CONFERENCE, HearingType.TRIAL, HearingType.MOTION),
    ),
    CaseKind.IMMIGRATION_REMOVAL: (
        22,
        CourtKind.IMMIGRATION,
        ((ClientRole.DEFENDANT, 1),),
        (HearingType.MASTER_CALENDAR, HearingType.MASTER_CALENDAR, HearingType.INDIVIDUAL_MERITS),
    ),
    CaseKind.CIVIL: (
        5,
        CourtKind.CIVIL,
        ((ClientRole.PETITIONER, 2), (ClientRole.DEFENDANT, 2), (ClientRole.WITNESS, 1)),
        (HearingType.STATUS_CONFERENCE, HearingType.MOTION),
    ),
    CaseKind.SMALL_CLAIMS: (
        3,
        CourtKind.SMALL_CLAIMS,
        ((ClientRole.PETITIONER, 1), (ClientRole.DEFENDANT, 1)),
        (HearingType.TRIAL,),
    ),
    CaseKind.TRAFFIC: (
        7,
        CourtKind.TRAFFIC,
        ((ClientRole.DEFENDANT, 1),),
        (HearingType.ARRAIGNMENT, HearingType.TRIAL),
    ),
    CaseKind.JUVENILE: (
        3,
        CourtKind.JUVENILE,
        ((ClientRole.FAMILY_COMPANION, 2), (ClientRole.WITNESS, 1)),
        (HearingType.STATUS_CONFERENCE, HearingType.TRIAL),
    ),
}

OFFENCES = (
    ("Driving under the influence", OffenceClass.MISDEMEANOR, True),
    ("Driving with a revoked licence", OffenceClass.MISDEMEANOR, False),
    ("Petty theft", OffenceClass.MISDEMEANOR, False),
    ("Trespass", OffenceClass.MISDEMEANOR, False),
    ("Possession of a controlled substance", OffenceClass.FELONY, False),
    ("Burglary", OffenceClass.FELONY, False),
    ("Assault in the third degree", OffenceClass.MISDEMEANOR, False),
    ("Aggravated DUI", OffenceClass.FELONY, True),
)

SAFE_CONTACT = (
    "Do not call the home number; text the mobile only.",
    "Hand over documents in person only.",
    "Do not leave voicemail: the abuser shares the phone.",
    "Call only between 9 and 12 on weekdays.",
    "Speak only with the client, not with family members.",
)
