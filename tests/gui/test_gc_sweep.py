"""Frozen garbage is collected once the window has been quiet for a while."""

from __future__ import annotations

import gc

import pytest

from app.ui import gc_pause
from app.ui.gc_pause import IDLE_SWEEP_SECONDS, GcPause


class Cycle:
    def __init__(self) -> None:
        self.me = self


def test_cycles_frozen_after_a_task_are_collected_when_quiet(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(gc_pause, "FROZEN_LIMIT", 10**9)  # only the quiet time decides here
    gc.unfreeze()
    pause = GcPause()
    pause.begin()
    for _ in range(1000):
        Cycle()
    pause.end()
    frozen = gc.get_freeze_count()
    assert frozen > 0
    assert not pause.sweep_if_quiet(now=None)  # not quiet long enough yet
    import time

    assert pause.sweep_if_quiet(now=time.monotonic() + IDLE_SWEEP_SECONDS + 1)
    assert gc.get_freeze_count() == 0
    assert not any(isinstance(o, Cycle) for o in gc.get_objects())


def test_many_frozen_objects_are_swept_at_the_next_idle_moment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(gc_pause, "FROZEN_LIMIT", 500)
    gc.unfreeze()
    pause = GcPause()
    pause.begin()
    keep = [Cycle() for _ in range(1000)]
    pause.end()
    assert pause.sweep_if_quiet()
    assert gc.get_freeze_count() == 0
    assert len(keep) == 1000


def test_collection_off_while_starting_comes_back_once_the_window_and_its_tasks_are_done(
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    from threading import Event

    from app.ui.tasks import TaskRunner

    gc.unfreeze()
    gc.disable()  # as app.__main__ starts the process
    try:
        runner = TaskRunner(lambda error: None)
        release = Event()
        runner.run(lambda: release.wait(5), lambda _result: None)
        runner.window_ready()
        assert not gc.isenabled()  # the first page is still loading
        release.set()
        qtbot.waitUntil(lambda: not runner.busy, timeout=5_000)
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0  # what starting built is out of the collector's way
        quiet = TaskRunner(lambda error: None)
        quiet.window_ready()  # nothing to wait for: collection stays on
        assert gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()
