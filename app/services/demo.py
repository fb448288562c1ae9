"""Realistic, reproducible synthetic data for demos, screenshots and benchmarks.

Everything is drawn from one seeded generator and anchored on the current date, so the same seed on
the same day gives the same office. The whole load is one transaction: a demo killed half way
leaves the database as it was. Rows go in through Core executemany in batches; the ORM would
spend most of the time building objects nobody reads.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, func, insert, select

from app.domain.enums import (
    AppearanceMode,
    CaseKind,
    CaseStatus,
    HearingOutcome,
    HearingStatus,
    ImmigrationStatus,
    PartyKind,
    StaffRole,
)
from app.domain.errors import UserError
from app.domain.names import name_tokens
from app.paths import resources_dir
from app.services import demo_incidents, demo_scenario
from app.services.context import ServiceContext
from app.services.court_days import next_court_day
from app.services.demo_mix import CASE_MIX, OFFENCES, SAFE_CONTACT, STATUS_MIX
from app.storage.models import (
    CaseParty,
    Client,
    ClientNameToken,
    Courthouse,
    CriminalHistoryEntry,
    EnforcementIncident,
    Hearing,
    LegalCase,
    Office,
    StaffMember,
)

BATCH = 20_000
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class DemoSummary:
    clients: int
    cases: int
    hearings: int
    incidents: int
    courthouses: int
    seconds: float


@dataclass(frozen=True)
class _Court:
    id: int
    kinds: tuple[str, ...]
    zone: ZoneInfo
    state: str


def _weighted(rng: random.Random, items: tuple[tuple[Any, int], ...]) -> Any:
    return rng.choices([i for i, _ in items], weights=[w for _, w in items])[0]


class DemoService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def generate(
        self, clients: int, hearings: int, seed: int = 1, progress: Progress | None = None
    ) -> DemoSummary:
        if clients < 1 or hearings < 0:
            raise UserError("Demo data needs at least one client and zero or more hearings.")
        if hearings > 50 * clients:
            raise UserError("More than 50 hearings per client is not realistic; add clients.")
        started = datetime.now(UTC)
        engine = self.ctx.uow.engine
        with engine.begin() as connection:
            existing = connection.execute(select(func.count()).select_from(Client)).scalar_one()
            if existing:
                raise UserError(
                    "Demo data goes into an empty database, and this one already holds "
                    f"{existing} clients. Use --data-dir to make a separate demo folder."
                )
            builder = _Builder(connection, random.Random(seed), self.ctx.now(), progress)
            summary = builder.build(clients, hearings)
        seconds = (datetime.now(UTC) - started).total_seconds()
        return DemoSummary(*summary, seconds=seconds)


class _Builder:
    def __init__(
        self, connection: Connection, rng: random.Random, now: datetime, progress: Progress | None
    ) -> None:
        self.connection = connection
        self.rng = rng
        self.now = now
        self.today = now.date()
        self.progress = progress or (lambda _step, _done, _total: None)
        # Join details draw from their own generator, so the rest of the office stays the same.
        self.join_rng = random.Random(0x10E5)
        self.names = json.loads(
            (resources_dir() / "demo" / "names.json").read_text(encoding="utf-8")
        )
        self.courthouses_json = json.loads(
            (resources_dir() / "reference" / "courthouses_demo.json").read_text(encoding="utf-8")
        )

    def build(self, n_clients: int, n_hearings: int) -> tuple[int, int, int, int, int]:
        self._office_and_staff()
        courts = self._courthouses()
        scenario = demo_scenario.add_scenario(self.connection, self.now, self.court_keys)
        client_ids = self._clients(n_clients - 1)
        cases = self._cases(client_ids)
        n_cases = len(cases) + 1
        made = self._hearings(cases, courts, n_hearings - scenario.hearings)
        incidents = self._incidents(courts) + scenario.incidents
        return n_clients, n_cases, made + scenario.hearings, incidents, len(courts)

    def _insert(self, table: Any, rows: list[dict[str, Any]]) -> None:
        if rows:
            self.connection.execute(insert(table), rows)

    def _office_and_staff(self) -> None:
        if self.connection.execute(select(func.count()).select_from(Office)).scalar_one() == 0:
            self._insert(
                Office.__table__,
                [
                    {
                        "name": "Front Range Immigrant Legal Aid",
                        "version": 1,
                        "address": "1200 Federal Blvd., Suite 300\nDenver, CO 80204",
                        "phone": "(303) 555-0142",
                        "email": "help@frontrange-legalaid.example",
                        "state": "CO",
                        "time_zone": "America/Denver",
                        "default_languages": "en,es",
                    }
                ],
            )
        staff = [
            ("Ana Lucía Ortega", StaffRole.ATTORNEY, "51234"),
            ("David Chen", StaffRole.ATTORNEY, "48812"),
            ("Marisol Vega", StaffRole.PARALEGAL, ""),
            ("Tomás Herrera", StaffRole.PARALEGAL, ""),
            ("Grace Nguyen", StaffRole.INTAKE, ""),
            ("Ruth Okafor", StaffRole.MANAGER, ""),
        ]
        self._insert(
            StaffMember.__table__,
            [
                {
                    "name": n,
                    "role": r.value,
                    "bar_number": b,
                    "bar_state": "CO" if b else "",
                    "email": "",
                    "active": True,
                    "version": 1,
                }
                for n, r, b in staff
            ],
        )
        self.staff_ids = [
            r[0]
            for r in self.connection.execute(
                select(StaffMember.id).where(
                    StaffMember.role.in_([StaffRole.ATTORNEY.value, StaffRole.PARALEGAL.value])
                )
            )
        ]

    def _courthouses(self) -> list[_Court]:
        rows = []
        for item in self.courthouses_json["courthouses"]:
            rows.append(
                {
                    "name": item["name"],
                    "court_kinds": ",".join(item["court_kinds"]),
                    "address": item["street"],
                    "city": item["city"],
                    "state": item["state"],
                    "postal_code": item.get("zip", ""),
                    "time_zone": item["time_zone"],
                    "ice_field_office_key": item.get("ice_field_office", ""),
                    "screened_entry": bool(item.get("screened_entry", True)),
                    "notes": "",
                    "reference_key": "demo:" + item["id"],
                    "office_edited": False,
                    "version": 1,
                }
            )
        self._insert(Courthouse.__table__, rows)
        demo_states = {r["state"] for r in rows}
        courts = []
        self.court_keys: dict[str, int] = {}
        for row in self.connection.execute(
            select(
                Courthouse.id,
                Courthouse.court_kinds,
                Courthouse.time_zone,
                Courthouse.state,
                Courthouse.reference_key,
            )
        ):
            if row.reference_key:
                self.court_keys[row.reference_key] = row.id
            if row.state in demo_states:
                courts.append(
                    _Court(
                        row.id,
                        tuple(row.court_kinds.split(",")),
                        ZoneInfo(row.time_zone),
                        row.state,
                    )
                )
        return courts

    def _person(self) -> tuple[str, str, str]:
        languages = self.names["languages"]
        code = self.rng.choices(list(languages), weights=[v["weight"] for v in languages.values()])[
            0
        ]
        pool = languages[code]
        sex = self.rng.choice(("female", "male"))
        given = self.rng.choice(pool["given_names"][sex])
        families = pool.get("family_names_female") if sex == "female" else None
        families = families or pool["family_names"]
        family = self.rng.choice(families)
        if pool.get("family_names_per_person", 1) == 2 and self.rng.random() < 0.6:
            family = f"{family} {self.rng.choice(pool['family_names'])}"
        return given, family, code

    def _clients(self, count: int) -> list[int]:
        start_id = (self.connection.execute(select(func.max(Client.id))).scalar() or 0) + 1
        rng = self.rng
        for first in range(0, count, BATCH):
            clients: list[dict[str, Any]] = []
            tokens: list[dict[str, Any]] = []
            history: list[dict[str, Any]] = []
            for offset in range(first, min(count, first + BATCH)):
                client_id = start_id + offset
                given, family, language = self._person()
                status = _weighted(rng, STATUS_MIX)
                age = rng.randint(18, 70)
                dob = self.today - timedelta(days=age * 365 + rng.randint(0, 364))
                entry = None
                if status is not ImmigrationStatus.CITIZEN:
                    years = rng.choice((0, 1, 1, 2, 3, 5, 8, 12, 20))
                    entry = self.today - timedelta(days=years * 365 + rng.randint(30, 330))
                clients.append(
                    {
                        "id": client_id,
                        "given_name": given,
                        "family_name": family,
                        "preferred_name": "",
                        "date_of_birth": dob,
                        "a_number": (
                            f"A{rng.randint(10**8, 10**9 - 1)}"
                            if status not in (ImmigrationStatus.CITIZEN, ImmigrationStatus.UNKNOWN)
                            and rng.random() < 0.7
                            else None
                        ),
                        "preferred_language": language,
                        "phone": f"(720) 555-{rng.randint(0, 9999):04d}",
                        "email": "",
                        "address": "",
                        "safe_contact": rng.choice(SAFE_CONTACT) if rng.random() < 0.15 else "",
                        "immigration_status": status.value,
                        "status_document": "",
                        "status_expires_on": None,
                        "entry_date": entry,
                        "entered_without_inspection": status
                        is ImmigrationStatus.ENTERED_WITHOUT_INSPECTION,
                        "final_removal_order": rng.random() < 0.04,
                        "prior_removal": rng.random() < 0.05,
                        "ice_detainer_history": rng.random() < 0.04,
                        "gang_allegation": rng.random() < 0.01,
                        "notes": "",
                        "created_at": self.now,
                        "version": 1,
                    }
                )
                tokens.extend(
                    {"client_id": client_id, "token": t} for t in name_tokens(family, given)
                )
                if rng.random() < 0.22:
                    for _ in range(rng.choice((1, 1, 1, 2, 3))):
                        offence, klass, dui = rng.choice(OFFENCES)
                        history.append(
                            {
                                "client_id": client_id,
                                "offence": offence,
                                "offence_date": self.today - timedelta(days=rng.randint(200, 6000)),
                                "offence_class": klass.value,
                                "dui": dui,
                                "pending": rng.random() < 0.15,
                                "version": 1,
                            }
                        )
            self._insert(Client.__table__, clients)
            self._insert(ClientNameToken.__table__, tokens)
            self._insert(CriminalHistoryEntry.__table__, history)
            self.progress("clients", min(count, first + BATCH), count)
        return list(range(start_id, start_id + count))

    def _cases(self, client_ids: list[int]) -> list[tuple[int, CaseKind]]:
        rng = self.rng
        kinds = tuple((k, v[0]) for k, v in CASE_MIX.items())
        start_id = (self.connection.execute(select(func.max(LegalCase.id))).scalar() or 0) + 1
        result: list[tuple[int, CaseKind]] = []
        rows, parties = [], []
        people = self.names["opposing_parties"]["people"]
        organisations = self.names["opposing_parties"]["organizations"]
        for client_id in client_ids:
            for _ in range(1 if rng.random() < 0.75 else 2):
                case_id = start_id + len(result)
                kind = _weighted(rng, kinds)
                role = _weighted(rng, CASE_MIX[kind][2])
                opened = self.today - timedelta(days=rng.randint(10, 900))
                rows.append(
                    {
                        "id": case_id,
                        "client_id": client_id,
                        "docket_number": f"{opened.year % 100:02d}{kind.value[:2].upper()}"
                        f"{rng.randint(1000, 99999)}",
                        "kind": kind.value,
                        "client_role": role.value,
                        "assigned_staff_id": rng.choice(self.staff_ids),
                        "opened_on": opened,
                        "closed_on": None,
                        "status": CaseStatus.OPEN.value,
                        "notes": "",
                        "version": 1,
                    }
                )
                if kind in (CaseKind.HOUSING, CaseKind.CIVIL, CaseKind.SMALL_CLAIMS):
                    opposing = rng.choice(organisations)
                else:
                    opposing = rng.choice(people)
                parties.append(
                    {
                        "case_id": case_id,
                        "name": opposing,
                        "kind": PartyKind.OPPOSING.value,
                        "relationship_note": "",
                        "version": 1,
                    }
                )
                result.append((case_id, kind))
            if len(rows) >= BATCH:
                self._insert(LegalCase.__table__, rows)
                self._insert(CaseParty.__table__, parties)
                rows, parties = [], []
        self._insert(LegalCase.__table__, rows)
        self._insert(CaseParty.__table__, parties)
        return result

    def _hearings(self, cases: list[tuple[int, CaseKind]], courts: list[_Court], count: int) -> int:
        if count <= 0 or not cases:
            return 0
        by_kind: dict[str, list[_Court]] = {}
        for court in courts:
            for kind in court.kinds:
                by_kind.setdefault(kind, []).append(court)
        fallback = courts
        rng = self.rng
        made = 0
        for batch in _chunks(count, BATCH):
            rows = []
            for _ in range(batch):
                case_id, kind = cases[rng.randrange(len(cases))]
                _, court_kind, _, types = CASE_MIX[kind]
                court = rng.choice(by_kind.get(court_kind.value) or fallback)
                day = next_court_day(self.today + timedelta(days=rng.randint(-365, 365)))
                local = datetime.combine(
                    day,
                    time(
                        rng.choice((8, 9, 9, 10, 10, 11, 13, 14, 15)),
                        rng.choice((0, 0, 15, 30, 30, 45)),
                    ),
                    tzinfo=court.zone,
                )
                starts = local.astimezone(UTC)
                past = starts < self.now
                outcome = self._outcome(kind) if past else None
                rows.append(
                    {
                        "case_id": case_id,
                        "courthouse_id": court.id,
                        "courtroom": f"{rng.randint(1, 9)}{rng.choice('ABCDEFGH')}",
                        "starts_at": starts,
                        "duration_minutes": rng.choice((30, 60, 60, 90, 120)),
                        "hearing_type": rng.choice(types).value,
                        "court_kind": court_kind.value,
                        **self._appearance(rng.random()),
                        "judge": "",
                        "version": 1,
                        "status": (
                            HearingStatus.CONTINUED.value
                            if outcome is HearingOutcome.RESCHEDULED
                            else HearingStatus.HELD.value
                            if past
                            else HearingStatus.SCHEDULED.value
                        ),
                        "outcome": outcome.value if outcome else None,
                        "advisory_sent_at": (
                            starts - timedelta(days=rng.randint(2, 10))
                            if (past or rng.random() < 0.3)
                            else None
                        ),
                        "reminder_sent_at": None,
                        "notes": "",
                    }
                )
            self._insert(Hearing.__table__, rows)
            made += batch
            self.progress("hearings", made, count)
        return made

    def _appearance(self, roll: float) -> dict[str, str]:
        """About one hearing in eight by video, one in twenty hybrid; those carry fake join
        details that are plainly examples (example.test, 555-01xx numbers)."""
        if roll >= 0.17:
            return {
                "mode": AppearanceMode.IN_PERSON.value,
                **dict.fromkeys(("join_url", "join_phone", "meeting_id", "passcode"), ""),
            }
        side = self.join_rng
        number = side.randint(100_000, 999_999)
        return {
            "mode": (AppearanceMode.REMOTE if roll < 0.12 else AppearanceMode.HYBRID).value,
            "join_url": f"https://example.test/hearing/{number}",
            "join_phone": f"(303) 555-01{side.randint(0, 99):02d}",
            "meeting_id": f"555 {number // 1000:03d} {number % 1000:03d}",
            "passcode": f"{side.randint(0, 999_999):06d}",
        }

    def _outcome(self, kind: CaseKind) -> HearingOutcome:
        roll = self.rng.random()
        fear = 0.10 if kind is CaseKind.PROTECTION_ORDER else 0.03
        if roll < fear:
            return HearingOutcome.DECLINED_FEAR
        if roll < fear + 0.06:
            return HearingOutcome.FAILED_TO_APPEAR
        if roll < fear + 0.10:
            return HearingOutcome.RESCHEDULED
        if roll < fear + 0.105:
            return HearingOutcome.ARRESTED
        return HearingOutcome.APPEARED

    def _incidents(self, courts: list[_Court]) -> int:
        rows = demo_incidents.incident_rows(
            self.connection, self.rng, self.now, self.names, [(c.id, c.kinds) for c in courts]
        )
        self._insert(EnforcementIncident.__table__, rows)
        return len(rows)


def _chunks(total: int, size: int) -> Iterator[int]:
    while total > 0:
        yield min(size, total)
        total -= size
