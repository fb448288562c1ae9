"""Advisories from the record: remote hearings, the flag's advice, staff sheets apart from client
pages, in the service and from the command line."""

from __future__ import annotations

import argparse
import dataclasses
import io
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.bootstrap import App
from app.cli.letter_commands import register
from app.documents.staff_sheet import BANNER
from app.domain.enums import AppearanceMode
from app.services.clients import ClientInput
from app.services.demo import DemoService
from app.services.hearings import HearingInput
from app.services.letters import LetterService

SAFE_NOTE = "Do not leave voicemail: the abuser shares the phone"


def page_texts(pdf: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(pdf))
    found = []
    for number, page in enumerate(reader.pages, start=1):
        poppler = subprocess.run(
            ["pdftotext", "-f", str(number), "-l", str(number), "-", "-"],
            input=pdf, capture_output=True, check=True,
        ).stdout.decode("utf-8")
        found.append(" ".join(f"{poppler}\n{page.extract_text()}".split()))
    return found


@pytest.fixture
def demo_app(sqlite_app: App) -> App:
    DemoService(sqlite_app.ctx).generate(40, 200, seed=3)
    return sqlite_app


def denver_hearing(app: App) -> int:
    client = app.services.clients.search("rodriguez covarrubias")[0]
    return app.services.hearings.for_client(client.id)[0].id


def set_safe_note(app: App, hearing_id: int, note: str) -> None:
    hearing = app.services.hearings.get(hearing_id)
    client = app.services.clients.get(app.services.cases.get(hearing.case_id).client_id)
    values = {f.name: getattr(client, f.name) for f in dataclasses.fields(ClientInput)}
    app.services.clients.update(client.id, client.version, ClientInput(**{**values,
                                                                          "safe_contact": note}))


def set_mode(app: App, hearing_id: int, mode: AppearanceMode, **join: str) -> None:
    record = app.services.hearings.get(hearing_id)
    values = {f.name: getattr(record, f.name) for f in dataclasses.fields(HearingInput)}
    app.services.hearings.update(hearing_id, record.version,
                                 HearingInput(**{**values, "mode": mode, **join}))


def test_remote_hearing_from_the_record_is_joined_not_travelled_to(demo_app: App) -> None:
    """The finding: the advisory builder never read hearing.mode."""
    hearing_id = denver_hearing(demo_app)
    set_mode(demo_app, hearing_id, AppearanceMode.REMOTE,
             join_url="https://video.example.gov/j/5512", passcode="9911")
    made = LetterService(demo_app.ctx).advisory(hearing_id, "en")
    text = " ".join(page_texts(made.pdf))
    assert "https://video.example.gov/j/5512" in text and "9911" in text
    assert "Do not go to the courthouse." in text
    assert "West Colfax" not in text and "Courtroom" not in text and "30 minutes" not in text
    assert made.staff_notes == () or all("join" not in n for n in made.staff_notes)


def test_remote_hearing_without_join_details_warns_staff(demo_app: App) -> None:
    hearing_id = denver_hearing(demo_app)
    set_mode(demo_app, hearing_id, AppearanceMode.REMOTE)
    made = LetterService(demo_app.ctx).advisory(hearing_id, "en", staff_sheet=True)
    assert "to get the link or phone number" in " ".join(page_texts(made.pdf))
    assert any("no join link or phone number recorded" in n for n in made.staff_notes)
    assert made.staff_pdf is not None
    assert "no join link or phone number recorded" in " ".join(page_texts(made.staff_pdf))


def test_staff_sheet_is_a_separate_document_never_recorded_as_sent(demo_app: App) -> None:
    hearing_id = denver_hearing(demo_app)
    set_safe_note(demo_app, hearing_id, SAFE_NOTE)
    letters = LetterService(demo_app.ctx)
    plain = letters.advisory(hearing_id)
    assert plain.staff_pdf is None and plain.staff_notes == (f"Safe contact: {SAFE_NOTE}",)
    made = letters.advisory(hearing_id, staff_sheet=True)
    assert all("voicemail" not in page for page in page_texts(made.pdf))
    staff = page_texts(made.staff_pdf or b"")
    assert len(staff) == 1 and BANNER in staff[0] and SAFE_NOTE in staff[0]
    assert letters.pdf(made.letter_id) == made.pdf  # the record holds the client's pages only


