"""Benchmark: CSV import of 100,000 hearings and the conflict check over 100,000 people.

    .venv/bin/python tests/benchmarks/bench_exchange.py [--clients N] [--rows N] [--runs N]

Builds a demo office on the encrypted embedded database, writes a hearings CSV whose rows name
existing dockets and courthouses, then times: the dry run, the real import (checked, spooled,
inserted in one transaction), and the floor — stdlib sqlite3 `executemany` of the same rows into
a plain SQLite file with the same table. Then the conflict check: first call (index build) and
warm calls. Prints a table of medians.
"""

from __future__ import annotations

import argparse
import csv
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sqlalchemy import delete, func, select  # noqa: E402

from app.bootstrap import App, OpenOptions, open_app  # noqa: E402
from app.security.errors import SecretStoreUnavailable  # noqa: E402
from app.security.secrets import SecretStore  # noqa: E402
from app.services.clients import ClientInput  # noqa: E402
from app.services.demo import DemoService  # noqa: E402
from app.storage.models import CaseParty, Client, Courthouse, Hearing, LegalCase  # noqa: E402


def _no_keyring() -> SecretStore:
    raise SecretStoreUnavailable("benchmark")


def fmt(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def write_hearings_csv(app: App, path: Path, rows: int) -> list[tuple[object, ...]]:
    """The CSV, and the same rows as they would be stored (for the raw floor)."""
    with app.ctx.uow.read() as session:
        unique = {
            docket: case_id
            for case_id, docket in session.execute(
                select(LegalCase.id, LegalCase.docket_number)
                .where(LegalCase.docket_number != "")
                .order_by(LegalCase.id.desc())
            )
        }
        cases = [(case_id, docket) for docket, case_id in unique.items()]
        courts = session.execute(
            select(Courthouse.id, Courthouse.name, Courthouse.time_zone).where(
                Courthouse.court_kinds != "", Courthouse.time_zone == "America/Chicago"
            )
        ).all()  # one zone: no two rows of a case meet at the same instant
    rng = random.Random(7)
    stored = []

    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Case Number", "Court Date", "Time", "Court", "Dept", "Hearing Type"])
        for i in range(rows):
            case_id, docket = cases[i % len(cases)]
            court_id, court, zone = courts[rng.randrange(len(courts))]
            day = datetime(2031, 1, 6) + timedelta(days=i // len(cases))
            local = day.replace(hour=8 + rng.randrange(8), minute=rng.choice((0, 15, 30, 45)))
            writer.writerow(
                [
                    docket,
                    local.strftime("%m/%d/%Y"),
                    local.strftime("%I:%M %p"),
                    court,
                    f"{rng.randrange(1, 9)}A",
                    "pre-trial",
                ]
            )
            utc = local.replace(tzinfo=ZoneInfo(zone)).astimezone(UTC).replace(tzinfo=None)
            stored.append(
                (
                    case_id,
                    court_id,
                    f"{rng.randrange(1, 9)}A",
                    utc.isoformat(" "),
                    60,
                    "pre_trial",
                    "criminal",
                    "in_person",
                    "",
                    "scheduled",
                    None,
                    None,
                    None,
                    "",
                    1,
                )
            )
    return stored


FLOOR_SCHEMA = """
CREATE TABLE hearing (
    id INTEGER PRIMARY KEY, case_id INTEGER NOT NULL, courthouse_id INTEGER NOT NULL,
    courtroom VARCHAR(60) NOT NULL, starts_at DATETIME NOT NULL,
    duration_minutes INTEGER NOT NULL, hearing_type VARCHAR(40) NOT NULL,
    court_kind VARCHAR(40) NOT NULL, mode VARCHAR(40) NOT NULL, judge VARCHAR(200) NOT NULL,
    status VARCHAR(40) NOT NULL, outcome VARCHAR(40), advisory_sent_at DATETIME,
    reminder_sent_at DATETIME, notes TEXT NOT NULL, version INTEGER NOT NULL);
CREATE INDEX ix_hearing_case_id ON hearing (case_id);
CREATE INDEX ix_hearing_courthouse_id ON hearing (courthouse_id);
CREATE INDEX ix_hearing_starts_at ON hearing (starts_at, id);
"""


def raw_floor(stored: list[tuple[object, ...]], folder: Path) -> float:
    path = folder / f"floor-{time.perf_counter_ns()}.db"
    connection = sqlite3.connect(path)
    connection.executescript(FLOOR_SCHEMA)
    columns = (
        "case_id, courthouse_id, courtroom, starts_at, duration_minutes, hearing_type, "
        "court_kind, mode, judge, status, outcome, advisory_sent_at, reminder_sent_at, "
        "notes, version"
    )
    start = time.perf_counter()
    with connection:
        connection.executemany(
            f"INSERT INTO hearing ({columns}) VALUES ({', '.join('?' * 15)})", stored
        )
    seconds = time.perf_counter() - start
    connection.close()
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="courtsafe-bench-exchange-"))
    app = open_app(
        OpenOptions(
            data_dir=folder / "data", passphrase="bench", actor="bench", secret_store=_no_keyring
        )
    )
    seconds, _ = timed(lambda: DemoService(app.ctx).generate(args.clients, args.clients))
    with app.ctx.uow.read() as session:
        people = (
            session.execute(select(func.count()).select_from(Client)).scalar_one()
            + session.execute(select(func.count()).select_from(CaseParty)).scalar_one()
        )
    print(
        f"demo office: {args.clients:,} clients, {people:,} people to check "
        f"(clients + parties), built in {seconds:.1f} s"
    )
    path = folder / "hearings.csv"
    stored = write_hearings_csv(app, path, args.rows)
    print(f"hearings CSV: {args.rows:,} rows, {path.stat().st_size / 1e6:.1f} MB\n")

    results: dict[str, list[float]] = {
        "dry run": [],
        "import (commit)": [],
        "floor: sqlite3 executemany": [],
    }
    service = app.services.csv_import
    with app.ctx.uow.read() as session:
        last_id = session.execute(select(func.max(Hearing.id))).scalar_one() or 0
    for _ in range(args.runs):
        took, report = timed(lambda: service.run(path, "hearings", dry_run=True))
        assert report.ok, report.problems[:3]  # type: ignore[attr-defined]
        results["dry run"].append(took)
        took, report = timed(lambda: service.run(path, "hearings"))
        assert report.created == args.rows  # type: ignore[attr-defined]
        results["import (commit)"].append(took)
        with app.ctx.uow.session() as session:
            session.execute(delete(Hearing).where(Hearing.id > last_id))
        results["floor: sqlite3 executemany"].append(raw_floor(stored, folder))

    conflicts = app.services.conflicts
    took, _ = timed(lambda: conflicts.check("Maria Garcia"))
    results["conflict check: first (builds index)"] = [took]
    with app.ctx.uow.read() as session:
        sample = session.execute(
            select(Client.given_name, Client.family_name).order_by(Client.id).limit(200)
        ).all()
    names = [f"{g} {f}" for g, f in sample[::4]]
    names += ["Mike Browne", "Jose Rodriguez", "Nguyen Van Thang", "Maria Garcia", "Garcia"]
    warm = [timed(lambda n=n: conflicts.check(n))[0] for n in names for _ in range(3)]
    results["conflict check: warm, per name"] = warm
    app.services.clients.create(ClientInput(given_name="Nueva", family_name="Persona"))
    took, _ = timed(lambda: conflicts.check("Nueva Persona"))
    results["conflict check: after a new client"] = [took]

    targets = {"import (commit)": "< 3 s", "conflict check: warm, per name": "< 100 ms"}
    print(f"{'step':40} {'median':>10} {'min':>10} {'max':>10}  target")
    for step, values in results.items():
        print(
            f"{step:40} {fmt(statistics.median(values)):>10} {fmt(min(values)):>10} "
            f"{fmt(max(values)):>10}  {targets.get(step, '')}"
        )
    app.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
