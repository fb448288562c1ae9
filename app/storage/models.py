"""The ORM models: the data model of DESIGN.md, one class per table.

Every mutable table carries a `version` column used as SQLAlchemy's `version_id_col`, so two desks
saving the same record on a shared server get a conflict instead of a silent overwrite.
Columns holding sensitive client data carry `info={"sensitive": True}`; exports, calendars and the
audit log read that mark instead of keeping their own lists.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship

from app.domain.enums import (
    AppearanceMode,
    CaseKind,
    CaseStatus,
    ClientRole,
    CourtKind,
    HearingOutcome,
    HearingStatus,
    HearingType,
    ImmigrationStatus,
    IncidentSource,
    LocationKind,
    OffenceClass,
    PartyKind,
    StaffRole,
)
from app.storage.types import EnumText, UTCDateTime

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

SENSITIVE: dict[str, Any] = {"sensitive": True}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Versioned:
    """Optimistic locking: UPDATE ... WHERE version = :seen fails loudly if another desk saved."""

    version: Mapped[int] = mapped_column(Integer, nullable=False)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:  # noqa: N805 - declarative signature
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


class Office(Versioned, Base):
    __tablename__ = "office"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str] = mapped_column(String(60), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    state: Mapped[str] = mapped_column(String(2), default="")
    time_zone: Mapped[str] = mapped_column(String(64), default="America/Denver")
    default_languages: Mapped[str] = mapped_column(String(100), default="en,es")
    letterhead_logo: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)


class StaffMember(Versioned, Base):
    __tablename__ = "staff_member"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[StaffRole] = mapped_column(EnumText(StaffRole))
    bar_number: Mapped[str] = mapped_column(String(60), default="")
    bar_state: Mapped[str] = mapped_column(String(2), default="")  # the bar that issued the number
    email: Mapped[str] = mapped_column(String(200), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Client(Versioned, Base):
    __tablename__ = "client"

    id: Mapped[int] = mapped_column(primary_key=True)
    given_name: Mapped[str] = mapped_column(String(200))
    family_name: Mapped[str] = mapped_column(String(200))
    preferred_name: Mapped[str] = mapped_column(String(200), default="")
    date_of_birth: Mapped[date | None] = mapped_column(Date, nullable=True, info=SENSITIVE)
    a_number: Mapped[str | None] = mapped_column(String(12), nullable=True, info=SENSITIVE)
    preferred_language: Mapped[str] = mapped_column(String(8), default="en")
    phone: Mapped[str] = mapped_column(String(60), default="", info=SENSITIVE)
    email: Mapped[str] = mapped_column(String(200), default="", info=SENSITIVE)
    address: Mapped[str] = mapped_column(Text, default="", info=SENSITIVE)
    safe_contact: Mapped[str] = mapped_column(Text, default="", info=SENSITIVE)  # DV notes
    immigration_status: Mapped[ImmigrationStatus] = mapped_column(
        EnumText(ImmigrationStatus), default=ImmigrationStatus.NOT_ASKED, info=SENSITIVE
    )
    status_document: Mapped[str] = mapped_column(String(200), default="", info=SENSITIVE)
    status_expires_on: Mapped[date | None] = mapped_column(Date, nullable=True, info=SENSITIVE)
    entry_date: Mapped[date | None] = mapped_column(Date, nullable=True, info=SENSITIVE)
    entered_without_inspection: Mapped[bool] = mapped_column(Boolean, default=False, info=SENSITIVE)
    final_removal_order: Mapped[bool] = mapped_column(Boolean, default=False, info=SENSITIVE)
    prior_removal: Mapped[bool] = mapped_column(Boolean, default=False, info=SENSITIVE)
    ice_detainer_history: Mapped[bool] = mapped_column(Boolean, default=False, info=SENSITIVE)
    gang_allegation: Mapped[bool] = mapped_column(Boolean, default=False, info=SENSITIVE)
    notes: Mapped[str] = mapped_column(Text, default="", info=SENSITIVE)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    criminal_history: Mapped[list[CriminalHistoryEntry]] = relationship(
        back_populates="client", cascade="all, delete-orphan", order_by="CriminalHistoryEntry.id"
    )
    cases: Mapped[list[LegalCase]] = relationship(back_populates="client")

    __table_args__ = (Index("ix_client_family_given", "family_name", "given_name"),)


class CriminalHistoryEntry(Versioned, Base):
    __tablename__ = "criminal_history_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    offence: Mapped[str] = mapped_column(String(300), info=SENSITIVE)
    offence_date: Mapped[date | None] = mapped_column(Date, nullable=True, info=SENSITIVE)
    offence_class: Mapped[OffenceClass] = mapped_column(EnumText(OffenceClass), info=SENSITIVE)
    dui: Mapped[bool] = mapped_column(Boolean, default=False, info=SENSITIVE)
    pending: Mapped[bool] = mapped_column(Boolean, default=False, info=SENSITIVE)

    client: Mapped[Client] = relationship(back_populates="criminal_history")


class ClientNameToken(Base):
    """Folded name tokens: prefix search and conflict checks that behave alike on both backends.

    "Rodríguez-Covarrubias" is stored as `rodriguez`, `covarrubias` and `rodriguezcovarrubias`, so
    a range scan on one B-tree index answers search-as-you-type on SQLite and PostgreSQL.
    """

    __tablename__ = "client_name_token"

    client_id: Mapped[int] = mapped_column(
        ForeignKey("client.id", ondelete="CASCADE"), primary_key=True
    )
    token: Mapped[str] = mapped_column(String(200), primary_key=True)

    __table_args__ = (Index("ix_client_name_token_token", "token", "client_id"),)


class LegalCase(Versioned, Base):
    __tablename__ = "legal_case"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="RESTRICT"), index=True)
    docket_number: Mapped[str] = mapped_column(String(100), default="")
    # The court as the case papers name it ("COUNTY COURT, CITY AND COUNTY OF DENVER"): a
    # courthouse is a building, and a filing is captioned with the court.
    court_name: Mapped[str] = mapped_column(String(200), default="")
    kind: Mapped[CaseKind] = mapped_column(EnumText(CaseKind))
    client_role: Mapped[ClientRole] = mapped_column(EnumText(ClientRole))
    assigned_staff_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_member.id", ondelete="SET NULL"), nullable=True, index=True
    )
    opened_on: Mapped[date] = mapped_column(Date)
    closed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    status: Mapped[CaseStatus] = mapped_column(EnumText(CaseStatus), default=CaseStatus.OPEN)
    notes: Mapped[str] = mapped_column(Text, default="", info=SENSITIVE)

    client: Mapped[Client] = relationship(back_populates="cases")
    parties: Mapped[list[CaseParty]] = relationship(
        back_populates="legal_case", cascade="all, delete-orphan", order_by="CaseParty.id"
    )


class CaseParty(Versioned, Base):
    """Opposing and related parties: the other half of every conflict check."""

    __tablename__ = "case_party"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(
        ForeignKey("legal_case.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[PartyKind] = mapped_column(EnumText(PartyKind))
    relationship_note: Mapped[str] = mapped_column(String(200), default="")

    legal_case: Mapped[LegalCase] = relationship(back_populates="parties")


class IceFieldOffice(Versioned, Base):
    """Reference list shipped in resources/; `office_edited` keeps the office's corrections."""

    __tablename__ = "ice_field_office"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference_key: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    director_title: Mapped[str] = mapped_column(String(200), default="Field Office Director")
    address: Mapped[str] = mapped_column(Text, default="")
    city: Mapped[str] = mapped_column(String(120), default="")
    state: Mapped[str] = mapped_column(String(2), default="")
    postal_code: Mapped[str] = mapped_column(String(20), default="")
    area_states: Mapped[str] = mapped_column(String(200), default="")
    office_edited: Mapped[bool] = mapped_column(Boolean, default=False)


