"""Demo incidents a reader would believe: what happened fits where it happened.

No emergency-room lobby at a criminal court, no school entrance at an immigration court's
address, no "defendant" at an immigration court; the number arrested agrees with the story; the
Denver scenario keeps its 2017 charter-school arrest and the Lindsey-Flanigan courthouse.
"""

from __future__ import annotations

import re
from datetime import date, time
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from app.bootstrap import App
from app.domain.enums import AppearanceMode, LocationKind
from app.services.court_days import is_court_day
from app.services.demo import DemoService
from app.storage.models import Courthouse, EnforcementIncident, Hearing

COURTHOUSE_KINDS = {
    LocationKind.COURTHOUSE_INTERIOR,
    LocationKind.COURTHOUSE_EXTERIOR,
    LocationKind.COURTHOUSE_PARKING,
}
# Words that name a kind of place: each may appear only at that kind of place.
PLACE_WORDS: dict[str, set[LocationKind]] = {
    r"emergency|hospital|patient|clinic": {LocationKind.HOSPITAL},
    r"school|drop-off|dismissal": {LocationKind.SCHOOL},
    r"church parking|congregant|mosque|evening service": {LocationKind.PLACE_OF_WORSHIP},
    r"shelter": {LocationKind.SHELTER},
    r"courtroom|courthouse|clerk|gallery|docket|security exit": COURTHOUSE_KINDS,
}
# Words that name a kind of court: each needs a court of one of these kinds.
COURT_WORDS: dict[str, set[str]] = {
    r"defendant": {"criminal", "traffic"},
    r"respondent|motion to dismiss|master calendar|expedited removal": {"immigration"},
    r"protection-order": {"family"},
    r"witness": {"criminal", "traffic", "family", "civil", "housing", "small_claims"},
}
NO_ARREST = r"no arrests|waited|watched|sat in|asked|questioning|approached\.|parked"


@pytest.fixture(params=[1, 2, 3])
def incidents(
    request: pytest.FixtureRequest, sqlite_app: App
) -> list[tuple[EnforcementIncident, str]]:
    """Every incident of a demo office, with the kinds of its courthouse ("" when none)."""
    DemoService(sqlite_app.ctx).generate(30, 120, seed=request.param)
    found: list[tuple[EnforcementIncident, str]] = []
    with sqlite_app.ctx.uow.read() as session:
        for incident, kinds, street in session.execute(
            select(EnforcementIncident, Courthouse.court_kinds, Courthouse.address).outerjoin(
                Courthouse, Courthouse.id == EnforcementIncident.courthouse_id
            )
        ):
            assert not street or incident.location_kind in COURTHOUSE_KINDS, (
                f"{incident.summary!r} is placed at {street}"
            )
            found.append((incident, kinds or ""))
        session.expunge_all()
    return found


def test_there_are_incidents_of_every_kind_of_place(
    incidents: list[tuple[EnforcementIncident, str]],
) -> None:
    kinds = {incident.location_kind for incident, _ in incidents}
    assert kinds >= COURTHOUSE_KINDS | {LocationKind.SCHOOL}
    assert any("immigration" in court for _, court in incidents)


def test_place_words_agree_with_location_kind_and_court_kind(
    incidents: list[tuple[EnforcementIncident, str]],
) -> None:
    for incident, court_kinds in incidents:
        words = f"{incident.summary} {incident.location_text}".lower()
        for pattern, allowed in PLACE_WORDS.items():
            if re.search(pattern, words):
                assert incident.location_kind in allowed, (incident.location_kind, words)
        kinds = set(court_kinds.split(",")) - {""}
        for pattern, needed in COURT_WORDS.items():
            if re.search(pattern, words):
                assert kinds & needed, (court_kinds, words)
        at_court = incident.courthouse_id is not None
        assert at_court == (incident.location_kind in COURTHOUSE_KINDS), words


def test_people_arrested_agrees_with_what_happened(
    incidents: list[tuple[EnforcementIncident, str]],
) -> None:
    for incident, _ in incidents:
        words = incident.summary.lower()
        if re.search(r"arrested|detained|took him into custody|led him", words):
            assert incident.people_arrested >= 1, words
        elif re.search(NO_ARREST, words):
            assert incident.people_arrested == 0, words


