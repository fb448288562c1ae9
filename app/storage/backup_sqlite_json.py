"""SQL that lets SQLite's JSON functions write and read the portable dump of a table, in C.

Going through Python for every value (SQLAlchemy result processing, `json` encoding, then on the
way back `json` decoding, bind processing and driver binding) cost most of a backup's and a
restore's time. For a table whose columns all have types with a known stored form, SQLite itself
builds each dump line with `json_object` and inserts lines with `jsonb_each`, producing and
accepting exactly the lines `portable_dump` writes for the same rows.

A value whose stored (or dumped) text is not in the canonical form is not guessed at: the dump
marks it `{"$raw": stored value}` for `portable_dump` to convert through the column's SQLAlchemy
type, and the load leaves the row to `portable_table_loader`'s Python loader, which converts it or
says precisely what is wrong with it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.sqlite import base as sqlite_types

from app.storage.types import EnumText, UTCDateTime

DUMP_SINCE = (3, 38)
"""The first SQLite with the JSON functions built in."""
LOAD_SINCE = (3, 45)
"""The first SQLite with `jsonb_each`: with `json_each` every `->>` parses its row again."""

RAW_TAG = "$raw"
"""Marks a stored value the dump query left for Python to convert (never in a finished dump)."""

_D = "[0-9]"
_DATE = f"{_D * 4}-{_D * 2}-{_D * 2}"
_CLOCK = f"{_D * 2}:{_D * 2}:{_D * 2}"
_MICROS = "." + _D * 6
_STORED_DATETIME = f"{_DATE} {_CLOCK}{_MICROS}"
"""SQLAlchemy's default SQLite DATETIME text: 'YYYY-MM-DD HH:MM:SS.ffffff'."""

_INTEGERS = (sa.Integer, sa.BigInteger, sa.SmallInteger, sa.INTEGER, sa.BIGINT, sa.SMALLINT)
_TEXTS = (sa.String, sa.Text, sa.Unicode, sa.UnicodeText, sa.VARCHAR, sa.TEXT, sa.CHAR, sa.NVARCHAR)


@dataclass(frozen=True, slots=True)
class _Column:
    name: str
    kind: str
    """"plain", "boolean", "date", "datetime", "utc_datetime" or "enum"."""
    values: tuple[str, ...] = ()
    """The allowed stored values of an enum column."""


def _kind(type_: sa.types.TypeEngine[Any]) -> _Column | None:
    cls = type(type_)
    if cls in _INTEGERS or cls in _TEXTS:
        return _Column("", "plain")
    if cls is sa.Boolean:
        return _Column("", "boolean")
    if cls is sa.Date and _default_storage(type_, sqlite_types.DATE):
        return _Column("", "date")
    if cls is sa.DateTime and _default_storage(type_, sqlite_types.DATETIME):
        return _Column("", "datetime")  # SQLite keeps no zone: values come back naive
    if isinstance(type_, UTCDateTime) and cls is UTCDateTime:
        if _default_storage(type_.impl_instance, sqlite_types.DATETIME):
            return _Column("", "utc_datetime")
        return None
    if isinstance(type_, EnumText) and cls is EnumText:
        return _Column("", "enum", tuple(str(member.value) for member in type_.enum_cls))
    return None


def _default_storage(type_: sa.types.TypeEngine[Any], sqlite_class: type[Any]) -> bool:
    impl = type_.dialect_impl(sqlite_types.SQLiteDialect())
    return (
        isinstance(impl, sqlite_class)
        and impl._storage_format == sqlite_class._storage_format
        and getattr(impl, "_reg", None) is None
    )


def _columns(table: sa.Table) -> list[_Column] | None:
    found: list[_Column] = []
    for column in table.columns:
        kind = _kind(column.type)
        name = column.name
        if kind is None or any(char in name for char in "'\"\\") or not name.isprintable():
            return None
        found.append(_Column(name, kind.kind, kind.values))
    return found


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _in_list(values: tuple[str, ...]) -> str:
    return ", ".join(_literal(value) for value in values) or "NULL"


# -- dump ---------------------------------------------------------------------------------------


def dump_query(table: sa.Table, quote: Callable[[str], str]) -> str | None:
    """A SELECT of one JSON object text per row, in primary-key order; None if not possible.

    `quote` quotes an identifier for SQLite.
    """
    columns = _columns(table)
    if columns is None:
        return None
    pairs = ", ".join(
        f"{_literal(column.name)}, {_dump_value(column, quote(column.name))}" for column in columns
    )
    order = list(table.primary_key.columns) or list(table.columns)
    order_by = ", ".join(quote(column.name) for column in order)
    return f"SELECT json_object({pairs}) FROM {quote(table.name)} ORDER BY {order_by}"