class Courthouse(Versioned, Base):
    __tablename__ = "courthouse"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    court_kinds: Mapped[str] = mapped_column(String(200), default="")  # comma-separated CourtKind
    address: Mapped[str] = mapped_column(Text, default="")
    city: Mapped[str] = mapped_column(String(120), default="")
    state: Mapped[str] = mapped_column(String(2), default="")
    postal_code: Mapped[str] = mapped_column(String(20), default="")
    time_zone: Mapped[str] = mapped_column(String(64), default="America/Denver")
    ice_field_office_key: Mapped[str] = mapped_column(String(80), default="")
    screened_entry: Mapped[bool] = mapped_column(Boolean, default=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    reference_key: Mapped[str | None] = mapped_column(String(80), unique=True, nullable=True)
    office_edited: Mapped[bool] = mapped_column(Boolean, default=False)

    __table_args__ = (Index("ix_courthouse_city_state", "state", "city"),)


class Hearing(Versioned, Base):
    __tablename__ = "hearing"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(
        ForeignKey("legal_case.id", ondelete="CASCADE"), index=True
    )
    courthouse_id: Mapped[int] = mapped_column(
        ForeignKey("courthouse.id", ondelete="RESTRICT"), index=True
    )
    courtroom: Mapped[str] = mapped_column(String(60), default="")
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    duration_minutes: Mapped[int] = mapped_column(Integer, default=60)
    hearing_type: Mapped[HearingType] = mapped_column(EnumText(HearingType))
    court_kind: Mapped[CourtKind] = mapped_column(EnumText(CourtKind))
    mode: Mapped[AppearanceMode] = mapped_column(
        EnumText(AppearanceMode), default=AppearanceMode.IN_PERSON
    )
    judge: Mapped[str] = mapped_column(String(200), default="")
    # How to join a remote or hybrid hearing. Sensitive: a link and passcode let anyone into the
    # client's hearing, so they are masked in the audit trail and kept out of exports.
    join_url: Mapped[str] = mapped_column(String(500), default="", info=SENSITIVE)
    join_phone: Mapped[str] = mapped_column(String(60), default="", info=SENSITIVE)
    meeting_id: Mapped[str] = mapped_column(String(60), default="", info=SENSITIVE)
    passcode: Mapped[str] = mapped_column(String(60), default="", info=SENSITIVE)
    status: Mapped[HearingStatus] = mapped_column(
        EnumText(HearingStatus), default=HearingStatus.SCHEDULED
    )
    outcome: Mapped[HearingOutcome | None] = mapped_column(EnumText(HearingOutcome), nullable=True)
    advisory_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    reminder_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    notes: Mapped[str] = mapped_column(Text, default="", info=SENSITIVE)

    legal_case: Mapped[LegalCase] = relationship()
    courthouse: Mapped[Courthouse] = relationship()

    __table_args__ = (Index("ix_hearing_starts_at", "starts_at", "id"),)


class EnforcementIncident(Versioned, Base):
    __tablename__ = "enforcement_incident"

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    courthouse_id: Mapped[int | None] = mapped_column(
        ForeignKey("courthouse.id", ondelete="SET NULL"), nullable=True, index=True
    )
    location_text: Mapped[str] = mapped_column(String(300), default="")
    city: Mapped[str] = mapped_column(String(120), default="")
    state: Mapped[str] = mapped_column(String(2), default="")
    location_kind: Mapped[LocationKind] = mapped_column(EnumText(LocationKind))
    agency: Mapped[str] = mapped_column(String(120), default="ICE")
    summary: Mapped[str] = mapped_column(Text)
    people_arrested: Mapped[int] = mapped_column(Integer, default=0)
    markings: Mapped[str] = mapped_column(String(200), default="")
    source: Mapped[IncidentSource] = mapped_column(EnumText(IncidentSource))
    verified: Mapped[bool] = mapped_column(Boolean, default=False)

    courthouse: Mapped[Courthouse | None] = relationship()


class Letter(Base):
    """An auditable record of a document as it was produced: never edited, only added."""

    __tablename__ = "letter"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(60))
    template_name: Mapped[str] = mapped_column(String(120))
    template_version: Mapped[str] = mapped_column(String(60))
    language: Mapped[str] = mapped_column(String(8), default="en")
    recipients: Mapped[str] = mapped_column(Text, default="")
    signatories: Mapped[str] = mapped_column(Text, default="")
    title: Mapped[str] = mapped_column(String(300), default="")
    created_by: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64))


