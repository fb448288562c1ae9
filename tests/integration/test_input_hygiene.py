"""Text that shows as something it is not is refused at every door, the same way.

- a right-to-left override or an invisible mark in a name makes a list, a calendar or the conflict
  check show or compare something else ("Trojan source"): the services, the CSV importer and the
  command line refuse it with the same words, naming the character and never the name; the joiners
  Persian, Hindi and Malayalam names need stay allowed;
- a byte a Windows-1252 file cannot hold is a row problem, never a silent "�";
- a CSV file with the same header twice is refused, naming the header;
- a screenshot is at most 3840x2160;
- `clients list` leaves the columns the models mark sensitive out unless asked for.
"""

from __future__ import annotations

import argparse
import csv
import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from app.bootstrap import App
from app.cli.gui_commands import parse_size
from app.cli.main import run
from app.domain.enums import (
    CaseKind,
    ClientRole,
    CourtKind,
    HearingType,
    IncidentSource,
    LocationKind,
    StaffRole,
)
from app.domain.errors import ValidationError
from app.domain.field_limits import hidden_character
from app.services.cases import CaseInput, PartyInput
from app.services.clients import ClientInput
from app.services.courthouses import CourthouseInput
from app.services.csv_import import ImportProblems
from app.services.hearings import HearingInput
from app.services.incidents import IncidentInput
from app.services.staff import StaffInput

RLO = "\u202e"
OVERRIDE = (
    "has a hidden character (U+202E RIGHT-TO-LEFT OVERRIDE) that can make it show as something "
    "else; type it again without it"
)


def hidden(code: int, name: str) -> str:
    return (
        f"has a hidden character (U+{code:04X} {name}) that can make it show as something "
        "else; type it again without it"
    )


def write(folder: Path, rows: list[list[str]], name: str = "in.csv") -> Path:
    path = folder / name
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(rows)
    return path


# -- the rule itself ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code", "name"),
    [
        ("Ana" + RLO + "zeréP", 0x202E, "RIGHT-TO-LEFT OVERRIDE"),
        ("\u202bPérez", 0x202B, "RIGHT-TO-LEFT EMBEDDING"),
        ("Pérez\u2066x\u2069", 0x2066, "LEFT-TO-RIGHT ISOLATE"),
        ("Pérez\u200f", 0x200F, "RIGHT-TO-LEFT MARK"),
        ("\u200ePérez", 0x200E, "LEFT-TO-RIGHT MARK"),
        ("Pé\u200brez", 0x200B, "ZERO WIDTH SPACE"),
        ("\ufeffPérez", 0xFEFF, "ZERO WIDTH NO-BREAK SPACE"),
        ("Rodrí\u00adguez", 0x00AD, "SOFT HYPHEN"),
        ("Ana\u200cPérez", 0x200C, "ZERO WIDTH NON-JOINER"),  # no Latin word needs a joiner
        ("\u200dنیک", 0x200D, "ZERO WIDTH JOINER"),  # a joiner joining nothing
        ("Ana\nPérez", 0x000A, "LINE FEED"),
    ],
)
def test_hidden_characters_in_a_name_are_named_in_the_refusal(
    text: str, code: int, name: str
) -> None:
    assert hidden_character(text) == hidden(code, name)


@pytest.mark.parametrize(
    "text",
    [
        "نیک\u200cپور",  # Persian Nikpour: the non-joiner keeps نیک and پور apart
        "क्\u200dष",  # Devanagari: a joiner after the virama picks the half form
        "അവന്\u200d",  # Malayalam chillu in the old spelling: virama + joiner at the word's end
        "Rodríguez-Covarrubias",
        "Nguyễn Thị Minh Khai",
        "李小龙",
        "עברית ושלום",
    ],
)
def test_names_that_need_their_joiners_are_accepted(text: str) -> None:
    assert hidden_character(text) is None


# -- every service -----------------------------------------------------------------------------


def test_the_client_service_refuses_an_override_and_saves_nothing(sqlite_app: App) -> None:
    clients = sqlite_app.services.clients
    with pytest.raises(ValidationError) as refused:
        clients.create(ClientInput(given_name="Ana", family_name="zeréP" + RLO))
    assert refused.value.problems == {"family_name": OVERRIDE}
    assert "zeréP" not in str(refused.value)  # the message names the character, not the client
    assert clients.search("", limit=10) == []
    persian = clients.create(ClientInput(given_name="زهرا", family_name="نیک\u200cپور"))
    assert clients.get(persian.id).family_name == "نیک\u200cپور"


