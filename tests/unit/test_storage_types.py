"""Stored enum values read back as members; a value the app does not know is never hidden."""

from __future__ import annotations

import pytest
from sqlalchemy.dialects import postgresql, sqlite

from app.domain.enums import ImmigrationStatus
from app.storage.types import EnumText


@pytest.mark.parametrize("dialect", [sqlite.dialect(), postgresql.dialect()])
def test_stored_enum_values_read_back_as_members(dialect: object) -> None:
    read = EnumText(ImmigrationStatus).result_processor(dialect, None)  # type: ignore[arg-type]
    assert read("citizen") is ImmigrationStatus.CITIZEN
    assert read(None) is None
    with pytest.raises(ValueError, match="not-a-status"):
        read("not-a-status")
