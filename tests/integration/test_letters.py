"""Letters from recorded data: what the PDF says, what is recorded, and batch behaviour."""

from __future__ import annotations

import hashlib
import io
import subprocess
from datetime import date, timedelta

import pytest
from pypdf import PdfReader

from app.bootstrap import App
from app.documents.errors import Cancelled
from app.domain.enums import IncidentSource, LocationKind
from app.domain.errors import UserError, ValidationError
from app.services.clients import ClientInput
from app.services.demo import DemoService
from app.services.letters import LetterService


def text_of(pdf: bytes) -> str:
    """Text as pdftotext sees it, checked against pypdf so both extractors agree."""
    result = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    )
    poppler = result.stdout.decode("utf-8")
    reader = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(poppler.split()) + "\n---\n" + " ".join(reader.split())


@pytest.fixture
def demo_app(backend_app: App) -> App:
    DemoService(backend_app.ctx).generate(40, 200, seed=3)
    return backend_app


def denver_hearing(app: App) -> int:
    client = app.services.clients.search("rodriguez covarrubias")[0]
    return app.services.hearings.for_client(client.id)[0].id


def test_spanish_advisory_for_the_denver_client(demo_app: App) -> None:
    letters = LetterService(demo_app.ctx)
    made = letters.advisory(denver_hearing(demo_app))
    text = text_of(made.pdf)
    assert text.count("Víctor Manuel Rodríguez-Covarrubias") >= 2  # both extractors
    assert "Lindsey-Flanigan Courthouse" in text and "Sala" in text
    assert "FOR STAFF" not in text and "voicemail" not in text.lower()  # staff-only words
    assert any("voicemail" in note.lower() for note in made.staff_notes)  # on screen instead
    assert made.sha256 == hashlib.sha256(made.pdf).hexdigest()
    assert letters.pdf(made.letter_id) == made.pdf
    assert letters.find()[0].language == "es"


def test_coalition_letter_cites_incidents_policy_and_markings(demo_app: App) -> None:
    made = LetterService(demo_app.ctx).coalition(
        date(2017, 1, 1), date(2026, 11, 26), field_office_key="denver"
    )
    text = text_of(made.pdf)
    assert "March 14, 2017" in text and "Colorado High School Charter" in text
    assert "ICE Policy 10029.2" in text
    assert '"POLICE"' in text
    assert "Centennial, CO 80111" in text
    assert "C.R.S. §§ 13-1-401–404" in text
    assert "Page 1 of" in text


def test_court_request_cites_the_state_law_in_force(demo_app: App) -> None:
    made = LetterService(demo_app.ctx).court_request(denver_hearing(demo_app))
    text = text_of(made.pdf)
    assert "C.R.S. §§ 13-1-401–404" in text
    assert "RODRÍGUEZ-COVARRUBIAS" in text.upper()
    assert "26CR04417" in text
    assert "DISTRICT COURT, CITY AND COUNTY OF DENVER, COLORADO" in text  # the court, not
    assert "Lindsey-Flanigan" not in text.split("Grounds")[0]  # the building, in the caption


def test_batch_marks_hearings_only_when_complete(demo_app: App) -> None:
    letters = LetterService(demo_app.ctx)
    upcoming = demo_app.services.hearings.between(
        demo_app.ctx.now(), demo_app.ctx.now() + timedelta(days=60)
    )
    ids = [h.id for h in upcoming if h.advisory_sent_at is None][:5]
    assert len(ids) == 5

    def cancel_at_three(done: int, total: int) -> bool:
        return done < 3

    with pytest.raises(Cancelled):
        letters.advisory_batch(ids, cancel_at_three)
    assert all(demo_app.services.hearings.get(i).advisory_sent_at is None for i in ids)
    made = letters.advisory_batch(ids)
    assert len(PdfReader(io.BytesIO(made.pdf)).pages) >= 5
    assert all(demo_app.services.hearings.get(i).advisory_sent_at is not None for i in ids)


def test_hostile_names_print_literally(demo_app: App) -> None:
    hearing_id = denver_hearing(demo_app)
    client_id = demo_app.services.hearings.for_client(
        demo_app.services.clients.search("rodriguez covarrubias")[0].id
    )[0].client_id
    record = demo_app.services.clients.get(client_id)
    from dataclasses import fields

    values = {f.name: getattr(record, f.name) for f in fields(ClientInput)}
    values.update(
        given_name="{{ 7*7 }} Ali & <Sons>",
        family_name='O\'Brien "Junior" <img src="http://127.0.0.1:9/x">',
    )
    demo_app.services.clients.update(client_id, record.version, ClientInput(**values))
    text = text_of(LetterService(demo_app.ctx).advisory(hearing_id, "en").pdf)
    assert "{{ 7*7 }} Ali & <Sons>" in text
    assert '<img src="http://127.0.0.1:9/x">' in text
    assert "49 Ali" not in text


