"""Cost of one risk assessment: the Upcoming view assesses ~41,000 hearings in under a second.

Run: .venv/bin/python tests/benchmarks/bench_risk.py [--hearings 50000] [--runs 5]
Prints microseconds per assessment (median of the runs) for a realistic mix and for its parts.
Not collected by pytest (the file name does not start with test_).
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone

from app.domain.enums import (
    AppearanceMode,
    CaseKind,
    ClientRole,
    CourtKind,
    HearingType,
    ImmigrationStatus,
    LocationKind,
    OffenceClass,
)
from app.domain.risk import (
    CaseFacts,
    ClientFacts,
    CourthouseFacts,
    CriminalEntry,
    HearingFacts,
    IncidentFacts,
    IncidentIndex,
    RuleSet,
    assess,
    load_rules,
)

ZONE = timezone(timedelta(hours=-6))
TODAY = date(2025, 6, 16)
Job = tuple[HearingFacts, ClientFacts, CaseFacts, CourthouseFacts, tuple[IncidentFacts, ...]]


def synthetic(count: int, seed: int) -> list[Job]:
    """Hearings over the next two weeks across 60 courthouses, 300 incidents, varied clients."""
    rng = random.Random(seed)
    states = ["CO", "TX", "NY", "CA", "IL", "AZ"]
    cities = ["Denver", "Houston", "New York", "Los Angeles", "Chicago", "Phoenix"]
    courthouses = [
        CourthouseFacts(i, f"Court {i}", cities[i % 6], states[i % 6], rng.random() < 0.7)
        for i in range(60)
    ]
    incidents = [
        IncidentFacts(
            id=i,
            occurred_at=datetime.combine(TODAY, datetime.min.time(), ZONE)
            - timedelta(days=rng.randint(0, 800)),
            courthouse_id=rng.choice([None, rng.randrange(60)]),
            city=cities[i % 6],
            state=states[i % 6],
            location_kind=rng.choice(list(LocationKind)),
            place="Somewhere",
            summary="Agents seen near the entrance.",
            verified=rng.random() < 0.5,
        )
        for i in range(300)
    ]
    index = IncidentIndex.build(incidents)
    statuses = list(ImmigrationStatus)
    jobs: list[Job] = []
    for _ in range(count):
        history = tuple(
            CriminalEntry(
                "x", None, rng.choice(list(OffenceClass)), rng.random() < 0.3, rng.random() < 0.2
            )
            for _ in range(rng.choice([0, 0, 0, 1, 2, 3]))
        )
        client = ClientFacts(
            immigration_status=rng.choice(statuses),
            entry_date=TODAY - timedelta(days=rng.randint(100, 9000)),
            entered_without_inspection=rng.random() < 0.2,
            final_removal_order=rng.random() < 0.05,
            prior_removal=rng.random() < 0.05,
            ice_detainer_history=rng.random() < 0.05,
            gang_allegation=rng.random() < 0.02,
            criminal_history=history,
        )
        courthouse = rng.choice(courthouses)
        hearing = HearingFacts(
            starts_at=datetime.combine(
                TODAY + timedelta(days=rng.randint(0, 14)), datetime.min.time(), ZONE
            )
            + timedelta(hours=9),
            hearing_type=rng.choice(list(HearingType)),
            mode=AppearanceMode.REMOTE if rng.random() < 0.15 else AppearanceMode.IN_PERSON,
            court_kind=rng.choice(list(CourtKind)),
        )
        case = CaseFacts(rng.choice(list(CaseKind)), rng.choice(list(ClientRole)))
        jobs.append((hearing, client, case, courthouse, index.near(courthouse)))
    return jobs


def time_per_call(jobs: list[Job], rules: RuleSet, runs: int) -> list[float]:
    results = []
    for _ in range(runs):
        started = time.perf_counter()
        for hearing, client, case, courthouse, incidents in jobs:
            assess(hearing, client, case, courthouse, incidents, rules, TODAY)
        results.append((time.perf_counter() - started) / len(jobs) * 1e6)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--hearings", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2017)
    args = parser.parse_args()

    rules = load_rules()
    jobs = synthetic(args.hearings, args.seed)
    groups: dict[str, Callable[[Job], bool]] = {
        "all hearings (mix)": lambda job: True,
        "citizens": lambda job: job[1].immigration_status is ImmigrationStatus.CITIZEN,
        "non-citizens, in person": lambda job: (
            job[1].immigration_status is not ImmigrationStatus.CITIZEN
            and job[0].mode is AppearanceMode.IN_PERSON
        ),
        "with nearby incidents": lambda job: bool(job[4]),
    }
    print(f"{'group':<26} {'hearings':>9} {'median µs':>10} {'min µs':>8} {'max µs':>8}")
    for name, keep in groups.items():
        selected = [job for job in jobs if keep(job)]
        if not selected:
            continue
        timings = time_per_call(selected, rules, args.runs)
        print(
            f"{name:<26} {len(selected):>9} {statistics.median(timings):>10.2f} "
            f"{min(timings):>8.2f} {max(timings):>8.2f}"
        )
    total = statistics.median(time_per_call(jobs, rules, args.runs)) * 41_000 / 1e6
    print(f"\n41,000 hearings ≈ {total * 1000:.0f} ms (median of {args.runs} runs)")


if __name__ == "__main__":
    main()
