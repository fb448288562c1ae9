"""What the risk assessment reads and what it returns: plain frozen values, no database rows.

The services copy ORM rows into these so the rules stay testable without a database and cheap to
run over every upcoming hearing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from app.domain.enums import (
    AppearanceMode,
    CaseKind,
    ClientRole,
    CourtKind,
    HearingType,
    ImmigrationStatus,
    LocationKind,
    OffenceClass,
    RiskLevel,
)


@dataclass(frozen=True, slots=True)
class CriminalEntry:
    """One line of a client's criminal history; `pending` means charged, not convicted."""

    offence: str
    offence_date: date | None
    offence_class: OffenceClass
    dui: bool = False
    pending: bool = False


@dataclass(frozen=True, slots=True)
class ClientFacts:
    immigration_status: ImmigrationStatus
    entry_date: date | None = None
    entered_without_inspection: bool = False
    final_removal_order: bool = False
    prior_removal: bool = False
    ice_detainer_history: bool = False
    gang_allegation: bool = False
    criminal_history: tuple[CriminalEntry, ...] = ()


@dataclass(frozen=True, slots=True)
class CaseFacts:
    kind: CaseKind
    client_role: ClientRole


@dataclass(frozen=True, slots=True)
class HearingFacts:
    """`starts_at` is time-zone aware; its local date picks the policy period and state law."""

    starts_at: datetime
    hearing_type: HearingType
    mode: AppearanceMode
    court_kind: CourtKind


@dataclass(frozen=True, slots=True)
class CourthouseFacts:
    id: int | None
    name: str
    city: str
    state: str  # two-letter postal code
    screened_entry: bool = False
    # IANA name, e.g. "America/Denver": incidents near the court are dated in its local time,
    # as letters and the people who saw them date them. "" dates them as they were stored.
    time_zone: str = ""


@dataclass(frozen=True, slots=True)
class IncidentFacts:
    """ICE activity the office logged; `courthouse_id` is set when it was at a known courthouse."""

    id: int | None
    occurred_at: datetime
    courthouse_id: int | None
    city: str | None
    state: str | None
    location_kind: LocationKind
    place: str
    summary: str
    verified: bool = False


@dataclass(frozen=True, slots=True)
class Reason:
    """One line of the explanation: what was found, the points it moved, and what it rests on."""

    code: str
    text: str
    weight: float
    source: str


@dataclass(frozen=True, slots=True)
class Assessment:
    """The flag for one hearing; `rules_version` and `policy_period` make it reproducible later."""

    level: RiskLevel
    score: float
    reasons: tuple[Reason, ...]
    rules_version: str
    policy_period: str
