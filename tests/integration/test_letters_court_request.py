"""Requests to the court from recorded cases, read back as the clerk would read them.

Each court kind gets the caption its court expects (EOIR's "In the Matter of", the People or the
State against the accused, the family or civil parties); the court is named, never the building;
no state law is cited to an immigration court, and each state's own laws, with their own scope,
to its courts.
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import json
import re
import subprocess
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from app.bootstrap import App
from app.cli.letter_commands import register
from app.documents.data import RequestKind
from app.documents.templates import default_source
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
OFFICE_NAME = "Front Range Immigrant Legal Aid"
OFFICE_EMAIL = "help@frontrange-legal.example"
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


def _office(app: App, bar_state: str) -> int:
    """The office and its attorney, admitted in the court's state unless a test says otherwise."""
    s = app.services
    s.office.save(OfficeInput(name=OFFICE_NAME, phone="(303) 555-0142",
                              address="1200 Federal Blvd.\nDenver, CO 80204", state="CO",
                              email=OFFICE_EMAIL))
    return s.staff.create(StaffInput(name="Daniel Okafor", role=StaffRole.ATTORNEY,
                                     bar_number="54321", bar_state=bar_state.lower())).id


def _court(app: App, setting: Setting) -> tuple[int, str, str]:
    if setting.court.startswith("eoir:"):
        with app.ctx.uow.read() as session:
            row = session.execute(
                select(Courthouse).where(Courthouse.reference_key == setting.court)
            ).scalar_one()
            return row.id, row.time_zone, row.state
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
            return row.id, row.time_zone, row.state
    zone = {"OR": "America/Los_Angeles", "TX": "America/Chicago"}[setting.state]
    made = app.services.courthouses.create(CourthouseInput(
        name=setting.court, court_kinds=setting.court_kind.value, address="1021 SW 4th Ave",
        city="Portland" if setting.state == "OR" else "Dallas", state=setting.state,
        postal_code="97204", time_zone=zone))
    return made.id, zone, setting.state


def hearing_for(app: App, setting: Setting, bar_state: str | None = None) -> int:
    court, zone, state = _court(app, setting)
    attorney = _office(app, bar_state or state)
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
    assert "INA § 240(b)(2); 8 C.F.R. § 1003.25(c)" in text  # the judge's own authority
    assert "inherent authority" not in text
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
    # Texas has no courthouse protection in the data: the Court's own authority is cited.
    assert in_order(text, "Applicable law", "The Court has inherent authority to manage its own "
                    "proceedings")
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
    ("WA", Setting("seattle-municipal-court", CourtKind.CRIMINAL, CaseKind.CRIMINAL,
                   ClientRole.DEFENDANT, docket="661234"),
     "SEATTLE MUNICIPAL COURT", "CITY OF SEATTLE"),
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
    assert "The Court has inherent authority to manage its own proceedings" in text
    assert "going to, attending and returning from court" not in text  # the old claim for all


def test_no_law_covering_travel_means_no_ask_for_travel(sqlite_app: App) -> None:
    """California's Civ. Code §43.54 covers the courthouse only: the motion asks for no more."""
    setting = STATES[1][1]
    text = request(sqlite_app, setting)
    assert "while attending the pre-trial conference" in text
    assert "in the courthouse while attending the hearing" in text
    assert ("It bars civil arrest of a person in a courthouse while the person is attending a "
            "court proceeding or has legal business there.") in text


# --- remote hearings, metadata, signature --------------------------------------------------------


def test_a_remote_hearing_is_not_asked_to_be_remote(sqlite_app: App) -> None:
    setting = Setting("lindsey-flanigan-courthouse", CourtKind.CRIMINAL, CaseKind.CRIMINAL,
                      ClientRole.DEFENDANT, docket="26CR04417", mode=AppearanceMode.REMOTE)
    hearing = hearing_for(sqlite_app, setting)
    letters = LetterService(sqlite_app.ctx)
    with pytest.raises(UserError, match="already remote"):
        letters.court_request(hearing, RequestKind.REMOTE_APPEARANCE)


