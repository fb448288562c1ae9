"""Turn what the office recorded into the plain data each document kind prints.

One function per document kind, each reading in one session; the renderers in app/documents never
see the database.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.documents.data import (
    Attorney,
    CaseCaption,
    ClientAdvisoryData,
    CourtPlace,
    CourtRequestData,
    IncidentLine,
    OfficeInfo,
    ReminderCallListData,
    ReminderEntry,
    RequestKind,
    SafeContact,
)
from app.domain.enums import (
    CaseKind,
    ClientRole,
    HearingStatus,
    IncidentSource,
    StaffRole,
    label,
)
from app.domain.errors import NotFoundError, UserError
from app.domain.names import is_unspaced_script
from app.domain.risk_policy import PolicyReference, load_policy_reference
from app.domain.us_states import state_name
from app.storage.models import (
    Client,
    Courthouse,
    EnforcementIncident,
    Hearing,
    LegalCase,
    Office,
    StaffMember,
)

ADVISORY_LANGUAGES = ("en", "es")
HEARING_TYPES_ES = {
    "arraignment": "lectura de cargos",
    "pre_trial": "audiencia preliminar",
    "trial": "juicio",
    "sentencing": "audiencia de sentencia",
    "protection_order": "audiencia de orden de protección",
    "master_calendar": "audiencia preliminar de calendario (master calendar)",
    "individual_merits": "audiencia individual de fondo",
    "status_conference": "audiencia de estado del caso",
    "motion": "audiencia de mociones",
    "other": "audiencia",
}
SOURCE_LABELS = {
    IncidentSource.STAFF_REPORT: "Staff report",
    IncidentSource.NEWS: "News report",
    IncidentSource.COMMUNITY_REPORT: "Community report",
}


@cache
def policy_reference() -> PolicyReference:
    return load_policy_reference()


@dataclass(frozen=True)
class Built:
    """Document data plus what the letter record links to."""

    data: object
    title: str
    language: str
    hearing_ids: tuple[int, ...] = ()
    client_ids: tuple[int, ...] = ()
    incident_ids: tuple[int, ...] = ()
    recipients: str = ""


def person_name(given: str, family: str) -> str:
    """The name as the person writes it: 'Víctor Rodríguez', '李小龙'."""
    if family and is_unspaced_script(family[0]):
        return f"{family}{given}"
    return f"{given} {family}".strip()


def office_info(session: Session) -> OfficeInfo:
    office = session.execute(select(Office).order_by(Office.id).limit(1)).scalar()
    if office is None:
        raise UserError("Enter the office's name and address in Settings before printing letters.")
    lines = tuple(line.strip() for line in office.address.splitlines() if line.strip())
    return OfficeInfo(office.name, lines, office.phone, office.email, office.letterhead_logo)


def advisory(session: Session, hearing_id: int, language: str | None, today: date) -> Built:
    hearing = load_hearing(session, hearing_id)
    client = hearing.legal_case.client
    return Built(
        _advisory_data(session, hearing, client, language, today, office_info(session)),
        f"Hearing advisory, hearing {hearing.id}",
        _advisory_language(client, language),
        hearing_ids=(hearing.id,),
        client_ids=(client.id,),
        recipients=person_name(client.given_name, client.family_name),
    )


def advisories(session: Session, hearing_ids: Sequence[int], today: date) -> list[Built]:
    office = office_info(session)
    hearings = (
        session.execute(
            select(Hearing)
            .where(Hearing.id.in_(list(hearing_ids)))
            .options(
                selectinload(Hearing.legal_case).selectinload(LegalCase.client),
                selectinload(Hearing.courthouse),
            )
        )
        .scalars()
        .all()
    )
    by_id = {h.id: h for h in hearings}
    missing = [str(i) for i in hearing_ids if i not in by_id]
    if missing:
        raise UserError(
            f"Hearing(s) {', '.join(missing)} no longer exist (deleted at another desk?). "
            "Refresh the list and try again; nothing was printed."
        )
    built = []
    for hearing_id in hearing_ids:
        hearing = by_id[hearing_id]
        client = hearing.legal_case.client
        built.append(
            Built(
                _advisory_data(session, hearing, client, None, today, office),
                f"Hearing advisory, hearing {hearing.id}",
                _advisory_language(client, None),
                hearing_ids=(hearing.id,),
                client_ids=(client.id,),
            )
        )
    return built


def _advisory_language(client: Client, wanted: str | None) -> str:
    language = wanted or client.preferred_language
    return language if language in ADVISORY_LANGUAGES else "en"


def _advisory_data(
    session: Session,
    hearing: Hearing,
    client: Client,
    language: str | None,
    today: date,
    office: OfficeInfo,
) -> ClientAdvisoryData:
    lang = _advisory_language(client, language)
    court = hearing.courthouse
    safe = client.safe_contact.strip()
    # Any safe-contact instruction keeps the home address off the advisory: a note such as
    # "abuser opens the post" must never be missed because of its wording.
    mail_allowed = not safe
    hearing_type = (
        HEARING_TYPES_ES.get(hearing.hearing_type.value, "audiencia")
        if lang == "es"
        else label(hearing.hearing_type)
    )
    return ClientAdvisoryData(
        office=office,
        language=lang,
        client_name=person_name(client.given_name, client.family_name),
        starts_at=hearing.starts_at,
        time_zone=court.time_zone,
        place=CourtPlace(court.name, court_address(court), hearing.courtroom),
        issued_on=today,
        docket_number=hearing.legal_case.docket_number,
        hearing_type=hearing_type,
        mailing_address_lines=tuple(
            line.strip() for line in client.address.splitlines() if line.strip()
        )
        if mail_allowed
        else (),
        safe_contact=SafeContact(staff_note=safe or None, mail_allowed=mail_allowed),
    )


def court_address(court: Courthouse) -> tuple[str, ...]:
    city_line = f"{court.city}, {court.state} {court.postal_code}".strip(" ,")
    return tuple(part for part in (court.address.strip(), city_line) if part)


def load_hearing(session: Session, hearing_id: int) -> Hearing:
    hearing = session.execute(
        select(Hearing)
        .where(Hearing.id == hearing_id)
        .options(
            selectinload(Hearing.legal_case).selectinload(LegalCase.client),
            selectinload(Hearing.legal_case).selectinload(LegalCase.parties),
            selectinload(Hearing.courthouse),
        )
    ).scalar_one_or_none()
    if hearing is None:
        raise NotFoundError(f"There is no hearing with id {hearing_id}.")
    return hearing


def court_request(session: Session, hearing_id: int, kind: RequestKind, today: date) -> Built:
    hearing = load_hearing(session, hearing_id)
    case = hearing.legal_case
    client = case.client
    court = hearing.courthouse
    client_name = person_name(client.given_name, client.family_name)
    opposing = next((p.name for p in case.parties if p.kind.value == "opposing"), "")
    if case.kind is CaseKind.CRIMINAL and not opposing:
        opposing = f"The People of the State of {state_name(court.state)}"
    if case.client_role in (ClientRole.DEFENDANT,):
        plaintiff, plaintiff_role, defendant, defendant_role = (
            opposing or "Unknown party",
            "Plaintiff",
            client_name,
            "Defendant",
        )
        role = "the Defendant"
    else:
        plaintiff, plaintiff_role, defendant, defendant_role = (
            client_name,
            "Petitioner",
            opposing or "Unknown party",
            "Respondent",
        )
        role = {
            ClientRole.VICTIM: "the protected party",
            ClientRole.WITNESS: "a witness",
            ClientRole.FAMILY_COMPANION: "a family member of a party",
        }.get(case.client_role, "the Petitioner")
    attorney = _attorney(session, case.assigned_staff_id)
    local_date = hearing.starts_at.astimezone(ZoneInfo(court.time_zone)).date()
    state = policy_reference().state_protection(court.state, local_date)
    recent = (
        session.execute(
            select(EnforcementIncident)
            .where(
                EnforcementIncident.courthouse_id == court.id,
                EnforcementIncident.occurred_at
                >= datetime.combine(today - timedelta(days=365), time.min, tzinfo=UTC),
            )
            .order_by(EnforcementIncident.occurred_at.desc())
            .limit(5)
        )
        .scalars()
        .all()
    )
    grounds = (
        f"{client_name} is {role} in this matter and intends to take part in every hearing.",
        "Civil immigration enforcement has been reported at or near this courthouse; the "
        "prospect of arrest on the way to, at, or from court deters parties, victims and "
        "witnesses from appearing, and so obstructs the Court's proceedings.",
    )
    data = CourtRequestData(
        caption=CaseCaption(
            court.name.upper(),
            case.docket_number,
            plaintiff,
            plaintiff_role,
            defendant,
            defendant_role,
            court_address(court),
        ),
        kind=kind,
        client_name=client_name,
        client_role=role,
        hearing_starts_at=hearing.starts_at,
        time_zone=court.time_zone,
        hearing_type=label(hearing.hearing_type),
        courtroom=hearing.courtroom,
        filed_on=today,
        attorney=Attorney(attorney[0], attorney[1], office_info(session)),
        grounds=grounds,
        state_protection=state.source if state is not None else None,
        recent_incidents=tuple(
            IncidentLine(
                i.occurred_at.astimezone(ZoneInfo(court.time_zone)).date(),
                court.name,
                i.summary,
                SOURCE_LABELS[i.source],
                i.markings or None,
            )
            for i in recent
        ),
    )
    return Built(
        data,
        f"Request to the court, hearing {hearing.id}",
        "en",
        hearing_ids=(hearing.id,),
        client_ids=(client.id,),
        incident_ids=tuple(i.id for i in recent),
        recipients=court.name,
    )


def _attorney(session: Session, staff_id: int | None) -> tuple[str, str]:
    staff = session.get(StaffMember, staff_id) if staff_id is not None else None
    if staff is None or staff.role is not StaffRole.ATTORNEY:
        # A filing carries a bar number: never sign it with whichever attorney sorts first.
        raise UserError(
            "Assign an attorney (with a bar number) to this case before writing to the court."
        )
    return staff.name, staff.bar_number


def reminder_list(session: Session, start: date, end: date, today: date) -> Built:
    if end < start:
        raise UserError("The period ends before it starts.")
    office_row = session.execute(select(Office).limit(1)).scalar()
    zone = ZoneInfo(office_row.time_zone if office_row else "America/Denver")
    first = datetime.combine(start, time.min, tzinfo=zone).astimezone(UTC)
    last = datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone).astimezone(UTC)
    rows = session.execute(
        select(Hearing, Client, Courthouse)
        .join(LegalCase, LegalCase.id == Hearing.case_id)
        .join(Client, Client.id == LegalCase.client_id)
        .join(Courthouse, Courthouse.id == Hearing.courthouse_id)
        .where(
            Hearing.starts_at >= first,
            Hearing.starts_at < last,
            Hearing.status.in_([HearingStatus.SCHEDULED.value, HearingStatus.CONTINUED.value]),
        )
        .order_by(Hearing.starts_at, Hearing.id)
    ).all()
    if len(rows) > 2000:
        raise UserError(
            f"{len(rows)} hearings in that period: choose a shorter period (up to "
            "2,000 calls on one list)."
        )
    entries = tuple(
        ReminderEntry(
            h.starts_at,
            court.time_zone,
            person_name(c.given_name, c.family_name),
            c.phone,
            c.preferred_language,
            court.name,
            ", ".join(court_address(court)),
            h.courtroom,
            c.safe_contact,
        )
        for h, c, court in rows
    )
    data = ReminderCallListData(office_info(session), start, end, today, entries)
    return Built(
        data,
        f"Reminder call list, {start} to {end}",
        "en",
        hearing_ids=tuple(h.id for h, _, _ in rows),
        client_ids=tuple(sorted({c.id for _, c, _ in rows})),
    )
