"""The columns each kind of CSV file may carry, and how a header finds its field.

A field's `header` is what CourtSafe writes on export; `aliases` are the names other case-management
systems and hand-made spreadsheets use. Headers compare folded, without spaces or punctuation, with
`#` read as "number": "A#", "A-Number" and "a_number" are one header.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from app.domain.names import fold

KINDS = ("clients", "cases", "hearings", "courthouses", "incidents")


@dataclass(frozen=True)
class FieldSpec:
    key: str
    header: str
    aliases: tuple[str, ...] = ()
    required: bool = False
    sensitive: bool = False
    max_length: int = 200


def _f(
    key: str,
    header: str,
    *aliases: str,
    required: bool = False,
    sensitive: bool = False,
    max_length: int = 200,
) -> FieldSpec:
    return FieldSpec(key, header, aliases, required, sensitive, max_length)


TEXT = 20000  # Text columns: notes, addresses, summaries

CLIENT_REFERENCE = (
    _f(
        "client_given_name",
        "Client Given Name",
        "First Name",
        "Given Name",
        "First",
        "Client First Name",
        "FirstName",
        "Forename",
        "Nombre",
    ),
    _f(
        "client_family_name",
        "Client Family Name",
        "Last Name",
        "Surname",
        "Family Name",
        "Client Last Name",
        "LastName",
        "Apellido",
        "Apellidos",
        "Client Surname",
    ),
    _f(
        "client_date_of_birth",
        "Client Date of Birth",
        "DOB",
        "Date of Birth",
        "Birth Date",
        "Birthdate",
        "Client DOB",
        sensitive=True,
    ),
    _f(
        "client_a_number",
        "Client A-Number",
        "A#",
        "A-Number",
        "A Number",
        "Alien Number",
        "Alien #",
        "A No",
        "Client A#",
        sensitive=True,
    ),
    _f("client_name", "Client", "Client Name", "Name", "Full Name", max_length=400),
)

FIELDS: dict[str, tuple[FieldSpec, ...]] = {
    "clients": (
        _f(
            "given_name",
            "Given Name",
            "First Name",
            "First",
            "FirstName",
            "Forename",
            "Nombre",
            "Client First Name",
        ),
        _f(
            "family_name",
            "Family Name",
            "Last Name",
            "Surname",
            "LastName",
            "Apellido",
            "Apellidos",
            "Client Last Name",
            required=True,
        ),
        _f("preferred_name", "Preferred Name", "Nickname", "Goes By", "Preferred", "AKA"),
        _f(
            "date_of_birth",
            "Date of Birth",
            "DOB",
            "Birth Date",
            "Birthdate",
            "Fecha de Nacimiento",
            sensitive=True,
        ),
        _f(
            "a_number",
            "A-Number",
            "A#",
            "A Number",
            "Alien Number",
            "Alien #",
            "A No",
            "Alien Registration Number",
            sensitive=True,
            max_length=20,
        ),
        _f("preferred_language", "Language", "Preferred Language", "Primary Language", "Idioma"),
        _f(
            "phone",
            "Phone",
            "Phone Number",
            "Telephone",
            "Cell",
            "Mobile",
            "Cell Phone",
            sensitive=True,
            max_length=60,
        ),
        _f("email", "Email", "E-mail", "Email Address", sensitive=True),
        _f(
            "address",
            "Address",
            "Home Address",
            "Street Address",
            "Mailing Address",
            sensitive=True,
            max_length=TEXT,
        ),
        _f(
            "safe_contact",
            "Safe Contact",
            "Safe Contact Instructions",
            "Contact Instructions",
            "Contact Notes",
            max_length=TEXT,
        ),
        _f("immigration_status", "Immigration Status", "Status", sensitive=True),
        _f("status_document", "Status Document", "Immigration Document", sensitive=True),
        _f(
            "status_expires_on",
            "Status Expires On",
            "Document Expiry",
            "Expiration Date",
            sensitive=True,
        ),
        _f("entry_date", "Entry Date", "Date of Entry", sensitive=True),
        _f("entered_without_inspection", "Entered Without Inspection", "EWI", sensitive=True),
        _f("final_removal_order", "Final Removal Order", "Removal Order", sensitive=True),
        _f("prior_removal", "Prior Removal", "Prior Deportation", sensitive=True),
        _f("ice_detainer_history", "ICE Detainer History", "Detainer", sensitive=True),
        _f("gang_allegation", "Gang Allegation", sensitive=True),
        _f("notes", "Notes", "Comments", "Note", sensitive=True, max_length=TEXT),
    ),
    "cases": (
        _f(
            "docket_number",
            "Docket",
            "Case Number",
            "Case No",
            "Case #",
            "Docket Number",
            "Docket No",
            "Case ID",
            required=True,
            max_length=100,
        ),
        *CLIENT_REFERENCE,
        _f("kind", "Case Type", "Case Kind", "Matter Type", "Type", "Practice Area"),
        _f("client_role", "Client Role", "Role"),
        _f(
            "assigned_staff",
            "Assigned To",
            "Attorney",
            "Staff",
            "Assigned Attorney",
            "Responsible Attorney",
            "Advocate",
        ),
        _f("opened_on", "Opened", "Open Date", "Date Opened", "Opened On"),
        _f("closed_on", "Closed", "Close Date", "Date Closed", "Closed On"),
        _f("status", "Status", "Case Status"),
        _f(
            "opposing_parties",
            "Opposing Parties",
            "Opposing Party",
            "Adverse Party",
            "Adverse Parties",
            "Opposing",
            max_length=TEXT,
        ),
        _f("related_parties", "Related Parties", "Related Party", max_length=TEXT),
        _f("notes", "Notes", "Comments", sensitive=True, max_length=TEXT),
    ),
    "hearings": (
        _f(
            "docket_number",
            "Docket",
            "Case Number",
            "Case No",
            "Case #",
            "Docket Number",
            "Docket No",
            "Case ID",
            required=True,
            max_length=100,
        ),
        *CLIENT_REFERENCE,
        _f("case_kind", "Case Type", "Case Kind", "Matter Type"),
        _f(
            "courthouse",
            "Courthouse",
            "Court",
            "Court Name",
            "Courthouse Name",
            "Location",
            required=True,
        ),
        _f(
            "date",
            "Date",
            "Court Date",
            "Hearing Date",
            "Date of Hearing",
            "Appearance Date",
            "Event Date",
            required=True,
        ),
        _f("time", "Time", "Hearing Time", "Court Time", "Start Time", "Appearance Time"),
        _f(
            "courtroom",
            "Courtroom",
            "Dept",
            "Department",
            "Room",
            "Courtroom/Dept",
            "Division",
            max_length=60,
        ),
        _f("hearing_type", "Hearing Type", "Event Type", "Event", "Setting", "Type", "Hearing"),
        _f("court_kind", "Court Kind", "Court Type"),
        _f("duration_minutes", "Duration (min)", "Duration", "Minutes", "Length"),
        _f("mode", "Mode", "Appearance", "In Person/Remote", "Appearance Mode"),
        _f("judge", "Judge", "Hearing Officer", "Judicial Officer"),
        _f("status", "Status", "Hearing Status"),
        _f("outcome", "Outcome", "Result", "Disposition"),
        _f("notes", "Notes", "Comments", sensitive=True, max_length=TEXT),
    ),
    "courthouses": (
        _f("name", "Name", "Courthouse", "Court", "Court Name", "Courthouse Name", required=True),
        _f("court_kinds", "Court Kinds", "Court Kind", "Court Type", "Court Types"),
        _f("address", "Address", "Street", "Street Address", max_length=TEXT),
        _f("city", "City", max_length=120),
        _f("state", "State", "ST"),
        _f("postal_code", "Postal Code", "ZIP", "Zip Code", "Postcode", max_length=20),
        _f("time_zone", "Time Zone", "Timezone", "TZ", max_length=64),
        _f("ice_field_office_key", "ICE Field Office", "Field Office", max_length=80),
        _f("screened_entry", "Screened Entry", "Security Screening"),
        _f("notes", "Notes", "Comments", max_length=TEXT),
    ),
    "incidents": (
        _f("date", "Date", "Incident Date", "Date Seen", required=True),
        _f("time", "Time", "Incident Time"),
        _f("courthouse", "Courthouse", "Court"),
        _f("location_text", "Location", "Place", "Where", max_length=300),
        _f("city", "City", max_length=120),
        _f("state", "State"),
        _f("location_kind", "Location Kind", "Location Type", "Place Type"),
        _f("agency", "Agency", max_length=120),
        _f(
            "summary",
            "What Happened",
            "Summary",
            "Description",
            "Details",
            required=True,
            max_length=TEXT,
        ),
        _f("people_arrested", "People Arrested", "Arrests", "Arrested"),
        _f("markings", "Markings", "Agents' Markings", "Vests"),
        _f("source", "Source", "Reported By"),
        _f("verified", "Verified", "Confirmed"),
    ),
}


def normalise_header(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", fold(text.replace("#", " number ")))


def fields_of(kind: str) -> tuple[FieldSpec, ...]:
    try:
        return FIELDS[kind]
    except KeyError:
        raise ValueError(f"unknown kind {kind!r}") from None


def detect_mapping(
    kind: str, headers: Sequence[str], saved: Mapping[str, str] | None = None
) -> dict[str, str]:
    """field key -> header: the saved choice first, then the field's own header, then aliases.

    Each header serves one field; the field listed first wins a header two fields could use.
    """
    present = {normalise_header(h): h for h in headers if h.strip()}
    mapping: dict[str, str] = {}
    used: set[str] = set()
    for key, header in (saved or {}).items():
        if header in headers and header not in used:
            mapping[key] = header
            used.add(header)
    specs = fields_of(kind)
    for rank in range(2):
        for spec in specs:
            if spec.key in mapping:
                continue
            names = (spec.header,) if rank == 0 else spec.aliases
            for name in names:
                found = present.get(normalise_header(name))
                if found is not None and found not in used:
                    mapping[spec.key] = found
                    used.add(found)
                    break
    return mapping
