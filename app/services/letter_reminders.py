"""The reminder call list: the period's hearings, each with what the caller needs to say.

Only the client's phone and safe-contact notes, the name to ask for, where the hearing is or how
to join it, and what missing it means for this client (by court kind and role). A remote
hearing carries its join details instead of the courthouse's street address: sending someone to
a building they need not enter only exposes them.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.documents.data import ReminderCallListData, ReminderEntry
from app.documents.missed_court import consequence
from app.domain.enums import AppearanceMode, HearingStatus
from app.domain.errors import UserError
from app.services.letter_data import Built, court_address, office_info, person_name
from app.storage.models import Client, Courthouse, Hearing, LegalCase, Office

MAX_CALLS = 2000


def reminder_list(session: Session, start: date, end: date, today: date) -> Built:
    if end < start:
        raise UserError("The period ends before it starts.")
    office_row = session.execute(select(Office).order_by(Office.id).limit(1)).scalar()
    zone = ZoneInfo(office_row.time_zone if office_row else "America/Denver")
    first = datetime.combine(start, time.min, tzinfo=zone).astimezone(UTC)
    last = datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone).astimezone(UTC)
    rows = session.execute(
        select(Hearing, LegalCase, Client, Courthouse)
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
    if len(rows) > MAX_CALLS:
        raise UserError(
            f"{len(rows)} hearings in that period: choose a shorter period (up to "
            f"{MAX_CALLS:,} calls on one list)."
        )
    entries = tuple(_entry(h, case, c, court) for h, case, c, court in rows)
    data = ReminderCallListData(office_info(session), start, end, today, entries)
    return Built(
        data,
        f"Reminder call list, {start} to {end}",
        "en",
        hearing_ids=tuple(h.id for h, _, _, _ in rows),
        client_ids=tuple(sorted({c.id for _, _, c, _ in rows})),
    )


def _entry(hearing: Hearing, case: LegalCase, client: Client, court: Courthouse) -> ReminderEntry:
    remote = hearing.mode is AppearanceMode.REMOTE
    return ReminderEntry(
        hearing.starts_at,
        court.time_zone,
        person_name(client.given_name, client.family_name),
        client.phone,
        client.preferred_language,
        court.name,
        "" if remote else ", ".join(court_address(court)),
        "" if remote else hearing.courtroom,
        client.safe_contact,
        ask_for=ask_for_name(client),
        mode=hearing.mode,
        join_url=hearing.join_url if not _in_person(hearing) else "",
        join_phone=hearing.join_phone if not _in_person(hearing) else "",
        meeting_id=hearing.meeting_id if not _in_person(hearing) else "",
        passcode=hearing.passcode if not _in_person(hearing) else "",
        missed_court=consequence(hearing.court_kind, case.kind, case.client_role,
                                 hearing.hearing_type),
    )


def _in_person(hearing: Hearing) -> bool:
    return hearing.mode is AppearanceMode.IN_PERSON


def ask_for_name(client: Client) -> str:
    """The name a caller asks for: the preferred name, else the first given name.

    Never the family name on the phone: someone else in the household shares it.
    """
    if client.preferred_name.strip():
        return client.preferred_name.strip()
    given = client.given_name.split()
    return given[0] if given else client.family_name
