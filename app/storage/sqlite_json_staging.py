"""Parse blocks of dump lines into rows on helper threads while one connection copies them in.

Parsing and checking the JSON of a dump line costs SQLite about five times what inserting the
finished row does, and SQLite lets only one connection write to a file. So on a machine with
more than one core, each block of lines is converted on a helper thread into a *stage*: a
private in-memory database (SQLite's shared-cache `mode=memory`, never a file on disk) holding
the same table. The connection that owns the restore's transaction has every stage attached and
copies each finished block with one `INSERT INTO main.t SELECT * FROM stage.t`, in the order the
blocks came, then hands the stage back for another block.

The target connection attaches the stages when it opens (SQLite refuses ATTACH inside a
transaction) and reads them with `read_uncommitted`: a shared-cache reader then takes no table
locks, so a helper can refill a stage the target has finished copying while the target's
transaction is still open. Reading does still lock each stage's schema until that transaction
ends, so every stage's tables are created (`prepare`) before the first block is copied.

A helper that cannot convert a block (not JSON as SQLite reads it, a constraint, anything)
does not decide what is wrong: the block goes back to the caller, which loads it the direct way
and raises or converts exactly as without stages.
"""

from __future__ import annotations

import os
import secrets
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from app.storage.backup_sqlite_json import LoadQueries
from app.storage.sqlcipher_driver import sqlcipher

MOST_HELPERS = 4
"""More helpers than this only compete with the thread that reads the backup."""
SPARE_STAGES = 2
"""Stages beyond one per helper: a block can wait to be copied while helpers keep working."""


def helpers_for_this_machine() -> int:
    """Helper threads worth starting here: one core stays with the copying and reading threads.

    0 on one core, where stages would only add a copy. (On two cores, two helpers were slower
    than one: four busy threads on two cores.)
    """
    cores = os.cpu_count() or 1
    return min(cores - 1, MOST_HELPERS)


@dataclass(frozen=True, slots=True)
class StagedBlock:
    stage: int
    schema: str
    """The name the target connection attached this stage under."""
    leftovers: list[bytes]
    """Lines of the block the SQL conversion left out, for the caller's Python loader."""


class _Stage:
    def __init__(self, uri: str) -> None:
        self.uri = uri
        self.connection = sqlcipher.connect(
            uri, uri=True, isolation_level=None, check_same_thread=False
        )
        self.holding: str | None = None
        """The quoted name of the table holding this stage's last block."""


class JsonStaging:
    """The stages and helper threads of one load; close it when the load has ended."""

    def __init__(self, helpers: int) -> None:
        if helpers < 1:
            raise ValueError("staging needs at least one helper thread")
        token = secrets.token_hex(8)
        self._stages = [
            _Stage(f"file:courtsafe-stage-{token}-{index}?mode=memory&cache=shared")
            for index in range(helpers + SPARE_STAGES)
        ]
        self._free = list(range(len(self._stages)))
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=helpers, thread_name_prefix="json-stage")
        self._closed = False

    @property
    def size(self) -> int:
        """Blocks that can be in flight at once."""
        return len(self._stages)

    @staticmethod
    def schema(stage: int) -> str:
        return f"courtsafe_stage_{stage}"

    def attach(self, dbapi_connection: Any) -> None:
        """Attach every stage to the target's connection, before its transaction begins."""
        for index, stage in enumerate(self._stages):
            literal = stage.uri.replace("'", "''")
            dbapi_connection.execute(f"ATTACH '{literal}' AS {self.schema(index)} KEY ''")
        dbapi_connection.execute("PRAGMA read_uncommitted = 1")

    def prepare(self, definitions: list[str]) -> None:
        """Run these CREATE TABLE statements in every stage, before any block is copied.

        The statements are the target's own, so a stage's columns match the target's in order,
        type and constraints.
        """
        for stage in self._stages:
            for definition in definitions:
                stage.connection.execute(definition)

    def submit(
        self, quoted_table: str, queries: LoadQueries, array: bytes, lines: int
    ) -> Future[StagedBlock]:
        """Convert one block (a JSON array of `lines` dump lines) into a free stage.

        `quoted_table`: the target table's quoted name, as the stage knows it too.
        Call only while fewer than `size` blocks are waiting to be copied or released.
        """
        with self._lock:
            stage = self._free.pop()
        future: Future[StagedBlock]
        try:
            future = self._pool.submit(self._convert, stage, quoted_table, queries, array, lines)
        except BaseException:
            self.release(stage)
            raise
        future.add_done_callback(_release_on_failure(self, stage))
        return future

    def release(self, stage: int) -> None:
        """The caller has copied the block out of `stage` (or given up on it)."""
        with self._lock:
            if stage not in self._free:
                self._free.append(stage)

    def close(self) -> None:
        """Stop the helpers and free every stage's memory."""
        if self._closed:
            return
        self._closed = True
        self._pool.shutdown(wait=True, cancel_futures=True)
        for stage in self._stages:  # the memory goes when the target's connections close too
            stage.connection.close()

    def __enter__(self) -> JsonStaging:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- on a helper thread -----------------------------------------------------------------

    def _convert(
        self, index: int, quoted_table: str, queries: LoadQueries, array: bytes, lines: int
    ) -> StagedBlock:
        stage = self._stages[index]
        connection = stage.connection
        if stage.holding is not None:  # the block this stage held before, whatever its table
            connection.execute(f"DELETE FROM {stage.holding}")
        stage.holding = quoted_table
        inserted = connection.execute(queries.insert, (array,)).rowcount
        leftovers: list[bytes] = []
        if inserted != lines:
            cursor = connection.execute(queries.leftovers, (array,))
            leftovers = [str(row[0]).encode("utf-8") for row in cursor]
        return StagedBlock(index, self.schema(index), leftovers)


def _release_on_failure(staging: JsonStaging, stage: int) -> Callable[[Future[Any]], None]:
    def done(future: Future[Any]) -> None:
        if future.cancelled() or future.exception() is not None:
            staging.release(stage)

    return done
