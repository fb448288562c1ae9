"""The audit trail: who changed what, when, old -> new, with sensitive values masked.

Masking follows the `sensitive` mark on the model's columns, so a new sensitive column is masked
without touching this module.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.storage.models import AuditEvent, Base

MASK = "•••"


@dataclass(frozen=True)
class AuditRow:
    at: datetime
    actor: str
    entity: str
    entity_id: int
    action: str
    changes: dict[str, list[Any]]


def plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    return value


def sensitive_columns(model: type[Base]) -> frozenset[str]:
    return frozenset(c.key for c in model.__table__.columns if c.info.get("sensitive"))


def snapshot(obj: Base, fields: Iterable[str]) -> dict[str, Any]:
    return {name: plain(getattr(obj, name)) for name in fields}


def diff(
    before: Mapping[str, Any], after: Mapping[str, Any], sensitive: frozenset[str]
) -> dict[str, list[Any]]:
    changes: dict[str, list[Any]] = {}
    for name in sorted(set(before) | set(after)):
        old, new = before.get(name), after.get(name)
        if old != new:
            changes[name] = [MASK, MASK] if name in sensitive else [old, new]
    return changes


def record(
    session: Session,
    *,
    actor: str,
    at: datetime,
    entity: str,
    entity_id: int,
    action: str,
    changes: Mapping[str, list[Any]],
) -> None:
    session.add(
        AuditEvent(
            at=at,
            actor=actor,
            entity=entity,
            entity_id=entity_id,
            action=action,
            changes=json.dumps(changes, ensure_ascii=False, sort_keys=True),
        )
    )


def history(session: Session, entity: str, entity_id: int, limit: int = 200) -> list[AuditRow]:
    rows = session.execute(
        select(AuditEvent)
        .where(AuditEvent.entity == entity, AuditEvent.entity_id == entity_id)
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        .limit(limit)
    ).scalars()
    return [
        AuditRow(r.at, r.actor, r.entity, r.entity_id, r.action, json.loads(r.changes))
        for r in rows
    ]