def test_no_protective_measures_for_a_remote_hearing(sqlite_app: App) -> None:
    """Finding 5: the motion asked for protection 'while attending' and a secure way in and out
    for a client who joins by video from home."""
    setting = Setting("lindsey-flanigan-courthouse", CourtKind.CRIMINAL, CaseKind.CRIMINAL,
                      ClientRole.DEFENDANT, docket="26CR04417", mode=AppearanceMode.REMOTE)
    hearing = hearing_for(sqlite_app, setting)
    with pytest.raises(UserError, match="does not come to the courthouse"):
        LetterService(sqlite_app.ctx).court_request(hearing, RequestKind.PROTECTIVE_MEASURES)


def test_a_hybrid_hearing_may_ask_for_protective_measures(sqlite_app: App) -> None:
    setting = Setting("lindsey-flanigan-courthouse", CourtKind.CRIMINAL, CaseKind.CRIMINAL,
                      ClientRole.DEFENDANT, docket="26CR04417", mode=AppearanceMode.HYBRID)
    text = request(sqlite_app, setting, RequestKind.PROTECTIVE_MEASURES)
    assert "Motion for Protective Measures" in text and "in Courtroom 3F" in text


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


# --- the attorney is admitted where the court sits (finding 3) ----------------------------------


def test_a_state_court_needs_an_attorney_admitted_in_its_state(sqlite_app: App) -> None:
    """The finding: a Colorado bar number signed a motion to a New York criminal court."""
    setting = Setting("brooklyn-criminal-court", CourtKind.CRIMINAL, CaseKind.CRIMINAL,
                      ClientRole.DEFENDANT, docket="CR-012345-26KN")
    hearing = hearing_for(sqlite_app, setting, bar_state="CO")
    with pytest.raises(UserError) as refused:
        LetterService(sqlite_app.ctx).court_request(hearing, RequestKind.PROTECTIVE_MEASURES)
    assert str(refused.value) == (
        "Daniel Okafor is admitted in Colorado; a request to a New York court needs an attorney "
        "admitted in New York: assign one on the case.")


def test_an_immigration_court_hears_a_member_of_any_states_bar(sqlite_app: App) -> None:
    setting = Setting("eoir:new-york-broadway", CourtKind.IMMIGRATION,
                      CaseKind.IMMIGRATION_REMOVAL, ClientRole.DEFENDANT, a_number="A012345678",
                      hearing_type=HearingType.MASTER_CALENDAR)
    text = request_with_bar(sqlite_app, setting, "CO")
    assert "Colorado Bar No. 54321" in text


def test_an_attorney_without_a_bar_state_is_refused(sqlite_app: App) -> None:
    from app.storage.models import StaffMember

    hearing = hearing_for(sqlite_app, IMMIGRATION_DENVER)
    with sqlite_app.ctx.uow.session() as session:
        for staff in session.execute(select(StaffMember)).scalars():
            staff.bar_state = ""  # recorded before the bar's state was asked for
    with pytest.raises(UserError, match="the state of that bar"):
        LetterService(sqlite_app.ctx).court_request(hearing, RequestKind.REMOTE_APPEARANCE)


def request_with_bar(app: App, setting: Setting, bar_state: str) -> str:
    hearing = hearing_for(app, setting, bar_state=bar_state)
    return text_of(LetterService(app.ctx).court_request(hearing,
                                                        RequestKind.REMOTE_APPEARANCE).pdf)


# --- each instrument by its kind (finding 4) ----------------------------------------------------

NEWARK = Setting("essex-county-veterans-courthouse", CourtKind.CRIMINAL, CaseKind.CRIMINAL,
                 ClientRole.DEFENDANT, docket="26-01-00123-I")


def test_a_directive_is_cited_as_a_directive_and_claims_no_more(sqlite_app: App) -> None:
    """The finding: NJ's Supreme Court directive was said to be given effect as a protection."""
    text = request(sqlite_app, NEWARK)
    assert ("A directive of the Supreme Court of New Jersey, N.J. Supreme Court Directive "
            "#07-19, in force since May 23, 2019. It provides that courthouse security") in text
    assert ("The relief requested is consistent with the Directive's instruction that, absent "
            "an emergency, enforcement should wait until the court proceeding ends.") in text
    assert "gives effect" not in text and "give effect" not in text
    assert "statute" not in text.lower() and "law of New Jersey" not in text


