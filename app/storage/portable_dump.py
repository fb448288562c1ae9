"""Portable dump and load of every table of a SQLAlchemy `MetaData`, as JSON Lines.

One JSON object per row, keyed by column name, tables in foreign-key order
(`metadata.sorted_tables`). JSON has no dates, bytes or decimals, so such values are one-key
objects: `{"$date": "2026-11-26"}`, `{"$datetime": "2026-11-26T09:30:00+00:00"}`, `{"$time": ...}`,
`{"$bytes": "<base64>"}`, `{"$decimal": "12.50"}`, `{"$uuid": ...}`, `{"$timedelta": [d, s, us]}`,
`{"$float": "nan"}`. Values of JSON columns are written as `{"$json": "<json text>"}`, so data
inside them can never be mistaken for a tag.

Values travel as Python objects through each column's type (TypeDecorators included), which is
what lets a dump of SQLite load into PostgreSQL and back. Reading is batched (`yield_per`, a
server-side cursor on PostgreSQL) and writing is batched `executemany`, so memory stays bounded.
A load runs in the caller's single transaction: all rows or none.
"""

from __future__ import annotations

import base64
import enum
import json
import math
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from operator import itemgetter
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.sqlite import base as sqlite_types
from sqlalchemy.engine import Connection, Engine

from app.storage import backup_sqlite_json
from app.storage.sqlite_json_staging import JsonStaging, StagedBlock

DEFAULT_READ_BATCH = 10_000
DEFAULT_WRITE_BATCH = 10_000
SNAPSHOT_CACHE_KIB = 8192
"""SQLite page cache of the connection a dump reads through."""
SQLITE_JSON_BLOCK_BYTES = 1 << 20
"""Dump lines gathered per INSERT on SQLite: fewer, larger statements (measured ~15% faster)."""


class DumpFormatError(ValueError):
    """A dump line is not valid JSON or does not match the target table."""


# -- encoding -----------------------------------------------------------------------------------


def _default(value: Any) -> Any:
    """json.dumps fallback for the values JSON cannot hold natively."""
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, time):
        return {"$time": value.isoformat()}
    if isinstance(value, bytes | bytearray | memoryview):
        return {"$bytes": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, Decimal):
        return {"$decimal": str(value)}
    if isinstance(value, uuid.UUID):
        return {"$uuid": str(value)}
    if isinstance(value, timedelta):
        return {"$timedelta": [value.days, value.seconds, value.microseconds]}
    if isinstance(value, enum.Enum):
        return value.name
    raise TypeError(f"cannot dump a value of type {type(value).__name__}")


