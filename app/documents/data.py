"""Plain frozen inputs of the document renderers.

The services fill these from the database; the renderers never see an ORM object or a session, so
a document can be rendered in a worker thread, in a test, or from the command line alike. Texts are
plain (never markup); the renderers escape them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from app.documents.missed_court import Consequence
from app.domain.enums import AppearanceMode


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
    verified: bool | None = None  # False prints "(unverified)"; None: not said
    people_arrested: int | None = None  # None: not said


@dataclass(frozen=True)
class PolicyCitation:
    """A federal instrument in force on the letter's date, as cited in the policy reference."""

    citation: str  # e.g. "ICE Directive 11072.1, Civil Immigration Enforcement Actions ..."
    effective: date
    summary: str  # the instrument's public summary: never CourtSafe's internal note


@dataclass(frozen=True)
class StateLawCitation:
    """A state protection in force on a letter's date in the field office's area."""

    state: str  # e.g. "Oregon"
    citation: str
    in_force: date
    scope: str  # that state's own scope, a clause after "It ": "bars civil arrest of a person…"
    covers_travel: bool = False
    kind: str = "statute"  # "statute", "court rule" or "court directive": how the letter names it


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
    state_protection: str | None = None  # kept for older templates; letters use state_laws
    cc: tuple[str, ...] = ()
    # Instruments no longer in force on the letter's date, recalled as history (one sentence each).
    policy_history: tuple[str, ...] = ()
    # State protections in force that day in the field office's area, each with its own scope.
    state_laws: tuple[StateLawCitation, ...] = ()


@dataclass(frozen=True)
class CourtPlace:
    """Where a hearing happens; the address is printed exactly as given."""

    court_name: str
    address_lines: tuple[str, ...]
    courtroom: str


@dataclass(frozen=True)
class SafeContact:
    """Safe-contact instructions recorded at intake.

    ``staff_note`` is for staff only: it prints on the separate staff sheet, never on a page the
    client keeps. ``mail_allowed`` False means the page carries no postal address block at all.
    """

    staff_note: str | None = None
    mail_allowed: bool = True


@dataclass(frozen=True)
class RemoteJoin:
    """How to join a remote or hybrid hearing, as the court gave it."""

    url: str = ""
    phone: str = ""
    meeting_id: str = ""
    passcode: str = ""

    @property
    def given(self) -> bool:
        """A link or a number to call: without one the client cannot join."""
        return bool(self.url.strip() or self.phone.strip())


class Advice(StrEnum):
    """A piece of advice the hearing's flag calls for; the words are in the renderer."""

    PROOF_LPR = "proof_lpr"
    PROOF_TPS = "proof_tps"
    PROOF_DACA = "proof_daca"
    PROOF_PAROLE = "proof_parole"
    PROOF_ASYLUM = "proof_asylum"
    ASK_REMOTE = "ask_remote"
    ATTORNEY_FIRST = "attorney_first"
    FAMILY_PLAN = "family_plan"


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
    # Where and how: a remote hearing prints how to join and never a street address.
    mode: AppearanceMode = AppearanceMode.IN_PERSON
    join: RemoteJoin = field(default_factory=RemoteJoin)
    # What missing this court means for this client (court kind and role).
    missed_court: Consequence = Consequence.DEFAULT
    # What to bring and do, following the hearing's risk reasons.
    advice: tuple[Advice, ...] = ()
    state_laws: tuple[StateLaw, ...] = ()
    # For staff only (the staff sheet and the screen): e.g. "no join details recorded".
    staff_warnings: tuple[str, ...] = ()
    risk_level: str = ""
    # The client's own language when no advisory exists in it (e.g. "ht"): the staff sheet
    # names it, so staff arrange an interpreter. Empty when the advisory is in that language.
    client_language: str = ""


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
    defendant: str  # empty in an "In the Matter of" caption
    defendant_role: str  # e.g. "Defendant"
    court_address_lines: tuple[str, ...] = ()
    # Lines above the court's name, e.g. the Department of Justice and EOIR for immigration court.
    heading_lines: tuple[str, ...] = ()
    # Immigration court: "In the Matter of: NAME, Respondent. In Removal Proceedings"; the
    # plaintiff fields then hold the respondent, and the number is the A-number.
    matter_of: bool = False
    proceeding: str = ""  # e.g. "In Removal Proceedings"
    number_label: str = "Case No."  # "File No." for an A-number


@dataclass(frozen=True)
class StateLaw:
    """A state's protection against civil arrest at its courts, as the reference data states it."""

    state: str  # e.g. "Colorado"
    instrument: str  # e.g. "SB20-083"
    citation: str  # e.g. "C.R.S. §§ 13-1-401–404"
    in_force: date
    scope: str  # that state's own scope, a clause after "It ": "bars civil arrest of a person…"
    covers_travel: bool = False  # True only where the law protects the way to and from court
    kind: str = "statute"  # "statute", "court rule" or "court directive": how a client hears of it
    client_scope: str = ""  # plain sentences for the client, in the advisory's language


@dataclass(frozen=True)
class Attorney:
    """The filing attorney; the bar number is required on every filing."""

    name: str
    bar_number: str
    office: OfficeInfo
    bar_state: str = ""  # e.g. "Colorado": printed as "Colorado Bar No. 54321"


@dataclass(frozen=True)
class CourtRequestData:
    """A request to the court for a remote appearance or protective measures."""

    caption: CaseCaption
    kind: RequestKind
    client_name: str
    client_role: str  # e.g. "the Defendant", "the Respondent", "the victim", "a witness"
    hearing_starts_at: datetime
    time_zone: str
    hearing_type: str  # in prose: "pre-trial conference", "master calendar hearing"
    courtroom: str
    filed_on: date
    attorney: Attorney
    grounds: tuple[str, ...]  # facts supporting the request, one paragraph each
    # State laws in force on the hearing date, each with its own scope; always empty before a
    # federal (immigration) court, which no state law binds.
    state_laws: tuple[StateLaw, ...] = ()
    recent_incidents: tuple[IncidentLine, ...] = ()
    non_party: bool = False  # a victim or witness: counsel files for someone not a party
    # Authority that holds whatever state law says: the court's power over its own proceedings,
    # or for an immigration court the regulation on video and telephone hearings.
    authorities: tuple[str, ...] = ()
    # Who the certificate of service names, one line each; "" prints a blank to fill in.
    served_on: tuple[str, ...] = ()
    # Served on someone who may be the client's abuser (their name as recorded): the request is
    # then written on neutral grounds and says nothing about immigration.
    served_person: str = ""
    other_side: str = "the other party"  # whom the client waits apart from, e.g. "the Respondent"
    # False when the other side is a business or agency: a neutral request then asks for a secure
    # route only, with nobody to wait apart from.
    other_side_is_person: bool = True

    @property
    def neutral(self) -> bool:
        return bool(self.served_person)

    @property
    def wait_apart(self) -> bool:
        """Whether a neutral request asks that the client wait apart from the other side."""
        return self.neutral and self.other_side_is_person


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
    ask_for: str = ""  # the first (or preferred) name the caller asks for, nothing more
    mode: AppearanceMode = AppearanceMode.IN_PERSON
    # How to join a remote or hybrid hearing: read to the client only once they are confirmed.
    join_url: str = ""
    join_phone: str = ""
    meeting_id: str = ""
    passcode: str = ""
    missed_court: Consequence | None = None  # what missing this hearing means for this client


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
