"""Portable dump of every table of a SQLAlchemy `MetaData`, as JSON Lines (see `portable_rows`).

Tables come in foreign-key order (`metadata.sorted_tables`), all read from one snapshot. Values
travel as Python objects through each column's type (TypeDecorators included), which is what lets
a dump of SQLite load into PostgreSQL and back (`portable_load`). Reading is batched (`yield_per`,
a server-side cursor on PostgreSQL), so memory stays bounded.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from operator import itemgetter
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from app.storage import backup_sqlite_json
from app.storage.portable_rows import encode_row

DEFAULT_READ_BATCH = 10_000
SNAPSHOT_CACHE_KIB = 8192
"""SQLite page cache of the connection a dump reads through."""


@contextmanager
def snapshot(engine: Engine) -> Iterator[Connection]:
    """A connection whose reads of every table see one consistent state of the database."""
    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
            conn.exec_driver_sql("SET TRANSACTION READ ONLY")
        cache_size = None
        if engine.dialect.name == "sqlite":
            # A dump reads every page once: a page cache the size of the file would only hold
            # memory (the app's connections keep a large one for its screens).
            cache_size = conn.exec_driver_sql("PRAGMA cache_size").scalar()
            conn.exec_driver_sql(f"PRAGMA cache_size = -{SNAPSHOT_CACHE_KIB}")
            # pysqlite opens no transaction for SELECT; without BEGIN each table is read apart.
            conn.exec_driver_sql("BEGIN")
        try:
            yield conn
        finally:
            conn.rollback()
            if cache_size is not None:
                conn.exec_driver_sql(f"PRAGMA cache_size = {int(cache_size)}")


def iter_table_lines(
    conn: Connection, table: sa.Table, *, batch_size: int = DEFAULT_READ_BATCH
) -> Iterator[bytes]:
    """The table's rows as UTF-8 JSON Lines, one block of up to `batch_size` lines at a time."""
    if conn.dialect.name == "sqlite" and sqlite_version(conn) >= backup_sqlite_json.DUMP_SINCE:
        query = backup_sqlite_json.dump_query(table, conn.dialect.identifier_preparer.quote)
        if query is not None:
            yield from _sqlite_json_lines(conn, table, query, batch_size)
            return
    names = [column.name for column in table.columns]
    json_columns = {
        column.name for column in table.columns if isinstance(column.type, sa.types.JSON)
    }
    order = list(table.primary_key.columns) or list(table.columns)
    statement = sa.select(*table.columns).order_by(*order)
    result = conn.execution_options(yield_per=batch_size).execute(statement)
    for rows in result.partitions():
        if json_columns:
            lines = [
                encode_row(_wrap_json(dict(zip(names, row, strict=True)), json_columns))
                for row in rows
            ]
        else:
            lines = [encode_row(dict(zip(names, row, strict=True))) for row in rows]
        lines.append("")
        yield "\n".join(lines).encode("utf-8")


def sqlite_version(conn: Connection) -> tuple[int, ...]:
    """The SQLite library's version (SQLCipher brings its own, often newer than Python's)."""
    version = conn.dialect.server_version_info
    return tuple(int(part) for part in version) if version else (0,)


_RAW_MARK = '{"' + backup_sqlite_json.RAW_TAG + '":'


def _sqlite_json_lines(
    conn: Connection, table: sa.Table, query: str, batch_size: int
) -> Iterator[bytes]:
    """Lines built by SQLite's `json_object` (see `backup_sqlite_json`), read as plain tuples."""
    cursor = conn.connection.cursor()
    try:
        cursor.execute(query)
        first = itemgetter(0)
        while rows := cursor.fetchmany(batch_size):
            text = "\n".join(map(first, rows))
            if _RAW_MARK in text:  # only ever JSON structure: quotes inside strings are escaped
                text = "\n".join(_convert_raw(conn, table, line) for line in text.split("\n"))
            yield (text + "\n").encode("utf-8")
    finally:
        cursor.close()


def _convert_raw(conn: Connection, table: sa.Table, line: str) -> str:
    """A line with stored values SQL left as they were: convert them as SQLAlchemy reads them."""
    if _RAW_MARK not in line:
        return line
    row: dict[str, Any] = json.loads(line)
    dialect = conn.dialect
    for column in table.columns:
        value = row[column.name]
        if value.__class__ is dict and backup_sqlite_json.RAW_TAG in value:
            processor = column.type.dialect_impl(dialect).result_processor(dialect, None)
            raw = value[backup_sqlite_json.RAW_TAG]
            row[column.name] = processor(raw) if processor is not None else raw
    return encode_row(row)


def _wrap_json(row: dict[str, Any], json_columns: set[str]) -> dict[str, Any]:
    for name in json_columns:
        if row[name] is not None:
            row[name] = {"$json": json.dumps(row[name], ensure_ascii=False)}
    return row


def dump_tables(
    engine: Engine, metadata: sa.MetaData, *, batch_size: int = DEFAULT_READ_BATCH
) -> Iterator[tuple[sa.Table, Iterator[bytes]]]:
    """Every table in foreign-key order with its lines, all read from one snapshot.

    Consume each table's lines before advancing to the next table.
    """
    with snapshot(engine) as conn:
        for table in metadata.sorted_tables:
            yield table, iter_table_lines(conn, table, batch_size=batch_size)