def _finite(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return {"$float": repr(value)}
    return value


_ENCODER = json.JSONEncoder(
    default=_default, ensure_ascii=False, separators=(",", ":"), allow_nan=False
)


def encode_row(row: dict[str, Any]) -> str:
    """One row as one line of JSON (without the newline)."""
    try:
        return _ENCODER.encode(row)
    except ValueError:  # a NaN or infinity somewhere: tag it and retry
        return _ENCODER.encode({key: _finite(value) for key, value in row.items()})


def _decode_tag(obj: dict[str, Any]) -> Any:
    if len(obj) == 1:
        ((key, value),) = obj.items()
        decoder = _TAG_DECODERS.get(key)
        if decoder is not None:
            return decoder(value)
    return obj


_TAG_DECODERS: dict[str, Callable[[Any], Any]] = {
    "$datetime": datetime.fromisoformat,
    "$date": date.fromisoformat,
    "$time": time.fromisoformat,
    "$bytes": base64.b64decode,
    "$decimal": Decimal,
    "$uuid": uuid.UUID,
    "$timedelta": lambda parts: timedelta(days=parts[0], seconds=parts[1], microseconds=parts[2]),
    "$float": float,
    "$json": json.loads,
}


def decode_line(line: bytes | str) -> dict[str, Any]:
    """One dump line back into {column name: value}. Tags only ever sit at the top level."""
    try:
        row = json.loads(line)  # no object_hook: json.loads then reuses its cached C decoder
        if not isinstance(row, dict):
            raise DumpFormatError("a dump line must be a JSON object")
        for name, value in row.items():
            if value.__class__ is dict:
                row[name] = _decode_tag(value)
    except (ValueError, TypeError, KeyError, IndexError) as exc:
        raise DumpFormatError(f"not a valid dump line: {exc}") from exc
    return row


def decode_lines(
    lines: list[bytes], tag_columns: Iterable[str] | None = None
) -> list[dict[str, Any]]:
    """Many dump lines at once: one `json.loads` of a JSON array is far cheaper than one per line.

    `tag_columns` limits the search for tagged values to the columns that can hold them (see
    `_may_hold_tag`); None looks at every value.
    """
    body = b",".join(line for line in lines if line.strip())
    if not body:
        return []
    try:
        rows = json.loads(b"[" + body + b"]")
    except ValueError:
        for line in lines:  # find the culprit, for a precise message
            if line.strip():
                decode_line(line)
        raise DumpFormatError("not a valid dump line") from None
    try:
        for row in rows:
            if row.__class__ is not dict:
                raise DumpFormatError("a dump line must be a JSON object")
        if tag_columns is None:
            for row in rows:
                for name, value in row.items():
                    if value.__class__ is dict:
                        row[name] = _decode_tag(value)
        else:
            for name in tag_columns:
                for row in rows:
                    value = row.get(name)
                    if value.__class__ is dict:
                        row[name] = _decode_tag(value)
    except (ValueError, TypeError, KeyError, IndexError) as exc:
        raise DumpFormatError(f"not a valid dump line: {exc}") from exc
    return rows  # type: ignore[no-any-return]


# -- reading ------------------------------------------------------------------------------------


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
    if conn.dialect.name == "sqlite" and _sqlite_version(conn) >= backup_sqlite_json.DUMP_SINCE:
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


def _sqlite_version(conn: Connection) -> tuple[int, ...]:
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


# -- loading ------------------------------------------------------------------------------------


class TableLoader:
    """Receives a table's JSON Lines in arbitrary pieces and inserts them in batches.

    Restoring a million rows through `Connection.execute(insert, dicts)` spent most of its time
    in SQLAlchemy's per-row parameter handling. Here the INSERT is compiled once, each block of
    lines is decoded by one `json.loads`, values are converted column by column with each
    column type's own bind processor (TypeDecorators included), and the driver's `executemany`
    receives plain tuples.
    """

    def __init__(self, conn: Connection, table: sa.Table, batch_size: int) -> None:
        self._conn = conn
        self._table = table
        self._batch_size = batch_size
        self._names = [column.name for column in table.columns]
        self._insert = _CompiledInsert(conn, table)
        self._tag_columns = [c.name for c in table.columns if _may_hold_tag(c.type)]
        self._pending = b""
        self._batch: list[dict[str, Any]] = []
        self.rows = 0
        # Self-references load as NULL and are set afterwards: PostgreSQL checks foreign keys
        # row by row unless they were declared DEFERRABLE.
        self._self_refs = _self_references(table)
        self._links: list[dict[str, Any]] = []

    def feed(self, data: bytes) -> None:
        lines = (self._pending + data).split(b"\n")
        self._pending = lines.pop()
        self._add(decode_lines(lines, self._tag_columns))

    def close(self) -> int:
        if self._pending.strip():
            self._add(decode_lines([self._pending], self._tag_columns))
        self._pending = b""
        self._flush()
        if self._links:
            self._conn.execute(self._link_statement(), self._links)
            self._links = []
        return self.rows

    def _link_statement(self) -> sa.Update:
        table = self._table
        where = [column == sa.bindparam(f"pk_{column.key}") for column in table.primary_key]
        values: dict[str, Any] = {
            column.key: sa.bindparam(f"ref_{column.key}") for column in self._self_refs
        }
        return sa.update(table).where(*where).values(values)

    def _add(self, rows: list[dict[str, Any]]) -> None:
        width = len(self._names)
        for row in rows:
            if len(row) != width:
                self._mismatch(row)
        if self._self_refs:
            for row in rows:
                self._unlink(row)
        self._batch.extend(rows)
        while len(self._batch) >= self._batch_size:
            self._flush(self._batch_size)

    def _unlink(self, row: dict[str, Any]) -> None:
        if all(row.get(column.name) is None for column in self._self_refs):
            return
        link = {f"pk_{c.key}": row[c.name] for c in self._table.primary_key.columns}
        for column in self._self_refs:
            link[f"ref_{column.key}"] = row[column.name]
            row[column.name] = None
        self._links.append(link)

    def _flush(self, limit: int | None = None) -> None:
        if not self._batch:
            return
        if limit is None or limit >= len(self._batch):
            batch, self._batch = self._batch, []
        else:
            batch, self._batch = self._batch[:limit], self._batch[limit:]
        try:
            self._insert.execute(batch)
        except KeyError:
            for row in batch:
                if row.keys() != set(self._names):
                    self._mismatch(row)
            raise
        self.rows += len(batch)

    def _mismatch(self, row: dict[str, Any]) -> None:
        raise DumpFormatError(
            f"table {self._table.name}: columns {sorted(row)} do not match {sorted(self._names)}"
        )


def _self_references(table: sa.Table) -> list[sa.Column[Any]]:
    return [
        fk.parent
        for fk in table.foreign_keys
        if fk.column.table is table and fk.parent.nullable and table.primary_key.columns
    ]


class _CompiledInsert:
    """One INSERT of every column of a table, compiled once, run with driver-level executemany."""

    def __init__(self, conn: Connection, table: sa.Table) -> None:
        dialect = conn.dialect
        self._conn = conn
        self._names = [column.name for column in table.columns]
        self._converters = [_bind_converter(column.type, dialect) for column in table.columns]
        compiled = sa.insert(table).compile(
            dialect=dialect, column_keys=[column.key for column in table.columns]
        )
        self._sql = str(compiled)
        positions = compiled.positiontup
        if positions is not None:
            bind_to_name = {column.key: column.name for column in table.columns}
            order = [self._names.index(bind_to_name[bind]) for bind in positions]
            self._order: list[int] | None = None if order == list(range(len(order))) else order
            self._bind_names: list[str] | None = None
        else:
            self._order = None
            escaped = compiled.escaped_bind_names
            self._bind_names = [escaped.get(column.key, column.key) for column in table.columns]

    def execute(self, rows: list[dict[str, Any]]) -> None:
        columns: list[list[Any]] = []
        for name, convert in zip(self._names, self._converters, strict=True):
            values = list(map(itemgetter(name), rows))
            if convert is not None:
                values = list(map(convert, values))
            columns.append(values)
        if self._order is not None:
            columns = [columns[index] for index in self._order]
        params: list[Any] = list(zip(*columns, strict=True))
        if self._bind_names is not None:
            names = self._bind_names
            params = [dict(zip(names, values, strict=True)) for values in params]
        self._conn.exec_driver_sql(self._sql, params)


def _may_hold_tag(type_: sa.types.TypeEngine[Any]) -> bool:
    """False for columns whose dumped values are plain JSON strings, numbers or booleans."""
    try:
        python_type = type_.python_type
    except NotImplementedError:
        return True
    return python_type not in (str, int, bool)


def _bind_converter(
    type_: sa.types.TypeEngine[Any], dialect: sa.Dialect
) -> Callable[[Any], Any] | None:
    """What SQLAlchemy would do to a value of this column before handing it to the driver."""
    impl = type_.dialect_impl(dialect)
    if dialect.name == "sqlite":
        fast = _sqlite_fast_converter(type_, impl, dialect)
        if fast is not None:
            return fast
    processor: Callable[[Any], Any] | None = impl.bind_processor(dialect)
    return processor


def _sqlite_fast_converter(
    type_: sa.types.TypeEngine[Any], impl: sa.types.TypeEngine[Any], dialect: sa.Dialect
) -> Callable[[Any], Any] | None:
    """SQLite's DATETIME processor formats through a dict and `%`; `isoformat` does it in C.

    Only for the default storage format, whose text `isoformat(" ", "microseconds")` matches
    character for character (the text form must sort and compare exactly as the app writes it).
    """
    inner = impl.impl_instance if isinstance(impl, sa.TypeDecorator) else impl
    if not isinstance(inner, sqlite_types.DATETIME) or (
        inner._storage_format != sqlite_types.DATETIME._storage_format
    ):
        return None

    fallback = inner.bind_processor(dialect)
    if fallback is None:
        return None
    slow: Callable[[Any], Any] = fallback

    def store(value: Any) -> Any:
        if value is None:
            return None
        if value.__class__ is not datetime:
            return slow(value)
        # The wall time, without any "+00:00": the first 26 characters (years 1000-9999).
        text: str = value.isoformat(" ", "microseconds")
        return text[:26] if 999 < value.year else slow(value)

    if isinstance(impl, sa.TypeDecorator):
        overridden: object = type(impl).process_bind_param
        if overridden is sa.TypeDecorator.process_bind_param:
            return store
        bind_param = impl.process_bind_param

        def decorated(value: Any) -> Any:
            return store(bind_param(value, dialect))

        return decorated
    return store


class _SqliteJsonLoader(TableLoader):
    """Loads blocks of lines with one INSERT ... SELECT FROM jsonb_each each (SQLite only).

    SQLite parses the lines and converts the values in C (see `backup_sqlite_json`); the rows it
    leaves out (a value not in its canonical form, a row whose columns differ) go through the
    Python loader, which converts them or raises the same errors as for any other table. With
    `staging`, helper threads do the parsing and this connection copies the finished rows in
    (see `sqlite_json_staging`); a block a helper could not convert is loaded here as before.
    """

    def __init__(
        self,
        conn: Connection,
        table: sa.Table,
        batch_size: int,
        queries: backup_sqlite_json.LoadQueries,
        staging: JsonStaging | None,
        in_flight: deque[_InFlight],
    ) -> None:
        """`in_flight`: the blocks of every table's loader on `staging`'s helpers, oldest first."""
        super().__init__(conn, table, batch_size)
        self._queries = queries
        self._block: list[bytes] = []
        self._block_bytes = 0
        self._staging = staging
        self._in_flight = in_flight
        self._quoted = conn.dialect.identifier_preparer.quote(table.name)

    def feed(self, data: bytes) -> None:
        self._block.append(data)
        self._block_bytes += len(data)
        if self._block_bytes < SQLITE_JSON_BLOCK_BYTES:
            return
        text = b"".join(self._block)
        self._block.clear()
        cut = text.rfind(b"\n")
        if cut < 0:
            self._block.append(text)
            return
        rest = text[cut + 1 :]
        self._block_bytes = len(rest)
        if rest:
            self._block.append(rest)
        self._load(text[:cut])

    def close(self) -> int:
        text = b"".join(self._block)
        self._block.clear()
        self._block_bytes = 0
        if text.strip():
            self._load(text)
        while self._in_flight:
            self._copy_oldest()
        return super().close()

    def _load(self, body: bytes) -> None:
        if b"\n\n" in body or not body.strip():
            body = b"\n".join(line for line in body.split(b"\n") if line.strip())
            if not body:
                return
        lines = body.count(b"\n") + 1
        if self._staging is None:
            self._insert_block(body, lines)
            return
        while len(self._in_flight) >= self._staging.size:
            self._copy_oldest()
        future = self._staging.submit(self._quoted, self._queries, _json_array(body), lines)
        self._in_flight.append(_InFlight(self, body, lines, future))

    def _copy_oldest(self) -> None:
        block = self._in_flight.popleft()
        block.loader._copy(block.body, block.lines, block.future)

    def _copy(self, body: bytes, lines: int, future: Future[StagedBlock]) -> None:
        assert self._staging is not None
        try:
            staged = future.result()
        except Exception:  # noqa: BLE001 - loaded here instead, which says what is wrong
            self._insert_block(body, lines)
            return
        try:
            # OR FAIL: a statement that may abort half-way keeps a copy of every page it changes
            # so that it alone can be undone, and a block's rows change a page of each index
            # per row. Here any error ends the whole load and its transaction is rolled back.
            copy = (
                f"INSERT OR FAIL INTO main.{self._quoted} "
                f"SELECT * FROM {staged.schema}.{self._quoted}"
            )
            self.rows += self._conn.exec_driver_sql(copy).rowcount
        finally:
            self._staging.release(staged.stage)
        if staged.leftovers:
            self._add(decode_lines(staged.leftovers, self._tag_columns))

    def _insert_block(self, body: bytes, lines: int) -> None:
        array = _json_array(body)
        try:
            inserted = self._conn.exec_driver_sql(self._queries.insert, (array,)).rowcount
        except sa.exc.DBAPIError as exc:
            if "JSON" not in str(exc.orig):
                raise
            # Not JSON as SQLite reads it: the Python loader takes the block or says what is wrong.
            self._add(decode_lines(body.split(b"\n"), self._tag_columns))
            return
        self.rows += inserted
        if inserted != lines:
            result = self._conn.exec_driver_sql(self._queries.leftovers, (array,))
            leftovers = [str(row[0]).encode("utf-8") for row in result]
            self._add(decode_lines(leftovers, self._tag_columns))


@dataclass(frozen=True, slots=True)
class _InFlight:
    loader: _SqliteJsonLoader
    body: bytes
    """The block's dump lines, for loading it here if its helper could not."""
    lines: int
    future: Future[StagedBlock]


def _json_array(body: bytes) -> bytes:
    """Dump lines (no blank ones) as the text of one JSON array."""
    return b"[" + body.replace(b"\n", b",") + b"]"


class LoadSession:
    """Loads tables into empty tables inside the caller's transaction.

    Foreign keys are deferred where the backend allows it (SQLite always, PostgreSQL for deferrable
    constraints), so self-references load whatever the row order.
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
        self._in_flight: deque[_InFlight] = deque()
        non_empty = non_empty_tables(conn, metadata)
        if non_empty:
            raise TargetNotEmpty(non_empty)
        self._json_queries: dict[str, backup_sqlite_json.LoadQueries] = {}
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
            self._json_queries = _sqlite_json_queries(conn, metadata)
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
        queries = self._json_queries.get(name)
        loader = (
            TableLoader(self._conn, table, self._batch_size)
            if queries is None
            else _SqliteJsonLoader(
                self._conn, table, self._batch_size, queries, self._staging, self._in_flight
            )
        )
        self._loaders[name] = loader
        return loader

    def finish(self) -> dict[str, int]:
        """Close every table, reset sequences; returns the rows loaded per table."""
        counts = {
            table.name: self._loaders[table.name].close() if table.name in self._loaders else 0
            for table in self._metadata.sorted_tables
        }
        reset_sequences(self._conn, self._metadata)
        return counts


def _sqlite_json_queries(
    conn: Connection, metadata: sa.MetaData
) -> dict[str, backup_sqlite_json.LoadQueries]:
    """The tables SQLite can load from JSON itself, with the SQL that does it."""
    if _sqlite_version(conn) < backup_sqlite_json.LOAD_SINCE:
        return {}
    quote = conn.dialect.identifier_preparer.quote
    found = {}
    for table in metadata.sorted_tables:
        if _self_references(table):
            continue
        queries = backup_sqlite_json.load_queries(table, quote)
        if queries is not None:
            found[table.name] = queries
    return found


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