def test_broken_template_edit_is_refused_and_good_one_recorded(demo_app: App) -> None:
    letters = LetterService(demo_app.ctx)
    with pytest.raises(ValidationError, match="[Ll]ine"):
        letters.templates.save("client_advisory", "en", "{% if %}\nbroken")
    source = letters.templates.source("client_advisory", "en")
    letters.templates.save(
        "client_advisory",
        "en",
        source.replace("{{ client_name }}", "{{ client_name }} (edited)", 1),
    )
    made = letters.advisory(denver_hearing(demo_app), "en")
    assert "(edited)" in text_of(made.pdf)
    assert letters.find()[0].template_version == "office-1"
    letters.templates.reset_to_default("client_advisory", "en")
    again = letters.advisory(denver_hearing(demo_app), "en")
    assert "(edited)" not in text_of(again.pdf)
    assert len(letters.templates.versions("client_advisory", "en")) == 1


def test_letters_need_an_office(backend_app: App) -> None:
    with pytest.raises(UserError, match="office's name"):
        LetterService(backend_app.ctx).reminder_call_list(date(2026, 12, 1), date(2026, 12, 7))


def test_coalition_letter_keeps_to_the_field_office_area(demo_app: App) -> None:
    """New York is split between two field offices: each letter cites only its own courts."""
    from dataclasses import replace as dc_replace

    from app.services.incidents import IncidentInput

    courts = {c.name: c.id for c in demo_app.services.courthouses.find("")}
    office = demo_app.services.office.get()
    assert office is not None
    demo_app.services.office.save(dc_replace(office, state="NY"), office.version)
    buffalo = next(i for n, i in courts.items() if "Buffalo" in n)
    brooklyn = next(i for n, i in courts.items() if "Brooklyn" in n)
    for court, text in ((buffalo, "Upstate sighting"), (brooklyn, "Brooklyn sighting")):
        demo_app.services.incidents.create(
            IncidentInput(
                occurred_at=demo_app.ctx.now() - timedelta(days=2),
                courthouse_id=court,
                location_kind=LocationKind.COURTHOUSE_EXTERIOR,
                summary=text,
                source=IncidentSource.STAFF_REPORT,
            )
        )
    letters = LetterService(demo_app.ctx)
    with pytest.raises(UserError, match="Several ICE field offices cover NY"):
        letters.coalition(date(2026, 1, 1), date(2026, 11, 26))
    nyc = text_of(
        letters.coalition(
            date(2026, 1, 1),
            date(2026, 11, 26),
            field_office_key="new-york-city",
            include_unverified=True,
        ).pdf
    )
    assert "Brooklyn sighting" in nyc and "Upstate sighting" not in nyc
    assert "(unverified)" in nyc
    assert "N.Y. Civil Rights Law §28" in nyc and "C.R.S." not in nyc
    by_default = text_of(
        letters.coalition(
            date(2026, 1, 1), date(2026, 11, 26), field_office_key="new-york-city"
        ).pdf
    )
    assert "Brooklyn sighting" not in by_default  # unverified reports stay out unless asked


def test_any_safe_contact_note_keeps_the_home_address_off_the_advisory(demo_app: App) -> None:
    from dataclasses import fields

    hearing_id = denver_hearing(demo_app)
    client_id = demo_app.services.hearings.get(hearing_id).case_id
    client = demo_app.services.clients.get(demo_app.services.cases.get(client_id).client_id)
    values = {f.name: getattr(client, f.name) for f in fields(ClientInput)}
    values["safe_contact"] = "Do not send letters home – abuser opens post"
    demo_app.services.clients.update(client.id, client.version, ClientInput(**values))
    text = text_of(LetterService(demo_app.ctx).advisory(hearing_id, "en").pdf)
    assert "4800 Race St." not in text
    assert "abuser opens post" not in text  # staff-only: the staff sheet and the screen


def test_court_request_needs_the_case_attorney(demo_app: App) -> None:
    from dataclasses import replace as dc_replace

    hearing = demo_app.services.hearings.get(denver_hearing(demo_app))
    case = demo_app.services.cases.get(hearing.case_id)
    demo_app.services.cases.update(case.id, case.version, dc_replace(case, assigned_staff_id=None))
    with pytest.raises(UserError, match="Assign an attorney"):
        LetterService(demo_app.ctx).court_request(hearing.id)


def test_batch_with_a_deleted_hearing_is_a_clear_message(demo_app: App) -> None:
    hearing = demo_app.services.hearings.get(denver_hearing(demo_app))
    with pytest.raises(UserError, match="no longer exist"):
        LetterService(demo_app.ctx).advisory_batch([hearing.id, 999_999])
