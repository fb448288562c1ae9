"""One task runner for slow work (Anki's taskman): callables run on a thread pool and their
results or errors come back on the main thread by signal.

A task superseded by a newer one with the same key (a search keystroke, a page refresh) is
dropped when it finishes, so a slow old answer never overwrites a fresh one. Long tasks get a
`TaskControl` to report progress and to poll for cancellation.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal
from shiboken6 import Shiboken

from app.ui.gc_pause import GcPause
from app.ui.models.release import Releasable

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]
Progress = Callable[[str, int, int], None]


class Cancelled(Exception):
    """Raised inside a task by `TaskControl.check()` once the user pressed Cancel."""


class TaskControl:
    """Handed to long tasks: report progress, poll for cancellation. Thread-safe."""

    def __init__(self, bridge: _Bridge) -> None:
        self._cancelled = threading.Event()
        self._bridge = bridge

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def check(self) -> None:
        if self._cancelled.is_set():
            raise Cancelled()

    def progress(self, step: str, done: int, total: int) -> None:
        self.check()
        self._bridge.progressed.emit(step, done, total)


class _Bridge(QObject):
    """Lives on the main thread; signals emitted from the worker arrive there queued."""

    finished = Signal(object)
    failed = Signal(object)
    progressed = Signal(str, int, int)


class _Runnable(QRunnable):
    def __init__(self, work: Callable[[], Any], bridge: _Bridge) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._work = work
        self._bridge = bridge

    def run(self) -> None:
        try:
            result = self._work()
        except BaseException as error:  # noqa: BLE001 - handed to the main thread
            self._bridge.failed.emit(error)
        else:
            self._bridge.finished.emit(result)


class Task:
    def __init__(
        self,
        number: int,
        key: str | None,
        label: str,
        control: TaskControl,
        owner: QObject | None,
    ) -> None:
        self.number = number
        self.key = key
        self.label = label
        self.control = control
        self.owner = owner

    @property
    def owner_alive(self) -> bool:
        """A page closed while its query ran must not receive the answer."""
        return self.owner is None or bool(Shiboken.isValid(self.owner))

    def cancel(self) -> None:
        self.control.cancel()


class TaskRunner(QObject):
    """Runs work off the UI thread; `busy_changed` drives the status-bar indicator."""

    busy_changed = Signal(bool)
    idle = Signal()

    def __init__(
        self,
        on_error: Failed,
        parent: QObject | None = None,
        *,
        max_threads: int = 2,
    ) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._default_error = on_error
        self._numbers = itertools.count(1)
        self._latest: dict[str, int] = {}
        self._running: dict[int, tuple[Task, _Bridge]] = {}
        self._gc = GcPause()
        self._sweeper = QTimer(self)
        self._sweeper.setInterval(60_000)
        self._sweeper.timeout.connect(self._sweep)
        self._sweeper.start()

    def _sweep(self) -> None:
        if not self._running:
            self._gc.sweep_if_quiet()

    @property
    def busy(self) -> bool:
        return bool(self._running)

    @property
    def labels(self) -> list[str]:
        return [task.label for task, _ in self._running.values() if task.label]

    def run(
        self,
        work: Callable[[], Any],
        on_done: Done,
        on_error: Failed | None = None,
        *,
        key: str | None = None,
        label: str = "",
        owner: QObject | None = None,
    ) -> Task:
        """Run `work()`; `on_done(result)` or `on_error(error)` follow on the main thread.

        Nothing is delivered once `owner` (by default the object `on_done` is a method of) has
        been deleted.
        """
        return self._start(
            lambda _control: work(), on_done, on_error, None, key, label, owner
        )

    def run_long(
        self,
        work: Callable[[TaskControl], Any],
        on_done: Done,
        on_error: Failed | None = None,
        on_progress: Progress | None = None,
        *,
        key: str | None = None,
        label: str = "",
        owner: QObject | None = None,
    ) -> Task:
        """Run `work(control)`; the work reports progress and polls `control` for Cancel."""
        return self._start(work, on_done, on_error, on_progress, key, label, owner)

    def window_ready(self) -> None:
        """The window is up: with no task running, end the start-up pause of the collector now
        (otherwise the first idle moment ends it)."""
        if not self._running:
            self._gc.end()

    def wait_for_done(self, msecs: int = -1) -> bool:
        """Block until the pool is empty (screenshots and shutdown; never from a click)."""
        return bool(self._pool.waitForDone(msecs))

    def _start(
        self,
        work: Callable[[TaskControl], Any],
        on_done: Done,
        on_error: Failed | None,
        on_progress: Progress | None,
        key: str | None,
        label: str,
        owner: QObject | None,
    ) -> Task:
        bridge = _Bridge(self)
        control = TaskControl(bridge)
        if owner is None and isinstance(getattr(on_done, "__self__", None), QObject):
            owner = on_done.__self__  # type: ignore[attr-defined]
        task = Task(next(self._numbers), key, label, control, owner)
        if key is not None:
            self._latest[key] = task.number
        was_busy = self.busy
        self._running[task.number] = (task, bridge)
        bridge.finished.connect(lambda result: self._finish(task, on_done, result))
        bridge.failed.connect(lambda error: self._fail(task, on_error, error))
        if on_progress is not None:
            bridge.progressed.connect(on_progress)
        if not was_busy:
            self._gc.begin()
            self.busy_changed.emit(True)
        self._pool.start(_Runnable(lambda: work(control), bridge))
        return task

    def _current(self, task: Task) -> bool:
        latest = task.key is None or self._latest.get(task.key) == task.number
        return latest and task.owner_alive

    def _finish(self, task: Task, on_done: Done, result: Any) -> None:
        try:
            if self._current(task) and not task.control.cancelled:
                on_done(result)
            elif isinstance(result, Releasable):
                result.release()  # a superseded answer of 50,000 rows frees without a freeze
        finally:
            self._forget(task)

    def _fail(self, task: Task, on_error: Failed | None, error: BaseException) -> None:
        try:
            if isinstance(error, Cancelled) or not self._current(task):
                return
            (on_error or self._default_error)(error)
        finally:
            self._forget(task)

    def _forget(self, task: Task) -> None:
        entry = self._running.pop(task.number, None)
        if entry is not None:
            entry[1].deleteLater()
        if task.key is not None and self._latest.get(task.key) == task.number:
            del self._latest[task.key]
        if not self._running:
            self._gc.end()
            self.busy_changed.emit(False)
            self.idle.emit()