def test_every_service_refuses_an_override_in_a_name(sqlite_app: App) -> None:
    s = sqlite_app.services
    with pytest.raises(ValidationError) as refused:
        s.staff.create(StaffInput(name="Ana" + RLO, role=StaffRole.ATTORNEY))
    assert refused.value.problems == {"name": OVERRIDE}
    with pytest.raises(ValidationError) as refused:
        s.courthouses.create(CourthouseInput(name="Aurora" + RLO + " Court"))
    assert refused.value.problems == {"name": OVERRIDE}
    client = s.clients.create(ClientInput(given_name="Ana", family_name="Pérez"))
    with pytest.raises(ValidationError) as refused:
        s.cases.create(
            CaseInput(client_id=client.id, kind=CaseKind.FAMILY, client_role=ClientRole.PETITIONER,
                      opened_on=date(2026, 10, 1), docket_number="26DR1",
                      parties=(PartyInput(name="Luis\u200f Soto"),))
        )
    assert refused.value.problems == {"parties[1].name": hidden(0x200F, "RIGHT-TO-LEFT MARK")}
    case = s.cases.create(
        CaseInput(client_id=client.id, kind=CaseKind.CRIMINAL, client_role=ClientRole.DEFENDANT,
                  opened_on=date(2026, 10, 1), docket_number="26CR1")
    )
    court = s.courthouses.create(
        CourthouseInput(name="Aurora Municipal Court", court_kinds="criminal", city="Aurora",
                        state="CO")
    )
    with pytest.raises(ValidationError) as refused:
        s.hearings.create(
            HearingInput(case_id=case.id, courthouse_id=court.id,
                          starts_at=datetime(2026, 12, 10, 16, tzinfo=UTC),
                          hearing_type=HearingType.ARRAIGNMENT, court_kind=CourtKind.CRIMINAL,
                          judge="Judge " + RLO + "htimS")
        )
    assert refused.value.problems == {"judge": OVERRIDE}
    with pytest.raises(ValidationError) as refused:
        s.incidents.create(
            IncidentInput(occurred_at=datetime(2026, 11, 1, tzinfo=UTC),
                          location_kind=LocationKind.SCHOOL, summary="Two agents at the gate",
                          source=IncidentSource.STAFF_REPORT, city="Denver",
                          location_text="\u2067East High\u2069")
        )
    assert refused.value.problems == {
        "location_text": hidden(0x2067, "RIGHT-TO-LEFT ISOLATE")
    }


def test_notes_keep_the_marks_right_to_left_writers_type(sqlite_app: App) -> None:
    note = "الموعد\u200f 10:30 — bring the letter"
    record = sqlite_app.services.clients.create(
        ClientInput(given_name="Ana", family_name="Pérez", notes=note)
    )
    assert sqlite_app.services.clients.get(record.id).notes == note


# -- the importer and the command line ---------------------------------------------------------


def test_the_importer_refuses_the_same_override_with_the_same_words(
    sqlite_app: App, tmp_path: Path
) -> None:
    path = write(
        tmp_path,
        [["Last Name", "First Name"], ["Pérez", "Ana"], ["zeréP" + RLO, "Víctor"],
         ["نیک\u200cپور", "زهرا"]],
    )
    with pytest.raises(ImportProblems) as refused:
        sqlite_app.services.csv_import.run(path, "clients")
    assert [(p.row, p.column, p.message) for p in refused.value.report.problems] == [
        (3, "Last Name", OVERRIDE)
    ]
    assert "zeréP" not in str(refused.value)
    assert sqlite_app.services.clients.search("", limit=10) == []


def test_the_importer_checks_party_lists_and_split_full_names(
    sqlite_app: App, tmp_path: Path
) -> None:
    sqlite_app.services.clients.create(ClientInput(given_name="Ana", family_name="Pérez"))
    path = write(
        tmp_path,
        [["Client Name", "Case Number", "Case Type", "Role", "Opened", "Opposing Parties"],
         ["Ana Pérez", "26DR9", "family", "petitioner", "2026-10-01", "Luis Soto; Mar\u200bta"],
         ["Ana\u202e Pérez", "26DR10", "family", "petitioner", "2026-10-01", ""]],
    )
    report = sqlite_app.services.csv_import.run(path, "cases", dry_run=True)
    assert [(p.row, p.column, p.message) for p in report.problems] == [
        (2, "Opposing Parties", hidden(0x200B, "ZERO WIDTH SPACE")),
        (3, "Client Name", OVERRIDE),
    ]


