"""The columns each kind of CSV file may carry, and how a header finds its field.

A field's `header` is what CourtSafe writes on export; `aliases` are the names other case-management
systems and hand-made spreadsheets use. Headers compare folded, without spaces or punctuation, with
`#` read as "number": "A#", "A-Number" and "a_number" are one header.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from app.domain.field_limits import LIMITS, is_free_text
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
    free_text: bool = False  # notes and the like: not checked for hidden characters


def _f(
    key: str,
    header: str,
    *aliases: str,
    required: bool = False,
    sensitive: bool = False,
    max_length: int = 200,
) -> FieldSpec:
    return FieldSpec(key, header, aliases, required, sensitive, max_length)


TEXT = 20000  # lists split into parts (parties), each part checked against its own limit

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
        ),
        _f("email", "Email", "E-mail", "Email Address", sensitive=True),
        _f(
            "address",
            "Address",
            "Home Address",
            "Street Address",
            "Mailing Address",
            sensitive=True,
        ),
        _f(
            "safe_contact",
            "Safe Contact",
            "Safe Contact Instructions",
            "Contact Instructions",
            "Contact Notes",
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
        _f("notes", "Notes", "Comments", "Note", sensitive=True),
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
        ),
        *CLIENT_REFERENCE,
        _f("court_name", "Court", "Court Name"),
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
        _f("notes", "Notes", "Comments", sensitive=True),
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
        ),
        _f("hearing_type", "Hearing Type", "Event Type", "Event", "Setting", "Type", "Hearing"),
        _f("court_kind", "Court Kind", "Court Type"),
        _f("duration_minutes", "Duration (min)", "Duration", "Minutes", "Length"),
        _f("mode", "Mode", "Appearance", "In Person/Remote", "Appearance Mode"),
        _f("judge", "Judge", "Hearing Officer", "Judicial Officer"),
        _f("status", "Status", "Hearing Status"),
        _f("outcome", "Outcome", "Result", "Disposition"),
        _f("notes", "Notes", "Comments", sensitive=True),
        _f(
            "join_url",
            "Video Link",
            "Join Link",
            "Join URL",
            "Meeting Link",
            "Zoom Link",
            "WebEx Link",
            "Teams Link",
            sensitive=True,
        ),
        _f("join_phone", "Join Phone", "Dial-in", "Dial In", "Call-in Number", sensitive=True),
        _f("meeting_id", "Meeting ID", "Meeting Number", "Webinar ID", sensitive=True),
        _f("passcode", "Passcode", "Meeting Password", "Access Code", sensitive=True),
    ),
    "courthouses": (
        _f("name", "Name", "Courthouse", "Court", "Court Name", "Courthouse Name", required=True),
        _f("court_kinds", "Court Kinds", "Court Kind", "Court Type", "Court Types"),
        _f("address", "Address", "Street", "Street Address"),
        _f("city", "City"),
        _f("state", "State", "ST"),
        _f("postal_code", "Postal Code", "ZIP", "Zip Code", "Postcode"),
        _f("time_zone", "Time Zone", "Timezone", "TZ"),
        _f("ice_field_office_key", "ICE Field Office", "Field Office"),
        _f("screened_entry", "Screened Entry", "Security Screening"),
        _f("notes", "Notes", "Comments"),
    ),
    "incidents": (
        _f("date", "Date", "Incident Date", "Date Seen", required=True),
        _f("time", "Time", "Incident Time"),
        _f("courthouse", "Courthouse", "Court"),
        _f("location_text", "Location", "Place", "Where"),
        _f("city", "City"),
        _f("state", "State"),
        _f("location_kind", "Location Kind", "Location Type", "Place Type"),
        _f("agency", "Agency"),
        _f(
            "summary",
            "What Happened",
            "Summary",
            "Description",
            "Details",
            required=True,
        ),
        _f("people_arrested", "People Arrested", "Arrests", "Arrested"),
        _f("markings", "Markings", "Agents' Markings", "Vests"),
        _f("source", "Source", "Reported By"),
        _f("verified", "Verified", "Confirmed"),
    ),
}

# Which entity's limits a kind's columns follow (field_limits: the services use the same table).
_LIMITED = {
    "clients": ("client",),
    "cases": ("case", "client"),
    "hearings": ("hearing", "case", "client"),
    "courthouses": ("courthouse",),
    "incidents": ("incident",),
}


def _with_limits(kind: str, specs: tuple[FieldSpec, ...]) -> tuple[FieldSpec, ...]:
    """Each column as long as its field may be anywhere else; unlimited fields keep 200."""
    found = []
    for spec in specs:
        key = spec.key.removeprefix("client_") if spec.key.startswith("client_") else spec.key
        spec = replace(spec, free_text=is_free_text(key))
        entities = ("client",) if spec.key != key else _LIMITED[kind]
        for entity in entities:
            if key in LIMITS[entity]:
                spec = replace(spec, max_length=LIMITS[entity][key])
                break
        found.append(spec)
    return tuple(found)


FIELDS = {kind: _with_limits(kind, specs) for kind, specs in FIELDS.items()}


def normalise_header(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", fold(text.replace("#", " number ")))


def repeated_header(headers: Sequence[str]) -> str | None:
    """The problem with a header row naming one column twice, if it does.

    Which of the two a field would read is a guess, and a guess about a client's data is refused:
    "Phone" and "phone" (or "A#" and "A Number") count as the same header. Blank headers may
    repeat; their columns are ignored.
    """
    seen: dict[str, str] = {}
    for header in headers:
        key = normalise_header(header)
        if not key:
            continue
        if key not in seen:
            seen[key] = header
            continue
        first = seen[key]
        found = (
            f"the header '{header}' appears twice"
            if first == header
            else f"the headers '{first}' and '{header}' name the same column"
        )
        return found + "; keep one column of that name and import again"
    return None


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
