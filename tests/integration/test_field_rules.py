"""The same rules whichever door data comes through: the services (used by the window and the
CLI) and the CSV importer accept and refuse the same things, with the same words.

- one set of field limits: a 2,000-character name is refused everywhere, nothing is saved;
- an unanswered immigration status is "not asked yet", never "citizen";
- an immigration court holds no arraignment;
- a remote hearing keeps how to join it, masked in the audit and out of plain exports.
"""

from __future__ import annotations

import csv
import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.bootstrap import App
from app.cli.main import run
from app.domain.enums import (
    AppearanceMode,
    CaseKind,
    ClientRole,
    CourtKind,
    HearingType,
    ImmigrationStatus,
    IncidentSource,
    LocationKind,
    StaffRole,
)
from app.domain.errors import ValidationError
from app.domain.field_limits import LIMITS
from app.services.audit import MASK
from app.services.cases import CaseInput, PartyInput
from app.services.clients import ClientInput
from app.services.courthouses import CourthouseInput
from app.services.csv_import import ImportProblems
from app.services.hearings import HearingInput
from app.services.incidents import IncidentInput
from app.services.staff import StaffInput
from app.storage.models import (
    CaseParty,
    Client,
    Courthouse,
    CriminalHistoryEntry,
    EnforcementIncident,
    Hearing,
    LegalCase,
    StaffMember,
)
from app.storage.types import EnumText

LONG_NAME = "Rodríguez-Covarrubias " * 90  # 1,980 characters: a paste gone wrong
TOO_LONG = "too long: 1,979 characters; at most 200"  # stripped of the trailing space
MODELS = {
    "client": Client,
    "criminal_history": CriminalHistoryEntry,
    "case": LegalCase,
    "case_party": CaseParty,
    "hearing": Hearing,
    "courthouse": Courthouse,
    "incident": EnforcementIncident,
    "staff": StaffMember,
}


def write(folder: Path, rows: list[list[str]], name: str = "in.csv") -> Path:
    path = folder / name
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(rows)
    return path


def count(app: App, model: type) -> int:
    with app.ctx.uow.read() as session:
        return int(session.execute(select(func.count()).select_from(model)).scalar_one())


# -- one set of limits -------------------------------------------------------------------------


# Columns whose values come from a closed list or are rewritten before saving (an A-number is
# typed with dashes and stored as A + 9 digits), so a length limit says nothing about them.
CHECKED_OTHERWISE = frozenset(
    {"a_number", "preferred_language", "court_kinds", "reference_key", "state", "bar_state"}
)


def test_no_limit_is_longer_than_its_database_column() -> None:
    for entity, limits in LIMITS.items():
        columns = MODELS[entity].__table__.columns
        for field, maximum in limits.items():
            length = getattr(columns[field].type, "length", None)
            if length is not None and field not in CHECKED_OTHERWISE:
                assert maximum <= length, (entity, field)


def test_every_bounded_text_column_has_a_limit() -> None:
    for entity, model in MODELS.items():
        for column in model.__table__.columns:
            if isinstance(column.type, EnumText) or column.key in CHECKED_OTHERWISE:
                continue
            if getattr(column.type, "length", None):
                assert column.key in LIMITS[entity], (entity, column.key)


def test_the_service_refuses_a_2000_character_name_and_saves_nothing(
    backend_app: App,
) -> None:
    clients = backend_app.services.clients
    with pytest.raises(ValidationError) as refused:
        clients.create(ClientInput(given_name="Víctor", family_name=LONG_NAME))
    assert refused.value.problems == {"family_name": TOO_LONG}
    assert count(backend_app, Client) == 0
    ok = clients.create(ClientInput(given_name="Víctor", family_name="Rodríguez-Covarrubias"))
    with pytest.raises(ValidationError) as refused:
        clients.update(
            ok.id, ok.version, ClientInput(given_name=LONG_NAME, family_name="Rodríguez")
        )
    assert refused.value.problems == {"given_name": TOO_LONG}
    assert clients.get(ok.id).given_name == "Víctor"


