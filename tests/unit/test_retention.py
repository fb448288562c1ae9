"""Retention: grandfather-father-son over backup timestamps, table-driven."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.domain.retention import RetentionPolicy, plan_retention

T0 = datetime(2026, 11, 26, 3, 15, tzinfo=UTC)  # a Thursday


def days_ago(*days: float) -> list[datetime]:
    return [T0 - timedelta(days=d) for d in days]


@pytest.mark.parametrize(
    ("name", "stamps", "policy", "kept"),
    [
        ("nothing", [], RetentionPolicy(), []),
        ("one backup", days_ago(0), RetentionPolicy(), days_ago(0)),
        (
            "two a day: the newest of each day",
            days_ago(0, 0.1, 1, 1.1),
            RetentionPolicy(daily=7, weekly=0, monthly=0),
            days_ago(0, 1),
        ),
        (
            "daily only keeps the last N days with backups",
            days_ago(*range(10)),
            RetentionPolicy(daily=3, weekly=0, monthly=0),
            days_ago(0, 1, 2),
        ),
        (
            "gaps: N days means N days that have backups",
            days_ago(0, 5, 30),
            RetentionPolicy(daily=2, weekly=0, monthly=0),
            days_ago(0, 5),
        ),
        (
            "weekly: newest of each ISO week",
            days_ago(*range(0, 21)),
            RetentionPolicy(daily=0, weekly=3, monthly=0),
            # Thu 26th (week 48), Sun 22nd (week 47), Sun 15th (week 46)
            days_ago(0, 4, 11),
        ),
        (
            "monthly: newest of each month",
            days_ago(0, 20, 27, 40, 70, 400),
            RetentionPolicy(daily=0, weekly=0, monthly=3),
            # November, October (Oct 30 = 27 days ago), September (Sep 17 = 70 days ago)
            days_ago(0, 27, 70),
        ),
        (
            "all zero still keeps the newest",
            days_ago(0, 1, 2),
            RetentionPolicy(daily=0, weekly=0, monthly=0),
            days_ago(0),
        ),
        (
            "duplicates collapse",
            days_ago(0, 0),
            RetentionPolicy(),
            days_ago(0),
        ),
    ],
)
def test_plan_retention(
    name: str, stamps: list[datetime], policy: RetentionPolicy, kept: list[datetime]
) -> None:
    plan = plan_retention(stamps, policy)
    assert list(plan.keep) == sorted(kept, reverse=True), name
    assert set(plan.keep) | set(plan.prune) == set(stamps)
    assert not set(plan.keep) & set(plan.prune)


def test_default_policy_over_two_years_of_daily_backups() -> None:
    stamps = [T0 - timedelta(days=d) for d in range(730)]
    plan = plan_retention(stamps)
    # 7 days; weeks 2-4 add 3 (their newest day is outside the last 7); 12 months add 11 - overlap
    assert len(plan.keep) == len(set(plan.keep))
    assert plan.keep[0] == T0
    assert 7 + 3 <= len(plan.keep) <= 7 + 4 + 12
    months = {(m.year, m.month) for m in plan.keep}
    assert len(months) == 12


def test_negative_counts_are_refused() -> None:
    with pytest.raises(ValueError):
        RetentionPolicy(daily=-1)
