"""Loading the rules file: mistakes are reported with their line; office overrides are checked."""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

import pytest

from app.domain.enums import RiskLevel
from app.domain.risk import RulesError, RuleSet, explain_rules, load_rules, resources_dir

RULES_PATH = resources_dir() / "risk_rules.toml"


@cache
def rules() -> RuleSet:
    return load_rules()


def original() -> str:
    return RULES_PATH.read_text(encoding="utf-8")


def line_of(text: str, needle: str, after: str | None = None) -> int:
    """1-based line number of the first line containing `needle` (after the line with `after`)."""
    lines = text.splitlines()
    start = 0
    if after is not None:
        start = next(i for i, line in enumerate(lines) if after in line)
    return next(i for i, line in enumerate(lines[start:], start=start) if needle in line) + 1


def load_edited(tmp_path: Path, text: str) -> RuleSet:
    path = tmp_path / "rules.toml"
    path.write_text(text, encoding="utf-8")
    return load_rules(path)


def test_the_shipped_rules_load() -> None:
    loaded = rules()
    assert loaded.version == "2026.12-1"
    assert [p.starts for p in loaded.periods] == sorted(p.starts for p in loaded.periods)
    assert loaded.period_on(date(2025, 6, 1)).id == "courthouse-memo-2025-05"


def _missing_weight(text: str) -> tuple[str, str, str | None]:
    header = "[client.conviction_felony]"
    lines = text.splitlines()
    start = lines.index(header)
    weight = next(i for i in range(start, len(lines)) if lines[i].startswith("weight"))
    del lines[weight]
    return "\n".join(lines), header, None


def _unknown_factor(text: str) -> tuple[str, str, str | None]:
    block = (
        '[client.moon_phase]\nlabel = "Moon"\nweight = 1.0\ntext = "Full moon."\n'
        'source = "guidance"\n\n'
    )
    first_period = text.index("[[period]]")
    return text[:first_period] + block + text[first_period:], "[client.moon_phase]", None


def _unknown_period_code(text: str) -> tuple[str, str, str | None]:
    edited = text.replace("role_victim = 0.5", "role_victim_typo = 0.5", 1)
    return edited, "role_victim_typo = 0.5", None


def _overlapping_periods(text: str) -> tuple[str, str, str | None]:
    return text.replace("from = 2021-04-27", "from = 2017-01-01"), "from = 2017-01-01", None


def _bad_toml(text: str) -> tuple[str, str, str | None]:
    return text.replace("high = 5.5", "high = = 5.5"), "high = = 5.5", None


def _negative_points(text: str) -> tuple[str, str, str | None]:
    lines = text.splitlines()
    start = lines.index("[venue.court_criminal]")
    index = next(i for i in range(start, len(lines)) if lines[i].startswith("weight"))
    lines[index] = "weight = -1.0"
    return "\n".join(lines), "weight = -1.0", None


def _unknown_placeholder(text: str) -> tuple[str, str, str | None]:
    edited = text.replace('text = "Family court."', 'text = "Family court in {county}."')
    return edited, "Family court in {county}.", None


def _unknown_policy(text: str) -> tuple[str, str, str | None]:
    edited = text.replace('policy = "ice-11072.1"', 'policy = "ice-99999"')
    return edited, 'policy = "ice-99999"', None


def _unordered_thresholds(text: str) -> tuple[str, str, str | None]:
    return text.replace("elevated = 3.0", "elevated = 9.0"), "high = 5.5", None


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (_missing_weight, "has no weight"),
        (_unknown_factor, "unknown factor code 'moon_phase'"),
        (_unknown_period_code, "unknown factor code 'role_victim_typo'"),
        (_overlapping_periods, "overlap"),
        (_bad_toml, "not valid TOML"),
        (_negative_points, "may not be negative"),
        (_unknown_placeholder, "{county}"),
        (_unknown_policy, "ice-99999"),
        (_unordered_thresholds, "increase"),
    ],
)
def test_a_bad_rules_file_names_the_file_and_the_line(
    tmp_path: Path, edit: object, message: str
) -> None:
    assert callable(edit)
    text, needle, after = edit(original())
    with pytest.raises(RulesError) as caught:
        load_edited(tmp_path, text)
    expected = f"rules.toml, line {line_of(text, needle, after)}:"
    assert expected in str(caught.value)
    assert message in str(caught.value)


