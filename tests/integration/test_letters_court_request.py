"""Requests to the court from recorded cases, read back as the clerk would read them.

Each court kind gets the caption its court expects (EOIR's "In the Matter of", the People or the
State against the accused, the family or civil parties); the court is named, never the building;
no state law is cited to an immigration court, and each state's own laws, with their own scope,
to its courts.
"""

from __future__ import annotations

import io
import json
import subprocess
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from app.bootstrap import App
from app.documents.data import RequestKind
from app.domain.enums import (
    AppearanceMode,
    CaseKind,
    ClientRole,
    CourtKind,
    HearingType,
    PartyKind,
    StaffRole,
)
from app.domain.errors import UserError, ValidationError
from app.paths import resources_dir
from app.services.cases import CaseInput, PartyInput
from app.services.clients import ClientInput
from app.services.courthouses import CourthouseInput
from app.services.hearings import HearingInput
from app.services.letter_data import policy_reference
from app.services.letters import LetterService
from app.services.office import OfficeInput
from app.services.staff import StaffInput
from app.storage.models import Courthouse

WHEN = date(2026, 12, 15)
EVERY_CITATION = tuple(s.citation for s in policy_reference().states)


def text_of(pdf: bytes) -> str:
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf,
                            capture_output=True, check=True)
    return " ".join(result.stdout.decode("utf-8").split())


def in_order(text: str, *parts: str) -> bool:
    """Each part appears after the one before (the case-number cell may come in between)."""
    position = 0
    for part in parts:
        found = text.find(part, position)
        if found < 0:
            return False
        position = found + len(part)
    return True


@dataclass(frozen=True)
class Setting:
    """Where and how the client comes to court."""

    court: str  # a demo reference id, "eoir:<id>", or a plain name for an office-entered court
    court_kind: CourtKind
    case_kind: CaseKind
    role: ClientRole
    docket: str = "26CV00001"
    opposing: str = ""
    a_number: str | None = None
    mode: AppearanceMode = AppearanceMode.IN_PERSON
    hearing_type: HearingType = HearingType.PRE_TRIAL
    state: str = ""  # for an office-entered court only


def _office(app: App) -> int:
    s = app.services
    s.office.save(OfficeInput(name="Front Range Immigrant Legal Aid", phone="(303) 555-0142",
                              address="1200 Federal Blvd.\nDenver, CO 80204", state="CO"))
    return s.staff.create(StaffInput(name="Daniel Okafor", role=StaffRole.ATTORNEY,
                                     bar_number="54321", bar_state="co")).id


def _court(app: App, setting: Setting) -> tuple[int, str]:
    if setting.court.startswith("eoir:"):
        with app.ctx.uow.read() as session:
            row = session.execute(
                select(Courthouse).where(Courthouse.reference_key == setting.court)
            ).scalar_one()
            return row.id, row.time_zone
    path = resources_dir() / "reference" / "courthouses_demo.json"
    known = {c["id"]: c for c in json.loads(path.read_text(encoding="utf-8"))["courthouses"]}
    if setting.court in known:
        item = known[setting.court]
        with app.ctx.uow.session() as session:
            row = Courthouse(
                name=item["name"], court_kinds=",".join(item["court_kinds"]),
                address=item["street"], city=item["city"], state=item["state"],
                postal_code=item["zip"], time_zone=item["time_zone"],
                reference_key=f"demo:{item['id']}",
            )
            session.add(row)
            session.flush()
            return row.id, row.time_zone
    zone = {"OR": "America/Los_Angeles", "TX": "America/Chicago"}[setting.state]
    made = app.services.courthouses.create(CourthouseInput(
        name=setting.court, court_kinds=setting.court_kind.value, address="1021 SW 4th Ave",
        city="Portland" if setting.state == "OR" else "Dallas", state=setting.state,
        postal_code="97204", time_zone=zone))
    return made.id, zone


