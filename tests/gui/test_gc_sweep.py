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
