"""Every document kind: merged text survives extraction (pypdf and pdftotext), metadata, paging."""

from __future__ import annotations

import dataclasses
import io
import re
import socket
import subprocess
import unicodedata
from datetime import date
from typing import Any

import pytest
from pypdf import PdfReader

from app.documents import (
    Cancelled,
    DocumentError,
    render_advisory_batch,
    render_client_advisory,
    render_coalition_letter,
    render_court_request,
    render_recovery_kit,
    render_reminder_call_list,
)
from app.documents.client_advisory import sample_client_advisory
from app.documents.coalition_letter import sample_coalition_letter
from app.documents.court_request import sample_court_request
from app.documents.data import (
    IncidentLine,
    RequestKind,
    SafeContact,
    Signatory,
)
from app.documents.recovery_kit import sample_recovery_kit
from app.documents.reminder_call_list import sample_reminder_call_list
from app.documents.staff_sheet import render_staff_sheets
from app.version import __version__

HOSTILE_NAMES = [
    "Ali & <Sons>",
    "R&D <i>Ltd",
    '<img src="http://127.0.0.1:9/x">',
    "{{ 7*7 }}",
    "{{ ''.__class__ }}",
    'O\'Brien "Junior"',
    "Víctor Manuel Rodríguez-Covarrubias",
    "Nguyễn Văn Thắng",
    "李小龙",
    "김민준",
    "Ελένη",
    "Дмитрий",
    "שרה כהן",
]
# Numbered parts, so a lost or repeated line cannot hide in a repeating pattern. (No hyphens:
# pdftotext drops a hyphen that ends a line, which would look like a lost character.)
LONG_NAME = " ".join(f"Nguyễn Rodríguez{i:03d}" for i in range(200))[:2000]
UNBROKEN_NAME = "Ñ" * 2000  # no space to break at: ReportLab must split the word itself


def _squash(text: str) -> str:
    return "".join(unicodedata.normalize("NFC", text).split())


