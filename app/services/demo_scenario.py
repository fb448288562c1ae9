"""The Denver scenario of 2017, built into every demo office.

A client who entered in 1999 on a border crossing card that expired in 2009, with two DUI
convictions and a felony for driving on a revoked licence, due at Denver's Lindsey-Flanigan
courthouse; and the 2017-03-14 arrest near Colorado High School Charter by agents in "POLICE"
vests that the Denver officials' letter cited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, insert, select

from app.domain.enums import (
    AppearanceMode,
    CaseKind,
    CaseStatus,
    ClientRole,
    CourtKind,
    HearingStatus,
    HearingType,
    ImmigrationStatus,
    IncidentSource,
    LocationKind,
    OffenceClass,
    PartyKind,
    StaffRole,
)
from app.domain.names import name_tokens
from app.services.court_days import next_court_day, previous_court_day
from app.storage.models import (
    CaseParty,
    Client,
    ClientNameToken,
    CriminalHistoryEntry,
    EnforcementIncident,
    Hearing,
    LegalCase,
    StaffMember,
)

DENVER = ZoneInfo("America/Denver")
GIVEN = "Víctor Manuel"
FAMILY = "Rodríguez-Covarrubias"
LINDSEY_FLANIGAN = "demo:lindsey-flanigan-courthouse"


@dataclass(frozen=True)
class ScenarioCounts:
    hearings: int
    incidents: int


def add_scenario(
    connection: Connection, now: datetime, courts_by_key: dict[str, int]
) -> ScenarioCounts:
    court_id = courts_by_key[LINDSEY_FLANIGAN]
    client_id = _one(
        connection,
        Client,
        {
            "given_name": GIVEN,
            "family_name": FAMILY,
            "preferred_name": "Víctor",
            "date_of_birth": date(1959, 2, 11),
            "a_number": "A098765432",
            "preferred_language": "es",
            "phone": "(720) 555-0199",
            "email": "",
            "address": "4800 Race St., Denver, CO 80216",
            "safe_contact": "Call the mobile only; do not leave voicemail.",
            "immigration_status": ImmigrationStatus.EXPIRED_VISA.value,
            "status_document": "Border Crossing Card (expired)",
            "status_expires_on": date(2009, 6, 30),
            "entry_date": date(1999, 5, 3),
            "entered_without_inspection": False,
            "final_removal_order": False,
            "prior_removal": False,
            "ice_detainer_history": False,
            "gang_allegation": False,
            "notes": "",
            "created_at": now,
            "version": 1,
        },
    )
    connection.execute(
        insert(ClientNameToken),
        [{"client_id": client_id, "token": t} for t in name_tokens(FAMILY, GIVEN, "Víctor")],
    )
    connection.execute(
        insert(CriminalHistoryEntry),
        [
            _offence(
                client_id,
                "Driving under the influence",
                date(2004, 8, 21),
                OffenceClass.MISDEMEANOR,
                dui=True,
            ),
            _offence(
                client_id,
                "Driving under the influence",
                date(2011, 1, 15),
                OffenceClass.MISDEMEANOR,
                dui=True,
            ),
            _offence(
                client_id,
                "Driving with a revoked licence (habitual traffic offender)",
                date(2015, 10, 2),
                OffenceClass.FELONY,
                dui=False,
            ),
        ],
    )
    case_id = _one(
        connection,
        LegalCase,
        {
            "client_id": client_id,
            "docket_number": "26CR04417",
            "kind": CaseKind.CRIMINAL.value,
            "client_role": ClientRole.DEFENDANT.value,
            "assigned_staff_id": connection.execute(
                select(StaffMember.id)
                .where(StaffMember.role == StaffRole.ATTORNEY.value)
                .order_by(StaffMember.id)
                .limit(1)
            ).scalar(),
            "opened_on": now.date() - timedelta(days=40),
            "closed_on": None,
            "status": CaseStatus.OPEN.value,
            "notes": "",
            "version": 1,
        },
    )
    connection.execute(
        insert(CaseParty),
        [
            {
                "case_id": case_id,
                "name": "People of the State of Colorado",
                "kind": PartyKind.OPPOSING.value,
                "relationship_note": "",
                "version": 1,
            }
        ],
    )
    day = next_court_day(now.astimezone(DENVER).date() + timedelta(days=3))
    starts = datetime.combine(day, time(9, 0), tzinfo=DENVER).astimezone(UTC)
    connection.execute(
        insert(Hearing),
        [
            {
                "case_id": case_id,
                "courthouse_id": court_id,
                "courtroom": "5C",
                "starts_at": starts,
                "duration_minutes": 60,
                "hearing_type": HearingType.PRE_TRIAL.value,
                "court_kind": CourtKind.CRIMINAL.value,
                "mode": AppearanceMode.IN_PERSON.value,
                "judge": "",
                "status": HearingStatus.SCHEDULED.value,
                "outcome": None,
                "advisory_sent_at": None,
                "reminder_sent_at": None,
                "notes": "",
                "version": 1,
            }
        ],
    )
    connection.execute(
        insert(EnforcementIncident),
        [
            {
                "occurred_at": datetime(2017, 3, 14, 8, 0, tzinfo=DENVER).astimezone(UTC),
                "courthouse_id": None,
                "location_text": (
                    "Near Colorado High School Charter, Race Street and East 48th Avenue"
                ),
                "city": "Denver",
                "state": "CO",
                "location_kind": LocationKind.SCHOOL.value,
                "agency": "ICE",
                "summary": "ICE agents wearing gear marked POLICE arrested a man near the new "
                "Colorado High School Charter location, in plain view of parents and "
                "children.",
                "people_arrested": 1,
                "markings": "POLICE",
                "source": IncidentSource.NEWS.value,
                "verified": True,
                "version": 1,
            },
            {
                # Mid-morning on the last court day twelve or more days ago, Denver time.
                "occurred_at": datetime.combine(
                    previous_court_day(now.astimezone(DENVER).date() - timedelta(days=12)),
                    time(10, 40), tzinfo=DENVER,
                ).astimezone(UTC),
                "courthouse_id": court_id,
                "location_text": "Hallway outside courtroom 5C",
                "city": "Denver",
                "state": "CO",
                "location_kind": LocationKind.COURTHOUSE_INTERIOR.value,
                "agency": "ICE",
                "summary": (
                    "Two plain-clothes agents waited outside courtroom 5C and detained a "
                    "man after his hearing; one wore a vest marked POLICE."
                ),
                "people_arrested": 1,
                "markings": "POLICE",
                "source": IncidentSource.STAFF_REPORT.value,
                "verified": True,
                "version": 1,
            },
        ],
    )
    return ScenarioCounts(hearings=1, incidents=2)


def _one(connection: Connection, model: Any, values: dict[str, Any]) -> int:
    return int(connection.execute(insert(model).returning(model.id), [values]).scalar_one())


def _offence(
    client_id: int, offence: str, when: date, klass: OffenceClass, *, dui: bool
) -> dict[str, Any]:
    return {
        "client_id": client_id,
        "offence": offence,
        "offence_date": when,
        "offence_class": klass.value,
        "dui": dui,
        "pending": False,
        "version": 1,
    }
