"""Plain frozen inputs of the document renderers.

The services fill these from the database; the renderers never see an ORM object or a session, so
a document can be rendered in a worker thread, in a test, or from the command line alike. Texts are
plain (never markup); the renderers escape them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


@dataclass(frozen=True)
class OfficeInfo:
    """The letterhead: who sends the paper and how to reach them."""

    name: str
    address_lines: tuple[str, ...]
    phone: str
    email: str = ""
    logo_png: bytes | None = None


@dataclass(frozen=True)
class Signatory:
    """One person signing a coalition letter."""

    name: str
    title: str
    organisation: str


@dataclass(frozen=True)
class Recipient:
    """Addressee of a letter (e.g. an ICE field office director from the reference list)."""

    name: str
    title: str
    office: str
    address_lines: tuple[str, ...]
    salutation: str = ""  # e.g. "Dear Acting Field Office Director Smith"; built from name if empty


@dataclass(frozen=True)
class IncidentLine:
    """One recorded enforcement incident as it appears in a letter."""

    date: date
    place: str
    summary: str
    source: str
    markings: str | None = None  # e.g. 'vests marked "POLICE"'


@dataclass(frozen=True)
class PolicyCitation:
    """A federal instrument in force on the letter's date, as cited in the policy reference."""

    citation: str  # e.g. "ICE Directive 11072.1, Civil Immigration Enforcement Actions ..."
    effective: date
    summary: str


@dataclass(frozen=True)
class CoalitionLetterData:
    """Everything a coalition letter to an ICE field office director needs."""

    office: OfficeInfo
    letter_date: date
    recipient: Recipient
    subject: str
    period_start: date
    period_end: date
    incidents: tuple[IncidentLine, ...]
    policies: tuple[PolicyCitation, ...]
    victims_declined: int
    witnesses_declined: int
    signatories: tuple[Signatory, ...]
    state_protection: str | None = None  # citation of the state law in force, if any
    cc: tuple[str, ...] = ()


@dataclass(frozen=True)
class CourtPlace:
    """Where a hearing happens; the address is printed exactly as given."""

    court_name: str
    address_lines: tuple[str, ...]
    courtroom: str


@dataclass(frozen=True)
class SafeContact:
    """Safe-contact instructions recorded at intake.

    ``staff_note`` is printed for staff only, at the top of the page, never in the address area.
    ``mail_allowed`` False means the page carries no postal address block at all.
    """

    staff_note: str | None = None
    mail_allowed: bool = True


@dataclass(frozen=True)
class ClientAdvisoryData:
    """One client's hearing advisory, in the client's preferred language."""

    office: OfficeInfo
    language: str  # "en", "es", ... (a template must exist)
    client_name: str
    starts_at: datetime  # time-zone aware
    time_zone: str  # IANA name of the court's zone, e.g. "America/Denver"
    place: CourtPlace
    issued_on: date
    docket_number: str = ""
    hearing_type: str = ""  # already in the client's language, e.g. "audiencia preliminar"
    bring_items: tuple[str, ...] = ()  # extra items on top of the template's list
    mailing_address_lines: tuple[str, ...] = ()
    safe_contact: SafeContact = field(default_factory=SafeContact)


class RequestKind(StrEnum):
    REMOTE_APPEARANCE = "remote_appearance"
    PROTECTIVE_MEASURES = "protective_measures"


@dataclass(frozen=True)
class CaseCaption:
    """The caption block of a court filing."""

    court_name: str  # e.g. "DISTRICT COURT, CITY AND COUNTY OF DENVER, COLORADO"
    docket_number: str
    plaintiff: str  # e.g. "THE PEOPLE OF THE STATE OF COLORADO"
    plaintiff_role: str  # e.g. "Plaintiff"
    defendant: str
    defendant_role: str  # e.g. "Defendant"
    court_address_lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class Attorney:
    """The filing attorney; the bar number is required on every filing."""

    name: str
    bar_number: str
    office: OfficeInfo


@dataclass(frozen=True)
class CourtRequestData:
    """A request to the court for a remote appearance or protective measures."""

    caption: CaseCaption
    kind: RequestKind
    client_name: str
    client_role: str  # e.g. "the Defendant", "the Petitioner", "a witness for the People"
    hearing_starts_at: datetime
    time_zone: str
    hearing_type: str
    courtroom: str
    filed_on: date
    attorney: Attorney
    grounds: tuple[str, ...]  # facts supporting the request, one paragraph each
    state_protection: str | None = None  # citation of the state law in force on the hearing date
    recent_incidents: tuple[IncidentLine, ...] = ()


@dataclass(frozen=True)
class ReminderEntry:
    """One hearing on the call list; ``safe_phone`` is the only number staff may call."""

    starts_at: datetime
    time_zone: str
    client_name: str
    safe_phone: str
    language: str
    courthouse: str
    courthouse_address: str
    courtroom: str
    notes: str = ""  # e.g. "do not call home number"


@dataclass(frozen=True)
class ReminderCallListData:
    office: OfficeInfo
    period_start: date
    period_end: date
    prepared_on: date
    entries: tuple[ReminderEntry, ...]


@dataclass(frozen=True)
class RecoveryKitData:
    """The printed copy of the backup recovery key."""

    office: OfficeInfo
    secret_key: str  # AGE-SECRET-KEY-1...
    created_on: date
    public_key: str = ""  # age1..., to check which backups the key opens
    key_label: str = ""  # e.g. "Recovery key 2026-01"