class Extracted:
    """The text of a PDF as both pypdf and poppler's pdftotext see it."""

    def __init__(self, pdf: bytes) -> None:
        self.reader = PdfReader(io.BytesIO(pdf))
        self.pages = [page.extract_text() for page in self.reader.pages]
        self.pypdf = "\n".join(self.pages)
        self.poppler = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf,
                                      capture_output=True, check=True).stdout.decode("utf-8")

    def assert_contains(self, *needles: str) -> None:
        for needle in needles:
            assert _squash(needle) in _squash(self.pypdf), f"pypdf lost {needle!r}"
            assert _squash(needle) in _squash(self.poppler), f"pdftotext lost {needle!r}"

    @property
    def metadata(self) -> Any:
        return self.reader.metadata


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Record (and refuse) every attempt to open a connection while a document renders."""
    attempts: list[Any] = []

    def refuse(self: socket.socket, address: Any) -> None:
        attempts.append(address)
        raise OSError("network access during rendering")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection",
                        lambda *args, **kwargs: attempts.append(args) or refuse(None, args))
    return attempts


# --- coalition letter -------------------------------------------------------------------------


def test_coalition_letter_text_and_metadata() -> None:
    data = sample_coalition_letter()
    text = Extracted(render_coalition_letter(data))
    text.assert_contains(
        "Front Range Immigrant Legal Defense", "April 6, 2017", "Jeffrey D. Lynch",
        "Acting Field Office Director", data.subject,
        "March 14, 2017", "Near Colorado High School Charter", "Source: News report and video",
        "ICE Policy 10029.2, Enforcement Actions at or Focused on Sensitive Locations",
        "in effect since October 24, 2011", "four victims and two witnesses", 'marked "POLICE"',
        "Maria Elena Ortiz", "Executive Director", "Rev. Anne Lindqvist",
        "Five Points Community Church", "January 1, 2017 to March 31, 2017",
    )
    meta = text.metadata
    assert meta.title == "Letter to ICE field office"
    assert meta.author == data.office.name
    assert meta.creator == f"CourtSafe {__version__}"


def test_coalition_letter_without_markings_or_harm_omits_those_paragraphs() -> None:
    data = dataclasses.replace(
        sample_coalition_letter(), victims_declined=0, witnesses_declined=0,
        incidents=(IncidentLine(date(2017, 2, 1), "Courthouse", "Agents seen.", "Staff"),),
    )
    text = Extracted(render_coalition_letter(data))
    assert "POLICE" not in text.pypdf
    assert "declined to appear" not in text.pypdf
    text.assert_contains("1 incident of immigration enforcement")


def test_forty_incidents_are_numbered_and_paged() -> None:
    data = sample_coalition_letter(incident_count=40)
    text = Extracted(render_coalition_letter(data))
    total = len(text.pages)
    assert total >= 4
    for number, page in enumerate(text.pages, start=1):
        assert f"Page {number} of {total}" in page
    text.assert_contains("40 incidents", "40.", "Rev. Anne Lindqvist")
    # every incident's first line sits whole on one page: the list splits between incidents
    for number in (1, 20, 40):
        assert any(f"{number}." in page for page in text.pages)


def test_coalition_letter_hostile_values(no_network: list[Any]) -> None:
    people = tuple(Signatory(name, "Title & <Role>", "Org {{ x }}") for name in HOSTILE_NAMES)
    data = dataclasses.replace(
        sample_coalition_letter(), signatories=people + (Signatory(LONG_NAME, "T", "O"),),
        incidents=(IncidentLine(date(2017, 3, 1), "R&D <i>Ltd parking", "{{ 7*7 }}",
                                '<img src="http://127.0.0.1:9/x">', "<b>POLICE</b>"),),
    )
    text = Extracted(render_coalition_letter(data))
    text.assert_contains(*HOSTILE_NAMES[:-1], "Title & <Role>", "Org {{ x }}",
                         "R&D <i>Ltd parking", "<b>POLICE</b>")
    # The 2,000-character signatory splits across pages and sits beside a shorter signature block:
    # drop the page furniture and the neighbouring column that extractors interleave with it.
    furniture = [_squash(data.office.name), _squash("Title & <Role> Org {{ x }}"),
                 _squash("Jeffrey D. Lynch, Acting Field Office Director · April 6, 2017")]
    for extracted in (text.pypdf, text.poppler):
        body = re.sub(r"Page\d+of\d+", "", _squash(extracted))
        for line in furniture:
            body = body.replace(line, "")
        assert _squash(LONG_NAME) in body
    assert no_network == []


# --- client advisory ---------------------------------------------------------------------------


def test_advisory_english() -> None:
    data = sample_client_advisory("en")
    text = Extracted(render_client_advisory(data))
    text.assert_contains(
        "Your court date", "Nguyễn Văn Thắng", "Tuesday, May 12, 2026", "9:30 AM MDT",
        "Denver County Court, Lindsey-Flanigan Courthouse", "520 West Colfax Avenue",
        "Courtroom", "3F", "26M01234", "If you miss court", "warrant for your arrest",
        "Plan now: when will you leave, how will you get there, who will go with you?",
        "right to remain silent", "Do not sign any document", "ask for a lawyer",
        "do not carry or show false documents", "(303) 555-0142", "not legal advice",
    )
    assert text.metadata.author == "CourtSafe"  # never the office's name
    assert text.metadata.title == "Court date advisory"  # never the client's name
    assert "Page 1 of 1" in text.pypdf


def test_advisory_spanish_keeps_its_accents() -> None:
    data = sample_client_advisory("es", "Víctor Manuel Rodríguez-Covarrubias")
    text = Extracted(render_client_advisory(data))
    text.assert_contains(
        "Su fecha en la corte", "Víctor Manuel Rodríguez-Covarrubias",
        "martes, 12 de mayo de 2026", "9:30 a. m. (MDT)", "Dirección", "Número de caso",
        "Planee ahora: ¿a qué hora va a salir, cómo va a llegar y quién irá con usted?",
        "derecho a guardar silencio", "No firme ningún documento",
        "orden de arresto", "Qué debe llevar", "identificación con foto",
        "¿Preguntas?", "Página 1 de 1",
    )


def test_advisory_time_is_in_the_courts_zone() -> None:
    data = dataclasses.replace(sample_client_advisory("en"), time_zone="America/New_York")
    Extracted(render_client_advisory(data)).assert_contains("11:30 AM EDT")


@pytest.mark.parametrize("name", [*HOSTILE_NAMES, LONG_NAME, UNBROKEN_NAME])
def test_advisory_hostile_names(name: str, no_network: list[Any]) -> None:
    text = Extracted(render_client_advisory(sample_client_advisory("en", name)))
    text.assert_contains(name)
    if name == "{{ 7*7 }}":
        assert "49" not in text.pypdf
    assert no_network == []


def test_advisory_safe_contact_keeps_the_note_and_the_address_off_the_client_page() -> None:
    data = dataclasses.replace(
        sample_client_advisory("es"),
        safe_contact=SafeContact("Hand over in person only", mail_allowed=False),
    )
    text = Extracted(render_client_advisory(data))
    for extracted in (text.pypdf, text.poppler):
        assert "Hand over in person only" not in extracted
        assert "FOR STAFF" not in extracted and "4410 Josephine Street" not in extracted


def test_advisory_with_a_safe_contact_note_fits_one_page_without_it() -> None:
    note = "Hand over in person only; do not call the home number, the partner answers it"
    items = [
        dataclasses.replace(
            sample_client_advisory(lang, "Víctor Manuel Rodríguez-Covarrubias"),
            safe_contact=SafeContact(note, mail_allowed=True),
        )
        for lang in ("es", "en")
    ]
    spanish = Extracted(render_client_advisory(items[0]))
    assert len(spanish.pages) == 1
    spanish.assert_contains("4410 Josephine Street", "¿Preguntas?", "Página 1 de 1")
    assert "partner answers it" not in spanish.pypdf + spanish.poppler
    batch = Extracted(render_advisory_batch(items))
    assert len(batch.pages) == 2
    assert "Página 1 de 1" in batch.pages[0] and "Page 1 of 1" in batch.pages[1]
    assert "partner answers it" not in batch.pypdf + batch.poppler


def test_a_long_advisory_runs_on_to_a_second_page_rather_than_shrinking() -> None:
    bring = tuple(f"document number {i}" for i in range(30))
    data = dataclasses.replace(sample_client_advisory("en"), bring_items=bring)
    text = Extracted(render_client_advisory(data))
    assert len(text.pages) == 2
    text.assert_contains("document number 0", "document number 29", "Page 2 of 2")


def test_advisory_address_block_reveals_nothing_but_name_and_address() -> None:
    data = sample_client_advisory("en")
    lines = Extracted(render_client_advisory(data)).poppler.splitlines()
    start = next(i for i, line in enumerate(lines) if "4410 Josephine Street" in line)
    window = " ".join(lines[start - 1:start + 2]).lower()
    for word in ("immigra", "status", "deport", "removal", "ice"):
        assert word not in window.replace("denver", "")


def test_advisory_rejects_naive_time_and_unknown_language() -> None:
    data = sample_client_advisory("en")
    with pytest.raises(DocumentError, match="time zone"):
        render_client_advisory(dataclasses.replace(
            data, starts_at=data.starts_at.replace(tzinfo=None)))
    with pytest.raises(DocumentError, match="available"):
        render_client_advisory(dataclasses.replace(data, language="xx"))


def test_advisory_batch_numbers_each_advisory_and_reports_progress() -> None:
    items = [sample_client_advisory("es" if i % 2 else "en", f"Cliente {i}") for i in range(12)]
    seen: list[tuple[int, int]] = []
    pdf = render_advisory_batch(items, progress=lambda done, total: seen.append((done, total)))
    text = Extracted(pdf)
    assert len(text.pages) == 12
    assert all("1 of 1" in page or "1 de 1" in page for page in text.pages)
    text.assert_contains("Cliente 0", "Cliente 11")
    assert seen[0] == (0, 12) and seen[-1] == (12, 12)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_advisory_batch_can_be_cancelled() -> None:
    items = [sample_client_advisory("en", f"Client {i}") for i in range(10)]
    with pytest.raises(Cancelled):
        render_advisory_batch(items, progress=lambda done, total: done < 3)

    def raising(done: int, total: int) -> None:
        if done == 5:
            raise Cancelled()

    with pytest.raises(Cancelled):
        render_advisory_batch(items, progress=raising)


# --- court request ----------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(RequestKind))
def test_court_request(kind: RequestKind) -> None:
    data = sample_court_request(kind)
    text = Extracted(render_court_request(data))
    heading = ("Motion to Permit Remote Appearance" if kind is RequestKind.REMOTE_APPEARANCE
               else "Motion for Protective Measures")
    text.assert_contains(
        heading, "COUNTY COURT, CITY AND COUNTY OF DENVER, COLORADO", "26M01234",
        "THE PEOPLE OF THE STATE OF COLORADO", "VÍCTOR MANUEL RODRÍGUEZ-COVARRUBIAS",
        "Víctor Manuel Rodríguez-Covarrubias", "Tuesday, May 12, 2026", "9:30 AM MDT",
        "A statute of Colorado, C.R.S. 13-1-401 to 404, in force since March 23, 2020",
        "Daniel Okafor", "Colorado Bar No. 54321", "April 28, 2026",
    )
    assert text.metadata.title == "Motion to the court"  # no docket, no name


def test_court_request_without_state_protection() -> None:
    data = dataclasses.replace(sample_court_request(), state_laws=(), recent_incidents=())
    text = Extracted(render_court_request(data))
    assert "C.R.S." not in text.pypdf and "statute" not in text.pypdf
    assert "inherent authority to manage its own proceedings" in " ".join(text.pypdf.split())
    assert "incident" not in text.pypdf


# --- reminder call list -----------------------------------------------------------------------


def test_reminder_call_list() -> None:
    data = sample_reminder_call_list(14)
    text = Extracted(render_reminder_call_list(data))
    text.assert_contains(
        "Reminder calls, May 11, 2026 to May 17, 2026", "Nguyễn Văn Thắng", "李小龙",
        "Ali & <Sons> O'Brien", "Дмитрий Волков", "(303) 555-0177", "Do not call home number",
        "2026-05-11", "9:30 AM MDT", "Spanish", "Vietnamese", "Lindsey-Flanigan Courthouse",
        "Call script: English", "Call script: Spanish (español)",
        "when will you leave, how will you get there",
        "¿a qué hora va a salir, cómo va a llegar y quién irá con usted?",
        "If you miss court", "Si usted falta a la corte", "(303) 555-0142",
        "There is no Vietnamese script yet",
    )
    total = len(text.pages)
    assert all(f"Page {n} of {total}" in page for n, page in enumerate(text.pages, start=1))


# --- recovery kit ----------------------------------------------------------------------------


def test_recovery_kit_key_extracts_exactly() -> None:
    data = sample_recovery_kit()
    text = Extracted(render_recovery_kit(data))
    assert data.secret_key in _squash(text.pypdf)
    assert data.secret_key in _squash(text.poppler)
    text.assert_contains("age -d -i recovery-key.txt backup.age > backup.tar",
                         data.office.name, "January 15, 2026", "Where to keep it",
                         "Restore with CourtSafe")
    assert b"/Subtype /Image" not in render_recovery_kit(data)  # QR is vector, not a bitmap


def test_recovery_kit_rejects_something_that_is_not_a_key() -> None:
    with pytest.raises(DocumentError, match="not an age recovery key"):
        render_recovery_kit(dataclasses.replace(sample_recovery_kit(), secret_key="hunter2"))


# --- shared behaviour -------------------------------------------------------------------------


def test_output_is_deterministic() -> None:
    data = sample_coalition_letter()
    assert render_coalition_letter(data) == render_coalition_letter(data)


def test_logo_is_drawn_and_a_broken_logo_is_a_clear_error() -> None:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (120, 60), (31, 58, 95)).save(buffer, format="PNG")
    data = sample_coalition_letter()
    with_logo = dataclasses.replace(data, office=dataclasses.replace(
        data.office, logo_png=buffer.getvalue()))
    assert b"/Subtype /Image" in render_coalition_letter(with_logo)
    broken = dataclasses.replace(data, office=dataclasses.replace(data.office, logo_png=b"nope"))
    with pytest.raises(DocumentError, match="logo"):
        render_coalition_letter(broken)


# --- who wrote it, as the file's properties say ----------------------------------------------


def _every_kind_but_the_public_letter() -> dict[str, bytes]:
    advisory = sample_client_advisory("es", "Víctor Manuel Rodríguez-Covarrubias")
    served = dataclasses.replace(sample_court_request(RequestKind.PROTECTIVE_MEASURES),
                                 served_person="Daniel Moreau")
    return {
        "advisory": render_client_advisory(advisory),
        "advisory batch": render_advisory_batch([advisory, sample_client_advisory("en")]),
        "staff sheets": render_staff_sheets([advisory]),
        "reminder calls": render_reminder_call_list(sample_reminder_call_list(3)),
        "request to the court": render_court_request(sample_court_request()),
        "served request": render_court_request(served),
        "recovery kit": render_recovery_kit(sample_recovery_kit()),
    }


def test_no_paper_but_the_public_letter_names_the_office_in_its_properties() -> None:
    """The finding: every advisory's Author was "Front Range Immigrant Legal Aid", shown in
    document properties and desktop search wherever the file goes."""
    office = sample_client_advisory().office.name
    for kind, pdf in _every_kind_but_the_public_letter().items():
        meta = PdfReader(io.BytesIO(pdf)).metadata
        assert meta is not None and meta.author in ("", "CourtSafe"), kind
        values = " ".join(str(value) for value in meta.values())
        assert office not in values and "Immigrant" not in values, kind
    letter = sample_coalition_letter()
    own = PdfReader(io.BytesIO(render_coalition_letter(letter))).metadata
    # The office signs this one in public.
    assert own is not None and own.author == letter.office.name
