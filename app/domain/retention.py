"""Which automatic backups to keep: the newest of each of the last N days, weeks and months.

Grandfather-father-son, as borg and restic do it: a backup is kept when it is the newest one of a
day (up to `daily` distinct days with backups), of an ISO week (up to `weekly`) or of a calendar
month (up to `monthly`); every other backup may be pruned. Periods are counted in the office's
time zone (pass aware timestamps converted to it). The newest backup is always kept.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class RetentionPolicy:
    daily: int = 7
    weekly: int = 4
    monthly: int = 12

    def __post_init__(self) -> None:
        if min(self.daily, self.weekly, self.monthly) < 0:
            raise ValueError("retention counts cannot be negative")


@dataclass(frozen=True, slots=True)
class RetentionPlan:
    keep: tuple[datetime, ...]
    """Newest first."""
    prune: tuple[datetime, ...]
    """Newest first."""


def _day(moment: datetime) -> Hashable:
    return moment.date()


def _week(moment: datetime) -> Hashable:
    iso = moment.isocalendar()
    return (iso.year, iso.week)


def _month(moment: datetime) -> Hashable:
    return (moment.year, moment.month)


def plan_retention(
    timestamps: Iterable[datetime], policy: RetentionPolicy = RetentionPolicy()
) -> RetentionPlan:
    """Split backup times into those to keep and those to prune (duplicates are kept once)."""
    ordered = sorted(set(timestamps), reverse=True)
    keep: set[datetime] = set(ordered[:1])
    rules: list[tuple[int, Callable[[datetime], Hashable]]] = [
        (policy.daily, _day),
        (policy.weekly, _week),
        (policy.monthly, _month),
    ]
    for count, period_of in rules:
        seen: set[Hashable] = set()
        for moment in ordered:  # newest first: the first of each period is its newest
            if len(seen) >= count:
                break
            period = period_of(moment)
            if period not in seen:
                seen.add(period)
                keep.add(moment)
    return RetentionPlan(
        keep=tuple(m for m in ordered if m in keep),
        prune=tuple(m for m in ordered if m not in keep),
    )