def test_a_statute_and_a_court_rule_are_each_named_for_what_they_are(sqlite_app: App) -> None:
    oregon = STATES[5][1]
    text = request(sqlite_app, oregon, court_name=STATES[5][2])
    for law in policy_reference().state_protections("OR", WHEN):
        kind = {"statute": "A statute of Oregon", "court rule": "A rule of the courts of Oregon"}
        assert f"{kind[law.kind]}, {law.citation}" in text
    assert "give effect to these provisions within the scope set out above" in text


def test_a_single_statute_is_given_effect_within_its_scope(sqlite_app: App) -> None:
    colorado = request(sqlite_app, STATES[2][1])
    (law,) = policy_reference().state_protections("CO", WHEN)
    assert f"A statute of Colorado, {law.citation}" in colorado
    assert "give effect to this statute within the scope set out above" in colorado


# --- papers served on someone the client may fear (finding 6) -----------------------------------

SERVED_ON_THE_OTHER_SIDE = [
    Setting("queens-family-court", CourtKind.FAMILY, CaseKind.PROTECTION_ORDER,
            ClientRole.PETITIONER, docket="O-01234-26", opposing="Dmitri Volkov",
            hearing_type=HearingType.PROTECTION_ORDER),
    Setting("queens-family-court", CourtKind.FAMILY, CaseKind.FAMILY, ClientRole.DEFENDANT,
            docket="V-04321-26", opposing="Dmitri Volkov"),
    Setting("richard-j-daley-center", CourtKind.CIVIL, CaseKind.CIVIL, ClientRole.DEFENDANT,
            docket="2026-L-004512", opposing="Dmitri Volkov", hearing_type=HearingType.MOTION),
    Setting("clara-shortridge-foltz-criminal-justice-center", CourtKind.CRIMINAL,
            CaseKind.CRIMINAL, ClientRole.VICTIM, docket="BA512345", opposing="Dmitri Volkov"),
]
SERVED_WARNING = (
    "This request will be served on Dmitri Volkov: check it reveals nothing about the client's "
    "immigration situation before filing. The office's name is left out of it; check that the "
    "address and e-mail in the signature block do not reveal it either.",)
REVEALING = ("immigra", "deport", "removal", "arrest", "status", "citizen", "alien", "visa",
             "undocumented", "detain")


@pytest.mark.parametrize("setting", SERVED_ON_THE_OTHER_SIDE,
                         ids=["protection-order", "family", "civil", "criminal-victim"])
@pytest.mark.parametrize("kind", list(RequestKind))
def test_a_request_the_other_side_reads_reveals_no_immigration_fear(
    sqlite_app: App, setting: Setting, kind: RequestKind
) -> None:
    """The finding: protection-order motions, served on the respondent, said the client feared
    immigration arrest."""
    made = LetterService(sqlite_app.ctx).court_request(hearing_for(sqlite_app, setting), kind)
    text = text_of(made.pdf).lower()
    for word in REVEALING:
        assert word not in text, word
    assert not re.search(r"\b(ice|dhs|eoir)\b", text)
    for citation in EVERY_CITATION:
        assert citation.lower() not in text
    assert "safe" in text and "the court has inherent authority" in text
    assert made.warnings == SERVED_WARNING


def test_an_edited_template_cannot_undo_the_neutral_wording(sqlite_app: App) -> None:
    letters = LetterService(sqlite_app.ctx)
    hearing = hearing_for(sqlite_app, SERVED_ON_THE_OTHER_SIDE[0])
    store = letters.templates
    source = default_source("court_request", "en").replace(
        "In support, counsel states:", "The client fears immigration arrest.")
    store.save("court_request", "en", source)
    text = text_of(letters.court_request(hearing, RequestKind.REMOTE_APPEARANCE).pdf)
    assert "immigration" not in text.lower()


