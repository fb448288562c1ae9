"""Keep the garbage collector from freezing the window while a task builds a large result.

With the GIL, a full collection in any thread stops every thread: loading 50,000 assessed
hearings triggered collections of 75-235 ms, each a visible freeze. While tasks run, automatic
collection pauses; when the runner goes idle, the survivors (the rows now shown) move to the
permanent generation with gc.freeze(), so later collections do not rescan them. Reference
counting still frees every row when a page replaces its list. Reference cycles that were frozen
would linger, so at the first idle moment ten minutes after the first unswept freeze (or sooner
when many objects are frozen) everything is unfrozen and collected once: one pause while no task
runs, and memory stays bounded over a working day.
"""

from __future__ import annotations

import gc
import time

IDLE_SWEEP_SECONDS = 600
FROZEN_LIMIT = 300_000


class GcPause:
    def __init__(self) -> None:
        # The process starts with collection off (app.__main__): that pause is taken over, and
        # ends like any other, so what starting built is frozen once the window is idle.
        self._paused = not gc.isenabled()
        self._frozen_since: float | None = None

    def begin(self) -> None:
        if not self._paused and gc.isenabled():
            gc.disable()
            self._paused = True

    def end(self) -> None:
        if self._paused:
            gc.freeze()
            gc.enable()
            self._paused = False
            if self._frozen_since is None:
                self._frozen_since = time.monotonic()

    def sweep_if_quiet(self, now: float | None = None) -> bool:
        """Collect what earlier freezes kept, once the window has been idle long enough."""
        now = time.monotonic() if now is None else now
        if self._paused or self._frozen_since is None:
            return False
        if now - self._frozen_since < IDLE_SWEEP_SECONDS and gc.get_freeze_count() < FROZEN_LIMIT:
            return False
        gc.unfreeze()
        gc.collect()
        self._frozen_since = None
        return True
