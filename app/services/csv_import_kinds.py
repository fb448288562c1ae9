"""Per kind of file: what a row becomes, which keys make two rows the same, and which existing row
it repeats. Duplicates: clients by A-number or by folded name + date of birth; cases by docket;
hearings by case + start time; courthouses by name + city; incidents by time + summary.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from app.domain.enums import (
    AppearanceMode,
    CaseStatus,
    CourtKind,
    HearingOutcome,
    HearingStatus,
    HearingType,
    IncidentSource,
    LocationKind,
    PartyKind,
)
from app.domain.field_limits import limit, too_long
from app.domain.hearing_kinds import court_kind_problem, hearing_type_problem
from app.domain.validation import check_join_details, check_join_url, check_state, check_time_zone
from app.services.clients import LANGUAGES
from app.services.csv_import_rows import (
    COURT_TO_CASE,
    HEARING_ALIASES,
    LOCATION_ALIASES,
    MODE_ALIASES,
    Lookups,
    Pending,
    RowReader,
    case_kind,
    client_values,
    docket_key,
    find_client,
    int_cell,
    name_key,
    remember_client,
    role,
    status_enum,
    when,
)
from app.services.csv_import_values import (
    CellError,
    parse_bool,
    parse_enum,
    parse_language,
    split_list,
)

CLIENT_FLAGS = (
    "entered_without_inspection",
    "final_removal_order",
    "prior_removal",
    "ice_detainer_history",
    "gang_allegation",
)
NOON = time(12, 0)
PARTY_NAME = limit("case_party", "name")
JOIN_FIELDS = ("join_url", "join_phone", "meeting_id", "passcode")


def _outcome(text: str) -> HearingOutcome:
    return parse_enum(text, HearingOutcome)


def _court_for(kinds: tuple[CourtKind, ...], hearing_type: HearingType) -> CourtKind:
    """The courthouse's first court that holds this type of hearing (its first court if none)."""
    for kind in kinds:
        if hearing_type_problem(kind, hearing_type) is None:
            return kind
    return kinds[0] if kinds else CourtKind.CIVIL


def _value(item: HearingOutcome | None) -> str | None:
    return item.value if item is not None else None


