"""Courthouses: where hearings happen, which ICE field office covers them, what was seen there."""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import func, select

from app.domain.enums import CourtKind
from app.domain.field_limits import check_lengths
from app.domain.validation import check_state, check_time_zone, require
from app.services.simple_entity import SimpleEntityService
from app.storage.models import Courthouse, EnforcementIncident


@dataclass(frozen=True, kw_only=True)
class CourthouseInput:
    name: str
    court_kinds: str = ""  # comma-separated CourtKind values
    address: str = ""
    city: str = ""
    state: str = ""
    postal_code: str = ""
    time_zone: str = "America/Denver"
    ice_field_office_key: str = ""
    screened_entry: bool = True
    notes: str = ""

    @property
    def kinds(self) -> tuple[CourtKind, ...]:
        return parse_kinds(self.court_kinds)


@dataclass(frozen=True, kw_only=True)
class CourthouseRecord(CourthouseInput):
    id: int
    version: int
    reference_key: str | None = None


@dataclass(frozen=True)
class CourthouseRow:
    id: int
    name: str
    city: str
    state: str
    court_kinds: str
    incident_count: int
    version: int
    """As listed: a delete from the list fails if someone saved the courthouse since."""


def parse_kinds(text: str) -> tuple[CourtKind, ...]:
    return tuple(CourtKind(part.strip()) for part in text.split(",") if part.strip())


class CourthouseService(SimpleEntityService[CourthouseInput, CourthouseRecord]):
    model = Courthouse
    record_type = CourthouseRecord
    entity = "courthouse"
    label = "courthouse"
    in_use_message = "Hearings are still scheduled at this courthouse; move them first."

    def problems(self, data: CourthouseInput) -> dict[str, str]:
        problems: dict[str, str] = {}
        require(problems, "name", data.name, "Name")
        check_lengths(problems, "courthouse", vars(data))
        check_state(problems, "state", data.state.strip().upper())
        check_time_zone(problems, "time_zone", data.time_zone)
        try:
            parse_kinds(data.court_kinds)
        except ValueError:
            problems["court_kinds"] = "choose court kinds from the list"
        return problems

    def normalised(self, data: CourthouseInput) -> CourthouseInput:
        return replace(data, name=data.name.strip(), state=data.state.strip().upper())

    def before_update(self, obj: Courthouse) -> None:
        if obj.reference_key:
            obj.office_edited = True  # reference updates must keep the office's correction

    def find(self, search: str = "") -> list[CourthouseRow]:
        incidents = (
            select(EnforcementIncident.courthouse_id, func.count().label("n"))
            .group_by(EnforcementIncident.courthouse_id)
            .subquery()
        )
        query = (
            select(
                Courthouse.id,
                Courthouse.name,
                Courthouse.city,
                Courthouse.state,
                Courthouse.court_kinds,
                func.coalesce(incidents.c.n, 0),
                Courthouse.version,
            )
            .outerjoin(incidents, incidents.c.courthouse_id == Courthouse.id)
            .order_by(Courthouse.state, Courthouse.city, Courthouse.name)
        )
        if search.strip():
            like = f"%{search.strip().lower()}%"
            query = query.where(
                func.lower(Courthouse.name).like(like) | func.lower(Courthouse.city).like(like)
            )
        with self.ctx.uow.read() as session:
            return [CourthouseRow(*row) for row in session.connection().execute(query)]
