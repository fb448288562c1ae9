"""Free large lists of rows a slice per turn of the event loop.

Replacing a 50,000-row list frees every row and everything only it refers to: 60-80 ms in one go,
a visible freeze. Freeing on a helper thread is no better: the window's painting calls into
Python once per cell and waits for the GIL each time the helper holds it. So the main thread
frees the list itself, a slice at a time, returning to the event loop between slices.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections import deque
from typing import Any

from PySide6.QtCore import QTimer

SLICE = 1_000  # rows freed per turn: about 1-2 ms
SMALL = 2_000  # lists up to this size are freed at once

_pending: deque[list[Any]] = deque()


def release(rows: list[Any]) -> None:
    """Take `rows` over (the caller keeps no other reference to the list) and free it soon."""
    if len(rows) <= SMALL:
        return
    _pending.append(rows)
    if len(_pending) == 1:
        QTimer.singleShot(0, _free_a_slice)


class Releasable(ABC):
    """A task's answer holding large lists; the task runner calls `release()` when a newer
    answer has replaced it before it was shown."""

    @abstractmethod
    def release(self) -> None:
        """Hand the large lists to `release()` above."""


def pending() -> int:
    """Rows handed over and not yet freed."""
    return sum(len(rows) for rows in _pending)


def _free_a_slice() -> None:
    rows = _pending[0]
    del rows[-SLICE:]
    if not rows:
        _pending.popleft()
    if _pending:
        QTimer.singleShot(0, _free_a_slice)
