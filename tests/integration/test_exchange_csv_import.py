"""CSV import: real-world headers and encodings, every kind of bad file, all-or-nothing."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.bootstrap import App
from app.domain.enums import CaseKind, ClientRole, HearingType, StaffRole
from app.domain.errors import UserError
from app.services.cases import CaseInput
from app.services.clients import ClientInput
from app.services.courthouses import CourthouseInput
from app.services.csv_import import ImportProblems
from app.services.staff import StaffInput
from app.storage.models import Client, Hearing, LegalCase

HEARINGS_HEADER = "First Name,Last Name,DOB,Case Number,Court Date,Time,Dept,Court,Hearing Type\n"
ROW = "Víctor,Rodríguez,1985-03-04,26CR0001,12/03/2026,9:00 AM,3F,Lindsey-Flanigan Courthouse,"


def seed(app: App) -> None:
    s = app.services
    s.courthouses.create(
        CourthouseInput(
            name="Lindsey-Flanigan Courthouse",
            court_kinds="criminal",
            city="Denver",
            state="CO",
            time_zone="America/Denver",
        )
    )
    s.staff.create(StaffInput(name="Ana Ortega", role=StaffRole.ATTORNEY))
    rosa = s.clients.create(
        ClientInput(
            given_name="Rosa",
            family_name="Martínez",
            a_number="A123456789",
            date_of_birth=date(1990, 5, 1),
        )
    )
    s.cases.create(
        CaseInput(
            client_id=rosa.id,
            kind=CaseKind.HOUSING,
            client_role=ClientRole.DEFENDANT,
            opened_on=date(2026, 2, 1),
            docket_number="26HO0007",
        )
    )


def counts(app: App) -> tuple[int, int, int]:
    with app.ctx.uow.read() as session:
        return tuple(  # type: ignore[return-value]
            session.execute(select(func.count()).select_from(m)).scalar_one()
            for m in (Client, LegalCase, Hearing)
        )


def write(folder: Path, text: str, encoding: str = "utf-8", name: str = "in.csv") -> Path:
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


def test_hearings_with_common_headers_create_cases_in_court_time(
    backend_app: App, tmp_path: Path
) -> None:
    seed(backend_app)
    text = (
        HEARINGS_HEADER
        + ROW
        + "Arraignment\n"
        + "Rosa,Martínez,,26HO0007,2026-12-04,14:30,,lindsey-flanigan courthouse,status\n"
    )
    path = write(tmp_path, text)
    service = backend_app.services.csv_import
    dry = service.run(path, "hearings", dry_run=True)
    assert dry.ok and dry.created == 2 and dry.new_cases == 1 and dry.new_clients == 1
    assert counts(backend_app) == (1, 1, 0)
    report = service.run(path, "hearings")
    assert report.committed and counts(backend_app) == (2, 2, 2)
    rows = backend_app.services.hearings.between(
        datetime(2026, 12, 1, tzinfo=UTC), datetime(2026, 12, 31, tzinfo=UTC)
    )
    assert [(r.starts_at, r.courtroom, r.hearing_type) for r in rows] == [
        (datetime(2026, 12, 3, 16, 0, tzinfo=UTC), "3F", HearingType.ARRAIGNMENT),
        (datetime(2026, 12, 4, 21, 30, tzinfo=UTC), "", HearingType.STATUS_CONFERENCE),
    ]
    assert rows[0].client_name == "Rodríguez, Víctor"
    assert backend_app.services.clients.search("rodriguez")[0].date_of_birth == date(1985, 3, 4)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_encodings_read_accents_correctly(backend_app: App, tmp_path: Path, encoding: str) -> None:
    path = write(tmp_path, "Last Name;First Name;Language\nMuñoz;José;Spanish\n", encoding)
    report = backend_app.services.csv_import.run(path, "clients")
    assert report.created == 1
    assert report.encoding == ("Windows-1252" if encoding == "cp1252" else "UTF-8")
    record = backend_app.services.clients.search("munoz")[0]
    assert record.name == "Muñoz, José" and record.preferred_language == "es"


MALFORMED = {
    "wrong columns": ("Nombre,Telefono\nAna,555\n", 1, "no column for Docket"),
    "bad dates": (
        HEARINGS_HEADER + ROW.replace("12/03/2026", "13/45/2026") + "\n",
        2,
        "is not a date",
    ),
    "bad time": (HEARINGS_HEADER + ROW.replace("9:00 AM", "25:00") + "\n", 2, "is not a time"),
    "unknown courthouse": (
        HEARINGS_HEADER + ROW.replace("Lindsey-Flanigan", "Atlantis") + "\n",
        2,
        "no courthouse is called 'Atlantis Courthouse'",
    ),
    "duplicate rows": (HEARINGS_HEADER + ROW + "\n" + ROW + "\n", 3, "repeats row 2"),
    "unknown docket without client": (
        "Case Number,Court Date,Time,Court\n26XX1,2026-12-03,9:00,Lindsey-Flanigan Courthouse\n",
        2,
        "no case has docket '26XX1'",
    ),
}


@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_malformed_files_report_each_row_and_import_nothing(
    backend_app: App, tmp_path: Path, name: str
) -> None:
    seed(backend_app)
    text, row, message = MALFORMED[name]
    path = write(tmp_path, text)
    before = counts(backend_app)
    service = backend_app.services.csv_import
    report = service.run(path, "hearings", dry_run=True)
    assert not report.ok
    assert any(p.row == row and message in p.message for p in report.problems), report.problems
    with pytest.raises(ImportProblems):
        service.run(path, "hearings")
    assert counts(backend_app) == before


def test_a_good_row_is_not_imported_when_a_later_row_is_bad(
    backend_app: App, tmp_path: Path
) -> None:
    seed(backend_app)
    rows = [ROW.replace("26CR0001", f"26CR{i:04d}") + "Trial" for i in range(1, 50)]
    rows.append(ROW.replace("Lindsey-Flanigan", "Nowhere") + "Trial")
    path = write(tmp_path, HEARINGS_HEADER + "\n".join(rows) + "\n")
    with pytest.raises(ImportProblems) as caught:
        backend_app.services.csv_import.run(path, "hearings")
    assert [(p.row, p.column) for p in caught.value.report.problems] == [(51, "Court")]
    assert counts(backend_app) == (1, 1, 0)


def test_mixed_encodings_are_flagged_by_row(backend_app: App, tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    path.write_bytes(
        b"Last Name,First Name\n" + "Muñoz,Ana\n".encode("cp1252") + "Peña,José\n".encode()
    )
    report = backend_app.services.csv_import.run(path, "clients", dry_run=True)
    assert [p.row for p in report.problems] == [3]
    assert "mixes two encodings" in report.problems[0].message
    with pytest.raises(ImportProblems):
        backend_app.services.csv_import.run(path, "clients")
    assert counts(backend_app)[0] == 0


def test_empty_binary_and_header_only_files(backend_app: App, tmp_path: Path) -> None:
    service = backend_app.services.csv_import
    with pytest.raises(UserError, match="empty"):
        service.run(write(tmp_path, ""), "clients")
    with pytest.raises(UserError, match="empty"):
        service.run(write(tmp_path, "\ufeff\n\n", name="blank.csv"), "clients")
    binary = tmp_path / "photo.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(UserError, match="binary data"):
        service.run(binary, "clients")
    report = service.run(write(tmp_path, "Last Name\n", name="header.csv"), "clients", dry_run=True)
    assert "no data rows" in report.problems[0].message
    assert counts(backend_app)[0] == 0


def test_one_megabyte_field_is_a_row_problem(backend_app: App, tmp_path: Path) -> None:
    big = "x" * (1024 * 1024)
    path = write(tmp_path, f'Last Name,Notes\nOk,fine\nLong,"{big}"\nAfter,fine\n')
    report = backend_app.services.csv_import.run(path, "clients", dry_run=True)
    assert [(p.row, p.message) for p in report.problems][:1] == [
        (3, "a cell is too long (over 131,072 characters)")
    ]
    long_note = write(tmp_path, f"Last Name,Notes\nOk,{'y' * 30000}\n", name="long.csv")
    report = backend_app.services.csv_import.run(long_note, "clients", dry_run=True)
    assert report.problems[0].column == "Notes" and "too long" in report.problems[0].message
    with pytest.raises(ImportProblems):
        backend_app.services.csv_import.run(path, "clients")
    assert counts(backend_app)[0] == 0


def test_duplicates_against_the_database_skip_or_merge(backend_app: App, tmp_path: Path) -> None:
    seed(backend_app)
    text = (
        "A#,Last Name,First Name,Phone,DOB\n"
        "A-123-456-789,Martinez,Rosa,+1 303 555 0100,\n"
        "A222333444,Soto,Luis,,05/01/1990\n"
        ",martínez,ROSA,,05/01/1990\n"
    )
    path = write(tmp_path, text)
    service = backend_app.services.csv_import
    report = service.run(path, "clients", dry_run=True)
    assert [(p.row, p.message.split(";")[0]) for p in report.problems] == [
        (2, "already in CourtSafe (same A-number)"),
        (4, "already in CourtSafe (same name and date of birth)"),
    ]
    skipped = service.run(path, "clients", on_duplicate="skip", dry_run=True)
    assert (skipped.created, skipped.skipped) == (1, 2)
    merged = service.run(path, "clients", on_duplicate="merge")
    assert (merged.created, merged.merged) == (1, 2)
    rosa = backend_app.services.clients.search("rosa martinez")
    assert len(rosa) == 1
    record = backend_app.services.clients.get(rosa[0].id)
    assert record.phone == "+1 303 555 0100" and record.version == 2
    assert record.given_name == "Rosa"  # merge fills empty fields, never overwrites


def test_saved_mapping_is_used_next_time(backend_app: App, tmp_path: Path) -> None:
    service = backend_app.services.csv_import
    path = write(tmp_path, "Apellido paterno,Nombre de pila\nPérez,Ana\n")
    preview = service.preview(path, "clients")
    assert "family_name" not in preview.mapping
    service.save_mapping(
        "clients", {"family_name": "Apellido paterno", "given_name": "Nombre de pila"}
    )
    assert service.preview(path, "clients").mapping == {
        "family_name": "Apellido paterno",
        "given_name": "Nombre de pila",
    }
    assert service.run(path, "clients").created == 1
