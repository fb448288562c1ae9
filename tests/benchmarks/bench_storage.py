"""Storage and list-screen benchmarks on a 100,000-client / 1,000,000-hearing demo office.

    COURTSAFE_PASSPHRASE=bench .venv/bin/python tests/benchmarks/bench_storage.py \
        --data-dir /tmp/big

Builds the demo office first when the folder is empty (and times that). Every query is timed
through CourtSafe's services and, beside it, as the same SQL on a raw SQLCipher connection and on
a plain (unencrypted) SQLite copy, in the same run. Machines here are noisy: medians of several
runs, and ratios to the floor, are what to quote.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sqlalchemy import Select  # noqa: E402

from app.bootstrap import App, OpenOptions, open_app  # noqa: E402
from app.domain.enums import RiskLevel  # noqa: E402
from app.services.clients import ClientInput, _search_query  # noqa: E402
from app.services.demo import DemoService  # noqa: E402
from app.services.hearings import list_query  # noqa: E402
from app.services.risk import UpcomingFilter, upcoming_query  # noqa: E402
from app.storage.engine import PAGE_CACHE_KIB  # noqa: E402
from app.storage.models import Hearing  # noqa: E402
from app.storage.sqlcipher_driver import sqlcipher  # noqa: E402

ROWS: list[tuple[str, float, float | None, float | None, str]] = []


def median_ms(action: Callable[[], Any], runs: int = 7) -> float:
    action()  # warm
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def sql_of(query: Select[Any]) -> str:
    from sqlalchemy.dialects import sqlite

    return str(query.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}))


def raw_runner(connection: Any, sql: str) -> Callable[[], Any]:
    return lambda: connection.execute(sql).fetchall()


def report(name: str, ours: float, raw: float | None, plain: float | None, target: str) -> None:
    ROWS.append((name, ours, raw, plain, target))


def build(data_dir: Path, clients: int, hearings: int) -> None:
    app = open_app(OpenOptions(data_dir=data_dir))
    summary = DemoService(app.ctx).generate(clients, hearings, seed=1)
    app.close()
    report(f"demo {clients:,} clients / {hearings:,} hearings (s)", summary.seconds, None, None,
           "< 60 s")


def plain_copy(app: App, key_pragma: str, target: Path) -> Any:
    if not target.exists():
        source = sqlcipher.connect(str(app.paths.database_file))
        source.execute(f"PRAGMA key = {key_pragma}")
        source.execute("ATTACH DATABASE ? AS plain KEY ''", (str(target),))
        source.execute("SELECT sqlcipher_export('plain')")
        source.execute("DETACH DATABASE plain")
        source.close()
    import sqlite3

    connection = sqlite3.connect(str(target))
    connection.execute(f"PRAGMA cache_size = -{PAGE_CACHE_KIB}")
    return connection



def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--hearings", type=int, default=1_000_000)
    args = parser.parse_args()
    passphrase = os.environ.get("COURTSAFE_PASSPHRASE")
    if not passphrase:
        sys.exit("set COURTSAFE_PASSPHRASE (the benchmark database is locked with it)")
    if not (args.data_dir / "courtsafe.db").exists():
        build(args.data_dir, args.clients, args.hearings)

    app = open_app(OpenOptions(data_dir=args.data_dir))
    key = "'" + passphrase.replace("'", "''") + "'"
    raw = sqlcipher.connect(str(app.paths.database_file))
    raw.execute(f"PRAGMA key = {key}")
    raw.execute(f"PRAGMA cache_size = -{PAGE_CACHE_KIB}")
    plain = plain_copy(app, key, args.data_dir / "plain-copy-for-benchmark.db")
    now = app.ctx.now()

    first_page = list_query().where(Hearing.starts_at >= now).order_by(
        Hearing.starts_at, Hearing.id).limit(200)
    sql = sql_of(first_page)
    report("first 200 upcoming hearings (ms)",
           median_ms(lambda: app.services.hearings.between(now, now + timedelta(days=14),
                                                           limit=200)),
           median_ms(raw_runner(raw, sql)), median_ms(raw_runner(plain, sql)), "< 50 ms")

    risk_200 = median_ms(lambda: app.services.risk.upcoming(
        UpcomingFilter(start=now, days=14, limit=200)))
    report("first 200 upcoming with risk levels (ms)", risk_200,
           median_ms(raw_runner(raw, sql)), median_ms(raw_runner(plain, sql)), "< 50 ms")

    month = list_query().where(Hearing.starts_at >= now,
                               Hearing.starts_at < now + timedelta(days=30)).order_by(
        Hearing.starts_at, Hearing.id)
    month_sql = sql_of(month)
    count = len(app.services.hearings.between(now, now + timedelta(days=30)))
    report(f"next 30 days, {count:,} hearings, list (ms)",
           median_ms(lambda: app.services.hearings.between(now, now + timedelta(days=30)), 5),
           median_ms(raw_runner(raw, month_sql), 5), median_ms(raw_runner(plain, month_sql), 5),
           "enc. <= 1.2x plain")
    window = UpcomingFilter(start=now, days=30, min_level=RiskLevel.NONE)
    window_sql = sql_of(upcoming_query(window))
    report(f"next 30 days, {count:,} hearings, assessed (ms)",
           median_ms(lambda: app.services.risk.upcoming(window), 5),
           median_ms(raw_runner(raw, window_sql), 5), median_ms(raw_runner(plain, window_sql), 5),
           "< 1000 ms")

    word = "rodriguez"
    prefixes = [word[: i + 1] for i in range(len(word))]
    ours = [median_ms(lambda p=p: app.services.clients.search(p, limit=200), 5) for p in prefixes]
    raws = [median_ms(raw_runner(raw, sql_of(_search_query(p).limit(200))), 5) for p in prefixes]
    plains = [median_ms(raw_runner(plain, sql_of(_search_query(p).limit(200))), 5)
              for p in prefixes]
    report("client search, one keystroke, median of r..rodriguez (ms)",
           statistics.median(ours), statistics.median(raws), statistics.median(plains),
           "< 20 ms")
    report("client search, worst keystroke (ms)", max(ours), max(raws), max(plains), "< 20 ms")

    client = app.services.clients.search("rodriguez cov")[0]
    record = app.services.clients.get(client.id)
    state = {"record": record}

    def save() -> None:
        current = state["record"]
        state["record"] = app.services.clients.update(current.id, current.version,
                                                      _toggled(current))

    report("save one client record (ms)", median_ms(save, 21), None, None, "< 10 ms")
    app.close()

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nCourtSafe storage benchmarks ({args.data_dir}), medians; peak RSS {peak:.0f} MB\n")
    print(f"{'measure':58} {'CourtSafe':>10} {'raw SQLCipher':>14} {'plain SQLite':>13}"
          f" {'vs plain':>9}  target")
    for name, ours_value, raw_value, plain_value, target in ROWS:
        ratio = f"{ours_value / plain_value:.1f}x" if plain_value else ""
        raw_text = f"{raw_value:.2f}" if raw_value is not None else ""
        plain_text = f"{plain_value:.2f}" if plain_value is not None else ""
        print(f"{name:58} {ours_value:10.2f} {raw_text:>14} {plain_text:>13} {ratio:>9}  "
              f"{target}")


def _toggled(record: Any) -> Any:
    from dataclasses import fields

    values = {f.name: getattr(record, f.name) for f in fields(ClientInput)}
    values["notes"] = "" if record.notes else "checked"
    return ClientInput(**values)


if __name__ == "__main__":
    main()