def test_the_command_line_import_names_the_character_not_the_client(
    sqlite_app: App, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = str(sqlite_app.paths.data_dir)
    sqlite_app.close()
    path = write(tmp_path, [["Last Name", "First Name"], ["zeréP" + RLO, "Ana"]])
    assert run(["--data-dir", data_dir, "import", "csv", "--kind", "clients", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"row 2, Last Name: {OVERRIDE}" in err
    assert "zeré" not in err and "Traceback" not in err


# -- Windows-1252 bytes that are not text ------------------------------------------------------


def test_a_byte_windows_1252_does_not_define_is_a_row_problem(
    sqlite_app: App, tmp_path: Path
) -> None:
    path = tmp_path / "legacy.csv"
    path.write_bytes(
        b"Last Name,First Name\r\n"
        b"P\xe9rez,Ana\r\n"  # é in Windows-1252: fine
        b"Rodr\x81guez,V\xedctor\r\n"  # 0x81 means nothing in Windows-1252
        b"Soto,Luis\x9d\r\n"
    )
    report = sqlite_app.services.csv_import.run(path, "clients", dry_run=True)
    assert report.encoding == "Windows-1252"
    assert [(p.row, p.column) for p in report.problems] == [(3, ""), (4, "")]
    assert all("Windows-1252" in p.message for p in report.problems)
    assert all("\ufffd" not in p.message for p in report.problems)
    with pytest.raises(ImportProblems):
        sqlite_app.services.csv_import.run(path, "clients")
    assert sqlite_app.services.clients.search("", limit=10) == []


def test_a_clean_windows_1252_file_still_imports(sqlite_app: App, tmp_path: Path) -> None:
    path = tmp_path / "legacy.csv"
    path.write_bytes(b"Last Name,First Name\r\nP\xe9rez,Ana\r\nMu\xf1oz,Jos\xe9\r\n")
    report = sqlite_app.services.csv_import.run(path, "clients")
    assert report.problem_count == 0
    names = sorted(r.name for r in sqlite_app.services.clients.search("", limit=10))
    assert names == ["Muñoz, José", "Pérez, Ana"]


# -- duplicate headers -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (["Last Name", "First Name", "Last Name"], "the header 'Last Name' appears twice"),
        (["Last Name", "Phone", "phone"], "the headers 'Phone' and 'phone' name the same column"),
        (["Last Name", "Notes", "Notes"], "the header 'Notes' appears twice"),
    ],
)
def test_a_file_with_the_same_header_twice_is_refused_naming_it(
    sqlite_app: App, tmp_path: Path, header: list[str], message: str
) -> None:
    path = write(tmp_path, [header, ["Pérez", "Ana", "x"]])
    with pytest.raises(ImportProblems) as refused:
        sqlite_app.services.csv_import.run(path, "clients")
    problems = refused.value.report.problems
    assert [(p.row, p.message) for p in problems] == [
        (1, message + "; keep one column of that name and import again")
    ]
    assert sqlite_app.services.clients.search("", limit=10) == []


def test_blank_headers_may_repeat(sqlite_app: App, tmp_path: Path) -> None:
    path = write(tmp_path, [["Last Name", "First Name", "", ""], ["Pérez", "Ana", "", ""]])
    assert sqlite_app.services.csv_import.run(path, "clients").problem_count == 0


# -- screenshot size ---------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["40000x40000", "3841x2160", "3840x2161", "100x100", "99999x800"])
def test_a_screenshot_size_outside_what_a_screen_shows_is_refused(text: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError) as refused:
        parse_size(text)
    assert "from 320x240 to 3840x2160" in str(refused.value)


def test_a_screenshot_size_on_a_real_screen_is_accepted() -> None:
    assert parse_size("3840x2160") == (3840, 2160)
    assert parse_size(" 1280x800 ") == (1280, 800)
    assert parse_size("320x240") == (320, 240)


def test_the_command_line_refuses_a_huge_screenshot_before_drawing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "shot.png"
    code = run(["--data-dir", str(tmp_path / "data"), "screenshot", "--page", "clients",
                "--out", str(out), "--size", "40000x40000"])
    assert code == 2
    err = capsys.readouterr().err
    assert "40000x40000 is not a screen size; use one from 320x240 to 3840x2160" in err
    assert not out.exists()


# -- sensitive columns in lists ----------------------------------------------------------------


@pytest.fixture
def office_with_a_safe_contact(sqlite_app: App) -> str:
    sqlite_app.services.clients.create(
        ClientInput(given_name="Ana", family_name="Pérez", safe_contact="Text only, never call")
    )
    data_dir = str(sqlite_app.paths.data_dir)
    sqlite_app.close()
    return data_dir


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_clients_list_leaves_the_safe_contact_note_out(
    office_with_a_safe_contact: str, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["--data-dir", office_with_a_safe_contact, "clients", "list", "--format", fmt]
    assert run(argv) == 0
    out = capsys.readouterr().out
    assert "Pérez, Ana" in out
    assert "never call" not in out and "safe_contact" not in out


def test_clients_list_shows_sensitive_columns_when_asked(
    office_with_a_safe_contact: str, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["--data-dir", office_with_a_safe_contact, "clients", "list", "--format", "json",
            "--include-sensitive"]
    assert run(argv) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["safe_contact"] == "Text only, never call"


def test_the_command_line_names_the_repeated_header_without_a_traceback(
    sqlite_app: App, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = str(sqlite_app.paths.data_dir)
    sqlite_app.close()
    path = write(tmp_path, [["Last Name", "First Name", "Last Name"], ["Pérez", "Ana", "Soto"]])
    assert run(["--data-dir", data_dir, "import", "csv", "--kind", "clients", str(path)]) == 1
    err = capsys.readouterr().err
    assert "the header 'Last Name' appears twice" in err
    assert "Pérez" not in err and "Traceback" not in err
