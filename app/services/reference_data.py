"""Reference lists shipped in resources/: ICE field offices and the immigration courts.

Loaded into every new database and refreshed when a newer CourtSafe ships newer lists, without
clobbering the office's own corrections: a row the office edited (`office_edited`) is left alone.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.enums import CourtKind
from app.paths import resources_dir
from app.services.context import ServiceContext
from app.storage.models import Courthouse, IceFieldOffice


@dataclass(frozen=True)
class ReferenceUpdate:
    added: int
    updated: int
    kept_office_edits: int


@dataclass(frozen=True)
class FieldOfficeRow:
    key: str
    name: str
    director_title: str
    address: str
    city: str
    state: str
    postal_code: str
    area_states: tuple[str, ...]


def _load(name: str) -> dict[str, Any]:
    path: Path = resources_dir() / "reference" / name
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def field_office_values(item: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": item["name"],
        "director_title": item.get("director_title") or "Field Office Director",
        "address": item.get("street", ""),
        "city": item.get("city", ""),
        "state": item.get("state", ""),
        "postal_code": item.get("zip", ""),
        "area_states": ",".join(item.get("states", [])),
    }


def immigration_court_values(item: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": item["name"],
        "court_kinds": CourtKind.IMMIGRATION.value,
        "address": item.get("street", ""),
        "city": item.get("city", ""),
        "state": item.get("state", ""),
        "postal_code": item.get("zip", ""),
        "time_zone": item.get("time_zone", "America/New_York"),
        "ice_field_office_key": item.get("ice_field_office", ""),
        "screened_entry": True,
    }


class ReferenceDataService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def refresh(self) -> ReferenceUpdate:
        offices = _load("ice_field_offices.json")["field_offices"]
        courts = _load("immigration_courts.json")["immigration_courts"]
        with self.ctx.uow.session() as session:
            first = _merge(session, IceFieldOffice, offices, field_office_values)
            second = _merge(
                session, Courthouse, courts, immigration_court_values, key_prefix="eoir:"
            )
        return ReferenceUpdate(
            first.added + second.added,
            first.updated + second.updated,
            first.kept_office_edits + second.kept_office_edits,
        )

    def field_offices(self) -> list[FieldOfficeRow]:
        with self.ctx.uow.read() as session:
            rows = session.execute(select(IceFieldOffice).order_by(IceFieldOffice.name)).scalars()
            return [
                FieldOfficeRow(
                    r.reference_key,
                    r.name,
                    r.director_title,
                    r.address,
                    r.city,
                    r.state,
                    r.postal_code,
                    tuple(filter(None, r.area_states.split(","))),
                )
                for r in rows
            ]


def _merge(
    session: Session,
    model: Any,
    items: list[dict[str, Any]],
    values_of: Any,
    key_prefix: str = "",
) -> ReferenceUpdate:
    existing: dict[str, Any] = {
        row.reference_key: row
        for row in session.execute(select(model).where(model.reference_key.is_not(None))).scalars()
    }
    added = updated = kept = 0
    row: Any
    for item in items:
        key = key_prefix + item["id"]
        values = values_of(item)
        row = existing.get(key)
        if row is None:
            session.add(model(reference_key=key, **values))
            added += 1
        elif row.office_edited:
            kept += 1
        elif any(getattr(row, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(row, name, value)
            updated += 1
    return ReferenceUpdate(added, updated, kept)
