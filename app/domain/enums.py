"""Enumerations shared by the domain, storage, services and UI.

Values are stable strings: they are stored in the database, written to CSV and backups, and read by
the risk rules file, so renaming a value needs a migration.
"""

from __future__ import annotations

from enum import StrEnum


class StaffRole(StrEnum):
    ATTORNEY = "attorney"
    PARALEGAL = "paralegal"
    INTAKE = "intake"
    MANAGER = "manager"


class ImmigrationStatus(StrEnum):
    """Status categories named in the policy reference (shared/reference/policy.md)."""

    CITIZEN = "citizen"
    LAWFUL_PERMANENT_RESIDENT = "lawful_permanent_resident"
    VALID_VISA = "valid_visa"
    EXPIRED_VISA = "expired_visa"  # incl. an expired border-crossing card
    TPS = "tps"
    DACA = "daca"
    PENDING_ASYLUM = "pending_asylum"
    PAROLE_ACTIVE = "parole_active"
    PAROLE_REVOKED = "parole_revoked"
    ENTERED_WITHOUT_INSPECTION = "entered_without_inspection"
    UNKNOWN = "unknown"  # asked, and the client does not know or did not say
    NOT_ASKED = "not_asked"  # nobody has asked yet: scored as unknown, never as citizen


class OffenceClass(StrEnum):
    FELONY = "felony"
    MISDEMEANOR = "misdemeanor"


class CaseKind(StrEnum):
    CRIMINAL = "criminal"
    PROTECTION_ORDER = "protection_order"  # incl. domestic violence
    FAMILY = "family"
    HOUSING = "housing"
    IMMIGRATION_REMOVAL = "immigration_removal"
    CIVIL = "civil"
    SMALL_CLAIMS = "small_claims"
    TRAFFIC = "traffic"
    JUVENILE = "juvenile"


class ClientRole(StrEnum):
    DEFENDANT = "defendant"  # defendant or respondent
    PETITIONER = "petitioner"
    VICTIM = "victim"
    WITNESS = "witness"
    FAMILY_COMPANION = "family_companion"


class CaseStatus(StrEnum):
    OPEN = "open"
    PENDING = "pending"
    CLOSED = "closed"


class PartyKind(StrEnum):
    OPPOSING = "opposing"
    RELATED = "related"


class CourtKind(StrEnum):
    CRIMINAL = "criminal"
    FAMILY = "family"
    SMALL_CLAIMS = "small_claims"
    CIVIL = "civil"
    TRAFFIC = "traffic"
    JUVENILE = "juvenile"
    HOUSING = "housing"
    IMMIGRATION = "immigration"  # EOIR immigration court


class HearingType(StrEnum):
    ARRAIGNMENT = "arraignment"
    PRE_TRIAL = "pre_trial"
    TRIAL = "trial"
    SENTENCING = "sentencing"
    PROTECTION_ORDER = "protection_order"
    MASTER_CALENDAR = "master_calendar"
    INDIVIDUAL_MERITS = "individual_merits"
    STATUS_CONFERENCE = "status_conference"
    MOTION = "motion"
    OTHER = "other"


class AppearanceMode(StrEnum):
    IN_PERSON = "in_person"
    REMOTE = "remote"  # by video or phone: the client does not go to the courthouse
    HYBRID = "hybrid"  # the court allows either; the client may join remotely


class HearingStatus(StrEnum):
    SCHEDULED = "scheduled"
    CONTINUED = "continued"
    HELD = "held"
    VACATED = "vacated"


class HearingOutcome(StrEnum):
    APPEARED = "appeared"
    FAILED_TO_APPEAR = "failed_to_appear"
    DECLINED_FEAR = "declined_fear"  # declined to appear for fear of enforcement
    RESCHEDULED = "rescheduled"
    ARRESTED = "arrested"  # arrested by immigration authorities


class LocationKind(StrEnum):
    COURTHOUSE_INTERIOR = "courthouse_interior"
    COURTHOUSE_EXTERIOR = "courthouse_exterior"
    COURTHOUSE_PARKING = "courthouse_parking"
    SCHOOL = "school"
    HOSPITAL = "hospital"
    PLACE_OF_WORSHIP = "place_of_worship"
    SHELTER = "shelter"
    OTHER = "other"


class IncidentSource(StrEnum):
    STAFF_REPORT = "staff_report"
    NEWS = "news"
    COMMUNITY_REPORT = "community_report"


class RiskLevel(StrEnum):
    NONE = "none"
    LOW = "low"
    ELEVATED = "elevated"
    HIGH = "high"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        return _LEVEL_ORDER.index(self)


_LEVEL_ORDER = [
    RiskLevel.NONE,
    RiskLevel.LOW,
    RiskLevel.ELEVATED,
    RiskLevel.HIGH,
    RiskLevel.CRITICAL,
]


def label(value: StrEnum) -> str:
    """A human label for an enum value: 'failed_to_appear' -> 'Failed to appear'."""
    text = str(value.value).replace("_", " ")
    return text[:1].upper() + text[1:]
