"""Export then import into an empty database gives the same data; generated CSV never crashes
the importer nor half-imports."""

from __future__ import annotations

import string
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from app.bootstrap import App, OpenOptions, open_app
from app.domain.errors import UserError
from app.services.demo import DemoService
from app.services.staff import StaffInput
from app.storage.models import Client, Courthouse, Hearing, LegalCase
from tests.conftest import fixed_clock

ORDER = ("courthouses", "clients", "cases", "hearings", "incidents")


def _clients(app: App) -> list[tuple[Any, ...]]:
    columns = [c for c in Client.__table__.columns if c.key not in ("id", "version", "created_at")]
    with app.ctx.uow.read() as session:
        rows = session.execute(select(*columns)).all()
    return sorted((tuple(r) for r in rows), key=repr)


def _hearings(app: App) -> set[tuple[Any, ...]]:
    query = (
        select(
            LegalCase.docket_number,
            Courthouse.name,
            Hearing.starts_at,
            Hearing.courtroom,
            Hearing.hearing_type,
            Hearing.court_kind,
            Hearing.duration_minutes,
            Hearing.mode,
            Hearing.judge,
            Hearing.status,
            Hearing.outcome,
            Hearing.notes,
            Client.family_name,
            Client.a_number,
        )
        .join(LegalCase, LegalCase.id == Hearing.case_id)
        .join(Client, Client.id == LegalCase.client_id)
        .join(Courthouse, Courthouse.id == Hearing.courthouse_id)
    )
    with app.ctx.uow.read() as session:
        return {tuple(r) for r in session.execute(query)}


def _count(app: App, model: Any) -> int:
    with app.ctx.uow.read() as session:
        return int(session.execute(select(func.count()).select_from(model)).scalar_one())


@pytest.fixture
def source_app(tmp_path: Path) -> Iterator[App]:
    app = open_app(OpenOptions(data_dir=tmp_path / "source", clock=fixed_clock, actor="tester"))
    yield app
    app.close()


def test_export_then_import_into_an_empty_database_gives_the_same_data(
    source_app: App, backend_app: App, tmp_path: Path
) -> None:
    sqlite_app = source_app
    DemoService(sqlite_app.ctx).generate(150, 600, seed=11)
    files = {}
    for kind in ORDER:
        files[kind] = tmp_path / f"{kind}.csv"
        sqlite_app.services.csv_export.export(kind, files[kind], include_sensitive=True)
    for staff in sqlite_app.services.staff.find():
        backend_app.services.staff.create(StaffInput(name=staff.name, role=staff.role))
    skipped = {}
    for kind in ORDER:
        report = backend_app.services.csv_import.run(files[kind], kind, on_duplicate="skip")
        assert report.committed, (kind, report.problems[:3])
        assert report.new_clients == report.new_cases == 0, kind
        skipped[kind] = report.skipped
    assert skipped["clients"] == skipped["cases"] == skipped["incidents"] == 0
    assert _clients(backend_app) == _clients(sqlite_app)
    source, target = _hearings(sqlite_app), _hearings(backend_app)
    assert target == source
    assert _count(backend_app, Hearing) == _count(sqlite_app, Hearing) - skipped["hearings"]
    assert _count(backend_app, LegalCase) == _count(sqlite_app, LegalCase)
    source_cases = sqlite_app.services.cases.find(limit=10_000)
    target_cases = backend_app.services.cases.find(limit=10_000)
    assert sorted(
        (c.docket_number, c.kind, c.client_role, c.status, c.staff_name, c.opened_on)
        for c in source_cases
    ) == sorted(
        (c.docket_number, c.kind, c.client_role, c.status, c.staff_name, c.opened_on)
        for c in target_cases
    )


HEADERS = [
    "Last Name",
    "First Name",
    "DOB",
    "A#",
    "Language",
    "Phone",
    "Notes",
    "Case Number",
    "Court Date",
    "Time",
    "Court",
    "Dept",
    "Hearing Type",
    "Status",
    "Surname",
    "",
    "x",
]
CELLS = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        [
            "2026-12-03",
            "12/3/26",
            "31.12.2026",
            "13/13/2026",
            "9:00 AM",
            "25:61",
            "A123456789",
            "A12",
            "Spanish",
            "zz",
            "yes",
            "=1+1",
            "-@",
            "Lindsey",
            '"',
            "a\nb",
            "Ø",
            "\ufeff",
            "\x00",
        ]
    ),
)


@st.composite
def csv_files(draw: st.DrawFn) -> tuple[str, bytes]:
    headers = draw(st.lists(st.sampled_from(HEADERS), min_size=0, max_size=8))
    rows = draw(st.lists(st.lists(CELLS, max_size=len(headers) + 2), max_size=6))
    delimiter = draw(st.sampled_from([",", ";", "\t"]))

    def line(cells: list[str]) -> str:
        return delimiter.join(
            '"' + c.replace('"', '""') + '"' if any(ch in c for ch in '",;\t\n') else c
            for c in cells
        )

    text = "\n".join([line(headers), *(line(r) for r in rows)])
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
    data = text.encode(encoding, errors="replace")
    if draw(st.booleans()):
        data += draw(st.binary(max_size=8))
    kind = draw(st.sampled_from(["clients", "hearings", "cases"]))
    return kind, data


@settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(csv_files())
def test_generated_csv_never_crashes_nor_half_imports(
    backend_app: App, tmp_path: Path, generated: tuple[str, bytes]
) -> None:
    kind, data = generated
    path = tmp_path / "generated.csv"
    path.write_bytes(data)
    service = backend_app.services.csv_import
    before = (
        _count(backend_app, Client),
        _count(backend_app, LegalCase),
        _count(backend_app, Hearing),
    )
    try:
        service.run(path, kind, dry_run=True)
    except UserError:
        pass
    after_dry = (
        _count(backend_app, Client),
        _count(backend_app, LegalCase),
        _count(backend_app, Hearing),
    )
    assert after_dry == before
    try:
        report = service.run(path, kind, on_duplicate="skip")
    except UserError:
        after = (
            _count(backend_app, Client),
            _count(backend_app, LegalCase),
            _count(backend_app, Hearing),
        )
        assert after == before
        return
    assert report.committed
    grown = _count(backend_app, Client) - before[0]
    if kind == "clients":
        assert grown == report.created


def test_printable_names_survive(backend_app: App, tmp_path: Path) -> None:
    names = [c * 3 for c in string.ascii_letters[:5]] + ["Ñúñez", "Đặng", "O'Brien", "=cmd"]
    text = "Last Name\n" + "\n".join(names) + "\n"
    path = tmp_path / "names.csv"
    path.write_text(text, encoding="utf-8")
    assert backend_app.services.csv_import.run(path, "clients").created == len(names)
    found = {r.name for r in backend_app.services.clients.search("", limit=50)}
    assert found == set(names)
