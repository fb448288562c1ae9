"""Loading one table's dump lines through Python: decoded in blocks, inserted in batches.

Values are converted through each column's type (TypeDecorators included) and the driver's
`executemany` receives plain tuples, so memory stays bounded and any backend can be the target.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from operator import itemgetter
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.sqlite import base as sqlite_types
from sqlalchemy.engine import Connection

from app.storage.portable_rows import DumpFormatError, decode_lines


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
        self._self_refs = self_references(table)
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


def self_references(table: sa.Table) -> list[sa.Column[Any]]:
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
