"""Benchmark: verified backup and restore of the app's own database with 1,000,000 demo hearings.

What the office does, through the services the CLI and the GUI call: `BackupService.create`
(write, fsync, rename, decrypt and check every part) and a restore (`RestoreService.inspect`, the
full verification shown before asking, then `restore_here`: load into a new encrypted file, check,
switch over). Beside it the floor measured in the same run: SQLite's online backup of the same
encrypted file plus age encryption of the copy. Each step runs in a forked child so its peak RSS
is its own.

    .venv/bin/python tests/benchmarks/bench_backup.py [--clients 100000] [--hearings 1000000]
        [--runs 3] [--data-dir DIR]   # DIR with a demo database is reused, else built (~60 s)
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pyrage

from app.bootstrap import App, OpenOptions, open_app
from app.security.age_keys import AgeIdentity
from app.security.secrets import install_memory_keyring
from app.services.backup import BackupService
from app.services.backup_keys import BackupKeys
from app.services.backup_restore import RestoreService
from app.storage.engine import DatabaseKey
from app.storage.sqlcipher_driver import sqlcipher

PASSPHRASE = "benchmark passphrase"
Measured = tuple[float, float]


def build_demo(data_dir: Path, clients: int, hearings: int) -> None:
    if (data_dir / "courtsafe.db").exists():
        print(f"reusing the demo database in {data_dir}")
        return
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "app", "--data-dir", str(data_dir), "demo",
         "--clients", str(clients), "--hearings", str(hearings)],
        check=True, env={**os.environ, "COURTSAFE_PASSPHRASE": PASSPHRASE},
    )
    print(f"built the demo database in {time.perf_counter() - started:.0f} s")


def open_bench_app(data_dir: Path) -> tuple[App, BackupService, RestoreService]:
    app = open_app(OpenOptions(data_dir=data_dir, passphrase=PASSPHRASE))
    keys = BackupKeys(app.services.office, app.secrets, app.ctx.clock)
    backups = BackupService(app.ctx, keys, app.paths.backups_dir)
    return app, backups, RestoreService(backups, app.database, app.paths.safety_copies_dir)


def _child(step: Callable[[], None], queue: multiprocessing.Queue[Measured]) -> None:
    started = time.perf_counter()
    step()
    elapsed = time.perf_counter() - started
    queue.put((elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))


def measure(step: Callable[[], None]) -> Measured:
    """(seconds, peak RSS in MiB) of one run in a forked child."""
    ctx = multiprocessing.get_context("fork")
    queue: multiprocessing.Queue[Measured] = ctx.Queue()
    process = ctx.Process(target=_child, args=(step, queue))
    process.start()
    result = queue.get()
    process.join()
    if process.exitcode:
        raise SystemExit(f"benchmark step failed with exit code {process.exitcode}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--hearings", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--data-dir", type=Path)
    args = parser.parse_args()
    install_memory_keyring()  # the office key lives here; forked children inherit it
    scratch = Path(tempfile.mkdtemp(prefix="courtsafe-bench-"))
    data_dir = args.data_dir or scratch / "data"
    try:
        build_demo(data_dir, args.clients, args.hearings)
        run(data_dir, scratch, args.runs)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def run(data_dir: Path, scratch: Path, runs: int) -> None:
    app, backups, _ = open_bench_app(data_dir)
    status = backups.keys.status()
    if not status.set_up:
        backups.keys.set_up()
    elif not status.office_secret_here:  # a reused folder: its office key died with its keyring
        backups.keys.rotate_office_key()
    recipients = [r.to_pyrage() for r in backups.keys.recipients()]
    database = app.paths.database_file
    counts = backups.ctx.uow.engine.connect()
    hearings = counts.exec_driver_sql("SELECT count(*) FROM hearing").scalar()
    counts.close()
    app.close()
    print(f"{hearings:,} hearings; database {database.stat().st_size / 2**20:.0f} MiB")
    key = DatabaseKey.from_passphrase(PASSPHRASE).pragma_literal()

    def floor() -> None:
        copy = scratch / "snapshot.db"
        source, target = sqlcipher.connect(str(database)), sqlcipher.connect(str(copy))
        source.execute(f"PRAGMA key = {key}")
        target.execute(f"PRAGMA key = {key}")
        source.backup(target)
        target.close()
        source.close()
        pyrage.encrypt_file(str(copy), str(scratch / "snapshot.db.age"), recipients)
        copy.unlink()

    def create() -> None:
        app, service, _ = open_bench_app(data_dir)
        result = service.create(scratch / "backups")
        print(f"  backup {result.size / 2**20:.1f} MiB, verified by {result.verified_by}",
              flush=True)
        app.close()

    rows: dict[str, list[Measured]] = {"floor": [], "create": [], "restore": []}
    for _ in range(runs):
        rows["floor"].append(measure(floor))
        rows["create"].append(measure(create))
        made = sorted((scratch / "backups").iterdir())[-1]

        def restore(path: Path = made) -> None:
            app, _, restorer = open_bench_app(data_dir)
            identities: list[AgeIdentity] = []
            description = restorer.inspect(path, identities)
            outcome = restorer.restore_here(
                path, identities, database_key=DatabaseKey.from_passphrase(PASSPHRASE),
                verified=description,
            )
            print(f"  restored {description.total_rows:,} rows", flush=True)
            assert outcome.safety_copy is not None
            outcome.safety_copy.unlink()
            app.close()

        rows["restore"].append(measure(restore))
        made.unlink()

    print_table(rows)


def print_table(rows: dict[str, list[Measured]]) -> None:
    floor_median = statistics.median(t for t, _ in rows["floor"])
    labels = {
        "floor": "floor: sqlite online backup + age",
        "create": "backup create + verify (decrypt)",
        "restore": "restore: verify + load + switch",
    }
    print(f"\n{'step':<36}{'median s':>10}{'min s':>8}{'x floor':>9}{'peak RSS MiB':>14}")
    for key, label in labels.items():
        times = [t for t, _ in rows[key]]
        median = statistics.median(times)
        peak = max(rss for _, rss in rows[key])
        print(f"{label:<36}{median:>10.2f}{min(times):>8.2f}{median / floor_median:>9.1f}"
              f"{peak:>14.0f}")


if __name__ == "__main__":
    main()