def test_every_service_refuses_an_over_long_name(backend_app: App) -> None:
    s = backend_app.services
    refusals = []
    for create, data in (
        (s.staff.create, StaffInput(name=LONG_NAME, role=StaffRole.ATTORNEY)),
        (s.courthouses.create, CourthouseInput(name=LONG_NAME)),
    ):
        with pytest.raises(ValidationError) as refused:
            create(data)  # type: ignore[operator]
        refusals.append(refused.value.problems)
    assert refusals == [{"name": TOO_LONG}, {"name": TOO_LONG}]
    client = s.clients.create(ClientInput(given_name="Ana", family_name="Pérez"))
    with pytest.raises(ValidationError) as refused:
        s.cases.create(
            CaseInput(client_id=client.id, kind=CaseKind.FAMILY, client_role=ClientRole.PETITIONER,
                      opened_on=date(2026, 10, 1), docket_number="2026DR" + "1" * 200,
                      parties=(PartyInput(name="x" * 301),))
        )
    assert refused.value.problems == {
        "docket_number": "too long: 206 characters; at most 100",
        "parties[1].name": "too long: 301 characters; at most 300",
    }
    with pytest.raises(ValidationError) as refused:
        s.incidents.create(
            IncidentInput(occurred_at=datetime(2026, 11, 1, tzinfo=UTC),
                          location_kind=LocationKind.SCHOOL, summary="Two agents at the gate",
                          source=IncidentSource.STAFF_REPORT, city="Denver",
                          location_text="y" * 301)
        )
    assert refused.value.problems == {"location_text": "too long: 301 characters; at most 300"}


def test_the_importer_refuses_the_same_name_with_the_same_words(
    backend_app: App, tmp_path: Path
) -> None:
    path = write(
        tmp_path,
        [["Last Name", "First Name"], ["Pérez", "Ana"], [LONG_NAME, "Víctor"], ["Soto", "Luis"]],
    )
    service = backend_app.services.csv_import
    with pytest.raises(ImportProblems) as refused:
        service.run(path, "clients")
    assert [(p.row, p.column, p.message) for p in refused.value.report.problems] == [
        (3, "Last Name", TOO_LONG)
    ]
    assert "Nothing was imported" in str(refused.value)
    assert count(backend_app, Client) == 0  # the good rows were not applied either


def test_a_full_name_column_is_checked_after_it_is_split(
    backend_app: App, tmp_path: Path
) -> None:
    backend_app.services.courthouses.create(
        CourthouseInput(name="Aurora Municipal Court", court_kinds="criminal", city="Aurora",
                        state="CO")
    )
    path = write(
        tmp_path,
        [
            ["Client Name", "Case Number", "Court Date", "Time", "Court"],
            ["Víctor " + "Rodríguez" * 30, "26M1", "2026-12-03", "9:00", "Aurora Municipal Court"],
        ],
    )
    report = backend_app.services.csv_import.run(path, "hearings", dry_run=True)
    assert [(p.column, p.message) for p in report.problems] == [
        ("Client Name", "too long: 270 characters; at most 200")
    ]


# -- defaults that never silence a flag ----------------------------------------------------------


def test_a_client_entered_in_a_hurry_is_not_asked_yet_never_a_citizen(backend_app: App) -> None:
    record = backend_app.services.clients.create(ClientInput(given_name="Ana", family_name="Pérez"))
    assert record.immigration_status is ImmigrationStatus.NOT_ASKED


def test_a_file_without_a_status_column_or_with_empty_cells_means_not_asked(
    backend_app: App, tmp_path: Path
) -> None:
    service = backend_app.services.csv_import
    service.run(write(tmp_path, [["Last Name"], ["Pérez"]]), "clients")
    service.run(
        write(tmp_path, [["Last Name", "Status"], ["Soto", ""], ["Lee", "not recorded"],
                         ["Ruiz", "TPS"]], name="b.csv"),
        "clients",
    )
    statuses = {
        row.name: backend_app.services.clients.get(row.id).immigration_status
        for row in backend_app.services.clients.search()
    }
    assert statuses == {
        "Pérez": ImmigrationStatus.NOT_ASKED,
        "Soto": ImmigrationStatus.NOT_ASKED,
        "Lee": ImmigrationStatus.NOT_ASKED,
        "Ruiz": ImmigrationStatus.TPS,
    }