def hearing_for(app: App, setting: Setting) -> int:
    attorney = _office(app)
    court, zone = _court(app, setting)
    s = app.services
    client = s.clients.create(ClientInput(
        given_name="Víctor Manuel", family_name="Rodríguez-Covarrubias",
        a_number=setting.a_number))
    parties = (PartyInput(name=setting.opposing, kind=PartyKind.OPPOSING),) if setting.opposing \
        else ()
    case = s.cases.create(CaseInput(
        client_id=client.id, kind=setting.case_kind, client_role=setting.role,
        opened_on=date(2026, 1, 5), docket_number=setting.docket, assigned_staff_id=attorney,
        parties=parties))
    return s.hearings.create(HearingInput(
        case_id=case.id, courthouse_id=court, court_kind=setting.court_kind, mode=setting.mode,
        starts_at=datetime(WHEN.year, WHEN.month, WHEN.day, 9, 30, tzinfo=ZoneInfo(zone)),
        courtroom="" if setting.mode is AppearanceMode.REMOTE else "3F",
        hearing_type=setting.hearing_type)).id


def request(app: App, setting: Setting, kind: RequestKind = RequestKind.PROTECTIVE_MEASURES,
            court_name: str | None = None) -> str:
    made = LetterService(app.ctx).court_request(hearing_for(app, setting), kind,
                                                court_name=court_name)
    return text_of(made.pdf)


IMMIGRATION_DENVER = Setting("eoir:denver", CourtKind.IMMIGRATION, CaseKind.IMMIGRATION_REMOVAL,
                             ClientRole.DEFENDANT, docket="", a_number="A098765432",
                             hearing_type=HearingType.MASTER_CALENDAR)


# --- immigration court -------------------------------------------------------------------------


def test_immigration_motion_is_captioned_as_eoir_asks(sqlite_app: App) -> None:
    text = request(sqlite_app, IMMIGRATION_DENVER, RequestKind.REMOTE_APPEARANCE)
    caption = text[: text.index("Motion to Permit Remote Appearance")]
    for line in ("UNITED STATES DEPARTMENT OF JUSTICE", "EXECUTIVE OFFICE FOR IMMIGRATION REVIEW",
                 "IMMIGRATION COURT", "DENVER, COLORADO", "In the Matter of:",
                 "VÍCTOR MANUEL RODRÍGUEZ-COVARRUBIAS", "Respondent", "In Removal Proceedings",
                 "File No.", "A 098-765-432"):
        assert line in caption, line
    assert "Plaintiff" not in text and "Defendant" not in text and " v. " not in caption
    assert "the Respondent, through counsel" in text
    assert "at the master calendar hearing set for Tuesday, December 15, 2026" in text


@pytest.mark.parametrize("court", ["eoir:denver", "eoir:san-francisco", "eoir:new-york-broadway"])
def test_an_immigration_motion_never_names_a_state_law(sqlite_app: App, court: str) -> None:
    setting = Setting(court, CourtKind.IMMIGRATION, CaseKind.IMMIGRATION_REMOVAL,
                      ClientRole.DEFENDANT, a_number="A012345678",
                      hearing_type=HearingType.MASTER_CALENDAR)
    text = request(sqlite_app, setting, RequestKind.REMOTE_APPEARANCE)
    assert "Applicable law" not in text
    for citation in EVERY_CITATION:
        assert citation not in text
    for word in ("C.R.S.", "Civ. Code", "Civil Rights Law", "RCW", "UTCR", "Directive"):
        assert word not in text


def test_an_immigration_motion_needs_the_a_number(sqlite_app: App) -> None:
    setting = Setting("eoir:denver", CourtKind.IMMIGRATION, CaseKind.IMMIGRATION_REMOVAL,
                      ClientRole.DEFENDANT, hearing_type=HearingType.MASTER_CALENDAR)
    with pytest.raises(UserError, match="A-number"):
        request(sqlite_app, setting, RequestKind.REMOTE_APPEARANCE)


def test_no_protective_measures_motion_rests_state_law_on_a_federal_court(
    sqlite_app: App,
) -> None:
    with pytest.raises(UserError, match="no state law"):
        request(sqlite_app, IMMIGRATION_DENVER, RequestKind.PROTECTIVE_MEASURES)


# --- criminal, family and civil captions --------------------------------------------------------


def test_criminal_defendant_before_the_court_not_the_building(sqlite_app: App) -> None:
    setting = Setting("lindsey-flanigan-courthouse", CourtKind.CRIMINAL, CaseKind.CRIMINAL,
                      ClientRole.DEFENDANT, docket="26CR04417")
    text = request(sqlite_app, setting)
    assert text.startswith("DISTRICT COURT, CITY AND COUNTY OF DENVER, COLORADO")
    assert "Lindsey-Flanigan" not in text
    assert in_order(text, "THE PEOPLE OF THE STATE OF COLORADO Plaintiff, v.",
                    "VÍCTOR MANUEL RODRÍGUEZ-COVARRUBIAS Defendant.")
    assert "the pre-trial conference set for Tuesday, December 15, 2026 at 9:30 AM MST" in text
    assert "Colorado Bar No. 54321" in text


