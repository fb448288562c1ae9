"""Staff members: who is assigned to cases and who signs letters."""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import select

from app.domain.enums import StaffRole
from app.domain.field_limits import check_lengths
from app.domain.us_states import NAMES as STATE_NAMES
from app.domain.validation import require
from app.services.simple_entity import SimpleEntityService
from app.storage.models import StaffMember


@dataclass(frozen=True, kw_only=True)
class StaffInput:
    name: str
    role: StaffRole
    bar_number: str = ""
    bar_state: str = ""  # two-letter state of the bar that issued the number, e.g. "CO"
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

    def normalised(self, data: StaffInput) -> StaffInput:
        return replace(data, bar_state=data.bar_state.strip().upper())

    def problems(self, data: StaffInput) -> dict[str, str]:
        problems: dict[str, str] = {}
        require(problems, "name", data.name, "Name")
        check_lengths(problems, "staff", vars(data))
        if data.bar_state and not is_state_code(data.bar_state):
            problems["bar_state"] = "the bar's state is a two-letter code such as CO"
        if data.bar_number and not data.bar_state and data.role is StaffRole.ATTORNEY:
            problems["bar_state"] = "say which state's bar issued the number, e.g. CO"
        if data.email and "@" not in data.email:
            problems["email"] = "an e-mail address needs an @"
        return problems

    def find(self, *, active_only: bool = False) -> list[StaffRecord]:
        with self.ctx.uow.read() as session:
            query = select(StaffMember).order_by(StaffMember.name)
            if active_only:
                query = query.where(StaffMember.active.is_(True))
            return [self._record(s) for s in session.execute(query).scalars()]


def is_state_code(code: str) -> bool:
    return code.strip().upper() in STATE_NAMES
