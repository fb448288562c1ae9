"""Benchmark: verified encrypted backup and restore of a 1,000,000-hearing SQLite database.

Beside the floor measured in the same run: SQLite's online backup of the file plus age encryption of
the copy. Each measured step runs in a fresh child process so its peak RSS is its own.

    .venv/bin/python tests/benchmarks/bench_backup_format.py [--rows 1000000] [--runs 3]
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import resource
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pyrage
import sqlalchemy as sa

from app.security.age_keys import AgeIdentity, generate_identity
from app.storage.backup_format import restore_into, write_backup

NOW = datetime(2026, 11, 26, 3, 15, tzinfo=UTC)


def make_metadata() -> sa.MetaData:
    md = sa.MetaData()
    sa.Table(
        "clients",
        md,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("family_name", sa.Text, nullable=False),
        sa.Column("given_name", sa.Text, nullable=False),
    )
    sa.Table(
        "hearings",
        md,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("client_id", sa.ForeignKey("clients.id"), nullable=False, index=True),
        sa.Column("courthouse_id", sa.Integer, nullable=False),
        sa.Column("courtroom", sa.String(20)),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False, index=True),
        sa.Column("duration_minutes", sa.Integer, nullable=False),
        sa.Column("hearing_type", sa.String(40), nullable=False),
        sa.Column("judge", sa.Text),
        sa.Column("in_person", sa.Boolean, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("outcome", sa.String(40)),
        sa.Column("advisory_sent_at", sa.DateTime(timezone=True)),
        sa.Column("notes", sa.Text),
        sa.Column("version", sa.Integer, nullable=False),
    )
    return md


def build_database(path: Path, rows: int) -> None:
    engine = sa.create_engine(f"sqlite:///{path}")
    make_metadata().create_all(engine)
    engine.dispose()
    rng = random.Random(7)
    names = ["Rodríguez", "Nguyễn", "García", "Smith", "Hernández", "Kowalski", "Ali", "Chen"]
    types = ["arraignment", "pre_trial", "trial", "sentencing", "master_calendar", "merits"]
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    clients = rows // 10
    conn.executemany(
        "INSERT INTO clients VALUES (?, ?, ?)",
        ((i, rng.choice(names), f"Client {i}") for i in range(1, clients + 1)),
    )
    base = datetime(2024, 1, 1)
    conn.executemany(
        "INSERT INTO hearings VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            (
                i,
                rng.randint(1, clients),
                rng.randint(1, 400),
                f"{rng.randint(1, 30)}A",
                (base + timedelta(minutes=15 * i)).isoformat(sep=" "),
                60,
                rng.choice(types),
                "Hon. A. Judge",
                rng.random() < 0.8,
                "scheduled",
                None if i % 3 else "appeared",
                None if i % 2 else (base + timedelta(minutes=15 * i - 2880)).isoformat(sep=" "),
                None if i % 5 else "Client asked about remote appearance.",
                1,
            )
            for i in range(1, rows + 1)
        ),
    )
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def _child(step: Callable[[], None], queue: multiprocessing.Queue[tuple[float, float]]) -> None:
    start = time.perf_counter()
    step()
    elapsed = time.perf_counter() - start
    queue.put((elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))


def measure(step: Callable[[], None]) -> tuple[float, float]:
    """(seconds, peak RSS in MiB) of one run in a forked child."""
    ctx = multiprocessing.get_context("fork")
    queue: multiprocessing.Queue[tuple[float, float]] = ctx.Queue()
    process = ctx.Process(target=_child, args=(step, queue))
    process.start()
    result = queue.get()
    process.join()
    if process.exitcode:
        raise SystemExit(f"benchmark step failed with exit code {process.exitcode}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    office, recovery = generate_identity(), generate_identity()
    recipients = [office.recipient, recovery.recipient]
    with tempfile.TemporaryDirectory(prefix="courtsafe-bench-") as tmp:
        root = Path(tmp)
        db = root / "courtsafe.db"
        started = time.perf_counter()
        build_database(db, args.rows)
        print(
            f"built {args.rows:,} hearings in {time.perf_counter() - started:.1f} s; "
            f"database {db.stat().st_size / 2**20:.0f} MiB"
        )
        md = make_metadata()
        out = root / "backups"
        made: list[Path] = []

        def floor() -> None:
            copy = root / "snapshot.db"
            src, dst = sqlite3.connect(db), sqlite3.connect(copy)
            src.backup(dst)
            dst.close()
            src.close()
            pyrage.encrypt_file(
                str(copy), str(root / "snapshot.db.age"), [r.to_pyrage() for r in recipients]
            )
            copy.unlink()

        def backup() -> None:
            engine = sa.create_engine(f"sqlite:///{db}")
            result = write_backup(engine, md, "bench", recipients, out, NOW, identity=office)
            print(
                f"  backup {result.size / 2**20:.1f} MiB, verified by {result.verified_by}",
                flush=True,
            )

        rows: dict[str, list[tuple[float, float]]] = {"floor": [], "backup": [], "restore": []}
        for run in range(args.runs):
            rows["floor"].append(measure(floor))
            rows["backup"].append(measure(backup))
            made = sorted(out.iterdir())
            target = root / f"restored-{run}.db"

            def restore(
                target: Path = target, path: Path = made[-1], identity: AgeIdentity = recovery
            ) -> None:
                engine = sa.create_engine(f"sqlite:///{target}")
                md.create_all(engine)
                restore_into(path, identity, engine, md)

            rows["restore"].append(measure(restore))
            target.unlink()
            for path in made:
                path.unlink()

        floor_median = statistics.median(t for t, _ in rows["floor"])
        print(f"\n{'step':<34}{'median s':>10}{'x floor':>10}{'peak RSS MiB':>15}")
        labels = {
            "floor": "floor: sqlite backup + age encrypt",
            "backup": "write + verify (decrypt) backup",
            "restore": "verify + restore into SQLite",
        }
        for key, label in labels.items():
            median = statistics.median(t for t, _ in rows[key])
            peak = max(rss for _, rss in rows[key])
            print(f"{label:<34}{median:>10.2f}{median / floor_median:>10.1f}{peak:>15.0f}")


if __name__ == "__main__":
    main()
