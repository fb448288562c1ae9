"""One row of a table as one line of the portable dump (JSON Lines), and back.

One JSON object per row, keyed by column name. JSON has no dates, bytes or decimals, so such
values are one-key objects: `{"$date": "2026-11-26"}`, `{"$datetime": "2026-11-26T09:30:00+00:00"}`,
`{"$time": ...}`, `{"$bytes": "<base64>"}`, `{"$decimal": "12.50"}`, `{"$uuid": ...}`,
`{"$timedelta": [d, s, us]}`, `{"$float": "nan"}`. Values of JSON columns are written as
`{"$json": "<json text>"}`, so data inside them can never be mistaken for a tag.
"""

from __future__ import annotations

import base64
import enum
import json
import math
import uuid
from collections.abc import Callable, Iterable
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any


class DumpFormatError(ValueError):
    """A dump line is not valid JSON or does not match the target table."""


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
