"""Keep the garbage collector from freezing the window while a task builds a large result.

With the GIL, a full collection in any thread stops every thread: loading 50,000 assessed
hearings triggered collections of 75-235 ms, each a visible freeze. While tasks run, automatic
collection pauses; when the runner goes idle, the survivors (the rows now shown) move to the
permanent generation with gc.freeze(), so later collections do not rescan them. Reference
counting still frees every row when a page replaces its list; only reference cycles among
frozen objects would linger, and the row dataclasses form none.
"""

from __future__ import annotations

import gc


class GcPause:
    def __init__(self) -> None:
        self._paused = False

    def begin(self) -> None:
        if not self._paused and gc.isenabled():
            gc.disable()
            self._paused = True

    def end(self) -> None:
        if self._paused:
            gc.freeze()
            gc.enable()
            self._paused = False
