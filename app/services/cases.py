"""Cases (matters): the client's role, the assigned staff member and the parties for conflicts."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.attributes import flag_modified

from app.domain.enums import CaseKind, CaseStatus, ClientRole, PartyKind
from app.domain.errors import UserError, ValidationError
from app.domain.field_limits import check_lengths
from app.services import audit, entity
from app.services.clients import display_name
from app.services.context import ServiceContext
from app.storage.models import CaseParty, Client, LegalCase, StaffMember

ENTITY = "legal_case"


@dataclass(frozen=True, kw_only=True)
class PartyInput:
    name: str
    kind: PartyKind = PartyKind.OPPOSING
    relationship_note: str = ""


@dataclass(frozen=True, kw_only=True)
class CaseInput:
    client_id: int
    kind: CaseKind
    client_role: ClientRole
    opened_on: date
    docket_number: str = ""
    court_name: str = ""  # as the case papers name it; filings are captioned with it
    assigned_staff_id: int | None = None
    closed_on: date | None = None
    status: CaseStatus = CaseStatus.OPEN
    notes: str = ""
    parties: tuple[PartyInput, ...] = ()


@dataclass(frozen=True, kw_only=True)
class CaseRecord(CaseInput):
    id: int
    version: int


@dataclass(frozen=True)
class CaseRow:
    id: int
    docket_number: str
    client_id: int
    client_name: str
    kind: CaseKind
    client_role: ClientRole
    status: CaseStatus
    staff_name: str
    opened_on: date
    version: int
    """As listed: a delete from the list fails if someone saved the case since."""


class CaseService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def create(self, data: CaseInput) -> CaseRecord:
        with self.ctx.uow.session() as session:
            data = _validated(session, data)
            case = LegalCase(**_columns(data))
            case.parties = [_party(p) for p in data.parties]
            entity.create(self.ctx, session, case, ENTITY)
            return _record(case)

    def update(self, case_id: int, expected_version: int, data: CaseInput) -> CaseRecord:
        with self.ctx.uow.session() as session:
            data = _validated(session, data)
            case = entity.fetch_for_update(session, LegalCase, case_id, expected_version, "case")
            if tuple(_party_input(p) for p in case.parties) != data.parties:
                case.parties = [_party(p) for p in data.parties]
                audit.record(
                    session,
                    actor=self.ctx.actor,
                    at=self.ctx.now(),
                    entity=ENTITY,
                    entity_id=case.id,
                    action="update",
                    changes={"parties": ["…", ", ".join(p.name for p in data.parties)]},
                )
                flag_modified(case, "docket_number")  # bumps the version like any edit
            entity.update(self.ctx, session, case, _columns(data), ENTITY)
            return _record(case)

    def get(self, case_id: int) -> CaseRecord:
        with self.ctx.uow.read() as session:
            case = session.execute(
                select(LegalCase)
                .options(selectinload(LegalCase.parties))
                .where(LegalCase.id == case_id)
            ).scalar_one_or_none()
            if case is None:
                entity.fetch(session, LegalCase, case_id, "case")
            assert case is not None
            return _record(case)

    def delete(self, case_id: int, expected_version: int) -> None:
        try:
            with self.ctx.uow.session() as session:
                case = entity.fetch_for_update(
                    session, LegalCase, case_id, expected_version, "case"
                )
                entity.delete(self.ctx, session, case, ENTITY)
        except IntegrityError:
            raise UserError("This case is still referenced elsewhere.") from None

    def find(
        self, *, client_id: int | None = None, search: str = "", limit: int = 500, offset: int = 0
    ) -> list[CaseRow]:
        query = (
            select(
                LegalCase.id,
                LegalCase.docket_number,
                Client.id,
                Client.given_name,
                Client.family_name,
                Client.preferred_name,
                LegalCase.kind,
                LegalCase.client_role,
                LegalCase.status,
                StaffMember.name,
                LegalCase.opened_on,
                LegalCase.version,
            )
            .join(Client, Client.id == LegalCase.client_id)
            .outerjoin(StaffMember, StaffMember.id == LegalCase.assigned_staff_id)
            .order_by(LegalCase.opened_on.desc(), LegalCase.id.desc())
        )
        if client_id is not None:
            query = query.where(LegalCase.client_id == client_id)
        if search.strip():
            query = query.where(LegalCase.docket_number.like(f"%{search.strip()}%"))
        with self.ctx.uow.read() as session:
            return [
                CaseRow(
                    r[0],
                    r[1],
                    r[2],
                    display_name(r[3], r[4], r[5]),
                    r[6],
                    r[7],
                    r[8],
                    r[9] or "",
                    r[10],
                    r[11],
                )
                for r in session.connection().execute(query.limit(limit).offset(offset))
            ]

    def history(self, case_id: int) -> list[audit.AuditRow]:
        with self.ctx.uow.read() as session:
            return audit.history(session, ENTITY, case_id)


def _validated(session: Session, data: CaseInput) -> CaseInput:
    problems: dict[str, str] = {}
    check_lengths(problems, "case", vars(data))
    if session.get(Client, data.client_id) is None:
        problems["client_id"] = f"there is no client with id {data.client_id}"
    if (
        data.assigned_staff_id is not None
        and session.get(StaffMember, data.assigned_staff_id) is None
    ):
        problems["assigned_staff_id"] = f"there is no staff member with id {data.assigned_staff_id}"
    if data.closed_on is not None and data.closed_on < data.opened_on:
        problems["closed_on"] = "a case cannot close before it opens"
    for index, party in enumerate(data.parties, start=1):
        if not party.name.strip():
            problems[f"parties[{index}].name"] = "a party needs a name"
        check_lengths(problems, "case_party", vars(party), f"parties[{index}].")
    if problems:
        raise ValidationError(problems)
    return replace(
        data,
        docket_number=data.docket_number.strip(),
        court_name=" ".join(data.court_name.split()),
        parties=tuple(replace(p, name=p.name.strip()) for p in data.parties),
    )


def _columns(data: CaseInput | LegalCase) -> dict[str, Any]:
    return {name: getattr(data, name) for name in entity.column_names(LegalCase)}


def _party(item: PartyInput) -> CaseParty:
    return CaseParty(name=item.name, kind=item.kind, relationship_note=item.relationship_note)


def _party_input(row: CaseParty) -> PartyInput:
    return PartyInput(name=row.name, kind=row.kind, relationship_note=row.relationship_note)


def _record(case: LegalCase) -> CaseRecord:
    return CaseRecord(
        id=case.id,
        version=case.version,
        parties=tuple(_party_input(p) for p in case.parties),
        **_columns(case),
    )
