"""CSV export: formula cells neutralised, sensitive columns only on request, Excel-friendly."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest

from app.bootstrap import App
from app.cli.main import run
from app.domain.enums import CaseKind, ClientRole, ImmigrationStatus, PartyKind
from app.domain.errors import UserError
from app.services.cases import CaseInput, PartyInput
from app.services.clients import ClientInput
from app.services.csv_export import export_fields, safe_cell


def _rows(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads accents only with the BOM
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def _seed(app: App) -> None:
    client = app.services.clients.create(
        ClientInput(
            given_name='=HYPERLINK("http://x")',
            family_name="Núñez",
            phone="+1 720 555 0101",
            safe_contact="@call work only",
            notes="-secret",
            a_number="A123456789",
            immigration_status=ImmigrationStatus.TPS,
            date_of_birth=date(1980, 1, 2),
        )
    )
    app.services.cases.create(
        CaseInput(
            client_id=client.id,
            kind=CaseKind.FAMILY,
            client_role=ClientRole.PETITIONER,
            opened_on=date(2026, 3, 1),
            docket_number="26FA77",
            parties=(
                PartyInput(name="=cmd|' /C calc'!A0", kind=PartyKind.OPPOSING),
                PartyInput(name="Ana Soto", kind=PartyKind.RELATED),
            ),
        )
    )


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_formula_starts_are_neutralised(value: str) -> None:
    assert safe_cell(value) == "'" + value
    assert safe_cell("Núñez") == "Núñez"


def test_clients_without_sensitive_columns_by_default(backend_app: App, tmp_path: Path) -> None:
    _seed(backend_app)
    path = tmp_path / "clients.csv"
    result = backend_app.services.csv_export.export("clients", path)
    rows = _rows(path)
    assert result.rows == 1
    assert set(rows[0]) == {
        "Given Name",
        "Family Name",
        "Preferred Name",
        "Language",
    }  # safe-contact notes can describe an abuser: sensitive like the rest
    assert rows[0]["Given Name"] == '\'=HYPERLINK("http://x")'
    assert rows[0]["Family Name"] == "Núñez"


def test_sensitive_columns_when_chosen(backend_app: App, tmp_path: Path) -> None:
    _seed(backend_app)
    path = tmp_path / "clients.csv"
    backend_app.services.csv_export.export("clients", path, include_sensitive=True)
    row = _rows(path)[0]
    assert row["Safe Contact"] == "'@call work only"
    assert row["A-Number"] == "A123456789"
    assert row["Immigration Status"] == "tps"
    assert row["Phone"] == "'+1 720 555 0101" and row["Notes"] == "'-secret"
    assert row["Date of Birth"] == "1980-01-02"


def test_sensitive_marks_come_from_the_models() -> None:
    headers = {spec.header for spec in export_fields("clients", include_sensitive=False)}
    assert not headers & {
        "Date of Birth",
        "A-Number",
        "Phone",
        "Email",
        "Address",
        "Notes",
        "Immigration Status",
        "Entry Date",
        "Gang Allegation",
    }
    hearing_headers = {s.header for s in export_fields("hearings", include_sensitive=False)}
    assert "Notes" not in hearing_headers and "Client A-Number" not in hearing_headers


def test_cases_list_parties_and_neutralise_them(backend_app: App, tmp_path: Path) -> None:
    _seed(backend_app)
    path = tmp_path / "cases.csv"
    backend_app.services.csv_export.export("cases", path)
    row = _rows(path)[0]
    assert row["Docket"] == "26FA77"
    assert row["Opposing Parties"] == "'=cmd|' /C calc'!A0"
    assert row["Related Parties"] == "Ana Soto"


def test_missing_folder_is_a_clear_error(backend_app: App, tmp_path: Path) -> None:
    with pytest.raises(UserError, match="does not exist"):
        backend_app.services.csv_export.export("clients", tmp_path / "no" / "x.csv")


def test_export_and_import_commands(
    sqlite_app: App, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _seed(sqlite_app)
    data_dir = str(sqlite_app.paths.data_dir)
    sqlite_app.close()
    out = tmp_path / "hearings.csv"
    assert (
        run(["--data-dir", data_dir, "export", "csv", "--kind", "clients", "--out", str(out)]) == 0
    )
    assert "Wrote 1 clients" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_text("Last Name,DOB\nRuiz,31/31/2020\n", encoding="utf-8")
    assert run(["--data-dir", data_dir, "import", "csv", "--kind", "clients", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "row 2, DOB: '31/31/2020' is not a date" in err
    assert "Nothing was imported" in err
    good = tmp_path / "good.csv"
    good.write_text("Surname,Given Name\nRuiz,Eva\n", encoding="utf-8")
    assert (
        run(["--data-dir", data_dir, "import", "csv", "--kind", "clients", str(good), "--dry-run"])
        == 0
    )
    assert "Would import 1 clients" in capsys.readouterr().out
    assert run(["--data-dir", data_dir, "import", "csv", "--kind", "clients", str(good)]) == 0
    assert "Imported 1 clients" in capsys.readouterr().out
