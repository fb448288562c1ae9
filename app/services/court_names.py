"""The name of the court that hears a case, and who prosecutes in a state's criminal courts.

A courthouse is a building; a filing is captioned with the court. The name is built only where the
state's court structure and the reference data (the courthouse's county) settle it: California,
Illinois and Oregon have one trial court per county; a family case in Colorado, Washington or
Arizona is heard by the county's general trial court; a Colorado case number names its court (CR
district, M county); New Jersey's county courthouses seat the Superior Court; New York City's
courts are named by borough county. Elsewhere (Texas and Florida have several courts per county)
the name is left to the person filing, who reads it off the case papers.

What the two sides of a case are called, and whether the other side is an organisation, are
caption matters too, and kept here as data rather than as conditions in the request's code.
"""

from __future__ import annotations

import json
import re
from functools import cache

from app.domain.enums import CaseKind, CourtKind
from app.domain.us_states import state_name
from app.paths import resources_dir

DEMO_PREFIX = "demo:"
PEOPLE_STATES = frozenset({"NY", "CA", "CO", "IL", "MI"})
COMMONWEALTH_STATES = frozenset({"MA", "PA", "VA", "KY"})
# Municipal courts whose cases are captioned in the State's name rather than the city's.
STATE_NAMED_MUNICIPAL = frozenset({"NJ", "AZ"})
NYC_COUNTIES = frozenset({"NEW YORK", "KINGS", "QUEENS", "BRONX", "RICHMOND"})
# Colorado's two consolidated city-counties are named "City and County of ...".
CITY_AND_COUNTY = frozenset({("CO", "DENVER"), ("CO", "BROOMFIELD")})
# A Colorado case number names its court: 26CR04417 is a district-court criminal case, 26M01234 a
# county-court misdemeanor.
COLORADO_CASE_NUMBER = re.compile(r"^(?:\d{2}|\d{4})\s*([A-Z]{1,2})\s*\d+$")
FAMILY_PARTIES = ("Petitioner", "Respondent")
CIVIL_PARTIES = ("Plaintiff", "Defendant")
# Family cases whose state names the sides otherwise. New Jersey's Family Part hears complaints,
# domestic-violence complaints under the Prevention of Domestic Violence Act included, brought by
# a Plaintiff against a Defendant.
STATE_FAMILY_PARTIES: dict[tuple[str, CaseKind], tuple[str, str]] = {
    ("NJ", CaseKind.PROTECTION_ORDER): CIVIL_PARTIES,
    ("NJ", CaseKind.FAMILY): CIVIL_PARTIES,
}
# Words that mark a business, an agency or another organisation in a party's recorded name.
ORGANISATION_MARKERS = re.compile(
    r"\b(?:L\.?L\.?C|L\.?L\.?P|P\.?L\.?L\.?C|L\.?P|Inc|Incorporated|Corp|Corporation|Company|"
    r"Co\.|Ltd|N\.A\.|Bank|Bancorp|Credit Union|Finance|Financial|Lending|Loans?|Mortgage|"
    r"Insurance|Management|Properties|Property|Realty|Apartments|Holdings|Group|Partners|"
    r"Associates|Services|Trust|Association|Authority|Agency|Department|Hospital|University|"
    r"School District|City of|County of|State of)(?![\w])",
    re.IGNORECASE,
)
COLORADO_CASE_CLASSES = {
    "CR": "DISTRICT COURT",
    "CV": "DISTRICT COURT",
    "DR": "DISTRICT COURT",
    "M": "COUNTY COURT",
    "T": "COUNTY COURT",
    "C": "COUNTY COURT",
    "S": "COUNTY COURT",
}


def prosecution(state: str, courthouse_name: str = "", city: str = "") -> str:
    """The prosecuting party as the court's criminal captions name it.

    A municipal court hears the city's cases, brought in the city's name ("CITY OF SEATTLE v.");
    New Jersey's and Arizona's municipal courts hear offences prosecuted in the State's name, so
    there the State stays.
    """
    code = state.strip().upper()
    name = state_name(code).upper()
    municipal = "municipal court" in courthouse_name.lower()
    if municipal and city.strip() and code not in STATE_NAMED_MUNICIPAL:
        return f"CITY OF {' '.join(city.split()).upper()}"
    if code in PEOPLE_STATES:
        return f"THE PEOPLE OF THE STATE OF {name}"
    if code in COMMONWEALTH_STATES:
        return f"COMMONWEALTH OF {name}"
    return f"STATE OF {name}"


def party_words(state: str, case_kind: CaseKind, family: bool) -> tuple[str, str]:
    """What the caption calls the side that brought the case and the side that answers it:
    Petitioner and Respondent in a family or protection-order case unless the state's practice
    says otherwise (`STATE_FAMILY_PARTIES`), Plaintiff and Defendant in any other."""
    if not family:
        return CIVIL_PARTIES
    return STATE_FAMILY_PARTIES.get((state.strip().upper(), case_kind), FAMILY_PARTIES)