def test_a_colorado_misdemeanour_is_in_county_court(sqlite_app: App) -> None:
    setting = Setting("lindsey-flanigan-courthouse", CourtKind.CRIMINAL, CaseKind.CRIMINAL,
                      ClientRole.DEFENDANT, docket="26M01234")
    assert request(sqlite_app, setting).startswith(
        "COUNTY COURT, CITY AND COUNTY OF DENVER, COLORADO")


def test_a_victim_is_named_in_the_body_against_the_accused(sqlite_app: App) -> None:
    setting = Setting("clara-shortridge-foltz-criminal-justice-center", CourtKind.CRIMINAL,
                      CaseKind.CRIMINAL, ClientRole.VICTIM, docket="BA512345",
                      opposing="Marcus Allen Reed")
    text = request(sqlite_app, setting)
    assert text.startswith("SUPERIOR COURT OF THE STATE OF CALIFORNIA, COUNTY OF LOS ANGELES")
    assert in_order(text, "THE PEOPLE OF THE STATE OF CALIFORNIA Plaintiff, v.",
                    "MARCUS ALLEN REED Defendant.")
    assert "Petitioner" not in text and "Respondent" not in text
    assert ("Counsel for Víctor Manuel Rodríguez-Covarrubias, the victim, who is not a party, "
            "respectfully asks") in text
    assert "Clara Shortridge Foltz" not in text


def test_a_witness_needs_the_accused_recorded(sqlite_app: App) -> None:
    setting = Setting("brooklyn-criminal-court", CourtKind.CRIMINAL, CaseKind.CRIMINAL,
                      ClientRole.WITNESS, docket="CR-012345-26KN")
    with pytest.raises(UserError, match="opposing party"):
        request(sqlite_app, setting)


def test_family_case_from_its_parties(sqlite_app: App) -> None:
    setting = Setting("queens-family-court", CourtKind.FAMILY, CaseKind.PROTECTION_ORDER,
                      ClientRole.PETITIONER, docket="O-01234-26", opposing="Dmitri Volkov",
                      hearing_type=HearingType.PROTECTION_ORDER)
    text = request(sqlite_app, setting, RequestKind.REMOTE_APPEARANCE)
    assert text.startswith("FAMILY COURT OF THE STATE OF NEW YORK, COUNTY OF QUEENS")
    assert in_order(text, "VÍCTOR MANUEL RODRÍGUEZ-COVARRUBIAS Petitioner, v.",
                    "DMITRI VOLKOV Respondent.")
    assert "the protection-order hearing set for" in text
    assert "Queens Family Court" not in text


def test_civil_case_from_its_parties(sqlite_app: App) -> None:
    setting = Setting("richard-j-daley-center", CourtKind.CIVIL, CaseKind.CIVIL,
                      ClientRole.DEFENDANT, docket="2026-L-004512",
                      opposing="Lakeview Properties LLC", hearing_type=HearingType.MOTION)
    text = request(sqlite_app, setting)
    assert text.startswith("CIRCUIT COURT OF COOK COUNTY, ILLINOIS")
    assert in_order(text, "LAKEVIEW PROPERTIES LLC Plaintiff, v.",
                    "VÍCTOR MANUEL RODRÍGUEZ-COVARRUBIAS Defendant.")
    assert "Daley" not in text and "Petitioner" not in text


def test_a_court_the_data_cannot_name_is_asked_for(sqlite_app: App) -> None:
    setting = Setting("Frank Crowley Courts Building", CourtKind.CRIMINAL, CaseKind.CRIMINAL,
                      ClientRole.DEFENDANT, docket="F26-12345", state="TX")
    hearing = hearing_for(sqlite_app, setting)
    letters = LetterService(sqlite_app.ctx)
    with pytest.raises(UserError, match="Record the court's name on the case"):
        letters.court_request(hearing, RequestKind.PROTECTIVE_MEASURES)
    made = letters.court_request(hearing, RequestKind.PROTECTIVE_MEASURES,
                                 court_name="Criminal District Court No. 3, Dallas County, Texas")
    text = text_of(made.pdf)
    assert text.startswith("CRIMINAL DISTRICT COURT NO. 3, DALLAS COUNTY, TEXAS")
    assert "STATE OF TEXAS Plaintiff" in text
    assert "Applicable law" not in text  # Texas has no courthouse protection in the data
    assert "on the way" not in text and "returning from" not in text


