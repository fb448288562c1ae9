"""Demo enforcement incidents that fit their place, for the demo generator.

A reader of a coalition letter built from demo data must be able to believe every line: a
courthouse story ("a named defendant", "the respondent after dismissal") happens only at a court
of a kind where it could, and a school, hospital, church or shelter stands on a street of the
city, never at a courthouse's address. The number arrested follows the story (resources/demo/
names.json, "arrested": a number, or "count" for the story's own count). It happens at an hour
the story fits, by the clock of the court's city: a courthouse arrest on a court day while the
court is open, a school drop-off in the early morning, a church lot after the evening service.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, time, timedelta, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, select

from app.domain.enums import IncidentSource, LocationKind
from app.services.court_days import previous_court_day
from app.storage.models import Courthouse

MAX_COURTS = 12
#: When a story can happen, local time: words of the story first, then the kind of place.
#: Each window is (from, until) in minutes after midnight.
STORY_HOURS: tuple[tuple[str, tuple[int, int]], ...] = (
    ("8:30 docket", (7 * 60 + 45, 8 * 60 + 25)),
    ("morning docket", (8 * 60 + 30, 11 * 60 + 45)),
    ("from opening until noon", (7 * 60 + 45, 8 * 60 + 15)),
    ("drop-off", (7 * 60 + 15, 8 * 60 + 30)),
    ("dismissal", (14 * 60 + 45, 15 * 60 + 45)),
    ("evening service", (19 * 60 + 30, 21 * 60)),
    ("early in the morning", (6 * 60, 7 * 60 + 30)),
    ("on their way to a hearing", (6 * 60 + 45, 8 * 60 + 45)),
)
PLACE_HOURS: dict[LocationKind, tuple[int, int]] = {
    LocationKind.COURTHOUSE_INTERIOR: (7 * 60 + 30, 18 * 60),
    LocationKind.COURTHOUSE_EXTERIOR: (7 * 60 + 30, 18 * 60),
    LocationKind.COURTHOUSE_PARKING: (7 * 60 + 30, 18 * 60),
    LocationKind.SCHOOL: (7 * 60 + 15, 16 * 60),
    LocationKind.HOSPITAL: (7 * 60, 21 * 60),
    LocationKind.PLACE_OF_WORSHIP: (8 * 60, 21 * 60),
    LocationKind.SHELTER: (9 * 60, 18 * 60),
    LocationKind.OTHER: (6 * 60 + 30, 19 * 60),
}
#: Places that keep court or school days: their stories happen on weekdays that are no holiday.
WEEKDAY_PLACES = frozenset({
    LocationKind.COURTHOUSE_INTERIOR,
    LocationKind.COURTHOUSE_EXTERIOR,
    LocationKind.COURTHOUSE_PARKING,
    LocationKind.SCHOOL,
})


def incident_rows(
    connection: Connection,
    rng: random.Random,
    now: datetime,
    names: dict[str, Any],
    courts: list[tuple[int, tuple[str, ...]]],
) -> list[dict[str, Any]]:
    """Rows for EnforcementIncident: one to four incidents at or near a sample of courts."""
    templates = names["incident_templates"]
    court_rows = {
        r.id: r
        for r in connection.execute(
            select(Courthouse.id, Courthouse.name, Courthouse.city, Courthouse.state,
                   Courthouse.address, Courthouse.time_zone)
        )
    }
    rows = []
    for court_id, court_kinds in rng.sample(courts, k=min(len(courts), MAX_COURTS)):
        info = court_rows[court_id]
        nearby = neighbourhood(names["addresses"], info.city, info.state)
        fitting = [t for t in templates if template_fits(t, court_kinds, nearby is not None)]
        for _ in range(rng.randint(1, 4) if fitting else 0):
            template = rng.choice(fitting)
            at_court = "court_kinds" in template
            city, street, cross_street = info.city, info.address, "the main entrance"
            if not at_court and nearby is not None:
                city, streets = nearby
                street, cross_street = rng.sample(streets, 2)
            count = rng.randint(2, 5)
            values = {
                "room": f"{rng.randint(1, 9)}{rng.choice('ABCD')}",
                "floor": str(rng.randint(1, 6)),
                "courthouse": info.name,
                "street": street,
                "cross_street": cross_street,
                "count": str(count),
                "minutes": str(rng.randint(5, 40)),
            }
            kind = LocationKind(template["location_kind"])
            occurred = occurred_at(rng, now, ZoneInfo(info.time_zone), template["text"], kind)
            arrested = template.get("arrested", 0)
            rows.append(
                {
                    "occurred_at": occurred,
                    "courthouse_id": court_id if at_court else None,
                    "location_text": "" if at_court else template["place"].format(**values),
                    "city": city,
                    "state": info.state,
                    "location_kind": kind.value,
                    "agency": template.get("agency", "ICE"),
                    "summary": template["text"].format(**values),
                    "people_arrested": count if arrested == "count" else int(arrested),
                    "markings": "POLICE" if "POLICE" in template["text"] else "",
                    "source": rng.choice(list(IncidentSource)).value,
                    "verified": rng.random() < 0.6,
                    "version": 1,
                }
            )
    return rows


def occurred_at(
    rng: random.Random, now: datetime, zone: tzinfo, story: str, kind: LocationKind
) -> datetime:
    """A moment 1 to 400 days before `now` when `story` could have happened at a `kind` of place,
    chosen by the local clock and calendar of `zone`; returned in UTC."""
    window = next((hours for words, hours in STORY_HOURS if words in story), PLACE_HOURS[kind])
    day = now.astimezone(zone).date() - timedelta(days=rng.randint(1, 400))
    if kind in WEEKDAY_PLACES:
        day = previous_court_day(day)
    minute = rng.randint(*window)
    local = datetime.combine(day, time(minute // 60, minute % 60), tzinfo=zone)
    return local.astimezone(UTC)


def neighbourhood(
    addresses: list[dict[str, Any]], city: str, state: str
) -> tuple[str, list[str]] | None:
    """Streets of the court's city (or another city of its state) for incidents away from any
    courthouse; None where the demo knows no streets in that state."""
    same_state = [a for a in addresses if a["state"] == state]
    same_city = [a for a in same_state if a["city"] == city]
    for entry in same_city or same_state:
        if len(entry["streets"]) >= 2:
            return entry["city"], list(entry["streets"])
    return None


def template_fits(
    template: dict[str, Any], court_kinds: tuple[str, ...], has_streets: bool
) -> bool:
    """A courthouse template fits a court of one of its kinds (no "defendant" at an immigration
    court, no "respondent" at a criminal one); any other needs streets to stand on."""
    kinds = template.get("court_kinds")
    if kinds is None:
        return has_streets
    return bool(set(kinds) & set(court_kinds))