def test_batch_keeps_staff_sheets_out_of_the_client_pages(demo_app: App) -> None:
    hearing_id = denver_hearing(demo_app)
    set_safe_note(demo_app, hearing_id, SAFE_NOTE)
    others = [h.id for h in demo_app.services.hearings.between(
        demo_app.ctx.now(), demo_app.ctx.now() + timedelta(days=60))
        if h.id != hearing_id][:4]
    ids = [others[0], hearing_id, *others[1:]]
    letters = LetterService(demo_app.ctx)
    without = letters.advisory_batch(ids, mark_advised=False)
    assert without.staff_pdf is None  # off unless asked
    made = letters.advisory_batch(ids, mark_advised=False, staff_sheets=True)
    for page in page_texts(made.pdf):
        assert "voicemail" not in page and "STAFF" not in page
    staff = page_texts(made.staff_pdf or b"")
    assert len(staff) == len(ids) and all(BANNER in page for page in staff)
    assert any(SAFE_NOTE in page for page in staff)
    assert any(SAFE_NOTE in note for note in made.staff_notes)


def _cli(app: App, *argv: str) -> int:
    parser = argparse.ArgumentParser()
    register(parser.add_subparsers())
    args = parser.parse_args(list(argv))
    return int(args.handler(args, app))


def test_cli_writes_staff_sheets_to_their_own_file(
    demo_app: App, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hearing_id = denver_hearing(demo_app)
    set_safe_note(demo_app, hearing_id, SAFE_NOTE)
    out, staff = tmp_path / "advisory.pdf", tmp_path / "staff.pdf"
    assert _cli(demo_app, "letter", "advisory", "--hearing", str(hearing_id), "--out", str(out),
                "--staff-sheets", str(staff)) == 0
    assert all("voicemail" not in page for page in page_texts(out.read_bytes()))
    assert SAFE_NOTE in " ".join(page_texts(staff.read_bytes()))
    printed = capsys.readouterr().out
    assert "voicemail" not in printed and "abuser" not in printed
    assert "Staff notes (safe contact, warnings) for 1 of 1 hearing" in printed
    assert str(staff) in printed

    from app.domain.errors import UserError

    with pytest.raises(UserError, match="different file"):
        _cli(demo_app, "letter", "advisory", "--hearing", str(hearing_id), "--out", str(out),
             "--staff-sheets", str(out))


def test_cli_never_echoes_a_safe_contact_note(
    demo_app: App, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The finding: the note went to stdout (terminals are watched, output is logged)."""
    hearing_id = denver_hearing(demo_app)
    set_safe_note(demo_app, hearing_id, SAFE_NOTE)
    assert _cli(demo_app, "letter", "advisory", "--hearing", str(hearing_id),
                "--out", str(tmp_path / "a.pdf")) == 0
    printed = capsys.readouterr().out
    assert "voicemail" not in printed and "abuser" not in printed
    assert "Use --staff-sheets FILE.pdf" in printed
    assert _cli(demo_app, "letters", "batch", "--days", "366", "--min-level", "low",
                "--out", str(tmp_path / "b.pdf"), "--staff-sheets",
                str(tmp_path / "s.pdf")) == 0
    printed = capsys.readouterr().out
    assert "voicemail" not in printed and "abuser" not in printed
    assert str(tmp_path / "s.pdf") in printed and "Staff notes" in printed
    assert SAFE_NOTE in " ".join(page_texts((tmp_path / "s.pdf").read_bytes()))


@pytest.mark.parametrize("option", ["--out", "--staff-sheets"])
def test_cli_refuses_a_file_name_that_is_not_a_pdf(
    demo_app: App, tmp_path: Path, option: str
) -> None:
    from app.domain.errors import UserError

    paths = {"--out": tmp_path / "a.pdf", "--staff-sheets": tmp_path / "s.pdf"}
    paths[option] = tmp_path / "notes.txt"
    argv = [f"{key}={value}" for key, value in paths.items()]
    for command in (["letter", "advisory", "--hearing", str(denver_hearing(demo_app))],
                    ["letters", "batch"]):
        with pytest.raises(UserError, match=r"must end in \.pdf"):
            _cli(demo_app, *command, *argv)
    assert not (tmp_path / "notes.txt").exists()


def test_client_without_an_advisory_language_is_flagged_for_staff(demo_app: App) -> None:
    """The finding: a Haitian Creole speaker got an English advisory and a staff sheet saying
    "Language: English"."""
    hearing_id = denver_hearing(demo_app)
    hearing = demo_app.services.hearings.get(hearing_id)
    client = demo_app.services.clients.get(demo_app.services.cases.get(hearing.case_id).client_id)
    values = {f.name: getattr(client, f.name) for f in dataclasses.fields(ClientInput)}
    demo_app.services.clients.update(client.id, client.version, ClientInput(
        **{**values, "preferred_language": "ht", "safe_contact": ""}))
    made = LetterService(demo_app.ctx).advisory(hearing_id, staff_sheet=True)
    warning = ("The client's language is Haitian Creole. This advisory is in English: arrange "
               "an interpreter or a translation.")
    assert warning in made.staff_notes
    staff = " ".join(page_texts(made.staff_pdf or b""))
    assert "Haitian Creole (advisory in English)" in staff and warning in staff
    assert all("Haitian" not in page for page in page_texts(made.pdf))