@dataclass
class Planned:
    values: dict[str, Any]
    keys: tuple[tuple[Hashable, str], ...] = ()  # (duplicate key, why it means "the same")
    existing: int | None = None  # the database row this one repeats
    why: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Converter:
    kind: str
    lookups: Lookups
    now: datetime
    office_zone: str
    hearing_exists: Callable[[int, datetime], bool]
    pending: Pending = field(default_factory=Pending)
    pending_clients: dict[str, int] = field(default_factory=dict)
    pending_cases: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def today(self) -> date:
        return self.now.date()

    def convert(self, r: RowReader) -> Planned | None:
        method = getattr(self, "_" + self.kind)
        planned: Planned | None = method(r)
        return None if r.problems else planned

    # -- clients --------------------------------------------------------------------------
    def _clients(self, r: RowReader) -> Planned | None:
        values = client_values(r, self.now)
        r.required("family_name", "The family name")
        values["preferred_name"] = r.text("preferred_name")
        values["preferred_language"] = r.parsed(
            "preferred_language", lambda v: parse_language(v, LANGUAGES), "en"
        )
        for key in ("phone", "email", "address", "safe_contact", "status_document", "notes"):
            values[key] = r.text(key)
        if values["email"] and "@" not in values["email"]:
            r.problem("email", "an e-mail address needs an @")
        values["immigration_status"] = status_enum(r)
        values["status_expires_on"] = r.date("status_expires_on")
        values["entry_date"] = r.past_date("entry_date")
        for key in CLIENT_FLAGS:
            values[key] = r.flag(key)
        keys: list[tuple[str, str]] = []
        existing, why = None, ""
        name = name_key(f"{values['given_name']} {values['family_name']}")
        if values["a_number"]:
            keys.append(("a:" + values["a_number"], "same A-number"))
            existing = self.lookups.clients_by_a.get(values["a_number"])
            why = "same A-number" if existing else ""
        if values["date_of_birth"] is not None:
            keys.append((f"nd:{name}|{values['date_of_birth']}", "same name and date of birth"))
            if existing is None:
                existing = self.lookups.clients_by_name_dob.get((name, values["date_of_birth"]))
                why = "same name and date of birth" if existing else ""
        return Planned(values, tuple(keys), existing, why)

    # -- cases ----------------------------------------------------------------------------
    def _client_ref(self, r: RowReader) -> int | None:
        if not any(r.text(k) for k in ("client_family_name", "client_name", "client_a_number")):
            return None
        values = client_values(r, self.now, prefix="client_")
        if r.problems:
            return None
        found, trouble = find_client(values, self.lookups, self.pending_clients)
        if trouble:
            r.problem("client_family_name", trouble)
            return None
        if found is not None:
            return found
        if not values["family_name"]:
            r.problem("client_family_name", "the client's family name is empty")
            return None
        values.update(preferred_name="", preferred_language="en")
        ref = self.pending.add_client(values)
        remember_client(values, ref, self.pending_clients)
        return ref

    def _cases(self, r: RowReader) -> Planned | None:
        docket = r.required("docket_number", "The docket number")
        client = self._client_ref(r)
        if client is None and not r.problems:
            r.problem(
                "client_family_name", "the case needs its client: map the name or A-number columns"
            )
        kind = case_kind(r, "kind", None)
        if kind is None and not r.text("kind"):
            r.problem("kind", "the case type is empty")
        staff = None
        staff_name = r.text("assigned_staff")
        if staff_name:
            staff = self.lookups.staff.get(staff_name.lower())
            if staff is None:
                r.problem(
                    "assigned_staff", f"no staff member is called '{staff_name}'; add them first"
                )
        opened = r.date("opened_on") or self.today
        closed = r.date("closed_on")
        if closed is not None and closed < opened:
            r.problem("closed_on", "a case cannot close before it opens")
        values = {
            "docket_number": docket,
            "court_name": " ".join(r.text("court_name").split()),
            "client_id": client,
            "kind": kind,
            "client_role": role(r),
            "assigned_staff_id": staff,
            "opened_on": opened,
            "closed_on": closed,
            "status": r.enum("status", CaseStatus, CaseStatus.OPEN),
            "notes": r.text("notes"),
            "version": 1,
        }
        parties = [(n, PartyKind.OPPOSING) for n in split_list(r.text("opposing_parties"))]
        parties += [(n, PartyKind.RELATED) for n in split_list(r.text("related_parties"))]
        for name, party_kind in parties:
            problem = too_long(name, PARTY_NAME)
            if problem is not None:
                opposing = party_kind is PartyKind.OPPOSING
                column = "opposing_parties" if opposing else "related_parties"
                r.problem(column, f"a party's name is {problem}")
        key = docket_key(docket)
        existing = self.lookups.cases.get(key)
        return Planned(
            values,
            (("d:" + key, "same docket number"),),
            existing[0] if existing else None,
            "same docket number" if existing else "",
            {"parties": parties},
        )

    # -- hearings -------------------------------------------------------------------------
    def _case_ref(self, r: RowReader, court_kind: CourtKind | None) -> int | None:
        docket = r.required("docket_number", "The docket number")
        if not docket:
            return None
        key = docket_key(docket)
        found = self.lookups.cases.get(key) or self.pending_cases.get(key)
        if found is not None:
            return found[0]
        client = self._client_ref(r)
        if client is None:
            if not r.problems:
                r.problem(
                    "docket_number",
                    f"no case has docket '{docket}': import the cases "
                    "first, or add the client's name columns to create it",
                )
            return None
        kind = case_kind(r, "case_kind", COURT_TO_CASE.get(court_kind) if court_kind else None)
        if kind is None:
            if not r.problems:
                r.problem("case_kind", "the case type is needed to create the case")
            return None
        ref = self.pending.add_case(
            {
                "docket_number": docket,
                "client_id": client,
                "kind": kind,
                "client_role": role(r),
                "assigned_staff_id": None,
                "opened_on": self.today,
                "closed_on": None,
                "status": CaseStatus.OPEN,
                "notes": "",
                "version": 1,
            }
        )
        self.pending_cases[key] = (ref, client)
        return ref

    def _court(
        self, r: RowReader, key: str, required: bool
    ) -> tuple[int | None, str, tuple[CourtKind, ...]]:
        name = r.required(key, "The courthouse") if required else r.text(key)
        if not name:
            return None, self.office_zone, ()
        found = self.lookups.courthouses.get(name_key(name))
        if found is None:
            r.problem(key, f"no courthouse is called '{name}': add it or import courthouses first")
            return None, self.office_zone, ()
        return found.id, found.zone, found.kinds

    def _hearings(self, r: RowReader) -> Planned | None:
        """The hot path of a large import: enum values are stored as their text at once."""
        court, zone, kinds = self._court(r, "courthouse", True)
        starts_at = when(r, zone, default_time=None)
        cells = r.values
        hearing_type = r.enum("hearing_type", HearingType, HearingType.OTHER, HEARING_ALIASES)
        court_kind = r.enum("court_kind", CourtKind, _court_for(kinds, hearing_type))
        if "court_kind" not in cells and not kinds and court is not None:
            r.problem("court_kind", "the court kind is empty and the courthouse has none")
        mode = self._mode(r)
        self._check_court(r, kinds, court_kind, hearing_type)
        case = self._case_ref(r, court_kind)
        values = {
            "case_id": case,
            "courthouse_id": court,
            "courtroom": cells.get("courtroom", ""),
            "starts_at": starts_at,
            "duration_minutes": (
                int_cell(r, "duration_minutes", 60, 24 * 60 * 14) or 60
                if "duration_minutes" in cells
                else 60
            ),
            "hearing_type": hearing_type.value,
            "court_kind": court_kind.value,
            "mode": mode.value,
            "judge": cells.get("judge", ""),
            "status": r.enum("status", HearingStatus, HearingStatus.SCHEDULED).value,
            "outcome": _value(r.parsed("outcome", _outcome, None)),
            "advisory_sent_at": None,
            "reminder_sent_at": None,
            "notes": cells.get("notes", ""),
            **{key: cells.get(key, "") for key in JOIN_FIELDS},
            "version": 1,
        }
        if r.problems or case is None or starts_at is None:
            return None
        existing = 1 if case > 0 and self.hearing_exists(case, starts_at) else None
        return Planned(
            values,
            ((("h", case, starts_at), "same case and start time"),),
            existing,
            "same case and start time" if existing else "",
        )

    def _mode(self, r: RowReader) -> AppearanceMode:
        """The appearance, remote when the row gives a link or dial-in but no mode; join details
        on a row that says "in person" are a contradiction the person importing must resolve."""
        joins = {key: r.text(key) for key in JOIN_FIELDS}
        default = AppearanceMode.REMOTE if any(joins.values()) else AppearanceMode.IN_PERSON
        mode = r.enum("mode", AppearanceMode, default, MODE_ALIASES)
        problems: dict[str, str] = {}
        remote = mode is not AppearanceMode.IN_PERSON
        check_join_details(problems, remote, joins)
        if remote:
            check_join_url(problems, "join_url", joins["join_url"])
        for key, message in problems.items():
            r.problem(key, message)
        return mode

    def _check_court(
        self,
        r: RowReader,
        kinds: tuple[CourtKind, ...],
        court_kind: CourtKind,
        hearing_type: HearingType,
    ) -> None:
        """The same court and hearing-type rules as the hearing form and service."""
        if "court_kind" in r.values:
            wrong = court_kind_problem(court_kind, r.text("courthouse"), kinds)
            if wrong is not None:
                r.problem("court_kind", wrong)
                return
        wrong = hearing_type_problem(court_kind, hearing_type)
        if wrong is not None:
            r.problem("hearing_type" if r.has("hearing_type") else "court_kind", wrong)

    # -- courthouses ----------------------------------------------------------------------
    def _courthouses(self, r: RowReader) -> Planned | None:
        name = r.required("name", "The name")
        problems: dict[str, str] = {}
        state = r.text("state").upper()
        check_state(problems, "state", state)
        zone = r.text("time_zone") or self.office_zone
        check_time_zone(problems, "time_zone", zone)
        for key, message in problems.items():
            r.problem(key, message)
        kinds: list[CourtKind] = []
        for part in r.text("court_kinds").replace(";", ",").split(","):
            if part.strip():
                try:
                    kinds.append(parse_enum(part, CourtKind))
                except CellError as error:
                    r.problem("court_kinds", str(error))
        values = {
            "name": name,
            "court_kinds": ",".join(k.value for k in kinds),
            "address": r.text("address"),
            "city": r.text("city"),
            "state": state,
            "postal_code": r.text("postal_code"),
            "time_zone": zone,
            "ice_field_office_key": r.text("ice_field_office_key"),
            "screened_entry": r.parsed("screened_entry", parse_bool, True),
            "notes": r.text("notes"),
            "reference_key": None,
            "office_edited": False,
            "version": 1,
        }
        key = name_key(name) + "|" + name_key(r.text("city"))
        found = self.lookups.courthouses.get(key)
        return Planned(
            values,
            (("c:" + key, "same name and city"),),
            found.id if found else None,
            "same name and city" if found else "",
        )

    # -- incidents ------------------------------------------------------------------------
    def _incidents(self, r: RowReader) -> Planned | None:
        court, zone, _ = self._court(r, "courthouse", False)
        occurred = when(r, zone, default_time=NOON)
        if occurred is not None and occurred > self.now:
            r.problem("date", "an incident cannot be in the future")
        summary = r.required("summary", "What happened")
        location = r.text("location_text")
        city = r.text("city")
        if court is None and not (location or city) and not r.problems:
            r.problem("location_text", "name a courthouse or describe the place")
        state = r.text("state").upper()
        problems: dict[str, str] = {}
        check_state(problems, "state", state)
        for key, message in problems.items():
            r.problem(key, message)
        values = {
            "occurred_at": occurred,
            "courthouse_id": court,
            "location_text": location,
            "city": city,
            "state": state,
            "location_kind": r.enum(
                "location_kind", LocationKind, LocationKind.OTHER, LOCATION_ALIASES
            ),
            "agency": r.text("agency") or "ICE",
            "summary": summary,
            "people_arrested": int_cell(r, "people_arrested", 0, 10000),
            "markings": r.text("markings"),
            "source": r.enum("source", IncidentSource, IncidentSource.COMMUNITY_REPORT),
            "verified": r.flag("verified"),
            "version": 1,
        }
        if occurred is None:
            return None
        key = f"i:{occurred.isoformat()}|{name_key(summary)}"
        return Planned(values, ((key, "same time and description"),))
