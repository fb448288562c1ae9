"""Office adjustments of the risk rules, as the service applies them."""

from __future__ import annotations

import gc

from app.bootstrap import App
from app.services.demo import DemoService
from app.services.risk import WEIGHTS_KEY, UpcomingFilter


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
