"""Reading a backup on one thread while loading it on another: all of it, in order, or an error."""

from __future__ import annotations

import threading
import time

import pytest

from app.storage.backup_pipeline import Handoff


class RecordingSink:
    def __init__(self, fail_on: bytes | None = None, delay: float = 0.0) -> None:
        self.fed: list[tuple[str, bytes]] = []
        self.fail_on = fail_on
        self.delay = delay
        self.thread_ids: set[int] = set()

    def table(self, name: str) -> RecordingTable:
        return RecordingTable(self, name)


class RecordingTable:
    def __init__(self, sink: RecordingSink, name: str) -> None:
        self.sink = sink
        self.name = name

    def feed(self, data: bytes) -> None:
        self.sink.thread_ids.add(threading.get_ident())
        if data == self.sink.fail_on:
            raise ValueError("row 3 does not fit the table")
        time.sleep(self.sink.delay)
        self.sink.fed.append((self.name, data))


def test_every_block_reaches_the_database_in_order_on_the_calling_thread() -> None:
    sink = RecordingSink()
    handoff = Handoff(sink, limit=10)

    def read() -> str:
        for table in ("client", "hearing"):
            for number in range(50):
                handoff.table(table).feed(f"{table}-{number}".encode())
        return "manifest"

    assert handoff.run(read) == "manifest"
    expected = [(t, f"{t}-{n}".encode()) for t in ("client", "hearing") for n in range(50)]
    assert sink.fed == expected
    assert sink.thread_ids == {threading.get_ident()}


def test_a_damaged_backup_found_while_reading_is_raised_to_the_caller() -> None:
    sink = RecordingSink()
    handoff = Handoff(sink)

    def read() -> None:
        handoff.table("client").feed(b"row")
        raise RuntimeError("the backup is damaged")

    with pytest.raises(RuntimeError, match="damaged"):
        handoff.run(read)


def test_a_load_failure_stops_the_reader_instead_of_leaving_it_running() -> None:
    sink = RecordingSink(fail_on=b"3")
    handoff = Handoff(sink, limit=4)
    produced: list[int] = []

    def read() -> None:
        for number in range(1_000_000):  # would take minutes if it were not stopped
            handoff.table("hearing").feed(str(number).encode())
            produced.append(number)

    with pytest.raises(ValueError, match="does not fit"):
        handoff.run(read)
    assert len(produced) < 100
    assert not any(t.name == "backup-reader" for t in threading.enumerate())


def test_the_reader_never_runs_far_ahead_of_the_database() -> None:
    sink = RecordingSink(delay=0.001)
    handoff = Handoff(sink, limit=4096)
    ahead: list[int] = []

    def read() -> None:
        for number in range(200):
            handoff.table("hearing").feed(b"x" * 1024)
            ahead.append(number + 1 - len(sink.fed))

    handoff.run(read)
    assert len(sink.fed) == 200
    assert max(ahead) <= 4096 // 1024 + 2