def test_the_cli_warns_staff_on_stderr(
    sqlite_app: App, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hearing = hearing_for(sqlite_app, SERVED_ON_THE_OTHER_SIDE[0])
    parser = argparse.ArgumentParser()
    register(parser.add_subparsers())
    args = parser.parse_args(["letter", "court-request", "--hearing", str(hearing), "--out",
                              str(tmp_path / "m.pdf")])
    assert args.handler(args, sqlite_app) == 0
    printed = capsys.readouterr()
    assert ("Before filing: This request will be served on Dmitri Volkov: check it reveals "
            "nothing about the client's immigration situation before filing.") in printed.err
    assert "Dmitri Volkov" not in printed.out


def test_a_defendants_own_request_warns_of_what_it_reveals(sqlite_app: App) -> None:
    made = LetterService(sqlite_app.ctx).court_request(hearing_for(sqlite_app, STATES[2][1]))
    assert made.warnings == CONSENT_WARNING_STATE


# --- certificate of service and proposed order (finding 8) --------------------------------------


def pages_of(pdf: bytes) -> list[str]:
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf,
                            capture_output=True, check=True)
    return [" ".join(p.split()) for p in result.stdout.decode("utf-8").split("\f") if p.strip()]


def test_an_immigration_motion_is_served_on_dhs_and_proposes_an_order(sqlite_app: App) -> None:
    made = LetterService(sqlite_app.ctx).court_request(
        hearing_for(sqlite_app, IMMIGRATION_DENVER), RequestKind.REMOTE_APPEARANCE)
    pages = pages_of(made.pdf)
    body = " ".join(pages[:-1])
    assert in_order(body, "Respectfully submitted", "Colorado Bar No. 54321",
                    "CERTIFICATE OF SERVICE", "DHS / ICE Office of the Principal Legal Advisor",
                    "Address: ____", "[ ] hand delivery", "[ ] electronic service")
    order = pages[-1]
    assert "Respectfully submitted" not in order and "CERTIFICATE OF SERVICE" not in order
    assert in_order(order, "EXECUTIVE OFFICE FOR IMMIGRATION REVIEW", "In the Matter of:",
                    "A 098-765-432", "[PROPOSED] ORDER", "[ ] GRANTED. IT IS ORDERED that "
                    "Víctor Manuel Rodríguez-Covarrubias may appear by video or telephone at "
                    "the master calendar hearing set for Tuesday, December 15, 2026",
                    "[ ] DENIED.", "Date", "Immigration Judge")


@pytest.mark.parametrize(("setting", "served"), [
    (STATES[2][1], "Counsel for THE PEOPLE OF THE STATE OF COLORADO (the prosecuting attorney's "
                   "office)"),
    (SERVED_ON_THE_OTHER_SIDE[0], "DMITRI VOLKOV, Respondent, or counsel of record"),
    (SERVED_ON_THE_OTHER_SIDE[3], "Counsel for MARCUS"),
], ids=["criminal", "family", "criminal-victim"])
def test_each_request_names_whom_it_is_served_on(
    sqlite_app: App, setting: Setting, served: str
) -> None:
    if "MARCUS" in served:
        setting = dataclasses.replace(setting, opposing="Marcus Allen Reed")
        served = "Counsel for MARCUS ALLEN REED, Defendant"
    made = LetterService(sqlite_app.ctx).court_request(hearing_for(sqlite_app, setting),
                                                       RequestKind.REMOTE_APPEARANCE)
    pages = pages_of(made.pdf)
    assert in_order(" ".join(pages[:-1]), "CERTIFICATE OF SERVICE", served)
    assert in_order(pages[-1], pages[0][:40], "[PROPOSED] ORDER", "[ ] GRANTED", "Judge")


# --- a municipal court's cases are the city's (finding 9) ---------------------------------------


def test_a_municipal_court_case_is_brought_by_the_city(sqlite_app: App) -> None:
    """The finding: a Seattle Municipal Court motion was captioned STATE OF WASHINGTON v."""
    setting = Setting("seattle-municipal-court", CourtKind.CRIMINAL, CaseKind.CRIMINAL,
                      ClientRole.DEFENDANT, docket="661234")
    text = request(sqlite_app, setting)
    assert text.startswith("SEATTLE MUNICIPAL COURT")
    assert in_order(text, "CITY OF SEATTLE Plaintiff, v.", "VÍCTOR MANUEL RODRÍGUEZ-COVARRUBIAS")
    assert "STATE OF WASHINGTON" not in text