def test_the_court_recorded_on_the_case_is_used_without_typing(sqlite_app: App) -> None:
    setting = Setting("Frank Crowley Courts Building", CourtKind.CRIMINAL, CaseKind.CRIMINAL,
                      ClientRole.DEFENDANT, docket="F26-12346", state="TX")
    hearing = hearing_for(sqlite_app, setting)
    cases = sqlite_app.services.cases
    with sqlite_app.ctx.uow.read() as session:
        from app.storage.models import Hearing

        case_id = session.get(Hearing, hearing).case_id  # type: ignore[union-attr]
    record = cases.get(case_id)
    fields = {k: v for k, v in vars(record).items() if k not in ("id", "version")}
    fields["court_name"] = "  Criminal District Court   No. 4, Dallas County, Texas "
    cases.update(case_id, record.version, CaseInput(**fields))
    assert cases.get(case_id).court_name == "Criminal District Court No. 4, Dallas County, Texas"
    made = LetterService(sqlite_app.ctx).court_request(hearing, RequestKind.PROTECTIVE_MEASURES)
    assert text_of(made.pdf).startswith("CRIMINAL DISTRICT COURT NO. 4, DALLAS COUNTY, TEXAS")


# --- each state's own law -----------------------------------------------------------------------

STATES = [
    ("NY", Setting("brooklyn-criminal-court", CourtKind.CRIMINAL, CaseKind.CRIMINAL,
                   ClientRole.DEFENDANT, docket="CR-012345-26KN"),
     "CRIMINAL COURT OF THE CITY OF NEW YORK, COUNTY OF KINGS",
     "THE PEOPLE OF THE STATE OF NEW YORK"),
    ("CA", Setting("clara-shortridge-foltz-criminal-justice-center", CourtKind.CRIMINAL,
                   CaseKind.CRIMINAL, ClientRole.DEFENDANT, docket="BA512345"),
     "SUPERIOR COURT OF THE STATE OF CALIFORNIA, COUNTY OF LOS ANGELES",
     "THE PEOPLE OF THE STATE OF CALIFORNIA"),
    ("CO", Setting("lindsey-flanigan-courthouse", CourtKind.CRIMINAL, CaseKind.CRIMINAL,
                   ClientRole.DEFENDANT, docket="26CR04417"),
     "DISTRICT COURT, CITY AND COUNTY OF DENVER, COLORADO", "THE PEOPLE OF THE STATE OF COLORADO"),
    ("NJ", Setting("essex-county-veterans-courthouse", CourtKind.CRIMINAL, CaseKind.CRIMINAL,
                   ClientRole.DEFENDANT, docket="26-01-00123-I"),
     "SUPERIOR COURT OF NEW JERSEY, LAW DIVISION, CRIMINAL PART, ESSEX COUNTY",
     "STATE OF NEW JERSEY"),
    ("WA", Setting("king-county-courthouse", CourtKind.FAMILY, CaseKind.FAMILY,
                   ClientRole.DEFENDANT, docket="26-3-01234-5 SEA", opposing="Ana Torres"),
     "SUPERIOR COURT OF WASHINGTON FOR KING COUNTY", "ANA TORRES"),
    ("OR", Setting("Multnomah County Central Courthouse", CourtKind.CRIMINAL, CaseKind.CRIMINAL,
                   ClientRole.DEFENDANT, docket="26CR12345", state="OR"),
     "CIRCUIT COURT OF THE STATE OF OREGON FOR THE COUNTY OF MULTNOMAH", "STATE OF OREGON"),
    ("IL", Setting("leighton-criminal-court-building", CourtKind.CRIMINAL, CaseKind.CRIMINAL,
                   ClientRole.DEFENDANT, docket="26-CR-0123401"),
     "CIRCUIT COURT OF COOK COUNTY, ILLINOIS", "THE PEOPLE OF THE STATE OF ILLINOIS"),
    ("TX", Setting("Frank Crowley Courts Building", CourtKind.CRIMINAL, CaseKind.CRIMINAL,
                   ClientRole.DEFENDANT, docket="F26-12345", state="TX"),
     "CRIMINAL DISTRICT COURT NO. 3, DALLAS COUNTY, TEXAS", "STATE OF TEXAS"),
]


