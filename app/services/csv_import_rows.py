"""One spreadsheet row -> the values to insert, or the problems that keep it out.

A `RowReader` hands out cells by field key and collects problems by column; `Lookups` holds what
the database already has (courthouses, cases, clients, staff), read once per import; `Pending`
holds the clients and cases this import creates on the way (a hearing row whose docket is new but
names its client), numbered with negative placeholder ids that the commit replaces.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from enum import StrEnum
from functools import lru_cache
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.enums import (
    CaseKind,
    ClientRole,
    CourtKind,
    ImmigrationStatus,
)
from app.domain.field_limits import check_lengths, text_problem
from app.domain.names import words
from app.domain.validation import normalise_a_number
from app.services.csv_import_fields import FieldSpec
from app.services.csv_import_values import (
    CellError,
    parse_bool,
    parse_date,
    parse_date_time,
    parse_enum,
    parse_int,
    parse_time,
)
from app.storage.models import Client, Courthouse, LegalCase, StaffMember

E = TypeVar("E", bound=StrEnum)
NEUTRALISED = "=+-@\t\r"
T = TypeVar("T")

CASE_KIND_ALIASES = {
    "criminal_defense": "criminal",
    "criminal_defence": "criminal",
    "domestic_violence": "protection_order",
    "dv": "protection_order",
    "restraining_order": "protection_order",
    "immigration": "immigration_removal",
    "removal": "immigration_removal",
    "eviction": "housing",
    "landlord_tenant": "housing",
}
ROLE_ALIASES = {
    "respondent": "defendant",
    "plaintiff": "petitioner",
    "companion": "family_companion",
}
STATUS_ALIASES = {
    "lpr": "lawful_permanent_resident",
    "green_card": "lawful_permanent_resident",
    "permanent_resident": "lawful_permanent_resident",
    "ewi": "entered_without_inspection",
    "asylum_pending": "pending_asylum",
    "asylum": "pending_asylum",
    "us_citizen": "citizen",
    "not_asked_yet": "not_asked",
    "not_recorded": "not_asked",
    "status_not_recorded": "not_asked",
    "visa": "valid_visa",
    "parole": "parole_active",
}
HEARING_ALIASES = {
    "pretrial": "pre_trial",
    "pre_trial_conference": "pre_trial",
    "master": "master_calendar",
    "mch": "master_calendar",
    "individual": "individual_merits",
    "merits": "individual_merits",
    "ich": "individual_merits",
    "status": "status_conference",
    "motion_hearing": "motion",
    "po_hearing": "protection_order",
    "restraining_order": "protection_order",
}
MODE_ALIASES = {
    "in_person": "in_person",
    "video": "remote",
    "virtual": "remote",
    "webex": "remote",
    "phone": "remote",
    "telephonic": "remote",
    "zoom": "remote",
    "person": "in_person",
}
LOCATION_ALIASES = {
    "inside": "courthouse_interior",
    "outside": "courthouse_exterior",
    "parking": "courthouse_parking",
    "church": "place_of_worship",
    "courthouse": "courthouse_exterior",
}
COURT_TO_CASE = {
    CourtKind.CRIMINAL: CaseKind.CRIMINAL,
    CourtKind.FAMILY: CaseKind.FAMILY,
    CourtKind.SMALL_CLAIMS: CaseKind.SMALL_CLAIMS,
    CourtKind.CIVIL: CaseKind.CIVIL,
    CourtKind.TRAFFIC: CaseKind.TRAFFIC,
    CourtKind.JUVENILE: CaseKind.JUVENILE,
    CourtKind.HOUSING: CaseKind.HOUSING,
    CourtKind.IMMIGRATION: CaseKind.IMMIGRATION_REMOVAL,
}


@dataclass(frozen=True)
class Problem:
    row: int | None  # spreadsheet row (header = 1); None for the whole file
    column: str  # the file's header, or "" for the whole row
    message: str


class RowReader:
    """Cells of one row by field key, with every problem noted against its column."""

    def __init__(
        self,
        row: int,
        cells: list[str],
        columns: Mapping[str, tuple[int, FieldSpec, str]],
        today: date,
    ) -> None:
        self.row = row
        self.columns = columns
        self.today = today
        self.problems: list[Problem] = []
        self.values: dict[str, str] = {}
        width = len(cells)
        for key, (index, spec, _) in columns.items():
            value = cells[index].strip() if index < width else ""
            if not value:
                continue
            if value[0] == "'" and len(value) > 1 and value[1] in NEUTRALISED:
                value = value[1:]  # undo an export's formula guard; cells are never evaluated
            problem = text_problem(value, spec.max_length, free_text=spec.free_text)
            if problem is not None:
                self.problem(key, problem)
                continue
            self.values[key] = value

    def has(self, key: str) -> bool:
        return key in self.columns

    def text(self, key: str) -> str:
        return self.values.get(key, "")

    def header(self, key: str) -> str:
        found = self.columns.get(key)
        return found[2] if found is not None else key

    def problem(self, key: str, message: str) -> None:
        self.problems.append(Problem(self.row, self.header(key) if key else "", message))

    def parsed(self, key: str, parse: Callable[[str], T], default: T) -> T:
        value = self.values.get(key)
        if value is None:
            return default
        try:
            return parse(value)
        except CellError as error:
            self.problem(key, str(error))
            return default

    def required(self, key: str, label: str) -> str:
        value = self.text(key)
        if not value and not any(p.column == self.header(key) for p in self.problems):
            self.problem(key, f"{label} is empty")
        return value

    def enum(
        self, key: str, enum_cls: type[E], default: E, aliases: dict[str, str] | None = None
    ) -> E:
        value = self.values.get(key)
        if value is None:
            return default
        try:
            return parse_enum(value, enum_cls, aliases)
        except CellError as error:
            self.problem(key, str(error))
            return default

    def date(self, key: str) -> dt.date | None:
        return self.parsed(key, lambda v: parse_date(v, self.today), None)

    def past_date(self, key: str) -> dt.date | None:
        value = self.date(key)
        if value is not None and value > self.today:
            self.problem(key, "cannot be in the future")
            return None
        return value

    def flag(self, key: str) -> bool:
        return self.parsed(key, parse_bool, False)


@dataclass(frozen=True)
class CourtRef:
    id: int
    zone: str
    kinds: tuple[CourtKind, ...]


@dataclass
class Lookups:
    courthouses: dict[str, CourtRef] = field(default_factory=dict)
    cases: dict[str, tuple[int, int]] = field(default_factory=dict)  # docket -> case, client
    clients_by_a: dict[str, int] = field(default_factory=dict)
    clients_by_name_dob: dict[tuple[str, date], int] = field(default_factory=dict)
    clients_by_name: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    staff: dict[str, int] = field(default_factory=dict)

    @classmethod
    def load(cls, session: Session, kind: str, *, with_clients: bool = True) -> Lookups:
        """What the database has, for the kinds of reference this file can make."""
        found = cls()
        if kind in ("hearings", "incidents", "courthouses"):
            for cid, name, city, zone, kinds in session.execute(
                select(
                    Courthouse.id,
                    Courthouse.name,
                    Courthouse.city,
                    Courthouse.time_zone,
                    Courthouse.court_kinds,
                )
            ):
                parsed = tuple(CourtKind(k.strip()) for k in kinds.split(",") if k.strip())
                ref = CourtRef(cid, zone, parsed)
                found.courthouses.setdefault(name_key(name), ref)
                found.courthouses[name_key(name) + "|" + name_key(city)] = ref
        if kind in ("cases", "hearings"):
            for case_id, client_id, docket in session.execute(
                select(LegalCase.id, LegalCase.client_id, LegalCase.docket_number)
            ):
                if docket:
                    found.cases.setdefault(docket_key(docket), (case_id, client_id))
            for sid, name in session.execute(select(StaffMember.id, StaffMember.name)):
                found.staff.setdefault(name.strip().lower(), sid)
        if kind in ("clients", "cases", "hearings") and with_clients:
            for cid, given, family, dob, a_number in session.execute(
                select(
                    Client.id,
                    Client.given_name,
                    Client.family_name,
                    Client.date_of_birth,
                    Client.a_number,
                )
            ):
                key = name_key(f"{given} {family}")
                if a_number:
                    found.clients_by_a.setdefault(a_number, cid)
                if dob is not None:
                    found.clients_by_name_dob.setdefault((key, dob), cid)
                found.clients_by_name[key].append(cid)
        return found


@lru_cache(maxsize=8192)
def name_key(text: str) -> str:
    return " ".join(sorted(words(text)))


def docket_key(text: str) -> str:
    return "".join(text.split()).casefold()


@lru_cache(maxsize=64)
def zone_info(name: str) -> ZoneInfo:
    return ZoneInfo(name)


@dataclass
class Pending:
    """Clients and cases created because a row needs them; ids are negative until commit."""

    clients: list[dict[str, Any]] = field(default_factory=list)
    cases: list[dict[str, Any]] = field(default_factory=list)

    def add_client(self, values: dict[str, Any]) -> int:
        self.clients.append(values)
        return -len(self.clients)

    def add_case(self, values: dict[str, Any]) -> int:
        self.cases.append(values)
        return -len(self.cases)


def client_values(r: RowReader, now: datetime, prefix: str = "") -> dict[str, Any]:
    """The client columns of a clients file (prefix "") or the client part of a case row."""
    p = prefix
    given = r.text(p + "given_name")
    family = r.text(p + "family_name")
    if not family and r.has("client_name") and p:
        given, family = split_full_name(r.text("client_name"))
        split: dict[str, str] = {}
        check_lengths(split, "client", {"given_name": given, "family_name": family})
        for message in split.values():
            r.problem("client_name", message)
    a_number: str | None = None
    raw_a = r.text(p + "a_number")
    if raw_a:
        a_number = normalise_a_number(raw_a)
        if a_number is None:
            r.problem(p + "a_number", f"'{raw_a}' is not an A-number (A followed by 8 or 9 digits)")
    return {
        "given_name": given,
        "family_name": family,
        "date_of_birth": r.past_date(p + "date_of_birth"),
        "a_number": a_number,
        "created_at": now,
        "version": 1,
    }


def split_full_name(text: str) -> tuple[str, str]:
    """'Rodríguez, Víctor' -> (Víctor, Rodríguez); 'Víctor Rodríguez' -> (Víctor, Rodríguez)."""
    if "," in text:
        family, given = text.split(",", 1)
        return given.strip(), family.strip()
    parts = text.split()
    if len(parts) < 2:
        return "", text.strip()
    return " ".join(parts[:-1]), parts[-1]


def find_client(
    values: Mapping[str, Any], lookups: Lookups, pending_keys: dict[str, int]
) -> tuple[int | None, str]:
    """An existing (or already pending) client for these values, or why there is none."""
    key = name_key(f"{values['given_name']} {values['family_name']}")
    a_number = values.get("a_number")
    if a_number:
        found = lookups.clients_by_a.get(a_number) or pending_keys.get("a:" + a_number)
        if found:
            return found, ""
    dob = values.get("date_of_birth")
    if dob is not None:
        found = lookups.clients_by_name_dob.get((key, dob)) or pending_keys.get(f"nd:{key}|{dob}")
        if found:
            return found, ""
    if not key:
        return None, ""
    same = lookups.clients_by_name.get(key, [])
    if len(same) == 1 and not a_number and dob is None:
        return same[0], ""
    if len(same) > 1 and not a_number and dob is None:
        return None, (
            f"{len(same)} clients are named {values['given_name']} "
            f"{values['family_name']}; add a date of birth or A-number column"
        )
    pending = pending_keys.get("n:" + key)
    if pending and not a_number and dob is None:
        return pending, ""
    return None, ""


def remember_client(values: Mapping[str, Any], ref: int, keys: dict[str, int]) -> None:
    key = name_key(f"{values['given_name']} {values['family_name']}")
    if values.get("a_number"):
        keys["a:" + values["a_number"]] = ref
    if values.get("date_of_birth") is not None:
        keys[f"nd:{key}|{values['date_of_birth']}"] = ref
    keys.setdefault("n:" + key, ref)


def local_to_utc(day: date, clock: time, zone: str) -> datetime:
    return datetime.combine(day, clock, tzinfo=zone_info(zone)).astimezone(UTC)


def when(r: RowReader, zone: str, *, default_time: time | None) -> datetime | None:
    """Date column plus Time column (or a time inside the date cell) in the given zone."""
    raw_date = r.required("date", "The date")
    if not raw_date:
        return None
    raw_time = r.text("time")
    key = (raw_date, raw_time, zone, default_time)
    found = _WHEN_CACHE.get(key)
    if found is not None:
        return found  # the same court date and time recur on many rows
    try:
        day, clock = parse_date_time(raw_date, r.today)
    except CellError as error:
        r.problem("date", str(error))
        return None
    if raw_time:
        try:
            clock = parse_time(raw_time)
        except CellError as error:
            r.problem("time", str(error))
            return None
    if clock is None:
        clock = default_time
    if clock is None:
        r.problem("time" if r.has("time") else "date", "the time is missing")
        return None
    value = local_to_utc(day, clock, zone)
    if len(_WHEN_CACHE) > 50_000:
        _WHEN_CACHE.clear()
    _WHEN_CACHE[key] = value
    return value


_WHEN_CACHE: dict[tuple[str, str, str, time | None], datetime] = {}


def status_enum(r: RowReader) -> ImmigrationStatus:
    """An empty cell, or no status column at all, means nobody asked: never "citizen"."""
    return r.enum(
        "immigration_status", ImmigrationStatus, ImmigrationStatus.NOT_ASKED, STATUS_ALIASES
    )


def case_kind(r: RowReader, key: str, fallback: CaseKind | None) -> CaseKind | None:
    value = r.text(key)
    if not value:
        return fallback
    try:
        return parse_enum(value, CaseKind, CASE_KIND_ALIASES)
    except CellError as error:
        r.problem(key, str(error))
        return None


def role(r: RowReader) -> ClientRole:
    return r.enum("client_role", ClientRole, ClientRole.DEFENDANT, ROLE_ALIASES)


def int_cell(r: RowReader, key: str, default: int, maximum: int) -> int:
    return r.parsed(key, lambda v: parse_int(v, minimum=0, maximum=maximum), default)
