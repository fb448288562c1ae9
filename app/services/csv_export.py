"""CSV export of any list, in the same columns the importer reads (a round trip loses nothing).

Safe for spreadsheets: a cell starting with `=`, `+`, `-`, `@`, tab or carriage return gets a
leading apostrophe so Excel or LibreOffice shows it as text instead of running it (the importer
removes that apostrophe again). Columns marked sensitive in the models are left out unless the
user asks for them. The file is UTF-8 with a BOM, so Excel shows accents correctly, and it is
written to a temporary file and renamed, so a reader never sees half of it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from enum import Enum
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from app.services.atomic_files import replacing
from app.services.context import ServiceContext
from app.services.csv_import_commit import MODELS
from app.services.csv_import_fields import FieldSpec, fields_of
from app.storage.models import (
    CaseParty,
    Client,
    Courthouse,
    EnforcementIncident,
    Hearing,
    LegalCase,
    Office,
    StaffMember,
)

FORMULA_START = "=+-@\t\r"
SKIPPED = frozenset({"client_name"})  # import-only conveniences


def safe_cell(value: Any) -> str:
    """A CSV cell a spreadsheet will not run as a formula (=, +, -, @, tab, carriage return)."""
    text = "" if value is None else str(value)
    if text and text[0] in FORMULA_START:
        return "'" + text
    return text


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: int
    columns: tuple[str, ...]


def export_fields(kind: str, include_sensitive: bool) -> list[FieldSpec]:
    """The kind's columns, without the sensitive ones unless asked (the models' marks decide)."""
    model = MODELS[kind][0]
    marked = {c.key for c in model.__table__.columns if c.info.get("sensitive")}
    chosen = []
    for spec in fields_of(kind):
        if spec.key in SKIPPED:
            continue
        sensitive = spec.sensitive or spec.key in marked
        if sensitive and not include_sensitive:
            continue
        chosen.append(spec)
    return chosen


class CsvExportService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def export(self, kind: str, path: Path, *, include_sensitive: bool = False) -> ExportResult:
        specs = export_fields(kind, include_sensitive)
        with self.ctx.uow.read() as session:
            rows = _ROWS[kind](session)
            count = write_csv_atomically(
                Path(path), [s.header for s in specs], ([r.get(s.key) for s in specs] for r in rows)
            )
        return ExportResult(Path(path), count, tuple(s.header for s in specs))


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return str(value)


def write_csv_atomically(
    path: Path, header: Sequence[str], rows: Iterator[Sequence[Any]] | Sequence[Sequence[Any]]
) -> int:
    count = 0
    with replacing(path, "w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow([safe_cell(h) for h in header])
        for row in rows:
            writer.writerow([safe_cell(cell_text(v)) for v in row])
            count += 1
    return count


def csv_text(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """The same cells as a string (clipboard, tests)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow([safe_cell(cell_text(v)) for v in row])
    return out.getvalue()


# -- the rows of each kind, keyed by the import field keys ------------------------------------


def _stream(session: Session, query: Select[*tuple[Any, ...]]) -> Iterator[Any]:
    yield from session.execute(query.execution_options(yield_per=2000))


def _clients(session: Session) -> Iterator[dict[str, Any]]:
    for client in _stream(session, select(Client).order_by(Client.id)):
        obj = client[0]
        yield {c.key: getattr(obj, c.key) for c in Client.__table__.columns}


_CLIENT_REF = (Client.given_name, Client.family_name, Client.date_of_birth, Client.a_number)


def _client_ref(r: Any, offset: int) -> dict[str, Any]:
    return {
        "client_given_name": r[offset],
        "client_family_name": r[offset + 1],
        "client_date_of_birth": r[offset + 2],
        "client_a_number": r[offset + 3],
    }


def _parties(session: Session) -> dict[int, tuple[list[str], list[str]]]:
    found: dict[int, tuple[list[str], list[str]]] = {}
    for case_id, name, kind in session.execute(
        select(CaseParty.case_id, CaseParty.name, CaseParty.kind).order_by(CaseParty.id)
    ):
        opposing, related = found.setdefault(case_id, ([], []))
        (opposing if kind.value == "opposing" else related).append(name)
    return found


