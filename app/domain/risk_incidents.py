"""Recorded ICE activity near a courthouse: finding it quickly and weighing it by age.

No public row-level data exists, so the office's own incident log is the evidence. An incident at
the same courthouse says more than one elsewhere in the city, a verified report more than a rumour,
and last week's more than last year's (exponential decay with a half-life from the rules file).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, tzinfo
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from app.domain.risk_compile import INCIDENTS_CAP_CODE, INCIDENTS_MORE_CODE, PeriodTable
from app.domain.risk_inputs import CourthouseFacts, IncidentFacts, Reason
from app.domain.risk_rules import RuleSettings

SUMMARY_LIMIT = 160
CACHE_LIMIT = 20_000


def _city_key(city: str | None, state: str | None) -> tuple[str, str] | None:
    if not city or not state:
        return None
    return city.strip().casefold(), state.strip().upper()


class IncidentIndex:
    """Incidents grouped by courthouse id and by city, built once per Upcoming refresh."""

    __slots__ = ("_by_city", "_by_courthouse", "_cache")

    def __init__(
        self,
        by_courthouse: dict[int, tuple[IncidentFacts, ...]],
        by_city: dict[tuple[str, str], tuple[IncidentFacts, ...]],
    ) -> None:
        self._by_courthouse = by_courthouse
        self._by_city = by_city
        self._cache: dict[tuple[int | None, tuple[str, str] | None], tuple[IncidentFacts, ...]] = {}

    @classmethod
    def build(cls, incidents: Iterable[IncidentFacts]) -> IncidentIndex:
        by_courthouse: dict[int, list[IncidentFacts]] = {}
        by_city: dict[tuple[str, str], list[IncidentFacts]] = {}
        for incident in sorted(incidents, key=lambda item: item.occurred_at.timestamp()):
            if incident.courthouse_id is not None:
                by_courthouse.setdefault(incident.courthouse_id, []).append(incident)
            key = _city_key(incident.city, incident.state)
            if key is not None:
                by_city.setdefault(key, []).append(incident)
        return cls(
            {key: tuple(items) for key, items in by_courthouse.items()},
            {key: tuple(items) for key, items in by_city.items()},
        )

    def near(self, courthouse: CourthouseFacts) -> tuple[IncidentFacts, ...]:
        """Incidents at this courthouse, then the others in the same city and state."""
        key = (courthouse.id, _city_key(courthouse.city, courthouse.state))
        cached = self._cache.get(key)
        if cached is None:
            at = self._by_courthouse.get(courthouse.id, ()) if courthouse.id is not None else ()
            seen = {id(incident) for incident in at}
            city = self._by_city.get(key[1], ()) if key[1] is not None else ()
            cached = at + tuple(incident for incident in city if id(incident) not in seen)
            self._cache[key] = cached
        return cached


def local_day(moment: datetime, zone: tzinfo | None) -> date:
    """The calendar day of `moment` at the courthouse: 22:30 in Denver is not tomorrow (UTC)."""
    if zone is None or moment.tzinfo is None:
        return moment.date()
    return moment.astimezone(zone).date()


@cache
def _zone(name: str) -> tzinfo | None:
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def cached_incident_points(
    table: PeriodTable,
    settings: RuleSettings,
    courthouse: CourthouseFacts,
    incidents: Sequence[IncidentFacts],
    on_date: date,
) -> tuple[float, tuple[Reason, ...]]:
    """score_incidents, remembered for immutable incident tuples (as IncidentIndex.near gives).

    The key holds the identities of the courthouse and of the tuple (hashing them by value cost
    more than the rest of an assessment); the entry keeps both alive, so an identity match always
    means the very same courthouse and incidents.
    """
    if not incidents:
        return 0.0, ()
    if not isinstance(incidents, tuple):
        total, reasons = score_incidents(table, settings, courthouse, incidents, on_date)
        return total, tuple(reasons)
    cache = table.incident_cache
    key = (id(courthouse), on_date, id(incidents))
    hit = cache.get(key)
    if hit is not None and hit[0] is incidents and hit[1] is courthouse:
        return hit[2], hit[3]
    total, reasons = score_incidents(table, settings, courthouse, incidents, on_date)
    if len(cache) >= CACHE_LIMIT:
        cache.clear()
    cache[key] = (incidents, courthouse, total, tuple(reasons))
    return total, tuple(reasons)


def score_incidents(
    table: PeriodTable,
    settings: RuleSettings,
    courthouse: CourthouseFacts,
    incidents: Sequence[IncidentFacts],
    on_date: date,
) -> tuple[float, list[Reason]]:
    """Points from incidents on or before `on_date`, and one reason for each that counts."""
    city = _city_key(courthouse.city, courthouse.state)
    zone = _zone(courthouse.time_zone)
    scored: list[tuple[float, int, bool, date, IncidentFacts]] = []
    for incident in incidents:
        day = local_day(incident.occurred_at, zone)
        days = (on_date - day).days
        if days < 0 or days > settings.incident_max_age_days:
            continue
        at_courthouse = courthouse.id is not None and incident.courthouse_id == courthouse.id
        if at_courthouse:
            rule = table.incident_at_courthouse
        elif city is not None and _city_key(incident.city, incident.state) == city:
            rule = table.incident_in_city
        else:
            continue
        points = rule.weight * 0.5 ** (days / settings.incident_half_life_days)
        if not incident.verified:
            points *= settings.unverified_incident_factor
        if points > 0:
            scored.append((points, days, at_courthouse, day, incident))
    if not scored:
        return 0.0, []
    scored.sort(key=lambda item: -item[0])
    shown = scored[: settings.incident_reasons_max]
    reasons = [_reason(table, courthouse, *item) for item in shown]
    rest = scored[len(shown) :]
    if rest:
        text = table.incidents_more_template.format(count=len(rest))
        rest_points = round(sum(item[0] for item in rest), 2)
        reasons.append(Reason(INCIDENTS_MORE_CODE, text, rest_points, table.incidents_more_source))
    total = sum(item[0] for item in scored)
    if total > settings.incident_points_cap:
        cut = round(settings.incident_points_cap - total, 2)
        reasons.append(
            Reason(INCIDENTS_CAP_CODE, table.incidents_cap_text, cut, table.incidents_cap_source)
        )
        total = settings.incident_points_cap
    return total, reasons


def _reason(
    table: PeriodTable,
    courthouse: CourthouseFacts,
    points: float,
    days: int,
    at_courthouse: bool,
    day: date,
    incident: IncidentFacts,
) -> Reason:
    rule = table.incident_at_courthouse if at_courthouse else table.incident_in_city
    when = day.isoformat()
    summary = " ".join(incident.summary.split())
    if len(summary) > SUMMARY_LIMIT:
        summary = summary[: SUMMARY_LIMIT - 1].rstrip() + "…"
    text = rule.template.format(date=when, days=days, place=incident.place, summary=summary)
    if not incident.verified:
        text = f"{text} {table.unverified_text}"
    city = incident.city or courthouse.city
    state = (incident.state or courthouse.state).upper()
    where = "at" if at_courthouse else "near"
    source = f"Incident {when} {where} {incident.place}, {city} {state}"
    return Reason(rule.code, text, round(points, 2), source)
