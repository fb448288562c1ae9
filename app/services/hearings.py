"""Hearings: every court date, stored in UTC and shown in the courthouse's time zone."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any, NamedTuple

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from app.domain.enums import (
    AppearanceMode,
    CourtKind,
    HearingOutcome,
    HearingStatus,
    HearingType,
)
from app.domain.field_limits import check_lengths
from app.domain.hearing_kinds import court_kind_problem, hearing_type_problem
from app.domain.validation import check_join_details, check_join_url
from app.services import entity
from app.services.clients import display_name
from app.services.courthouses import parse_kinds
from app.services.simple_entity import SimpleEntityService
from app.storage.models import Client, Courthouse, Hearing, LegalCase, StaffMember


@dataclass(frozen=True, kw_only=True)
class HearingInput:
    case_id: int
    courthouse_id: int
    starts_at: datetime
    hearing_type: HearingType
    court_kind: CourtKind
    courtroom: str = ""
    duration_minutes: int = 60
    mode: AppearanceMode = AppearanceMode.IN_PERSON
    judge: str = ""
    status: HearingStatus = HearingStatus.SCHEDULED
    outcome: HearingOutcome | None = None
    advisory_sent_at: datetime | None = None
    reminder_sent_at: datetime | None = None
    notes: str = ""
    # How to join a remote or hybrid hearing (sensitive: kept out of the audit and of exports).
    join_url: str = ""
    join_phone: str = ""
    meeting_id: str = ""
    passcode: str = ""

    @property
    def joins_remotely(self) -> bool:
        return self.mode in REMOTE_MODES


@dataclass(frozen=True, kw_only=True)
class HearingRecord(HearingInput):
    id: int
    version: int


REMOTE_MODES = frozenset({AppearanceMode.REMOTE, AppearanceMode.HYBRID})
JOIN_FIELDS = ("join_url", "join_phone", "meeting_id", "passcode")


class HearingRow(NamedTuple):
    """A hearing as list screens, the risk service and the CLI show it.

    A named tuple rather than a dataclass: the Upcoming view builds tens of thousands at a time.
    """

    id: int
    version: int
    starts_at: datetime
    time_zone: str
    client_id: int
    client_name: str
    case_id: int
    docket_number: str
    courthouse_id: int
    courthouse: str
    courtroom: str
    hearing_type: HearingType
    court_kind: CourtKind
    mode: AppearanceMode
    status: HearingStatus
    outcome: HearingOutcome | None
    advisory_sent_at: datetime | None
    staff_name: str


LIST_COLUMNS = (
    Hearing.id,
    Hearing.version,
    Hearing.starts_at,
    Courthouse.time_zone,
    Client.id,
    Client.given_name,
    Client.family_name,
    Client.preferred_name,
    LegalCase.id,
    LegalCase.docket_number,
    Courthouse.id,
    Courthouse.name,
    Hearing.courtroom,
    Hearing.hearing_type,
    Hearing.court_kind,
    Hearing.mode,
    Hearing.status,
    Hearing.outcome,
    Hearing.advisory_sent_at,
    StaffMember.name,
)


def list_query(*columns: Any) -> Select[*tuple[Any, ...]]:
    """Hearings joined to what a list line needs; callers add the window and the order."""
    return (
        select(*(columns or LIST_COLUMNS))
        .join(LegalCase, LegalCase.id == Hearing.case_id)
        .join(Client, Client.id == LegalCase.client_id)
        .join(Courthouse, Courthouse.id == Hearing.courthouse_id)
        .outerjoin(StaffMember, StaffMember.id == LegalCase.assigned_staff_id)
    )


def row_from(r: Any) -> HearingRow:
    return HearingRow(
        r[0],
        r[1],
        r[2],
        r[3],
        r[4],
        display_name(r[5], r[6], r[7]),
        r[8],
        r[9],
        r[10],
        r[11],
        r[12],
        r[13],
        r[14],
        r[15],
        r[16],
        r[17],
        r[18],
        r[19] or "",
    )


class HearingService(SimpleEntityService[HearingInput, HearingRecord]):
    model = Hearing
    record_type = HearingRecord
    entity = "hearing"
    label = "hearing"

    def problems(self, data: HearingInput) -> dict[str, str]:
        problems: dict[str, str] = {}
        if data.starts_at.tzinfo is None:
            problems["starts_at"] = "the start time needs a time zone"
        if data.duration_minutes <= 0:
            problems["duration_minutes"] = "the hearing must end after it starts"
        elif data.duration_minutes > 24 * 60 * 14:
            problems["duration_minutes"] = "a hearing cannot last more than 14 days"
        check_lengths(problems, "hearing", vars(data))
        check_join_details(
            problems, data.joins_remotely, {name: getattr(data, name) for name in JOIN_FIELDS}
        )
        if data.joins_remotely:
            check_join_url(problems, "join_url", data.join_url)
        wrong_type = hearing_type_problem(data.court_kind, data.hearing_type)
        if wrong_type is not None:
            problems["hearing_type"] = wrong_type
        with self.ctx.uow.read() as session:
            _check_references(session, data, problems)
        return problems

    def normalised(self, data: HearingInput) -> HearingInput:
        join = {name: getattr(data, name).strip() for name in JOIN_FIELDS}
        return replace(data, courtroom=data.courtroom.strip(), judge=data.judge.strip(), **join)

    def between(
        self, start: datetime, end: datetime, *, limit: int | None = None, offset: int = 0
    ) -> list[HearingRow]:
        query = (
            list_query()
            .where(Hearing.starts_at >= start, Hearing.starts_at < end)
            .order_by(Hearing.starts_at, Hearing.id)
            .offset(offset)
        )
        if limit is not None:
            query = query.limit(limit)
        with self.ctx.uow.read() as session:
            return [row_from(r) for r in session.connection().execute(query)]

    def for_client(self, client_id: int) -> list[HearingRow]:
        query = list_query().where(Client.id == client_id).order_by(Hearing.starts_at.desc())
        with self.ctx.uow.read() as session:
            return [row_from(r) for r in session.connection().execute(query)]

    def mark_advisory_sent(self, hearing_id: int, expected_version: int | None = None) -> None:
        self._set(hearing_id, expected_version, advisory_sent_at=self.ctx.now())

    def mark_reminder_sent(self, hearing_id: int, expected_version: int | None = None) -> None:
        self._set(hearing_id, expected_version, reminder_sent_at=self.ctx.now())

    def record_outcome(
        self, hearing_id: int, expected_version: int | None, outcome: HearingOutcome
    ) -> None:
        status = {
            HearingOutcome.RESCHEDULED: HearingStatus.CONTINUED,
        }.get(outcome, HearingStatus.HELD)
        self._set(hearing_id, expected_version, outcome=outcome, status=status)

    def _set(self, hearing_id: int, expected_version: int | None, **values: Any) -> None:
        with self.ctx.uow.session() as session:
            hearing = entity.fetch_for_update(
                session, Hearing, hearing_id, expected_version, "hearing"
            )
            entity.update(self.ctx, session, hearing, values, self.entity)


def _check_references(session: Session, data: HearingInput, problems: dict[str, str]) -> None:
    if session.get(LegalCase, data.case_id) is None:
        problems["case_id"] = f"there is no case with id {data.case_id}"
    courthouse = session.get(Courthouse, data.courthouse_id)
    if courthouse is None:
        problems["courthouse_id"] = f"there is no courthouse with id {data.courthouse_id}"
        return
    wrong_court = court_kind_problem(
        data.court_kind, courthouse.name, parse_kinds(courthouse.court_kinds)
    )
    if wrong_court is not None:
        problems["court_kind"] = wrong_court


def window(start: datetime, days: int) -> tuple[datetime, datetime]:
    return start, start + timedelta(days=days)
