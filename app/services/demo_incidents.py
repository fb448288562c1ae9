"""Demo enforcement incidents that fit their place, for the demo generator.

A reader of a coalition letter built from demo data must be able to believe every line: a
courthouse story ("a named defendant", "the respondent after dismissal") happens only at a court
of a kind where it could, and a school, hospital, church or shelter stands on a street of the
city, never at a courthouse's address. The number arrested follows the story (resources/demo/
names.json, "arrested": a number, or "count" for the story's own count).
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, select

from app.domain.enums import IncidentSource, LocationKind
from app.storage.models import Courthouse

MAX_COURTS = 12


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
                   Courthouse.address)
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
            occurred = now - timedelta(days=rng.randint(1, 400), hours=rng.randint(0, 8))
            arrested = template.get("arrested", 0)
            rows.append(
                {
                    "occurred_at": occurred,
                    "courthouse_id": court_id if at_court else None,
                    "location_text": "" if at_court else template["place"].format(**values),
                    "city": city,
                    "state": info.state,
                    "location_kind": LocationKind(template["location_kind"]).value,
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
