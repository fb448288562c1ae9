"""A story kept on one sheet when it overflows by a little: a client advisory with a staff note.

ReportLab's KeepInFrame scales its content down to fit; this one does so only down to
SMALLEST_SCALE, and hands a longer story back to the frame to flow over pages at full size.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from reportlab.platypus import Flowable, KeepInFrame, KeepTogether
from reportlab.platypus.flowables import _listWrapOn  # how KeepInFrame measures its content

SMALLEST_SCALE = 0.88  # 10-point text shrinks at most to 8.8 points


class OnePageIfClose(KeepInFrame):  # type: ignore[misc]
    """Its story on one page, scaled down by at most SMALLEST_SCALE; a longer story is handed
    back to the frame to flow over pages at full size. A story that fits is laid out once."""

    def __init__(self, width: float, height: float, story: list[Flowable]) -> None:
        super().__init__(width, height, _flat(story), mode="shrink")
        self._story = story

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        width, height = _listWrapOn(self._content, avail_width, self.canv)
        if height <= avail_height:
            self.width, self.height = width, height
            return width, height
        if height * SMALLEST_SCALE > avail_height:
            return width, height  # too tall: the frame asks split() for the pieces
        return cast(tuple[float, float], super().wrap(avail_width, avail_height))

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        return list(self._story)


def _flat(story: Sequence[Flowable]) -> list[Flowable]:
    """The flowables with every KeepTogether opened (on one page it has nothing to keep, and a
    frame that shrinks its content cannot draw it)."""
    flat: list[Flowable] = []
    for flowable in story:
        flat += _flat(flowable._content) if isinstance(flowable, KeepTogether) else [flowable]
    return flat
