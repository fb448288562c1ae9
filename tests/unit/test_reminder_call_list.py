"""The reminder call list read back with pdftotext: what a caller reads, in the order they read it.

Whoever picks up the phone may not be the client. The script must protect them first: the safety
box before anything else, the office's name only once the client is confirmed, no promise that
someone will "see you at court"; a remote hearing sends nobody to the courthouse.
"""

from __future__ import annotations

import dataclasses
import re
import subprocess
from datetime import UTC, date, datetime

import pytest

from app.documents.data import OfficeInfo, ReminderCallListData, ReminderEntry
from app.documents.missed_court import Consequence, missed_court_text
from app.documents.reminder_call_list import render_reminder_call_list
from app.domain.enums import AppearanceMode

OFFICE = OfficeInfo("Front Range Immigrant Legal Aid", ("1200 Federal Blvd.", "Denver, CO 80204"),
                    "(303) 555-0142")
IN_PERSON = ReminderEntry(
    starts_at=datetime(2026, 12, 8, 16, 0, tzinfo=UTC), time_zone="America/Denver",
    client_name="Víctor Manuel Rodríguez-Covarrubias", safe_phone="(720) 555-0199",
    language="es", courthouse="Lindsey-Flanigan Courthouse",
    courthouse_address="520 W. Colfax Ave., Denver, CO 80204", courtroom="5C",
    notes="Call the mobile only; do not leave voicemail.", ask_for="Víctor",
    missed_court=Consequence.BENCH_WARRANT,
)
REMOTE = ReminderEntry(
    starts_at=datetime(2026, 12, 9, 15, 30, tzinfo=UTC), time_zone="America/Denver",
    client_name="Nguyễn Văn Thắng", safe_phone="(720) 555-0101", language="vi",
    courthouse="Denver Immigration Court", courthouse_address="", courtroom="",
    ask_for="Thắng", mode=AppearanceMode.REMOTE,
    join_url="https://example.test/eoir/denver-4417", join_phone="(303) 555-0100",
    meeting_id="555 014 4417", passcode="123456",
    missed_court=Consequence.REMOVAL_IN_ABSENCE,
)


def call_list(*entries: ReminderEntry) -> ReminderCallListData:
    return ReminderCallListData(OFFICE, date(2026, 12, 7), date(2026, 12, 13),
                                date(2026, 12, 6), entries)


def text_of(pdf: bytes) -> str:
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf,
                            capture_output=True, check=True)
    return " ".join(result.stdout.decode("utf-8").split())


def table_and_scripts(text: str) -> tuple[str, dict[str, str]]:
    """The call list before the first script, and each script's text by its heading."""
    parts = re.split(r"(Call script: [A-Za-z]+(?: \(español\))?)", text)
    scripts = {parts[i]: parts[i + 1] for i in range(1, len(parts) - 1, 2)}
    return parts[0], scripts


@pytest.fixture(scope="module")
def golden() -> tuple[str, dict[str, str]]:
    return table_and_scripts(text_of(render_reminder_call_list(call_list(IN_PERSON, REMOTE))))


@pytest.mark.parametrize("heading", ["Call script: English", "Call script: Spanish (español)"])
def test_each_script_opens_with_the_safety_box(golden: tuple[str, dict[str, str]],
                                               heading: str) -> None:
    script = golden[1][heading].strip()
    assert script.startswith("Before you say anything: confirm you are speaking with the client")
    box = script[: script.index("1.")]
    for words in ("If someone else answers, or you reach voicemail",
                  "give only your first name and the call-back number (303) 555-0142",
                  "Say nothing about the case, the court, immigration or the office's name"):
        assert words in box


@pytest.mark.parametrize(("heading", "greeting"), [
    ("Call script: English", "may I speak with [first name]"),
    ("Call script: Spanish (español)", "¿puedo hablar con [nombre de pila]?"),
])
def test_office_is_named_only_after_the_client_is_confirmed(
    golden: tuple[str, dict[str, str]], heading: str, greeting: str
) -> None:
    script = golden[1][heading]
    named = script.index("Front Range Immigrant Legal Aid")
    assert script.index(greeting) < script.index("date of birth") < named
    assert "[If the answer is wrong, or you are not sure" in script[:named]


def test_no_script_promises_to_see_the_client_at_court(golden: tuple[str, dict[str, str]]) -> None:
    for script in golden[1].values():
        assert "see you at court" not in script.lower()
        assert "nos vemos en la corte" not in script.lower()