class LetterLink(Base):
    """Which hearings, clients and incidents a letter concerned."""

    __tablename__ = "letter_link"

    letter_id: Mapped[int] = mapped_column(
        ForeignKey("letter.id", ondelete="CASCADE"), primary_key=True
    )
    entity: Mapped[str] = mapped_column(String(40), primary_key=True)
    entity_id: Mapped[int] = mapped_column(Integer, primary_key=True)

    __table_args__ = (Index("ix_letter_link_entity", "entity", "entity_id"),)


class AuditEvent(Base):
    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor: Mapped[str] = mapped_column(String(200))
    entity: Mapped[str] = mapped_column(String(60))
    entity_id: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(20))
    changes: Mapped[str] = mapped_column(Text, default="{}")  # JSON: field -> [old, new]

    __table_args__ = (Index("ix_audit_event_entity", "entity", "entity_id", "at"),)


class OfficeSetting(Versioned, Base):
    """Office-wide settings kept in the database so every desk of a shared server sees them."""

    __tablename__ = "office_setting"

    key: Mapped[str] = mapped_column(String(120), primary_key=True)
    value: Mapped[str] = mapped_column(Text)  # JSON


class SignatorySet(Versioned, Base):
    __tablename__ = "signatory_set"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    signatories: Mapped[str] = mapped_column(Text)  # JSON list of {name, title, organisation}


class BackupRecord(Base):
    __tablename__ = "backup_record"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    file_name: Mapped[str] = mapped_column(String(300))
    folder: Mapped[str] = mapped_column(Text)
    size_bytes: Mapped[int] = mapped_column(Integer)
    verified: Mapped[bool] = mapped_column(Boolean, default=False)
    message: Mapped[str] = mapped_column(Text, default="")