def test_a_municipal_court_names_its_city_where_the_city_prosecutes() -> None:
    from app.services.court_names import prosecution

    assert prosecution("WA", "Seattle Municipal Court", "Seattle") == "CITY OF SEATTLE"
    assert prosecution("GA", "Atlanta Municipal Court", "Atlanta") == "CITY OF ATLANTA"
    # New Jersey's and Arizona's municipal courts hear cases brought in the State's name.
    assert prosecution("NJ", "Newark Municipal Court", "Newark") == "STATE OF NEW JERSEY"
    assert prosecution("AZ", "Phoenix Municipal Court", "Phoenix") == "STATE OF ARIZONA"
    assert prosecution("WA", "King County Courthouse", "Seattle") == "STATE OF WASHINGTON"


# --- second review: what the paper says about the client and the office ------------------------

NEWARK_PROTECTION_ORDER = Setting(
    "wilentz-justice-complex", CourtKind.FAMILY, CaseKind.PROTECTION_ORDER, ClientRole.PETITIONER,
    docket="FV-07-001234-26", opposing="Yolanda Reyes", hearing_type=HearingType.PROTECTION_ORDER)
CONSENT_WARNING_STATE = (
    "This request is a public court filing, served on the other side, that says the client "
    "fears civil immigration arrest at the courthouse: file it only with the client's informed "
    "consent.",)
CONSENT_WARNING_IMMIGRATION = (
    "This motion is filed with the immigration court and served on DHS, whose officers make "
    "immigration arrests: asking to appear by video or telephone tells them the client would "
    "rather not come to the courthouse. File it only with the client's informed consent.",)


def footers_of(pdf: bytes) -> list[str]:
    """The last line of each page: the footer, which pdftotext prints after the body."""
    result = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", "-", "-"], input=pdf,
                            capture_output=True, check=True)
    pages = [p for p in result.stdout.decode("utf-8").split("\f") if p.strip()]
    return [" ".join(p.strip().splitlines()[-1].split()) for p in pages]


@pytest.mark.parametrize("kind", list(RequestKind))
def test_a_served_request_names_no_office(sqlite_app: App, kind: RequestKind) -> None:
    """Finding 1: a New Jersey protection-order motion, served on the respondent, printed
    "Front Range Immigrant Legal Aid" in the footer of every page and in the signature."""
    made = LetterService(sqlite_app.ctx).court_request(
        hearing_for(sqlite_app, NEWARK_PROTECTION_ORDER), kind)
    text = text_of(made.pdf)
    assert OFFICE_NAME not in text and "immigra" not in text.lower()
    footers = footers_of(made.pdf)
    assert len(footers) == 3
    for number, footer in enumerate(footers, start=1):
        assert footer == f"Case No. FV-07-001234-26 · Motion to the court Page {number} of 3"
    # The attorney, the bar and how to reach counsel are enough to sign and serve.
    assert in_order(text, "Respectfully submitted", "Daniel Okafor New Jersey Bar No. 54321 "
                    "1200 Federal Blvd. Denver, CO 80204 (303) 555-0142 · "
                    f"{OFFICE_EMAIL} Attorney for Víctor Manuel Rodríguez-Covarrubias")
    meta = PdfReader(io.BytesIO(made.pdf)).metadata
    assert meta is not None
    for value in meta.values():
        assert OFFICE_NAME not in str(value) and "FV-07" not in str(value)
    assert made.warnings == (
        "This request will be served on Yolanda Reyes: check it reveals nothing about the "
        "client's immigration situation before filing. The office's name is left out of it; "
        "check that the address and e-mail in the signature block do not reveal it either.",)


def test_a_request_not_served_on_the_other_side_keeps_the_office(sqlite_app: App) -> None:
    made = LetterService(sqlite_app.ctx).court_request(hearing_for(sqlite_app, STATES[2][1]))
    text = text_of(made.pdf)
    assert in_order(text, "Daniel Okafor Colorado Bar No. 54321", OFFICE_NAME,
                    "1200 Federal Blvd.")
    assert all(footer.startswith(OFFICE_NAME) for footer in footers_of(made.pdf))


