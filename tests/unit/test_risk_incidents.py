"""Finding incidents near a courthouse and weighing them by place, age and verification."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import pytest

from app.domain.enums import LocationKind
from app.domain.risk import CourthouseFacts, IncidentFacts, IncidentIndex, RuleSet, load_rules
from app.domain.risk_incidents import score_incidents

ON = date(2025, 6, 16)
DENVER = CourthouseFacts(7, "Lindsey-Flanigan Courthouse", "Denver", "CO")
AURORA = CourthouseFacts(8, "Aurora Municipal Court", "Aurora", "CO")


@cache
def rules() -> RuleSet:
    return load_rules()


def incident(
    days_before: int,
    *,
    courthouse_id: int | None = 7,
    city: str | None = "Denver",
    verified: bool = True,
) -> IncidentFacts:
    when = datetime(ON.year, ON.month, ON.day, 12, tzinfo=UTC)
    return IncidentFacts(
        id=None,
        occurred_at=when - timedelta(days=days_before),
        courthouse_id=courthouse_id,
        city=city,
        state="CO",
        location_kind=LocationKind.COURTHOUSE_INTERIOR,
        place="Lindsey-Flanigan Courthouse",
        summary="Agents waited outside courtroom 3A.",
        verified=verified,
    )


def points(*incidents: IncidentFacts, courthouse: CourthouseFacts = DENVER) -> float:
    table = rules().table_on(ON)
    return score_incidents(table, rules().settings, courthouse, incidents, ON)[0]


def test_index_finds_by_courthouse_and_by_city_once_each() -> None:
    at = incident(1)
    city_only = incident(2, courthouse_id=None, city="  denver ")
    elsewhere = incident(3, courthouse_id=8, city="Aurora")
    index = IncidentIndex.build([elsewhere, city_only, at])
    assert index.near(DENVER) == (at, city_only)
    assert index.near(AURORA) == (elsewhere,)
    assert index.near(CourthouseFacts(None, "New", "Boulder", "CO")) == ()


def test_half_life_halves_the_weight() -> None:
    half_life = int(rules().settings.incident_half_life_days)
    assert points(incident(half_life)) == pytest.approx(points(incident(0)) / 2)


@pytest.mark.parametrize(
    ("stronger", "weaker"),
    [
        (incident(5), incident(300)),
        (incident(5), incident(5, verified=False)),
        (incident(5), incident(5, courthouse_id=None)),
    ],
)
def test_recent_verified_and_same_courthouse_weigh_more(
    stronger: IncidentFacts, weaker: IncidentFacts
) -> None:
    assert points(stronger) > points(weaker) > 0


def test_too_old_future_and_other_city_incidents_do_not_count() -> None:
    max_age = rules().settings.incident_max_age_days
    assert points(incident(max_age + 1)) == 0
    assert points(incident(-1)) == 0
    assert points(incident(1, courthouse_id=None, city="Aurora")) == 0


def test_many_incidents_are_capped_and_summarised() -> None:
    table = rules().table_on(ON)
    settings = rules().settings
    many = tuple(incident(day) for day in range(10))
    total, reasons = score_incidents(table, settings, DENVER, many, ON)
    assert total == settings.incident_points_cap
    codes = [reason.code for reason in reasons]
    assert codes.count("incident_at_courthouse") == settings.incident_reasons_max
    assert codes[-2:] == ["incidents_more", "incidents_cap"]
    assert sum(reason.weight for reason in reasons) == pytest.approx(total, abs=0.05)


def test_unverified_reports_say_so() -> None:
    table = rules().table_on(ON)
    _, reasons = score_incidents(
        table, rules().settings, DENVER, (incident(2, verified=False),), ON
    )
    assert "not verified" in reasons[0].text


def test_an_evening_incident_is_dated_by_the_courthouse_calendar() -> None:
    """The finding: "2026-11-18" in the reason where letters said November 17 (local, 22:30)."""
    evening = datetime(2025, 6, 13, 22, 30, tzinfo=ZoneInfo("America/Denver"))
    late = replace(incident(0), occurred_at=evening.astimezone(UTC))
    assert late.occurred_at.date() == date(2025, 6, 14)  # the UTC day is the next one
    local_court = replace(DENVER, time_zone="America/Denver")
    table = rules().table_on(ON)
    _, reasons = score_incidents(table, rules().settings, local_court, (late,), ON)
    assert "on 2025-06-13 (3 days ago)" in reasons[0].text
    assert reasons[0].source.startswith("Incident 2025-06-13 at")
    _, as_stored = score_incidents(table, rules().settings, DENVER, (late,), ON)
    assert "on 2025-06-14 (2 days ago)" in as_stored[0].text  # no zone known: the stored day


def test_an_incident_late_on_the_hearing_day_still_counts_that_day() -> None:
    """Dated in UTC, an arrest at 19:00 in Denver fell on "tomorrow" and was left out."""
    that_evening = datetime(ON.year, ON.month, ON.day, 19, tzinfo=ZoneInfo("America/Denver"))
    late = replace(incident(0), occurred_at=that_evening.astimezone(UTC))
    local_court = replace(DENVER, time_zone="America/Denver")
    assert points(late, courthouse=local_court) > 0
    assert points(late) == 0
