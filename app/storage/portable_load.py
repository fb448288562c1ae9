"""Loading a portable dump into the empty tables of a SQLAlchemy `MetaData`.

A load runs in the caller's single transaction: all rows or none. Each table goes through
`portable_table_loader`, or on SQLite through `portable_sqlite_json_loader` where it can.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from app.storage import backup_sqlite_json
from app.storage.portable_rows import DumpFormatError
from app.storage.portable_sqlite_json_loader import (
    InFlight,
    SqliteJsonLoader,
    sqlite_json_queries,
)
from app.storage.portable_table_loader import TableLoader
from app.storage.sqlite_json_staging import JsonStaging

DEFAULT_WRITE_BATCH = 10_000


class LoadSession:
    """Loads tables into empty tables inside the caller's transaction.

    Foreign keys are deferred where the backend allows it (SQLite always, PostgreSQL for deferrable
    constraints). Where they are checked row by row (PostgreSQL's are not deferrable), tables
    must come parents first, as a dump writes them, and each table is written out in full before
    the next one's first batch: a child's rows never reach the server before all of its parents'.
    """

    def __init__(
        self,
        conn: Connection,
        metadata: sa.MetaData,
        *,
        batch_size: int = DEFAULT_WRITE_BATCH,
        staging: JsonStaging | None = None,
    ) -> None:
        """`staging`: helper threads for SQLite (attached to `conn` before its transaction)."""
        self._conn = conn
        self._metadata = metadata
        self._batch_size = batch_size
        self._loaders: dict[str, TableLoader] = {}
        self._open: list[TableLoader] = []
        self._keys_checked_at_once = conn.dialect.name != "sqlite"
        self._in_flight: deque[InFlight] = deque()
        non_empty = non_empty_tables(conn, metadata)
        if non_empty:
            raise TargetNotEmpty(non_empty)
        self._json_queries: dict[str, backup_sqlite_json.LoadQueries] = {}
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
            self._json_queries = sqlite_json_queries(conn, metadata)
        elif conn.dialect.name == "postgresql":
            conn.exec_driver_sql("SET CONSTRAINTS ALL DEFERRED")
        self._staging = staging if self._json_queries else None
        if self._staging is not None:
            definitions = conn.exec_driver_sql(
                "SELECT name, sql FROM main.sqlite_master WHERE type = 'table'"
            )
            self._staging.prepare([sql for name, sql in definitions if name in self._json_queries])

    def table(self, name: str) -> TableLoader:
        table = self._metadata.tables.get(name)
        if table is None:
            raise DumpFormatError(f"the target database has no table {name!r}")
        if name in self._loaders:
            raise DumpFormatError(f"table {name!r} given twice")
        if self._keys_checked_at_once:
            self._check_parents_loaded(table)
            while self._open:  # every row of the tables before it, so of all its parents
                self._open.pop().close()
        queries = self._json_queries.get(name)
        loader = (
            TableLoader(self._conn, table, self._batch_size)
            if queries is None
            else SqliteJsonLoader(
                self._conn, table, self._batch_size, queries, self._staging, self._in_flight
            )
        )
        self._loaders[name] = loader
        if self._keys_checked_at_once:
            self._open.append(loader)
        return loader

    def _check_parents_loaded(self, table: sa.Table) -> None:
        """Refuses a table that comes after a table whose rows refer to it."""
        for name in self._loaders:
            child = self._metadata.tables[name]
            if any(key.column.table is table for key in child.foreign_keys if child is not table):
                raise DumpFormatError(
                    f"table {table.name} comes after {name}, whose rows refer to it"
                )

    def finish(self) -> dict[str, int]:
        """Close every table, reset sequences; returns the rows loaded per table."""
        counts = {
            table.name: self._loaders[table.name].close() if table.name in self._loaders else 0
            for table in self._metadata.sorted_tables
        }
        reset_sequences(self._conn, self._metadata)
        return counts


class TargetNotEmpty(Exception):
    def __init__(self, tables: list[str]) -> None:
        super().__init__(f"tables already hold rows: {', '.join(tables)}")
        self.tables = tables


def non_empty_tables(conn: Connection, metadata: sa.MetaData) -> list[str]:
    return [
        table.name
        for table in metadata.sorted_tables
        if conn.execute(sa.select(sa.literal(1)).select_from(table).limit(1)).first() is not None
    ]


def reset_sequences(conn: Connection, metadata: sa.MetaData) -> None:
    """After explicit ids were inserted, move PostgreSQL sequences past the largest id."""
    if conn.dialect.name != "postgresql":
        return  # SQLite's rowid/AUTOINCREMENT already follow max(id)
    preparer = conn.dialect.identifier_preparer
    for table in metadata.sorted_tables:
        column = table.autoincrement_column
        if column is None:
            continue
        quoted_table = preparer.format_table(table)
        quoted_column = preparer.quote(column.name)
        conn.exec_driver_sql(
            f"SELECT setval(pg_get_serial_sequence(%(table)s, %(column)s), "
            f"COALESCE(MAX({quoted_column}), 1), MAX({quoted_column}) IS NOT NULL) "
            f"FROM {quoted_table}",
            {"table": quoted_table, "column": column.name},
        )


def load_tables(
    engine: Engine,
    metadata: sa.MetaData,
    parts: Iterable[tuple[str, Iterable[bytes]]],
    *,
    batch_size: int = DEFAULT_WRITE_BATCH,
) -> dict[str, int]:
    """Load (table name, JSON Lines pieces) pairs into empty tables: all or nothing."""
    with engine.begin() as conn:
        session = LoadSession(conn, metadata, batch_size=batch_size)
        for name, pieces in parts:
            loader = session.table(name)
            for piece in pieces:
                loader.feed(piece)
            loader.close()
        return session.finish()