def is_organisation(name: str) -> bool:
    """Whether a party's recorded name is a business, an agency or another organisation.

    A party has no recorded type, so this reads the name for words such as LLC, Inc, Corp,
    Company, Bank, Finance, Management or Properties (`ORGANISATION_MARKERS`). The case's kind is
    not used: a civil or housing case is often brought by a business, but the other side may be
    the very person the client fears, and treating that person as a company would drop the
    client's protection.
    """
    return ORGANISATION_MARKERS.search(name) is not None


@cache
def _counties() -> dict[str, str]:
    path = resources_dir() / "reference" / "courthouses_demo.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return {DEMO_PREFIX + c["id"]: c.get("county", "") for c in data.get("courthouses", [])}


def county_of(reference_key: str | None) -> str:
    """The county of a courthouse from the reference list; empty when the list does not say."""
    return _counties().get(reference_key or "", "")


def court_name(
    kind: CourtKind, state: str, county: str, courthouse_name: str, docket: str = ""
) -> str | None:
    """The court's name in capitals, or None where the data cannot settle it."""
    if courthouse_name.strip().lower().endswith("municipal court"):
        return courthouse_name.strip().upper()  # such a building bears its court's own name
    code = state.strip().upper()
    county = county.strip().upper()
    if not county:
        return None
    rule = _RULES.get(code)
    return rule(kind, county, courthouse_name, docket) if rule is not None else None


def _california(kind: CourtKind, county: str, _building: str, _docket: str) -> str | None:
    return f"SUPERIOR COURT OF THE STATE OF CALIFORNIA, COUNTY OF {county}"


def _illinois(kind: CourtKind, county: str, _building: str, _docket: str) -> str | None:
    return f"CIRCUIT COURT OF {county} COUNTY, ILLINOIS"


def _oregon(kind: CourtKind, county: str, _building: str, _docket: str) -> str | None:
    return f"CIRCUIT COURT OF THE STATE OF OREGON FOR THE COUNTY OF {county}"


def _colorado(kind: CourtKind, county: str, _building: str, docket: str) -> str | None:
    place = (f"CITY AND COUNTY OF {county}" if ("CO", county) in CITY_AND_COUNTY
             else f"{county} COUNTY")
    found = COLORADO_CASE_NUMBER.match(docket.strip().upper())
    if found is not None and found.group(1) in COLORADO_CASE_CLASSES:
        return f"{COLORADO_CASE_CLASSES[found.group(1)]}, {place}, COLORADO"
    if kind is CourtKind.FAMILY:
        return f"DISTRICT COURT, {place}, COLORADO"
    if kind is CourtKind.JUVENILE:
        court = "JUVENILE COURT" if county == "DENVER" else "DISTRICT COURT"
        return f"{court}, {place}, COLORADO"
    if kind in (CourtKind.TRAFFIC, CourtKind.SMALL_CLAIMS):
        return f"COUNTY COURT, {place}, COLORADO"
    return None  # criminal and civil cases are heard in county or district court


def _washington(kind: CourtKind, county: str, _building: str, _docket: str) -> str | None:
    if kind in (CourtKind.FAMILY, CourtKind.JUVENILE):
        return f"SUPERIOR COURT OF WASHINGTON FOR {county} COUNTY"
    return None


def _arizona(kind: CourtKind, county: str, _building: str, _docket: str) -> str | None:
    if kind in (CourtKind.FAMILY, CourtKind.JUVENILE):
        return f"SUPERIOR COURT OF THE STATE OF ARIZONA IN AND FOR THE COUNTY OF {county}"
    return None


def _new_jersey(kind: CourtKind, county: str, _building: str, _docket: str) -> str | None:
    division = {
        CourtKind.CRIMINAL: "LAW DIVISION, CRIMINAL PART",
        CourtKind.CIVIL: "LAW DIVISION, CIVIL PART",
        CourtKind.SMALL_CLAIMS: "LAW DIVISION, SPECIAL CIVIL PART",
        CourtKind.HOUSING: "LAW DIVISION, SPECIAL CIVIL PART",
        CourtKind.FAMILY: "CHANCERY DIVISION, FAMILY PART",
        CourtKind.JUVENILE: "CHANCERY DIVISION, FAMILY PART",
    }.get(kind)
    return f"SUPERIOR COURT OF NEW JERSEY, {division}, {county} COUNTY" if division else None


def _new_york(kind: CourtKind, county: str, building: str, _docket: str) -> str | None:
    if kind in (CourtKind.FAMILY, CourtKind.JUVENILE):
        return f"FAMILY COURT OF THE STATE OF NEW YORK, COUNTY OF {county}"
    if county not in NYC_COUNTIES:
        return None
    if kind is CourtKind.CRIMINAL and "criminal court" in building.lower():
        return f"CRIMINAL COURT OF THE CITY OF NEW YORK, COUNTY OF {county}"
    part = {CourtKind.HOUSING: "HOUSING PART", CourtKind.SMALL_CLAIMS: "SMALL CLAIMS PART"}
    if kind in part:
        return f"CIVIL COURT OF THE CITY OF NEW YORK, COUNTY OF {county}, {part[kind]}"
    return None


_RULES = {
    "AZ": _arizona,
    "CA": _california,
    "CO": _colorado,
    "IL": _illinois,
    "NJ": _new_jersey,
    "NY": _new_york,
    "OR": _oregon,
    "WA": _washington,
}
