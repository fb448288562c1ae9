"""A service for entities that are one row each: staff, courthouses, hearings, incidents.

Each concrete service names its model, its input and record dataclasses and its checks; the steps
(validate, create, update with a version check, delete, get, audit) are the same for all of them.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any, ClassVar, Generic, TypeVar

from sqlalchemy.exc import IntegrityError

from app.domain.errors import UserError, ValidationError
from app.services import audit, entity
from app.services.context import ServiceContext
from app.storage.models import Base

I = TypeVar("I")  # noqa: E741 - input dataclass
R = TypeVar("R")  # record dataclass


class SimpleEntityService(Generic[I, R]):
    model: ClassVar[type[Base]]
    record_type: ClassVar[type[Any]]
    entity: ClassVar[str]
    label: ClassVar[str]
    in_use_message: ClassVar[str] = "This record is still in use and cannot be deleted."

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def problems(self, data: I) -> dict[str, str]:
        """Every problem with `data`, by field name; empty when it can be saved."""
        return {}

    def normalised(self, data: I) -> I:
        return data

    def before_update(self, obj: Any) -> None:
        """A hook for changes that go with every edit, in the same transaction."""

    def create(self, data: I) -> R:
        data = self._validated(data)
        with self.ctx.uow.session() as session:
            obj = self.model(**_values(data))
            entity.create(self.ctx, session, obj, self.entity)
            return self._record(obj)

    def update(self, entity_id: int, expected_version: int, data: I) -> R:
        data = self._validated(data)
        with self.ctx.uow.session() as session:
            obj = entity.fetch_for_update(
                session, self.model, entity_id, expected_version, self.label
            )
            self.before_update(obj)
            entity.update(self.ctx, session, obj, _values(data), self.entity)
            return self._record(obj)

    def get(self, entity_id: int) -> R:
        with self.ctx.uow.read() as session:
            return self._record(entity.fetch(session, self.model, entity_id, self.label))

    def delete(self, entity_id: int, expected_version: int) -> None:
        try:
            with self.ctx.uow.session() as session:
                obj = entity.fetch_for_update(
                    session, self.model, entity_id, expected_version, self.label
                )
                entity.delete(self.ctx, session, obj, self.entity)
        except IntegrityError:
            raise UserError(self.in_use_message) from None

    def history(self, entity_id: int) -> list[audit.AuditRow]:
        with self.ctx.uow.read() as session:
            return audit.history(session, self.entity, entity_id)

    def _validated(self, data: I) -> I:
        problems = self.problems(data)
        if problems:
            raise ValidationError(problems)
        return self.normalised(data)

    def _record(self, obj: Base) -> R:
        names = {f.name for f in fields(self.record_type)}
        return self.record_type(**{name: getattr(obj, name) for name in names})  # type: ignore[no-any-return]


def _values(data: Any) -> dict[str, Any]:
    return {f.name: getattr(data, f.name) for f in fields(data)}