def test_a_merge_fills_a_status_nobody_asked_and_never_erases_one(
    backend_app: App, tmp_path: Path
) -> None:
    clients = backend_app.services.clients
    asked = clients.create(ClientInput(given_name="Rosa", family_name="Martínez",
                                       a_number="A123456789",
                                       immigration_status=ImmigrationStatus.DACA))
    unasked = clients.create(ClientInput(given_name="Luis", family_name="Soto",
                                         a_number="A222333444"))
    path = write(tmp_path, [["A#", "Last Name", "Status"], ["A123456789", "Martínez", ""],
                            ["A222333444", "Soto", "TPS"]])
    backend_app.services.csv_import.run(path, "clients", on_duplicate="merge")
    assert clients.get(asked.id).immigration_status is ImmigrationStatus.DACA
    assert clients.get(unasked.id).immigration_status is ImmigrationStatus.TPS


# -- courts and the hearings they hold -----------------------------------------------------------


def _immigration_setup(app: App) -> tuple[int, int]:
    s = app.services
    client = s.clients.create(ClientInput(given_name="Víctor", family_name="Rodríguez"))
    case = s.cases.create(
        CaseInput(client_id=client.id, kind=CaseKind.IMMIGRATION_REMOVAL,
                  client_role=ClientRole.DEFENDANT, opened_on=date(2026, 9, 1),
                  docket_number="A098765432")
    )
    court = s.courthouses.create(
        CourthouseInput(name="Denver Immigration Court (test)", court_kinds="immigration",
                        city="Denver", state="CO")
    )
    return case.id, court.id


def _hearing(case_id: int, court_id: int, **changes: object) -> HearingInput:
    values: dict[str, object] = {
        "case_id": case_id,
        "courthouse_id": court_id,
        "starts_at": datetime(2026, 12, 3, 16, 0, tzinfo=UTC),
        "hearing_type": HearingType.MASTER_CALENDAR,
        "court_kind": CourtKind.IMMIGRATION,
        **changes,
    }
    return HearingInput(**values)  # type: ignore[arg-type]


def test_the_service_refuses_an_arraignment_in_an_immigration_court(backend_app: App) -> None:
    case_id, court_id = _immigration_setup(backend_app)
    hearings = backend_app.services.hearings
    with pytest.raises(ValidationError) as refused:
        hearings.create(_hearing(case_id, court_id, hearing_type=HearingType.ARRAIGNMENT))
    assert refused.value.problems["hearing_type"].startswith(
        "an immigration court holds no arraignment hearing; choose one of: master calendar"
    )
    with pytest.raises(ValidationError) as refused:
        hearings.create(_hearing(case_id, court_id, court_kind=CourtKind.CRIMINAL,
                                 hearing_type=HearingType.PRE_TRIAL))
    assert refused.value.problems == {
        "court_kind": "Denver Immigration Court (test) is recorded as immigration court only, "
        "not criminal; choose one of its courts or correct the courthouse"
    }
    assert count(backend_app, Hearing) == 0


def test_the_importer_refuses_an_arraignment_in_an_immigration_court(
    backend_app: App, tmp_path: Path
) -> None:
    _immigration_setup(backend_app)
    path = write(
        tmp_path,
        [
            ["Case Number", "Court Date", "Time", "Court", "Hearing Type"],
            ["A098765432", "2026-12-03", "9:00", "Denver Immigration Court (test)", "Master"],
            ["A098765432", "2026-12-10", "9:00", "Denver Immigration Court (test)", "Arraignment"],
        ],
    )
    with pytest.raises(ImportProblems) as refused:
        backend_app.services.csv_import.run(path, "hearings")
    [problem] = refused.value.report.problems
    assert (problem.row, problem.column) == (3, "Hearing Type")
    assert problem.message.startswith("an immigration court holds no arraignment hearing")
    assert count(backend_app, Hearing) == 0


# -- how to join a remote hearing -----------------------------------------------------------------

JOIN = {
    "join_url": "https://eoir.webex.com/meet/den-ij3",
    "join_phone": "+1 415 527 5035",
    "meeting_id": "2761 553 0187",
    "passcode": "4471",
}


