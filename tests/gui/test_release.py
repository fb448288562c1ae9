"""Large lists of rows are freed a slice per turn of the event loop, never all at once."""

from __future__ import annotations

import weakref
from dataclasses import dataclass

from PySide6.QtCore import QTimer

from app.ui.models import release
from app.ui.models.row_table import Column, RowTableModel
from app.ui.tasks import TaskRunner


class Row:
    def __init__(self, number: int) -> None:
        self.number = number


COLUMNS = [Column("Number", lambda row: str(row.number))]


def test_replaced_rows_are_all_freed_while_the_window_keeps_turning(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = RowTableModel(COLUMNS)
    rows = [Row(n) for n in range(50_000)]
    watched = [weakref.ref(row) for row in rows[:: 1_000]]
    model.set_rows(rows)
    del rows
    model.set_rows([Row(-1)])
    assert all(ref() is not None for ref in watched)  # not freed in one go
    turns: list[int] = []
    timer = QTimer()
    timer.setInterval(0)
    timer.timeout.connect(lambda: turns.append(release.pending()))
    timer.start()
    qtbot.waitUntil(lambda: all(ref() is None for ref in watched), timeout=5_000)
    timer.stop()
    assert release.pending() == 0
    assert len({pending for pending in turns if pending}) > 10  # other events ran in between
    assert model.rowCount() == 1 and model.row_at(0).number == -1


@dataclass
class Answer(release.Releasable):
    rows: list[Row]
    released: bool = False

    def release(self) -> None:
        self.released = True
        release.release(self.rows)


def test_a_superseded_answer_is_released_and_the_latest_one_shown(qtbot) -> None:  # type: ignore[no-untyped-def]
    errors: list[BaseException] = []
    runner = TaskRunner(errors.append)
    first = Answer([Row(n) for n in range(5_000)])
    second = Answer([Row(1)])
    shown: list[Answer] = []
    runner.run(lambda: first, shown.append, key="list")
    runner.run(lambda: second, shown.append, key="list")
    qtbot.waitUntil(lambda: not runner.busy, timeout=5_000)
    assert shown == [second] and not errors
    assert first.released and not second.released
    qtbot.waitUntil(lambda: not first.rows, timeout=5_000)