@pytest.mark.parametrize(("state", "setting", "court", "first_party"), STATES,
                         ids=[s[0] for s in STATES])
def test_each_state_cites_its_own_laws_with_their_own_scope(
    sqlite_app: App, state: str, setting: Setting, court: str, first_party: str
) -> None:
    typed = court if setting.state else None
    text = request(sqlite_app, setting, court_name=typed)
    assert text.startswith(court)
    assert f"{first_party} " in text[:400]
    laws = policy_reference().state_protections(state, WHEN)
    for law in laws:
        assert law.citation in text
        assert " ".join(law.scope.split()) in text  # that state's own words
    for other in EVERY_CITATION:
        if other not in {law.citation for law in laws}:
            assert other not in text
    travel = any(law.covers_travel for law in laws)
    assert ("going to, attending and returning from" in text) is travel
    assert ("on the way to or from the hearing" in text) is travel
    if not laws:
        assert "Applicable law" not in text
    assert "going to, attending and returning from court" not in text  # the old claim for all


def test_no_law_covering_travel_means_no_ask_for_travel(sqlite_app: App) -> None:
    """California's Civ. Code §43.54 covers the courthouse only: the motion asks for no more."""
    setting = STATES[1][1]
    text = request(sqlite_app, setting)
    assert "while attending the pre-trial conference" in text
    assert "in the courthouse while attending the hearing" in text
    assert "travel to and from court is not covered" in text


# --- remote hearings, metadata, signature --------------------------------------------------------


def test_a_remote_hearing_is_not_asked_to_be_remote(sqlite_app: App) -> None:
    setting = Setting("lindsey-flanigan-courthouse", CourtKind.CRIMINAL, CaseKind.CRIMINAL,
                      ClientRole.DEFENDANT, docket="26CR04417", mode=AppearanceMode.REMOTE)
    hearing = hearing_for(sqlite_app, setting)
    letters = LetterService(sqlite_app.ctx)
    with pytest.raises(UserError, match="already remote"):
        letters.court_request(hearing, RequestKind.REMOTE_APPEARANCE)
    text = text_of(letters.court_request(hearing, RequestKind.PROTECTIVE_MEASURES).pdf)
    assert "Motion for Protective Measures" in text
    assert "Courtroom" not in text


def test_a_hybrid_hearing_may_ask_to_be_remote(sqlite_app: App) -> None:
    setting = Setting("lindsey-flanigan-courthouse", CourtKind.CRIMINAL, CaseKind.CRIMINAL,
                      ClientRole.DEFENDANT, docket="26CR04417", mode=AppearanceMode.HYBRID)
    text = request(sqlite_app, setting, RequestKind.REMOTE_APPEARANCE)
    assert "permit Víctor Manuel Rodríguez-Covarrubias to appear remotely" in text


def test_the_pdf_title_names_no_case(sqlite_app: App) -> None:
    setting = Setting("lindsey-flanigan-courthouse", CourtKind.CRIMINAL, CaseKind.CRIMINAL,
                      ClientRole.DEFENDANT, docket="26CR04417")
    made = LetterService(sqlite_app.ctx).court_request(hearing_for(sqlite_app, setting))
    meta = PdfReader(io.BytesIO(made.pdf)).metadata
    assert meta is not None and meta.title == "Motion to the court"
    for value in (meta.title, meta.subject or "", str(meta.get("/Keywords", ""))):
        assert "26CR04417" not in value and "Rodríguez" not in value
    assert "Case No. 26CR04417" in text_of(made.pdf)  # the footer keeps the number


def test_an_attorney_bar_number_needs_its_state(sqlite_app: App) -> None:
    staff = sqlite_app.services.staff
    with pytest.raises(ValidationError):
        staff.create(StaffInput(name="Ana Ortega", role=StaffRole.ATTORNEY, bar_number="48812"))
    with pytest.raises(ValidationError):
        staff.create(StaffInput(name="Ana Ortega", role=StaffRole.ATTORNEY, bar_number="48812",
                                bar_state="Colorado"))
    made = staff.create(StaffInput(name="Ana Ortega", role=StaffRole.ATTORNEY,
                                   bar_number="48812", bar_state="co"))
    assert made.bar_state == "CO"