def test_join_details_are_kept_masked_in_the_audit_and_out_of_plain_exports(
    backend_app: App, tmp_path: Path
) -> None:
    case_id, court_id = _immigration_setup(backend_app)
    hearings = backend_app.services.hearings
    created = hearings.create(_hearing(case_id, court_id, mode=AppearanceMode.REMOTE, **JOIN))
    assert {k: getattr(hearings.get(created.id), k) for k in JOIN} == JOIN
    trail = json.dumps([row.changes for row in hearings.history(created.id)])
    assert all(value not in trail for value in JOIN.values())
    assert hearings.history(created.id)[0].changes["passcode"] == [MASK, MASK]
    export = backend_app.services.csv_export
    plain = export.export("hearings", tmp_path / "plain.csv")
    assert "Video Link" not in plain.columns and "Passcode" not in plain.columns
    assert "4471" not in (tmp_path / "plain.csv").read_text(encoding="utf-8-sig")
    full = export.export("hearings", tmp_path / "full.csv", include_sensitive=True)
    assert {"Video Link", "Join Phone", "Meeting ID", "Passcode"} <= set(full.columns)
    text = (tmp_path / "full.csv").read_text(encoding="utf-8-sig")
    assert JOIN["join_url"] in text and "'+1 415 527 5035" in text


def test_an_in_person_hearing_refuses_join_details_in_the_service_and_the_importer(
    backend_app: App, tmp_path: Path
) -> None:
    case_id, court_id = _immigration_setup(backend_app)
    with pytest.raises(ValidationError) as refused:
        backend_app.services.hearings.create(
            _hearing(case_id, court_id, join_url=JOIN["join_url"])
        )
    message = refused.value.problems["join_url"]
    assert message.startswith("an in-person hearing has no video link")
    path = write(
        tmp_path,
        [
            ["Case Number", "Court Date", "Time", "Court", "Mode", "Video Link"],
            ["A098765432", "2026-12-03", "9:00", "Denver Immigration Court (test)", "in person",
             JOIN["join_url"]],
        ],
    )
    report = backend_app.services.csv_import.run(path, "hearings", dry_run=True)
    assert [(p.column, p.message) for p in report.problems] == [("Video Link", message)]


def test_imported_join_details_make_the_hearing_remote_and_round_trip(
    backend_app: App, tmp_path: Path
) -> None:
    _immigration_setup(backend_app)
    path = write(
        tmp_path,
        [
            ["Case Number", "Court Date", "Time", "Court", "Hearing", "Video Link", "Dial-in",
             "Meeting ID", "Passcode"],
            ["A098765432", "2026-12-03", "9:00", "Denver Immigration Court (test)", "Master",
             *JOIN.values()],
        ],
    )
    backend_app.services.csv_import.run(path, "hearings")
    [row] = backend_app.services.hearings.between(
        datetime(2026, 12, 1, tzinfo=UTC), datetime(2026, 12, 31, tzinfo=UTC)
    )
    record = backend_app.services.hearings.get(row.id)
    assert record.mode is AppearanceMode.REMOTE
    assert {k: getattr(record, k) for k in JOIN} == JOIN


def test_a_video_link_must_be_a_web_address(backend_app: App) -> None:
    case_id, court_id = _immigration_setup(backend_app)
    with pytest.raises(ValidationError) as refused:
        backend_app.services.hearings.create(
            _hearing(case_id, court_id, mode=AppearanceMode.HYBRID,
                     join_url="javascript:alert(1)")
        )
    assert refused.value.problems == {
        "join_url": "a video link looks like https://court.zoomgov.com/j/…"
    }


def test_the_command_line_refuses_the_same_name_with_the_same_words(
    sqlite_app: App, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = str(sqlite_app.paths.data_dir)
    sqlite_app.close()
    path = write(tmp_path, [["Last Name", "First Name"], ["Pérez", "Ana"], [LONG_NAME, "Víctor"]])
    assert run(["--data-dir", data_dir, "import", "csv", "--kind", "clients", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"row 3, Last Name: {TOO_LONG}" in err
    assert "Nothing was imported" in err