def _cases(session: Session) -> Iterator[dict[str, Any]]:
    parties = _parties(session)
    query = (
        select(LegalCase, StaffMember.name, *_CLIENT_REF)
        .join(Client, Client.id == LegalCase.client_id)
        .outerjoin(StaffMember, StaffMember.id == LegalCase.assigned_staff_id)
        .order_by(LegalCase.id)
    )
    for r in _stream(session, query):
        case = r[0]
        opposing, related = parties.get(case.id, ([], []))
        yield {
            "docket_number": case.docket_number,
            **_client_ref(r, 2),
            "court_name": case.court_name,
            "kind": case.kind,
            "client_role": case.client_role,
            "assigned_staff": r[1],
            "opened_on": case.opened_on,
            "closed_on": case.closed_on,
            "status": case.status,
            "opposing_parties": "; ".join(opposing),
            "related_parties": "; ".join(related),
            "notes": case.notes,
        }


def _hearings(session: Session) -> Iterator[dict[str, Any]]:
    query = (
        select(
            Hearing,
            LegalCase.docket_number,
            LegalCase.kind,
            Courthouse.name,
            Courthouse.time_zone,
            *_CLIENT_REF,
        )
        .join(LegalCase, LegalCase.id == Hearing.case_id)
        .join(Client, Client.id == LegalCase.client_id)
        .join(Courthouse, Courthouse.id == Hearing.courthouse_id)
        .order_by(Hearing.starts_at, Hearing.id)
    )
    zones: dict[str, ZoneInfo] = {}
    for r in _stream(session, query):
        hearing = r[0]
        zone = zones.setdefault(r[4], ZoneInfo(r[4]))
        local = hearing.starts_at.astimezone(zone)
        yield {
            "docket_number": r[1],
            **_client_ref(r, 5),
            "case_kind": r[2],
            "courthouse": r[3],
            "date": local.date(),
            "time": local.time(),
            "courtroom": hearing.courtroom,
            "hearing_type": hearing.hearing_type,
            "court_kind": hearing.court_kind,
            "duration_minutes": hearing.duration_minutes,
            "mode": hearing.mode,
            "judge": hearing.judge,
            "status": hearing.status,
            "outcome": hearing.outcome,
            "notes": hearing.notes,
            "join_url": hearing.join_url,
            "join_phone": hearing.join_phone,
            "meeting_id": hearing.meeting_id,
            "passcode": hearing.passcode,
        }


def _courthouses(session: Session) -> Iterator[dict[str, Any]]:
    for r in _stream(session, select(Courthouse).order_by(Courthouse.id)):
        court = r[0]
        yield {c.key: getattr(court, c.key) for c in Courthouse.__table__.columns}


def _incidents(session: Session) -> Iterator[dict[str, Any]]:
    query = (
        select(EnforcementIncident, Courthouse.name, Courthouse.time_zone)
        .outerjoin(Courthouse, Courthouse.id == EnforcementIncident.courthouse_id)
        .order_by(EnforcementIncident.occurred_at, EnforcementIncident.id)
    )
    office_zone = _office_zone(session)
    for r in _stream(session, query):
        incident = r[0]
        local = incident.occurred_at.astimezone(ZoneInfo(r[2] or office_zone))
        values = {c.key: getattr(incident, c.key) for c in EnforcementIncident.__table__.columns}
        values.update(date=local.date(), time=local.time(), courthouse=r[1] or "")
        yield values


def _office_zone(session: Session) -> str:
    zone = session.execute(select(Office.time_zone).limit(1)).scalar()
    return zone or "America/Denver"


_ROWS: dict[str, Callable[[Session], Iterator[dict[str, Any]]]] = {
    "clients": _clients,
    "cases": _cases,
    "hearings": _hearings,
    "courthouses": _courthouses,
    "incidents": _incidents,
}
