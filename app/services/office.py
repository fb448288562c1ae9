"""The office itself (one row) and office-wide settings kept in the database.

Settings that every desk of a shared server must agree on (risk weights, backup policy) live here;
per-desk preferences (window geometry, last page) stay in the desk's own settings file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from app.domain.errors import ValidationError
from app.domain.validation import check_state, check_time_zone, require
from app.services import audit, entity
from app.services.context import ServiceContext
from app.storage.models import Office, OfficeSetting


@dataclass(frozen=True, kw_only=True)
class OfficeInput:
    name: str
    address: str = ""
    phone: str = ""
    email: str = ""
    state: str = ""
    time_zone: str = "America/Denver"
    default_languages: str = "en,es"
    letterhead_logo: bytes | None = None


@dataclass(frozen=True, kw_only=True)
class OfficeRecord(OfficeInput):
    id: int
    version: int


class OfficeService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def get(self) -> OfficeRecord | None:
        with self.ctx.uow.read() as session:
            office = session.execute(select(Office).order_by(Office.id).limit(1)).scalar()
            return _record(office) if office is not None else None

    def save(self, data: OfficeInput, expected_version: int | None = None) -> OfficeRecord:
        problems: dict[str, str] = {}
        require(problems, "name", data.name, "The office name")
        check_state(problems, "state", data.state)
        check_time_zone(problems, "time_zone", data.time_zone)
        if problems:
            raise ValidationError(problems)
        values = {name: getattr(data, name) for name in entity.column_names(Office)}
        with self.ctx.uow.session() as session:
            office = session.execute(select(Office).order_by(Office.id).limit(1)).scalar()
            if office is None:
                office = entity.create(self.ctx, session, Office(**values), "office")
            else:
                office = entity.fetch_for_update(
                    session, Office, office.id, expected_version, "office"
                )
                entity.update(self.ctx, session, office, values, "office")
            return _record(office)

    def setting(self, key: str, default: Any = None) -> Any:
        with self.ctx.uow.read() as session:
            row = session.get(OfficeSetting, key)
            return json.loads(row.value) if row is not None else default

    def set_setting(self, key: str, value: Any) -> None:
        text = json.dumps(value, sort_keys=True)
        with self.ctx.uow.session() as session:
            row = session.get(OfficeSetting, key)
            if row is None:
                session.add(OfficeSetting(key=key, value=text))
                old: Any = None
            else:
                old = json.loads(row.value)
                row.value = text
            audit.record(
                session,
                actor=self.ctx.actor,
                at=self.ctx.now(),
                entity="setting",
                entity_id=0,
                action="update",
                changes={key: [old, value]},
            )

    def delete_setting(self, key: str) -> None:
        with self.ctx.uow.session() as session:
            row = session.get(OfficeSetting, key)
            if row is None:
                return
            old = json.loads(row.value)
            session.delete(row)
            audit.record(
                session,
                actor=self.ctx.actor,
                at=self.ctx.now(),
                entity="setting",
                entity_id=0,
                action="delete",
                changes={key: [old, None]},
            )


def _record(office: Office) -> OfficeRecord:
    values = {name: getattr(office, name) for name in entity.column_names(Office)}
    return OfficeRecord(id=office.id, version=office.version, **values)