def test_a_missing_file_is_a_rules_error(tmp_path: Path) -> None:
    with pytest.raises(RulesError, match="cannot be read"):
        load_rules(tmp_path / "absent.toml")


def test_overrides_change_the_weight_everywhere_and_leave_the_original_alone() -> None:
    office = rules().with_overrides({"conviction_felony": 5.0}, {})
    for period in office.periods:
        assert office.weight("conviction_felony", period) == 5.0
    assert rules().weight("conviction_felony") == 2.0
    assert office.default_weights() == rules().default_weights()
    assert office.default_weights()["conviction_felony"] == 2.0


def test_a_period_scoped_override_wins_in_that_period_only() -> None:
    office = rules().with_overrides(
        {"role_witness": 0.9, "courthouse-directive-2018.role_witness": 0.2}, {}
    )
    by_id = {p.id: p for p in office.periods}
    assert office.weight("role_witness", by_id["courthouse-directive-2018"]) == 0.2
    assert office.weight("role_witness", by_id["courthouse-memo-2025-05"]) == 0.9


def test_new_overrides_replace_the_earlier_ones() -> None:
    first = rules().with_overrides({"gang_allegation": 4.0}, {"high": 6.0})
    second = first.with_overrides({"prior_removal": 3.5}, {})
    assert second.weight("gang_allegation") == rules().weight("gang_allegation")
    assert second.thresholds[RiskLevel.HIGH] == rules().thresholds[RiskLevel.HIGH]


@pytest.mark.parametrize(
    ("weights", "thresholds", "message"),
    [
        ({"moon_phase": 1.0}, {}, "unknown factor code 'moon_phase'"),
        ({"1999.role_witness": 1.0}, {}, "unknown policy period '1999'"),
        ({"remote_appearance": 0.0}, {}, "above 0"),
        ({"conviction_felony": -1.0}, {}, "may not be negative"),
        ({"conviction_felony": float("nan")}, {}, "must be a number"),
        ({}, {"medium": 2.0}, "unknown level 'medium'"),
        ({}, {"none": 2.0}, "unknown level 'none'"),
        ({}, {"high": 2.0}, "increase"),
    ],
)
def test_bad_office_overrides_are_refused(
    weights: dict[str, float], thresholds: dict[str, float], message: str
) -> None:
    with pytest.raises(RulesError, match="office settings") as caught:
        rules().with_overrides(weights, thresholds)
    assert message in str(caught.value)


def test_threshold_overrides_move_the_levels() -> None:
    stricter = rules().with_overrides({}, {"low": 0.5, "critical": 20.0})
    assert stricter.level_for(0.6) is RiskLevel.LOW
    assert stricter.level_for(10.0) is RiskLevel.HIGH
    assert rules().level_for(0.6) is RiskLevel.NONE


def test_every_factor_is_explained_with_weight_and_source() -> None:
    text = explain_rules(rules())
    assert "heuristic to prompt a conversation with the client, not legal advice" in text
    for code, factor in rules().factors.items():
        row = next(line for line in text.splitlines() if line.startswith(f"| `{code}` |"))
        assert f"| {factor.weight:g} |" in row
    for period in rules().periods:
        assert period.starts.isoformat() in text


def test_office_overrides_show_in_the_explanation() -> None:
    text = explain_rules(rules().with_overrides({"gang_allegation": 4.0}, {}))
    assert "4 (office setting; file: 2)" in text


def test_docs_page_matches_the_rules_file() -> None:
    docs = resources_dir().parent / "docs" / "risk-flags.md"
    assert docs.read_text(encoding="utf-8") == explain_rules(rules()), (
        "docs/risk-flags.md is stale: regenerate it with explain_rules(load_rules())"
    )


def test_readme_carries_the_same_explanation_as_the_app() -> None:
    readme = resources_dir().parent / "README.md"
    assert explain_rules(rules()) in readme.read_text(encoding="utf-8"), (
        "README.md's 'How risk flags work' differs from explain_rules(load_rules())"
    )