def test_remote_row_says_how_to_join_and_sends_nobody_to_the_courthouse() -> None:
    table, _ = table_and_scripts(text_of(render_reminder_call_list(call_list(REMOTE))))
    for words in ("Remote (video or phone): not at the courthouse", "Denver Immigration Court",
                  "https://example.test/eoir/denver-4417", "Phone: (303) 555-0100",
                  "Meeting ID: 555 014 4417", "Passcode: 123456",
                  "Test the link or number the day before"):
        assert words.replace(" ", "") in table.replace(" ", "")
    for street_words in ("Colfax", "Courtroom", "CO 80204"):
        assert street_words not in table.replace("Denver, CO 80204", "")  # the letterhead's


def test_in_person_row_keeps_its_courthouse_and_courtroom(
    golden: tuple[str, dict[str, str]],
) -> None:
    table = golden[0]
    assert "520 W. Colfax Ave., Denver, CO 80204" in table and "Courtroom 5C" in table
    assert "Víctor Manuel Rodríguez-Covarrubias" in table and "Ask for: Víctor" in table


def test_remote_hearing_without_join_details_is_flagged_to_the_caller() -> None:
    bare = dataclasses.replace(REMOTE, join_url="", join_phone="", meeting_id="", passcode="")
    table, _ = table_and_scripts(text_of(render_reminder_call_list(call_list(bare))))
    assert "How to join not recorded: ask the court before calling" in table
    assert "Test the link" not in table


def test_missing_court_is_told_per_court_and_never_as_a_warrant_for_everyone() -> None:
    """A family-court petitioner and an immigration-court respondent hear no word of arrest."""
    family = dataclasses.replace(IN_PERSON, courthouse="Denver City and County Building",
                                 missed_court=Consequence.PROTECTION_ENDS)
    text = text_of(render_reminder_call_list(call_list(family, REMOTE)))
    table, scripts = table_and_scripts(text)
    assert "warrant" not in text.lower() and "orden de arresto" not in text.lower()
    assert "Removal order in absence" in table
    assert "Request dismissed, protection order ends" in table
    english, spanish = scripts["Call script: English"], scripts["Call script: Spanish (español)"]
    assert missed_court_text(Consequence.REMOVAL_IN_ABSENCE, "en") in english
    assert missed_court_text(Consequence.PROTECTION_ENDS, "es") in spanish


def test_bench_warrant_appears_only_where_it_applies(golden: tuple[str, dict[str, str]]) -> None:
    spanish = golden[1]["Call script: Spanish (español)"]
    assert missed_court_text(Consequence.BENCH_WARRANT, "es") in spanish
    assert "Bench warrant, bail forfeited" in golden[0]


def test_client_without_a_script_in_their_language_is_marked_for_an_interpreter(
    golden: tuple[str, dict[str, str]],
) -> None:
    table, scripts = golden
    thang = table[table.index("Nguyễn Văn Thắng"):]
    assert "Vietnamese" in thang and "Interpreter needed" in thang
    victor = table[table.index("Rodríguez-Covarrubias"):table.index("Nguyễn Văn Thắng")]
    assert "Interpreter needed" not in victor
    assert "There is no Vietnamese script yet" in scripts["Call script: Vietnamese"]


def test_an_older_edited_script_still_gets_the_safety_box_first() -> None:
    old = ("## Call script: English\nHello, may I speak with [client's name]?\n\n"
           "> If someone else answers, or you reach voicemail: say nothing.\n")
    text = text_of(render_reminder_call_list(call_list(IN_PERSON), script_sources={"en": old}))
    script = table_and_scripts(text)[1]["Call script: English"].strip()
    assert script.startswith("Before you say anything")
    assert "say nothing." not in script  # its own last box is replaced by the first one


def test_each_script_and_its_missed_court_box_share_one_page_and_no_page_is_blank() -> None:
    """A caller reads one script with the phone in one hand: no turning the page mid-call."""
    import io

    from pypdf import PdfReader

    from app.documents.reminder_call_list import sample_reminder_call_list

    for count in (6, 16):
        pdf = render_reminder_call_list(sample_reminder_call_list(count))
        pages = [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]
        for heading in ("Call script: English", "Call script: Spanish"):
            page = next(text for text in pages if heading in text)
            assert "If they miss court" in page, f"{heading}: its box is on another page"
        assert all(len(text.split()) > 40 for text in pages), "a page is (nearly) empty"


@pytest.mark.parametrize("heading", ["Call script: English", "Call script: Spanish (español)"])
def test_the_script_points_to_the_missed_court_box_wherever_it_lands(
    golden: tuple[str, dict[str, str]], heading: str
) -> None:
    """The finding: "the box below this script" while the box was on the next page."""
    script = golden[1][heading]
    assert "from the “If they miss court” box after this script" in script
    assert "below this script" not in script
    assert script.index("box after this script") < script.rindex("If they miss court: read")