def _dump_value(column: _Column, q: str) -> str:
    raw = f"json_object('{RAW_TAG}', {q})"
    if column.kind == "plain":
        return q
    if column.kind == "boolean":
        return (
            f"CASE WHEN {q} IS NULL THEN NULL WHEN {q} IS 1 THEN json('true') "
            f"WHEN {q} IS 0 THEN json('false') ELSE {raw} END"
        )
    if column.kind == "date":
        return (
            f"CASE WHEN {q} IS NULL THEN NULL WHEN {q} GLOB '{_DATE}' "
            f"THEN json_object('$date', {q}) ELSE {raw} END"
        )
    if column.kind in ("datetime", "utc_datetime"):
        zone = " || '+00:00'" if column.kind == "utc_datetime" else ""
        return (
            f"CASE WHEN {q} IS NULL THEN NULL WHEN {q} GLOB '{_STORED_DATETIME}' "
            f"THEN json_object('$datetime', substr({q}, 1, 10) || 'T' || substr({q}, 12){zone}) "
            f"ELSE {raw} END"
        )
    assert column.kind == "enum"
    return f"CASE WHEN {q} IS NULL OR {q} IN ({_in_list(column.values)}) THEN {q} ELSE {raw} END"


# -- load ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LoadQueries:
    insert: str
    """Inserts the rows of a JSON array (text, parameter 1) that convert in SQL."""
    leftovers: str
    """Selects, as JSON text, the rows of the same array the insert left out."""


def load_queries(table: sa.Table, quote: Callable[[str], str]) -> LoadQueries | None:
    """SQL to load blocks of dump lines into `table` on SQLite; None if not possible."""
    columns = _columns(table)
    if columns is None or not columns:
        return None
    # Each value is looked up once, as SQL (a tagged value as its JSON text); LIMIT -1 keeps
    # SQLite from copying the lookups into the outer query, which converts and checks them.
    lookups = ", ".join(
        f"r.value ->> '$.\"{column.name}\"' AS v{index}" for index, column in enumerate(columns)
    )
    shape = f"r.type = 'object' AND (SELECT count(*) FROM json_each(r.value)) = {len(columns)}"
    source = "FROM jsonb_each(CAST(? AS TEXT)) AS r LIMIT -1"
    inner = f"SELECT {lookups}, {shape} AS shape {source}"
    with_line = f"SELECT {lookups}, {shape} AS shape, r.value AS line {source}"
    values: list[str] = []
    checks = ["shape"]
    for index, column in enumerate(columns):
        value, check = _load_value(column, f"v{index}")
        values.append(value)
        if check:
            checks.append(check)
    ok = " AND ".join(checks)
    names = ", ".join(quote(column.name) for column in columns)
    return LoadQueries(
        insert=(
            f"INSERT INTO {quote(table.name)} ({names}) "
            f"SELECT {', '.join(values)} FROM ({inner}) WHERE {ok}"
        ),
        leftovers=f"SELECT json(line) FROM ({with_line}) WHERE ({ok}) IS NOT 1",
    )


def _load_value(column: _Column, v: str) -> tuple[str, str]:
    """(SQL for the stored value, SQL that is 1 when it is right) from `v`, the looked-up value.

    A tagged value comes as the JSON text of its object, as SQLite writes it:
    `{"$datetime":"2026-11-26T09:30:00.000000+00:00"}`.
    """
    if column.kind == "plain":
        return v, ""
    if column.kind == "boolean":  # JSON true and false come out as 1 and 0
        return v, f"({v} IN (0, 1) OR {v} IS NULL)"
    if column.kind == "enum":
        return v, f"({v} IN ({_in_list(column.values)}) OR {v} IS NULL)"
    if column.kind == "date":
        pattern = '{"$date":"' + _DATE + '"}'
        return f"substr({v}, 11, 10)", f"({v} GLOB '{pattern}' OR {v} IS NULL)"
    # What `datetime.isoformat` writes: microseconds only when not zero, "+00:00" when aware.
    zone = "+00:00" if column.kind == "utc_datetime" else ""
    head = '{"$datetime":"' + f"{_DATE}[T ]{_CLOCK}"
    with_micros, whole_second = f'{head}{_MICROS}{zone}"}}', f'{head}{zone}"}}'
    day = f"substr({v}, 15, 10) || ' ' || "
    stored = (
        f"CASE WHEN {v} GLOB '{with_micros}' THEN {day}substr({v}, 26, 15) "
        f"WHEN {v} GLOB '{whole_second}' THEN {day}substr({v}, 26, 8) || '.000000' END"
    )
    check = f"({v} GLOB '{with_micros}' OR {v} GLOB '{whole_second}' OR {v} IS NULL)"
    return stored, check