def test_denver_scenario_keeps_its_school_arrest_and_courthouse(sqlite_app: App) -> None:
    DemoService(sqlite_app.ctx).generate(5, 10, seed=1)
    with sqlite_app.ctx.uow.read() as session:
        charter = session.execute(
            select(EnforcementIncident).where(
                EnforcementIncident.location_text.contains("Colorado High School Charter")
            )
        ).scalar_one()
        assert charter.occurred_at.date() == date(2017, 3, 14)
        assert charter.location_kind is LocationKind.SCHOOL and charter.courthouse_id is None
        assert charter.people_arrested == 1 and charter.markings == "POLICE"
        names = session.execute(select(Courthouse.name)).scalars().all()
        assert any("Lindsey-Flanigan" in name for name in names)


def test_remote_and_hybrid_demo_hearings_carry_example_join_details(sqlite_app: App) -> None:
    DemoService(sqlite_app.ctx).generate(40, 400, seed=2)
    with sqlite_app.ctx.uow.read() as session:
        hearings = session.execute(select(Hearing)).scalars().all()
        session.expunge_all()
    by_mode = {mode: [h for h in hearings if h.mode is mode] for mode in AppearanceMode}
    assert by_mode[AppearanceMode.REMOTE] and by_mode[AppearanceMode.HYBRID]
    for hearing in by_mode[AppearanceMode.REMOTE] + by_mode[AppearanceMode.HYBRID]:
        assert hearing.join_url.startswith("https://example.test/")
        assert re.fullmatch(r"\(303\) 555-01\d\d", hearing.join_phone)
    assert all(not h.join_url for h in by_mode[AppearanceMode.IN_PERSON])


def test_demo_hearings_fall_on_court_days(sqlite_app: App) -> None:
    """No immigration hearing on Christmas Day: courts sit on weekdays that are not holidays."""
    from zoneinfo import ZoneInfo

    from app.services.court_days import is_court_day

    DemoService(sqlite_app.ctx).generate(40, 600, seed=4)
    with sqlite_app.ctx.uow.read() as session:
        rows = session.execute(
            select(Hearing.starts_at, Courthouse.time_zone).join(
                Courthouse, Courthouse.id == Hearing.courthouse_id
            )
        ).all()
    days = [starts.astimezone(ZoneInfo(zone)).date() for starts, zone in rows]
    assert len(days) >= 600
    assert [day for day in days if not is_court_day(day)] == []


def test_demo_incidents_happen_at_hours_their_stories_fit(sqlite_app: App) -> None:
    """The finding: an immigration-court arrest "after the judge granted the motion to
    dismiss" at 10:30 PM: incidents fell at any hour of the UTC clock."""
    DemoService(sqlite_app.ctx).generate(40, 200, seed=3)
    with sqlite_app.ctx.uow.read() as session:
        rows = session.execute(select(EnforcementIncident, Courthouse.time_zone).outerjoin(
            Courthouse, Courthouse.id == EnforcementIncident.courthouse_id)).all()
        zones = dict(session.execute(select(Courthouse.city, Courthouse.time_zone)).all())
        session.expunge_all()
    # The Denver scenario's 2017 school arrest keeps its historical time (8:00 on 2017-03-14).
    drawn = [(i, zone) for i, zone in rows
             if "Colorado High School Charter" not in i.location_text]
    assert len(drawn) >= 10
    assert any(i.location_text == "Hallway outside courtroom 5C" for i, _ in drawn)
    for incident, zone in drawn:
        local = incident.occurred_at.astimezone(ZoneInfo(zone or zones[incident.city]))
        story = incident.summary
        if incident.location_kind in COURTHOUSE_KINDS:
            assert time(7, 30) <= local.time() <= time(18, 0), (local, story)
            assert is_court_day(local.date()), (local, story)
        else:
            assert time(6, 0) <= local.time() <= time(21, 0), (local, story)
        if "evening service" in story:
            assert local.time() >= time(19, 0), (local, story)
        if "drop-off" in story or "early in the morning" in story:
            assert local.time() <= time(9, 0), (local, story)
