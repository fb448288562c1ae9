"""Days courts sit: weekdays that are not federal holidays (5 U.S.C. § 6103).

Immigration courts close on every federal holiday and most state courts do too; demo hearings and
anything else that proposes a court date keep off them.
"""

from __future__ import annotations

from datetime import date, timedelta

_FIXED = ((1, 1), (6, 19), (7, 4), (11, 11), (12, 25))
# (month, weekday, n): the n-th weekday of the month; n = -1 is the last one.
_MOVABLE = ((1, 0, 3), (2, 0, 3), (5, 0, -1), (9, 0, 1), (10, 0, 2), (11, 3, 4))


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    following = date(year + month // 12, month % 12 + 1, 1)
    last = following - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _observed(day: date) -> date:
    """A holiday on a Saturday is kept on the Friday before, on a Sunday on the Monday after."""
    if day.weekday() == 5:
        return day - timedelta(days=1)
    if day.weekday() == 6:
        return day + timedelta(days=1)
    return day


def federal_holidays(year: int) -> frozenset[date]:
    fixed = {_observed(date(year, month, day)) for month, day in _FIXED}
    movable = {_nth_weekday(year, month, weekday, n) for month, weekday, n in _MOVABLE}
    return frozenset(fixed | movable)


def is_court_day(day: date) -> bool:
    return day.weekday() < 5 and day not in federal_holidays(day.year)


def next_court_day(day: date) -> date:
    """`day` itself when courts sit that day, else the next day they do."""
    while not is_court_day(day):
        day += timedelta(days=1)
    return day


def previous_court_day(day: date) -> date:
    """`day` itself when courts sit that day, else the last day before it they did."""
    while not is_court_day(day):
        day -= timedelta(days=1)
    return day
