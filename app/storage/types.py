"""Column types that make both backends behave the same for the rest of the app."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, Generic, TypeVar

from sqlalchemy import DateTime, Dialect, String
from sqlalchemy.types import TypeDecorator

E = TypeVar("E", bound=StrEnum)


class UTCDateTime(TypeDecorator[datetime]):
    """Aware datetimes in, aware UTC datetimes out; naive values are a bug and are refused.

    SQLite keeps no time zone, so values are normalised to UTC before they are stored; that also
    keeps the text form sortable, which the upcoming-hearings index relies on.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        if dialect.name == "sqlite":
            return value.replace(tzinfo=None)
        return value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class EnumText(TypeDecorator[E], Generic[E]):
    """A StrEnum stored as its value: readable in dumps, CSV and by hand, no native enum types."""

    impl = String(40)
    cache_ok = True

    def __init__(self, enum_cls: type[E], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.enum_cls = enum_cls
        # A dict lookup instead of Enum.__call__: list screens convert hundreds of thousands.
        self._members: dict[str, E] = {member.value: member for member in enum_cls}
        self._lookup = _MemberLookup(enum_cls)

    def result_processor(self, dialect: Dialect, coltype: object) -> Any:
        """The lookup's own __getitem__ (a C call per value) when the driver returns text as is."""
        if self.impl_instance.result_processor(dialect, coltype) is None:
            return self._lookup.__getitem__
        return super().result_processor(dialect, coltype)

    def process_bind_param(self, value: E | str | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        member = self._members.get(value)
        return member if member is not None else self.enum_cls(value).value

    def process_result_value(self, value: str | None, dialect: Dialect) -> E | None:
        if value is None:
            return None
        member = self._members.get(value)
        return member if member is not None else self.enum_cls(value)

    def __repr__(self) -> str:
        return f"EnumText({self.enum_cls.__name__})"


class _MemberLookup(dict[str | None, Any]):
    """Stored value -> member, None -> None; an unknown value raises as Enum(value) does."""

    def __init__(self, enum_cls: type[StrEnum]) -> None:
        super().__init__({member.value: member for member in enum_cls})
        self[None] = None
        self._enum_cls = enum_cls

    def __missing__(self, value: str) -> Any:
        return self._enum_cls(value)
