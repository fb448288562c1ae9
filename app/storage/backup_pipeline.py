"""Decrypt and decompress a backup on one thread while the database loads its rows on another.

Decryption, hashing and decompression (age, hashlib, zlib) and SQLite's work on a block of rows
each run mostly outside the GIL, so the two overlap. The producer thread runs everything that
reads the file; the calling thread keeps the database connection and its transaction to itself:
the producer only hands over (table, bytes) pairs, through a queue bounded in bytes so memory
stays flat whatever the backup's size. A failure on either side stops the other and is raised
on the calling thread; the caller's transaction then rolls back as before.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from typing import Protocol, TypeVar

T = TypeVar("T")

QUEUE_BYTES = 4 * 1024 * 1024
"""Decompressed data waiting for the database at most (one item may exceed it on its own)."""


class Feedable(Protocol):
    def feed(self, data: bytes) -> None: ...


class TableSink(Protocol):
    def table(self, name: str) -> Feedable: ...


class _Stopped(Exception):
    """Raised in the producer once the loading side has failed: nothing more is wanted."""


class _QueuedTable:
    def __init__(self, handoff: Handoff, name: str) -> None:
        self._handoff = handoff
        self._name = name

    def feed(self, data: bytes) -> None:
        self._handoff.put(self._name, data)


class Handoff:
    """Stands in for a LoadSession on the producer's side: `table(name).feed(data)` queues."""

    def __init__(self, sink: TableSink, limit: int = QUEUE_BYTES) -> None:
        self._sink = sink
        self._limit = limit
        self._items: deque[tuple[str, bytes] | None] = deque()
        self._bytes = 0
        self._stopped = False
        self._changed = threading.Condition()
        self._outcome: tuple[bool, object] | None = None

    # -- the producer's side ----------------------------------------------------------------

    def table(self, name: str) -> Feedable:
        return _QueuedTable(self, name)

    def put(self, name: str, data: bytes) -> None:
        with self._changed:
            while self._bytes >= self._limit and not self._stopped:
                self._changed.wait()
            if self._stopped:
                raise _Stopped
            self._items.append((name, data))
            self._bytes += len(data)
            self._changed.notify_all()

    # -- the calling (loading) side -----------------------------------------------------------

    def run(self, produce: Callable[[], T]) -> T:
        """Run `produce` on a new thread, loading what it queues here; its result or error."""
        thread = threading.Thread(target=self._produce, args=(produce,), name="backup-reader")
        thread.start()
        try:
            self._drain()
        except BaseException:
            with self._changed:
                self._stopped = True
                self._items.clear()
                self._changed.notify_all()
            thread.join()
            raise
        thread.join()
        assert self._outcome is not None
        ok, value = self._outcome
        if not ok:
            assert isinstance(value, BaseException)
            raise value
        return value  # type: ignore[return-value]

    def _produce(self, produce: Callable[[], object]) -> None:
        try:
            outcome: tuple[bool, object] = (True, produce())
        except BaseException as error:  # noqa: BLE001 - handed to the calling thread
            outcome = (False, error)
        with self._changed:
            self._outcome = outcome
            self._items.append(None)
            self._changed.notify_all()

    def _drain(self) -> None:
        tables: dict[str, Feedable] = {}
        while True:
            with self._changed:
                while not self._items:
                    self._changed.wait()
                item = self._items.popleft()
                if item is not None:
                    self._bytes -= len(item[1])
                    self._changed.notify_all()
            if item is None:
                return
            name, data = item
            loader = tables.get(name)
            if loader is None:
                loader = tables[name] = self._sink.table(name)
            loader.feed(data)
