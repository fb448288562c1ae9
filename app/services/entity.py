"""The create / update / delete steps every entity service shares: lookup, version check, audit."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from app.domain.errors import ConflictError, NotFoundError
from app.services import audit
from app.services.context import ServiceContext
from app.storage.models import Base
from app.storage.unit_of_work import CONFLICT_MESSAGE

M = TypeVar("M", bound=Base)


def column_names(model: type[Base]) -> list[str]:
    return [c.key for c in model.__table__.columns if c.key not in ("id", "version")]


def fetch(session: Session, model: type[M], entity_id: int, label: str) -> M:
    obj = session.get(model, entity_id)
    if obj is None:
        raise NotFoundError(f"There is no {label} with id {entity_id}.")
    return obj


def fetch_for_update(
    session: Session, model: type[M], entity_id: int, expected_version: int | None, label: str
) -> M:
    """The row to change, refusing if another desk saved it since the user loaded it."""
    obj = fetch(session, model, entity_id, label)
    if expected_version is not None and getattr(obj, "version", None) != expected_version:
        raise ConflictError(CONFLICT_MESSAGE)
    return obj


def create(ctx: ServiceContext, session: Session, obj: M, entity: str) -> M:
    session.add(obj)
    session.flush()
    fields = column_names(type(obj))
    audit.record(
        session,
        actor=ctx.actor,
        at=ctx.now(),
        entity=entity,
        entity_id=int(getattr(obj, "id")),  # noqa: B009 - every audited model has an id
        action="create",
        changes=audit.diff(
            {}, _filled(audit.snapshot(obj, fields)), audit.sensitive_columns(type(obj))
        ),
    )
    return obj


def update(
    ctx: ServiceContext, session: Session, obj: M, values: Mapping[str, Any], entity: str
) -> dict[str, list[Any]]:
    fields = list(values)
    before = audit.snapshot(obj, fields)
    for name, value in values.items():
        setattr(obj, name, value)
    after = audit.snapshot(obj, fields)
    changes = audit.diff(before, after, audit.sensitive_columns(type(obj)))
    if changes:
        audit.record(
            session,
            actor=ctx.actor,
            at=ctx.now(),
            entity=entity,
            entity_id=int(getattr(obj, "id")),  # noqa: B009
            action="update",
            changes=changes,
        )
        session.flush()
    return changes


def delete(ctx: ServiceContext, session: Session, obj: Base, entity: str) -> None:
    entity_id = int(getattr(obj, "id"))  # noqa: B009
    session.delete(obj)
    session.flush()
    audit.record(
        session,
        actor=ctx.actor,
        at=ctx.now(),
        entity=entity,
        entity_id=entity_id,
        action="delete",
        changes={},
    )


def _filled(values: dict[str, Any]) -> dict[str, Any]:
    """A new record's audit lists the fields that were filled in, not every empty default."""
    return {name: value for name, value in values.items() if value not in (None, "", False)}
