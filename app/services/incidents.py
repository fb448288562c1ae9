"""The incident log: ICE activity the office has seen at or near courthouses and schools.

No public row-level data set of courthouse arrests exists; this log is the office's own evidence,
used by the risk flags and cited in coalition letters.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import select

from app.domain.enums import IncidentSource, LocationKind
from app.domain.field_limits import check_lengths
from app.domain.validation import check_state, require
from app.services.simple_entity import SimpleEntityService
from app.storage.models import Courthouse, EnforcementIncident


@dataclass(frozen=True, kw_only=True)
class IncidentInput:
    occurred_at: datetime
    location_kind: LocationKind
    summary: str
    source: IncidentSource
    courthouse_id: int | None = None
    location_text: str = ""
    city: str = ""
    state: str = ""
    agency: str = "ICE"
    people_arrested: int = 0
    markings: str = ""
    verified: bool = False


@dataclass(frozen=True, kw_only=True)
class IncidentRecord(IncidentInput):
    id: int
    version: int


@dataclass(frozen=True)
class IncidentRow:
    id: int
    occurred_at: datetime
    place: str
    city: str
    state: str
    location_kind: LocationKind
    summary: str
    source: IncidentSource
    verified: bool
    courthouse_id: int | None
    markings: str
    people_arrested: int
    version: int
    """As listed: a delete from the list fails if someone saved the incident since."""


class IncidentService(SimpleEntityService[IncidentInput, IncidentRecord]):
    model = EnforcementIncident
    record_type = IncidentRecord
    entity = "enforcement_incident"
    label = "incident"

    def problems(self, data: IncidentInput) -> dict[str, str]:
        problems: dict[str, str] = {}
        require(problems, "summary", data.summary, "What happened")
        check_lengths(problems, "incident", vars(data))
        if data.occurred_at.tzinfo is None:
            problems["occurred_at"] = "the time needs a time zone"
        elif data.occurred_at > self.ctx.now():
            problems["occurred_at"] = "an incident cannot be in the future"
        if data.people_arrested < 0:
            problems["people_arrested"] = "cannot be negative"
        check_state(problems, "state", data.state.strip().upper())
        if data.courthouse_id is None and not (data.location_text.strip() or data.city.strip()):
            problems["location_text"] = "choose a courthouse or describe the place"
        if data.courthouse_id is not None:
            with self.ctx.uow.read() as session:
                if session.get(Courthouse, data.courthouse_id) is None:
                    problems["courthouse_id"] = (
                        f"there is no courthouse with id {data.courthouse_id}"
                    )
        return problems

    def normalised(self, data: IncidentInput) -> IncidentInput:
        if data.courthouse_id is not None and not data.city:
            with self.ctx.uow.read() as session:
                courthouse = session.get(Courthouse, data.courthouse_id)
                if courthouse is not None:
                    data = replace(data, city=courthouse.city, state=courthouse.state)
        return replace(data, state=data.state.strip().upper(), summary=data.summary.strip())

    def find(
        self,
        start: datetime | None = None,
        end: datetime | None = None,
        courthouse_id: int | None = None,
    ) -> list[IncidentRow]:
        query = (
            select(EnforcementIncident, Courthouse.name)
            .outerjoin(Courthouse, Courthouse.id == EnforcementIncident.courthouse_id)
            .order_by(EnforcementIncident.occurred_at.desc())
        )
        if start is not None:
            query = query.where(EnforcementIncident.occurred_at >= start)
        if end is not None:
            query = query.where(EnforcementIncident.occurred_at < end)
        if courthouse_id is not None:
            query = query.where(EnforcementIncident.courthouse_id == courthouse_id)
        with self.ctx.uow.read() as session:
            return [
                IncidentRow(
                    i.id,
                    i.occurred_at,
                    _place(i.location_text, name),
                    i.city,
                    i.state,
                    i.location_kind,
                    i.summary,
                    i.source,
                    i.verified,
                    i.courthouse_id,
                    i.markings,
                    i.people_arrested,
                    i.version,
                )
                for i, name in session.execute(query)
            ]


def _place(location_text: str, courthouse_name: str | None) -> str:
    if courthouse_name and location_text:
        return f"{courthouse_name} ({location_text})"
    return courthouse_name or location_text