@pytest.mark.parametrize(("setting", "kind", "warning"), [
    (STATES[2][1], RequestKind.PROTECTIVE_MEASURES, CONSENT_WARNING_STATE),
    (STATES[2][1], RequestKind.REMOTE_APPEARANCE, CONSENT_WARNING_STATE),
    (IMMIGRATION_DENVER, RequestKind.REMOTE_APPEARANCE, CONSENT_WARNING_IMMIGRATION),
], ids=["state-protective", "state-remote", "immigration-court"])
def test_a_request_that_names_immigration_asks_for_consent(
    sqlite_app: App, setting: Setting, kind: RequestKind, warning: tuple[str, ...]
) -> None:
    """Finding 7: a Colorado defendant's motion, a public filing served on the prosecutor, said
    the client feared civil immigration arrest, and staff were not warned."""
    made = LetterService(sqlite_app.ctx).court_request(hearing_for(sqlite_app, setting), kind)
    assert made.warnings == warning
    if setting is not IMMIGRATION_DENVER:
        assert "civil immigration arrest" in text_of(made.pdf)


def test_the_cli_asks_for_consent_on_stderr(
    sqlite_app: App, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hearing = hearing_for(sqlite_app, IMMIGRATION_DENVER)
    parser = argparse.ArgumentParser()
    register(parser.add_subparsers())
    args = parser.parse_args(["letter", "court-request", "--hearing", str(hearing), "--out",
                              str(tmp_path / "m.pdf")])
    assert args.handler(args, sqlite_app) == 0
    printed = capsys.readouterr()
    assert f"Before filing: {CONSENT_WARNING_IMMIGRATION[0]}" in printed.err
    assert "informed consent" not in printed.out


def test_a_new_jersey_protection_order_is_plaintiff_against_defendant(sqlite_app: App) -> None:
    """Finding 8: New Jersey's domestic-violence cases (Prevention of Domestic Violence Act) are
    captioned Plaintiff v. Defendant, not Petitioner v. Respondent."""
    text = request(sqlite_app, NEWARK_PROTECTION_ORDER)
    assert text.startswith("SUPERIOR COURT OF NEW JERSEY, CHANCERY DIVISION, FAMILY PART, ESSEX")
    assert in_order(text, "VÍCTOR MANUEL RODRÍGUEZ-COVARRUBIAS Plaintiff, v.",
                    "YOLANDA REYES Defendant.")
    assert "Petitioner" not in text and "Respondent" not in text
    assert "the Plaintiff in this case" in text
    assert "wait apart from the Defendant" in text
    assert "YOLANDA REYES, Defendant, or counsel of record" in text


def test_a_company_is_not_asked_to_be_waited_apart_from(sqlite_app: App) -> None:
    """Finding 8: 'waiting apart from the Plaintiff' where the plaintiff was Gulfstream Auto
    Finance LLC."""
    setting = Setting("richard-j-daley-center", CourtKind.CIVIL, CaseKind.CIVIL,
                      ClientRole.DEFENDANT, docket="2026-L-004512",
                      opposing="Gulfstream Auto Finance LLC", hearing_type=HearingType.MOTION)
    text = request(sqlite_app, setting)
    assert "apart" not in text
    assert ("Entering and leaving the courthouse by a secure route would let Víctor Manuel "
            "Rodríguez-Covarrubias attend safely and take part in the hearing in full.") in text
    assert ("IT IS ORDERED that Víctor Manuel Rodríguez-Covarrubias may enter and leave the "
            "courthouse by a secure route for the motion hearing") in text
    assert "to enter and leave the courthouse by a secure route, and to grant" in text


def test_an_illinois_court_takes_an(sqlite_app: App) -> None:
    """Finding 12: the refusal read "a request to a Illinois court"."""
    hearing = hearing_for(sqlite_app, STATES[6][1], bar_state="CO")
    with pytest.raises(UserError) as refused:
        LetterService(sqlite_app.ctx).court_request(hearing, RequestKind.PROTECTIVE_MEASURES)
    assert str(refused.value) == (
        "Daniel Okafor is admitted in Colorado; a request to an Illinois court needs an attorney "
        "admitted in Illinois: assign one on the case.")
