"""Cases, hearings, courthouses and incidents: validation, references, conflicts, deletes."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from app.bootstrap import App
from app.domain.enums import (
    CaseKind,
    ClientRole,
    CourtKind,
    HearingOutcome,
    HearingStatus,
    HearingType,
    IncidentSource,
    LocationKind,
    PartyKind,
    StaffRole,
)
from app.domain.errors import ConflictError, UserError, ValidationError
from app.services.cases import CaseInput, PartyInput
from app.services.clients import ClientInput
from app.services.courthouses import CourthouseInput
from app.services.hearings import HearingInput
from app.services.incidents import IncidentInput
from app.services.staff import StaffInput
from tests.conftest import FIXED_NOW

DENVER = ZoneInfo("America/Denver")


def _setup(app: App) -> tuple[int, int, int]:
    client = app.services.clients.create(ClientInput(given_name="Ana", family_name="Pérez"))
    staff = app.services.staff.create(StaffInput(name="Ana Lucía Ortega", role=StaffRole.ATTORNEY))
    case = app.services.cases.create(
        CaseInput(
            client_id=client.id,
            kind=CaseKind.PROTECTION_ORDER,
            client_role=ClientRole.VICTIM,
            opened_on=date(2026, 10, 1),
            docket_number=" 26PO1234 ",
            assigned_staff_id=staff.id,
            parties=(PartyInput(name="Juan Pérez", kind=PartyKind.OPPOSING),),
        )
    )
    court = app.services.courthouses.create(
        CourthouseInput(
            name="Lindsey-Flanigan Courthouse",
            court_kinds="criminal,traffic",
            city="Denver",
            state="co",
            time_zone="America/Denver",
        )
    )
    return client.id, case.id, court.id


def _hearing(case_id: int, court_id: int, **changes: object) -> HearingInput:
    base = HearingInput(
        case_id=case_id,
        courthouse_id=court_id,
        starts_at=datetime(2026, 12, 1, 9, 0, tzinfo=DENVER),
        hearing_type=HearingType.PROTECTION_ORDER,
        court_kind=CourtKind.CRIMINAL,
        courtroom="5C",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def test_case_with_parties_and_staff_reads_back(backend_app: App) -> None:
    client_id, case_id, _ = _setup(backend_app)
    case = backend_app.services.cases.get(case_id)
    assert case.docket_number == "26PO1234"
    assert case.parties == (PartyInput(name="Juan Pérez", kind=PartyKind.OPPOSING),)
    rows = backend_app.services.cases.find(client_id=client_id)
    assert [(r.client_name, r.staff_name) for r in rows] == [("Pérez, Ana", "Ana Lucía Ortega")]


def test_hearing_is_stored_in_utc_and_shown_in_court_time(backend_app: App) -> None:
    _, case_id, court_id = _setup(backend_app)
    created = backend_app.services.hearings.create(_hearing(case_id, court_id))
    assert created.starts_at == datetime(2026, 12, 1, 16, 0, tzinfo=UTC)
    rows = backend_app.services.hearings.between(
        datetime(2026, 12, 1, tzinfo=UTC), datetime(2026, 12, 2, tzinfo=UTC)
    )
    assert [r.starts_at.astimezone(ZoneInfo(r.time_zone)).hour for r in rows] == [9]
    assert rows[0].client_name == "Pérez, Ana" and rows[0].courthouse.startswith("Lindsey")


def test_hearing_validation_names_every_field(backend_app: App) -> None:
    _, case_id, court_id = _setup(backend_app)
    with pytest.raises(ValidationError) as caught:
        backend_app.services.hearings.create(
            _hearing(case_id + 100, court_id + 100, duration_minutes=-30)
        )
    assert set(caught.value.problems) == {"case_id", "courthouse_id", "duration_minutes"}
    assert "end after it starts" in caught.value.problems["duration_minutes"]
    assert (
        backend_app.services.hearings.between(
            datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC)
        )
        == []
    )


def test_outcome_and_advisory_are_recorded_with_conflict_check(backend_app: App) -> None:
    _, case_id, court_id = _setup(backend_app)
    hearing = backend_app.services.hearings.create(_hearing(case_id, court_id))
    hearings = backend_app.services.hearings
    hearings.mark_advisory_sent(hearing.id, hearing.version)
    with pytest.raises(ConflictError):
        hearings.record_outcome(hearing.id, hearing.version, HearingOutcome.DECLINED_FEAR)
    fresh = hearings.get(hearing.id)
    assert fresh.advisory_sent_at == FIXED_NOW
    hearings.record_outcome(hearing.id, fresh.version, HearingOutcome.DECLINED_FEAR)
    final = hearings.get(hearing.id)
    assert (final.outcome, final.status) == (HearingOutcome.DECLINED_FEAR, HearingStatus.HELD)


def test_courthouse_with_hearings_cannot_be_deleted(backend_app: App) -> None:
    _, case_id, court_id = _setup(backend_app)
    backend_app.services.hearings.create(_hearing(case_id, court_id))
    court = backend_app.services.courthouses.get(court_id)
    assert court.state == "CO"
    with pytest.raises(UserError, match="Hearings are still scheduled"):
        backend_app.services.courthouses.delete(court_id, court.version)
    assert backend_app.services.courthouses.get(court_id).name.startswith("Lindsey")


def test_courthouse_rejects_bad_time_zone_and_state(backend_app: App) -> None:
    with pytest.raises(ValidationError) as caught:
        backend_app.services.courthouses.create(
            CourthouseInput(name="X", state="Colorado", time_zone="Mountain Time")
        )
    assert set(caught.value.problems) == {"state", "time_zone"}


def test_incident_at_a_courthouse_takes_its_city(backend_app: App) -> None:
    _, _, court_id = _setup(backend_app)
    incidents = backend_app.services.incidents
    created = incidents.create(
        IncidentInput(
            occurred_at=FIXED_NOW - timedelta(days=3),
            location_kind=LocationKind.COURTHOUSE_INTERIOR,
            summary="Agents in vests marked POLICE waited outside 5C",
            source=IncidentSource.STAFF_REPORT,
            courthouse_id=court_id,
            markings="POLICE",
        )
    )
    assert (created.city, created.state) == ("Denver", "CO")
    rows = incidents.find(courthouse_id=court_id)
    assert [r.place for r in rows] == ["Lindsey-Flanigan Courthouse"]


def test_incident_needs_a_place_and_a_past_date(backend_app: App) -> None:
    with pytest.raises(ValidationError) as caught:
        backend_app.services.incidents.create(
            IncidentInput(
                occurred_at=FIXED_NOW + timedelta(days=1),
                location_kind=LocationKind.SCHOOL,
                summary="",
                source=IncidentSource.NEWS,
            )
        )
    assert set(caught.value.problems) == {"occurred_at", "summary", "location_text"}


def test_case_cannot_close_before_it_opens(backend_app: App) -> None:
    client_id, case_id, _ = _setup(backend_app)
    case = backend_app.services.cases.get(case_id)
    with pytest.raises(ValidationError, match="close before it opens"):
        backend_app.services.cases.update(
            case_id, case.version, replace(case, closed_on=date(2020, 1, 1))
        )


def test_client_with_cases_cannot_be_deleted(backend_app: App) -> None:
    client_id, _, _ = _setup(backend_app)
    client = backend_app.services.clients.get(client_id)
    with pytest.raises(UserError, match="still has cases"):
        backend_app.services.clients.delete(client_id, client.version)
