"""Page bookkeeping for PDFs that hold several documents, each numbered on its own.

A zero-size marker flowable opens each document; the canvas holds finished pages back until the end
(the classic ReportLab "NumberedCanvas" recipe) so footers can say "Page 2 of 3" per document.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable


@dataclass(frozen=True, slots=True)
class PageMark:
    """Which section a finished page belongs to and where it sits in it."""

    section: int
    number: int
    total: int


class SectionStart(Flowable):  # type: ignore[misc]
    """Zero-size marker at the top of each document in a PDF; tells the canvas a new one began."""

    def __init__(self, index: int, on_start: Callable[[int], None]) -> None:
        super().__init__()
        self.index = index
        self.on_start = on_start

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return 0, 0

    def draw(self) -> None:
        self.canv.courtsafe_section = self.index
        self.on_start(self.index)


class SectionedCanvas(Canvas):  # type: ignore[misc]
    """Holds finished pages back until the end so footers can say "of N" per section.

    The classic ReportLab "NumberedCanvas" recipe, extended to number each section separately.
    """

    def __init__(self, *args: Any, decorate: Callable[[Canvas, PageMark], None],
                 stamp: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._decorate = decorate
        self._held_pages: list[dict[str, Any]] = []
        self.courtsafe_section = 0
        _stamp_document(self, stamp)

    def showPage(self) -> None:  # noqa: N802 - ReportLab API
        self._held_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        totals: dict[int, int] = {}
        for state in self._held_pages:
            totals[state["courtsafe_section"]] = totals.get(state["courtsafe_section"], 0) + 1
        seen: dict[int, int] = {}
        for state in self._held_pages:
            self.__dict__.update(state)
            section = state["courtsafe_section"]
            seen[section] = seen.get(section, 0) + 1
            self._decorate(self, PageMark(section, seen[section], totals[section]))
            super().showPage()
        super().save()


def _stamp_document(canvas: Canvas, day: date) -> None:
    """Date the PDF with the document's own date, so the same input always gives the same bytes."""
    stamp = pdfdoc.TimeStamp(invariant=1)
    moment = datetime.combine(day, time(12, 0), tzinfo=UTC)
    stamp.t = moment.timestamp()
    stamp.lt = moment.utctimetuple()
    stamp.YMDhms = tuple(stamp.lt)[:6]
    canvas._doc._timeStamp = stamp  # noqa: SLF001 - ReportLab exposes no setter
