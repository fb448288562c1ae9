"""Office adjustments of the risk rules, as the service applies them."""

from __future__ import annotations

import gc
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from app.bootstrap import App
from app.domain.enums import AppearanceMode, CourtKind, RiskLevel
from app.services import risk as risk_service
from app.services.demo import DemoService
from app.services.letters import LetterService
from app.services.risk import WEIGHTS_KEY, UpcomingFilter, UpcomingItem, level_counts
from app.storage.models import Courthouse, EnforcementIncident, Hearing


def test_a_stale_adjustment_never_leaves_the_upcoming_view_without_flags(sqlite_app: App) -> None:
    DemoService(sqlite_app.ctx).generate(30, 150)
    risk = sqlite_app.services.risk
    code = next(iter(risk.default_weights()))
    sqlite_app.services.office.set_setting(WEIGHTS_KEY, {code: 0.0, "factor_no_longer_known": 2.0})
    items = risk.upcoming(UpcomingFilter(start=sqlite_app.ctx.now(), days=30))
    assert items and all(item.assessment.reasons for item in items)
    assert risk.rules().weight(code) == 0.0


def test_adjusted_weights_apply_and_reset(sqlite_app: App) -> None:
    risk = sqlite_app.services.risk
    code = next(iter(risk.default_weights()))
    risk.adjust({code: 0.25}, {})
    assert risk.rules().weight(code) == 0.25
    risk.reset_to_defaults()
    assert risk.rules().weight(code) == risk.default_weights()[code]


def test_a_clients_hearings_are_assessed_like_each_one_alone(sqlite_app: App) -> None:
    DemoService(sqlite_app.ctx).generate(30, 150)
    client = sqlite_app.services.clients.search("rodriguez covarrubias")[0]
    together = sqlite_app.services.risk.for_client(client.id)
    assert together
    for item in together:
        alone = sqlite_app.services.risk.assess_hearing(item.hearing.id)
        assert alone is not None and alone.assessment == item.assessment


def test_the_window_flags_each_hearing_as_it_would_alone(backend_app: App) -> None:
    """Facts shared across rows (client, courthouse, case kind) must never leak between them."""
    DemoService(backend_app.ctx).generate(40, 300)
    risk = backend_app.services.risk
    window = risk.upcoming(UpcomingFilter(start=backend_app.ctx.now(), days=60))
    assert len({item.assessment.level for item in window}) >= 3
    for item in window[::7]:
        alone = risk.assess_hearing(item.hearing.id)
        assert alone is not None and alone.assessment == item.assessment


