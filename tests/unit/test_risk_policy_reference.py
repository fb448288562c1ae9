"""The machine-readable policy reference: what applied on a date, and errors with line numbers."""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

import pytest

from app.domain.risk import (
    PolicyReference,
    RulesError,
    load_policy_reference,
    load_rules,
    resources_dir,
)

POLICY_PATH = resources_dir() / "reference" / "policy.toml"


@cache
def reference() -> PolicyReference:
    return load_policy_reference()


@pytest.mark.parametrize(
    ("day", "period_id"),
    [
        (date(2011, 10, 23), None),
        (date(2011, 10, 24), "ice-10029.2"),
        (date(2017, 4, 6), "ice-10029.2"),  # the Denver letter is not policy
        (date(2018, 1, 10), "ice-11072.1"),
        (date(2021, 6, 15), "ice-cbp-2021-04-27"),
        (date(2022, 3, 1), "dhs-2021-10-27"),
        (date(2025, 1, 20), "dhs-2025-01-20"),
        (date(2025, 5, 22), "ice-2025-01-21"),  # the EOIR practice is not policy
        (date(2025, 5, 27), "ice-2025-05-27"),
    ],
)
def test_period_on_a_date(day: date, period_id: str | None) -> None:
    found = reference().period_on(day)
    assert (found.id if found else None) == period_id


@pytest.mark.parametrize(
    ("state", "first_day", "source"),
    [
        ("NY", date(2020, 12, 15), "N.Y. Civil Rights Law §28 (NY, in force 2020-12-15)"),
        ("CA", date(2019, 10, 12), "Cal. AB 668 (2019) (CA, in force 2019-10-12)"),
        ("co", date(2020, 3, 23), "C.R.S. 13-1-401 to 404 (CO, in force 2020-03-23)"),
        ("NJ", date(2019, 5, 23), "N.J. Directive #07-19 (NJ, in force 2019-05-23)"),
        ("WA", date(2020, 1, 1), "RCW 2.28.300 to .330 (WA, in force 2020-01-01)"),
        ("OR", date(2019, 11, 14), "Or. UTCR 3.190 (OR, in force 2019-11-14)"),
        ("IL", date(2025, 12, 9), None),
    ],
)
def test_state_protection_in_force(state: str, first_day: date, source: str | None) -> None:
    assert reference().state_protection(state, date.fromordinal(first_day.toordinal() - 1)) is None
    found = reference().state_protection(state, first_day)
    assert found is not None and found.code == state.upper()
    if source is not None:
        assert found.source == source


def test_a_state_without_a_law_has_no_protection() -> None:
    assert reference().state_protection("TX", date(2025, 6, 1)) is None


def test_every_rules_period_starts_with_the_instrument_it_cites() -> None:
    for period in load_rules().periods:
        assert period.policy.starts == period.starts, period.id
        assert reference().get(period.guidance.id) is not None


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("from = 2018-01-10", "from = 2010-01-10", "out of date order"),
        ('kind = "letter"', 'kind = "rumour"', "kind must be one of"),
        ('code = "OR"', 'code = "ORE"', "not two letters"),
        ("in_force = 2020-03-23", 'in_force = "March 2020"', "YYYY-MM-DD"),
        ('citation = "Or. UTCR 3.190"', 'citation = "Or. UTCR 3.190" oops', "not valid TOML"),
    ],
)
def test_a_bad_reference_file_names_the_line(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    text = POLICY_PATH.read_text(encoding="utf-8")
    assert old in text
    edited = text.replace(old, new, 1)
    path = tmp_path / "policy.toml"
    path.write_text(edited, encoding="utf-8")
    line = next(i for i, raw in enumerate(edited.splitlines(), start=1) if new in raw)
    with pytest.raises(RulesError) as caught:
        load_policy_reference(path)
    assert f"policy.toml, line {line}:" in str(caught.value)
    assert message in str(caught.value)
