"""Staff members: who is assigned to cases and who signs letters."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from app.domain.enums import StaffRole
from app.domain.validation import require
from app.services.simple_entity import SimpleEntityService
from app.storage.models import StaffMember


@dataclass(frozen=True, kw_only=True)
class StaffInput:
    name: str
    role: StaffRole
    bar_number: str = ""
    email: str = ""
    active: bool = True


@dataclass(frozen=True, kw_only=True)
class StaffRecord(StaffInput):
    id: int
    version: int


class StaffService(SimpleEntityService[StaffInput, StaffRecord]):
    model = StaffMember
    record_type = StaffRecord
    entity = "staff_member"
    label = "staff member"

    def problems(self, data: StaffInput) -> dict[str, str]:
        problems: dict[str, str] = {}
        require(problems, "name", data.name, "Name")
        if data.email and "@" not in data.email:
            problems["email"] = "an e-mail address needs an @"
        return problems

    def find(self, *, active_only: bool = False) -> list[StaffRecord]:
        with self.ctx.uow.read() as session:
            query = select(StaffMember).order_by(StaffMember.name)
            if active_only:
                query = query.where(StaffMember.active.is_(True))
            return [self._record(s) for s in session.execute(query).scalars()]
