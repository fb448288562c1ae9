"""Demo hearings and proposed court dates keep off weekends and federal holidays."""

from __future__ import annotations

from datetime import date

from app.services.court_days import federal_holidays, is_court_day, next_court_day


def test_the_2026_federal_holidays_are_the_published_ones() -> None:
    # OPM's 2026 list: New Year's Day, MLK Day, Washington's Birthday, Memorial Day,
    # Juneteenth, Independence Day (observed Friday July 3), Labor Day, Columbus Day,
    # Veterans Day, Thanksgiving, Christmas.
    assert sorted(federal_holidays(2026)) == [
        date(2026, 1, 1), date(2026, 1, 19), date(2026, 2, 16), date(2026, 5, 25),
        date(2026, 6, 19), date(2026, 7, 3), date(2026, 9, 7), date(2026, 10, 12),
        date(2026, 11, 11), date(2026, 11, 26), date(2026, 12, 25),
    ]


def test_christmas_and_weekends_move_to_the_next_court_day() -> None:
    assert not is_court_day(date(2026, 12, 25))
    assert next_court_day(date(2026, 12, 25)) == date(2026, 12, 28)  # Friday -> Monday
    assert next_court_day(date(2026, 12, 5)) == date(2026, 12, 7)  # Saturday -> Monday
    assert next_court_day(date(2026, 12, 8)) == date(2026, 12, 8)
