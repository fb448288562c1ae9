"""The reminder call list from recorded hearings: a remote hearing's row says how to join and
never sends the client to the courthouse; what missing court means follows the court and role."""

from __future__ import annotations

import subprocess
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import update

from app.bootstrap import App
from app.domain.enums import (
    AppearanceMode,
    CaseKind,
    ClientRole,
    CourtKind,
    HearingType,
    ImmigrationStatus,
    StaffRole,
)
from app.services.cases import CaseInput
from app.services.clients import ClientInput
from app.services.courthouses import CourthouseInput
from app.services.hearings import HearingInput
from app.services.letters import LetterService
from app.services.office import OfficeInput
from app.services.staff import StaffInput
from app.storage.models import Hearing

DENVER = ZoneInfo("America/Denver")


def text_of(pdf: bytes) -> str:
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf,
                            capture_output=True, check=True)
    return " ".join(result.stdout.decode("utf-8").split())


def _seed(app: App) -> None:
    s = app.services
    s.office.save(OfficeInput(name="Front Range Immigrant Legal Aid", phone="(303) 555-0142",
                              address="1200 Federal Blvd.\nDenver, CO 80204", state="CO"))
    attorney = s.staff.create(StaffInput(name="Ana Ortega", role=StaffRole.ATTORNEY))
    criminal = s.courthouses.create(CourthouseInput(
        name="Lindsey-Flanigan Courthouse", court_kinds="criminal", address="520 W Colfax Ave",
        city="Denver", state="CO", postal_code="80204", time_zone="America/Denver")).id
    immigration = s.courthouses.create(CourthouseInput(
        name="Denver Immigration Court", court_kinds="immigration", address="1961 Stout St",
        city="Denver", state="CO", postal_code="80294", time_zone="America/Denver")).id

    def hearing(given: str, family: str, kind: CaseKind, court_kind: CourtKind, court: int,
                mode: AppearanceMode, day: int) -> int:
        client = s.clients.create(ClientInput(
            given_name=given, family_name=family, preferred_language="es",
            phone="(720) 555-0199", immigration_status=ImmigrationStatus.PENDING_ASYLUM))
        case = s.cases.create(CaseInput(
            client_id=client.id, kind=kind, client_role=ClientRole.DEFENDANT,
            opened_on=date(2026, 1, 1), assigned_staff_id=attorney.id))
        return s.hearings.create(HearingInput(
            case_id=case.id, courthouse_id=court, court_kind=court_kind, mode=mode,
            starts_at=datetime(2026, 12, day, 9, 0, tzinfo=DENVER), courtroom="7B",
            hearing_type=HearingType.MASTER_CALENDAR if court_kind is CourtKind.IMMIGRATION
            else HearingType.PRE_TRIAL)).id

    hearing("Víctor Manuel", "Rodríguez-Covarrubias", CaseKind.CRIMINAL, CourtKind.CRIMINAL,
            criminal, AppearanceMode.IN_PERSON, 8)
    remote = hearing("Rosa", "Martínez", CaseKind.IMMIGRATION_REMOVAL, CourtKind.IMMIGRATION,
                     immigration, AppearanceMode.REMOTE, 9)
    with app.ctx.uow.session() as session:
        session.execute(update(Hearing).where(Hearing.id == remote).values(
            join_url="https://example.test/eoir/denver-77", join_phone="(303) 555-0100",
            meeting_id="555 014 0077", passcode="246810"))


def test_call_list_joins_remote_hearings_and_names_each_consequence(backend_app: App) -> None:
    _seed(backend_app)
    made = LetterService(backend_app.ctx).reminder_call_list(date(2026, 12, 7), date(2026, 12, 13))
    text = text_of(made.pdf)
    table = text[: text.index("Call script: English")]
    rosa = table[table.index("Rosa Martínez"):]
    victor = table[table.index("Víctor Manuel Rodríguez-Covarrubias"):table.index("Rosa")]
    assert "520 W Colfax Ave" in victor and "Courtroom 7B" in victor
    assert "Bench warrant" in victor and "Ask for: Víctor" in victor
    assert "Remote (video or phone)" in rosa and "Passcode: 246810" in rosa
    assert "https://example.test/eoir/denver-77" in rosa.replace(" ", "")
    assert "1961 Stout" not in text and "Courtroom 7B" not in rosa
    assert "Removal order in absence" in rosa and "warrant" not in rosa.lower()