def test_a_large_window_leaves_the_garbage_collector_as_it_found_it(sqlite_app: App) -> None:
    DemoService(sqlite_app.ctx).generate(20, 100)
    window = UpcomingFilter(start=sqlite_app.ctx.now(), days=60)
    assert gc.isenabled()
    assert sqlite_app.services.risk.upcoming(window)
    assert gc.isenabled()
    gc.disable()
    try:
        sqlite_app.services.risk.upcoming(window)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_many_hearings_assessed_in_one_pass_match_each_one_alone(
    backend_app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The letters window's batch path must flag every hearing exactly as the detail pane does."""
    DemoService(backend_app.ctx).generate(40, 300)
    risk = backend_app.services.risk
    window = risk.upcoming(UpcomingFilter(start=backend_app.ctx.now(), days=60))
    ids = [item.hearing_id for item in window]
    monkeypatch.setattr(risk_service, "ID_CHUNK", 7)  # several chunks, as with 900 on real data
    together = risk.assess_hearings([*ids, ids[0], 10_000_000])
    assert sorted(together) == sorted(ids), "unknown ids left out, repeated ids once"
    assert len({item.assessment.level for item in together.values()}) >= 3
    for hearing_id in ids:
        alone = risk.assess_hearing(hearing_id)
        assert alone is not None
        assert together[hearing_id].assessment == alone.assessment
    assert risk.assess_hearings([]) == {}


def test_an_advisory_batch_assesses_its_hearings_in_one_pass(
    sqlite_app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    DemoService(sqlite_app.ctx).generate(20, 100)
    risk = sqlite_app.services.risk
    ids = [item.hearing_id for item in risk.upcoming(UpcomingFilter(sqlite_app.ctx.now(), 60))]
    ids = ids[:3]
    calls: list[list[int]] = []
    one_pass = risk.assess_hearings

    def recorded(hearing_ids: list[int]) -> dict[int, UpcomingItem]:
        calls.append(list(hearing_ids))
        return one_pass(hearing_ids)

    def one_by_one(hearing_id: int) -> None:
        raise AssertionError("advisory_batch assessed a hearing on its own")

    monkeypatch.setattr(risk, "assess_hearings", recorded)
    monkeypatch.setattr(risk, "assess_hearing", one_by_one)
    given = risk.upcoming(UpcomingFilter(sqlite_app.ctx.now(), 60))[0]
    made = LetterService(sqlite_app.ctx, risk).advisory_batch(
        [given.hearing_id, *ids[1:]],
        mark_advised=False,
        assessments={given.hearing_id: given.assessment},
    )
    assert made.pdf.startswith(b"%PDF")
    assert calls == [[h for h in ids[1:] if h != given.hearing_id]]


def test_the_demo_office_flags_removal_respondents_sensibly(sqlite_app: App) -> None:
    """Permanent residents and recorded citizens in removal proceedings are flagged; no one at
    immigration court is cleared as a citizen or a permanent resident with a clean record."""
    DemoService(sqlite_app.ctx).generate(150, 900)
    window = sqlite_app.services.risk.upcoming(UpcomingFilter(sqlite_app.ctx.now(), 120))
    at_immigration = [i for i in window if i.hearing.court_kind is CourtKind.IMMIGRATION]
    found: dict[str, list[UpcomingItem]] = {}
    for item in at_immigration:
        for reason in item.assessment.reasons:
            found.setdefault(reason.code, []).append(item)
    assert "citizen" not in found and "lpr_not_removable" not in found
    for code in ("lpr_in_removal_proceedings", "citizen_in_removal_proceedings"):
        assert found.get(code), f"the demo office has no {code}"
        for item in found[code]:
            if item.hearing.mode is AppearanceMode.REMOTE:
                assert item.assessment.level is RiskLevel.LOW
            else:
                assert item.assessment.level.rank >= RiskLevel.ELEVATED.rank
    elsewhere = [i for i in window if i.hearing.court_kind is not CourtKind.IMMIGRATION]
    cleared = {r.code for i in elsewhere for r in i.assessment.reasons if i.assessment.score == 0}
    assert {"citizen", "lpr_not_removable"} <= cleared
    levels = level_counts(window)
    assert all(levels[level] for level in RiskLevel), levels


def test_an_evening_incident_is_dated_in_the_courts_own_calendar(sqlite_app: App) -> None:
    """The finding: reasons said "2026-11-18" (UTC) for an arrest letters dated November 17."""
    DemoService(sqlite_app.ctx).generate(20, 100)
    risk = sqlite_app.services.risk
    hearing = next(item.hearing for item in risk.upcoming(UpcomingFilter(sqlite_app.ctx.now(), 60))
                   if item.hearing.mode is not AppearanceMode.REMOTE)
    with sqlite_app.ctx.uow.session() as session:
        court = session.execute(select(Courthouse).join(Hearing).where(
            Hearing.id == hearing.id)).scalar_one()
        zone = ZoneInfo(court.time_zone)
        day = sqlite_app.ctx.now().astimezone(zone).date() - timedelta(days=3)
        evening = datetime.combine(day, time(22, 30), tzinfo=zone)
        assert evening.astimezone(ZoneInfo("UTC")).date() != day  # west of Greenwich
        session.query(EnforcementIncident).delete()
        session.add(EnforcementIncident(
            occurred_at=evening, courthouse_id=court.id, city=court.city, state=court.state,
            location_kind="courthouse_exterior", summary="Agents waited on the steps.",
            source="staff_report", verified=True))
    item = risk.assess_hearing(hearing.id)
    assert item is not None
    texts = [r.text for r in item.assessment.reasons if r.code == "incident_at_courthouse"]
    assert texts and f"on {day.isoformat()} (" in texts[0]
