"""Turning risk_rules.toml into a RuleSet, checking everything an office manager could mistype.

Validation happens here, once, so `assess` can trust its tables: every engine code is defined with
a weight of the right sign, texts use only the placeholders the engine fills, citations point at
policy reference entries that exist, and the periods follow one another without overlapping.
"""

from __future__ import annotations

from string import Formatter
from types import MappingProxyType
from typing import Any

from app.domain.enums import RiskLevel
from app.domain.risk_codes import FACTOR_KINDS, KIND_TABLES, NOTE_KEYS, PLACEHOLDERS, FactorKind
from app.domain.risk_policy import PolicyPeriod, PolicyReference
from app.domain.risk_rules import (
    LEVEL_KEYS,
    Factor,
    Note,
    RulePeriod,
    RuleSet,
    RuleSettings,
    check_weight,
)
from app.domain.risk_toml import RulesError, TomlDocument, day, number, table, text

TOP_LEVEL = {"version", "levels", "settings", "notes", "client", "venue", "multipliers", "period"}
PERIOD_KEYS = {
    "id",
    "from",
    "policy",
    "guidance",
    "label",
    "base",
    "targeting",
    "text",
    "weights",
    "texts",
}
DYNAMIC_SOURCES = {
    "state_protection": "state",
    "incident_at_courthouse": "incident",
    "incident_in_city": "incident",
}
INT_SETTINGS = ("incident_max_age_days", "incident_reasons_max", "recent_entry_days")
FLOAT_SETTINGS = (
    "incident_half_life_days",
    "unverified_incident_factor",
    "incident_points_cap",
    "remote_score_cap",
)


def parse_rules(doc: TomlDocument, policy: PolicyReference) -> RuleSet:
    for key in doc.data:
        if key not in TOP_LEVEL:
            raise doc.error(_any_line(doc, key), f"unknown section {key!r}")
    factors = _factors(doc, policy)
    return RuleSet(
        version=text(doc, doc.data.get("version"), doc.key_line("version"), "version"),
        source=doc.source,
        thresholds=_levels(doc),
        settings=_settings(doc),
        factors=MappingProxyType(factors),
        periods=_periods(doc, policy),
        notes=MappingProxyType(_notes(doc, policy)),
        policy=policy,
    )


def _any_line(doc: TomlDocument, key: str) -> int:
    """First line that opens the table `key` (or a sub-table of it) or sets `key`; else 1."""
    for line, raw in enumerate(doc.lines, start=1):
        stripped = raw.strip()
        if stripped.startswith((f"[{key}]", f"[{key}.", f"[[{key}]]")):
            return line
        if stripped.split("=", 1)[0].strip() == key and "=" in stripped:
            return line
    return 1


def _levels(doc: TomlDocument) -> MappingProxyType[RiskLevel, float]:
    start = doc.header_line("levels")
    raw = table(doc, doc.data.get("levels"), start, "[levels]")
    levels: dict[RiskLevel, float] = {}
    for level in LEVEL_KEYS:
        line = doc.key_line(level.value, start)
        if level.value not in raw:
            raise doc.error(start, f"[levels] has no {level.value!r} threshold")
        levels[level] = number(doc, raw[level.value], line, f"threshold {level.value}")
    for key in raw:
        if key not in {level.value for level in LEVEL_KEYS}:
            raise doc.error(doc.key_line(key, start), f"unknown level {key!r}")
    previous: tuple[str, float] = ("none", 0.0)
    for level in LEVEL_KEYS:
        if levels[level] <= previous[1]:
            raise doc.error(
                doc.key_line(level.value, start),
                f"threshold {level.value} = {levels[level]:g} must be above {previous[0]} "
                f"({previous[1]:g}): thresholds increase from low to critical",
            )
        previous = (level.value, levels[level])
    return MappingProxyType(levels)


def _settings(doc: TomlDocument) -> RuleSettings:
    start = doc.header_line("settings")
    raw = table(doc, doc.data.get("settings"), start, "[settings]")
    values: dict[str, Any] = {}
    for key in (*INT_SETTINGS, *FLOAT_SETTINGS):
        if key not in raw:
            raise doc.error(start, f"[settings] has no {key!r}")
        line = doc.key_line(key, start)
        value = number(doc, raw[key], line, key)
        lowest_allowed_is_zero = key == "incident_reasons_max"
        if value < 0 or (value == 0 and not lowest_allowed_is_zero):
            raise doc.error(line, f"{key} must be above 0")
        if key in INT_SETTINGS:
            if value != int(value):
                raise doc.error(line, f"{key} must be a whole number")
            values[key] = int(value)
        else:
            values[key] = value
    for key in raw:
        if key not in values:
            raise doc.error(doc.key_line(key, start), f"unknown setting {key!r}")
    return RuleSettings(**values)


def _placeholders(doc: TomlDocument, line: int, template: str, allowed: tuple[str, ...]) -> None:
    try:
        names = [name for _, name, _, _ in Formatter().parse(template) if name is not None]
    except ValueError as exc:
        raise doc.error(line, f"text has unbalanced braces: {exc}") from None
    for name in names:
        if name not in allowed:
            hint = ", ".join("{" + a + "}" for a in allowed) or "none"
            raise doc.error(line, f"text uses {{{name}}}; allowed here: {hint}")


def _source(doc: TomlDocument, line: int, source: str, policy: PolicyReference) -> None:
    if source.startswith("policy:") and policy.get(source.removeprefix("policy:")) is None:
        raise doc.error(line, f"source {source!r} names no entry of the policy reference")


def _notes(doc: TomlDocument, policy: PolicyReference) -> dict[str, Note]:
    raw_notes = doc.data.get("notes", {})
    notes: dict[str, Note] = {}
    for key, allowed in NOTE_KEYS.items():
        start = doc.header_line(f"notes.{key}")
        if key not in raw_notes:
            raise doc.error(doc.header_line("notes"), f"missing note [notes.{key}]")
        raw = table(doc, raw_notes[key], start, f"[notes.{key}]")
        note_text = " ".join(text(doc, raw.get("text"), start, "note text").split())
        _placeholders(doc, doc.key_line("text", start), note_text, allowed)
        source = str(raw.get("source", "")).strip()
        _source(doc, doc.key_line("source", start), source, policy)
        notes[key] = Note(text=note_text, source=source)
    for key in raw_notes:
        if key not in NOTE_KEYS:
            raise doc.error(doc.header_line(f"notes.{key}"), f"unknown note {key!r}")
    return notes


def _factors(doc: TomlDocument, policy: PolicyReference) -> dict[str, Factor]:
    found: dict[str, Factor] = {}
    for kind, section in KIND_TABLES.items():
        raw_section = doc.data.get(section, {})
        for code, raw in raw_section.items():
            found[code] = _factor(doc, kind, section, code, raw, policy)
    for code, kind in FACTOR_KINDS.items():
        if code not in found:
            line = _any_line(doc, KIND_TABLES[kind])
            raise doc.error(line, f"missing factor [{KIND_TABLES[kind]}.{code}]")
    return {code: found[code] for code in FACTOR_KINDS}


def _factor(
    doc: TomlDocument,
    kind: FactorKind,
    section: str,
    code: str,
    raw: object,
    policy: PolicyReference,
) -> Factor:
    start = doc.header_line(f"{section}.{code}")
    if code not in FACTOR_KINDS:
        raise doc.error(start, f"unknown factor code {code!r} in [{section}]")
    if FACTOR_KINDS[code] is not kind:
        expected = KIND_TABLES[FACTOR_KINDS[code]]
        raise doc.error(start, f"factor {code!r} belongs in [{expected}], not [{section}]")
    entry = table(doc, raw, start, f"[{section}.{code}]")
    if "weight" not in entry:
        raise doc.error(start, f"factor {code!r} has no weight")
    weight_line = doc.key_line("weight", start)
    weight = number(doc, entry["weight"], weight_line, f"weight of {code}")
    try:
        check_weight(kind, weight, f"weight of {code}")
    except RulesError as exc:
        raise doc.error(weight_line, str(exc)) from None
    factor_text = " ".join(text(doc, entry.get("text"), start, f"text of {code}").split())
    _placeholders(doc, doc.key_line("text", start), factor_text, PLACEHOLDERS.get(code, ()))
    source_line = doc.key_line("source", start)
    source = text(doc, entry.get("source"), source_line, f"source of {code}")
    _source(doc, source_line, source, policy)
    dynamic = DYNAMIC_SOURCES.get(code)
    if (dynamic is not None and source != dynamic) or (
        dynamic is None and source in {"state", "incident"}
    ):
        raise doc.error(source_line, f"source of {code} must be {dynamic or 'a citation'!r}")
    for key in entry:
        if key not in {"label", "weight", "text", "source"}:
            raise doc.error(doc.key_line(key, start), f"unknown key {key!r} in [{section}.{code}]")
    return Factor(
        code=code,
        kind=kind,
        label=text(doc, entry.get("label"), start, f"label of {code}"),
        weight=weight,
        text=factor_text,
        source=source,
    )


def _periods(doc: TomlDocument, policy: PolicyReference) -> tuple[RulePeriod, ...]:
    raw_periods = doc.data.get("period")
    if not isinstance(raw_periods, list) or not raw_periods:
        raise doc.error(1, "no [[period]] entries: at least one policy period is needed")
    periods: list[RulePeriod] = []
    for index, raw in enumerate(raw_periods):
        period = _period(doc, index, raw, policy)
        if periods and period.starts <= periods[-1].starts:
            start = doc.array_item_line("period", index)
            previous = periods[-1]
            raise doc.error(
                doc.key_line("from", start),
                f"period {period.id!r} starts {period.starts}, not after {previous.id!r} "
                f"({previous.starts}): periods overlap or are out of date order",
            )
        if any(p.id == period.id for p in periods):
            raise doc.error(doc.array_item_line("period", index), f"duplicate id {period.id!r}")
        periods.append(period)
    return tuple(periods)


def _period(doc: TomlDocument, index: int, raw: Any, policy: PolicyReference) -> RulePeriod:
    start = doc.array_item_line("period", index)
    entry = table(doc, raw, start, "[[period]]")

    def field_text(key: str) -> str:
        return text(doc, entry.get(key), doc.key_line(key, start), f"period {key}")

    def field_number(key: str) -> float:
        value = number(doc, entry.get(key), doc.key_line(key, start), f"period {key}")
        if value < 0 or (key == "targeting" and value == 0):
            raise doc.error(doc.key_line(key, start), f"period {key} must be above 0")
        return value

    def reference(key: str) -> PolicyPeriod:
        found = policy.get(field_text(key))
        if found is None:
            raise doc.error(doc.key_line(key, start), f"{key} {entry[key]!r} is not in policy.toml")
        return found

    weights_start = doc.header_line("period.weights", start)
    weights: dict[str, float] = {}
    for code, value in table(doc, entry.get("weights", {}), weights_start, "weights").items():
        line = doc.key_line(code, weights_start)
        if code not in FACTOR_KINDS:
            raise doc.error(line, f"unknown factor code {code!r} in [period.weights]")
        weights[code] = number(doc, value, line, f"weight of {code}")
        try:
            check_weight(FACTOR_KINDS[code], weights[code], f"weight of {code}")
        except RulesError as exc:
            raise doc.error(line, str(exc)) from None
    texts_start = doc.header_line("period.texts", start)
    texts: dict[str, str] = {}
    for code, value in table(doc, entry.get("texts", {}), texts_start, "texts").items():
        line = doc.key_line(code, texts_start)
        if code not in FACTOR_KINDS:
            raise doc.error(line, f"unknown factor code {code!r} in [period.texts]")
        texts[code] = " ".join(text(doc, value, line, f"text of {code}").split())
        _placeholders(doc, line, texts[code], PLACEHOLDERS.get(code, ()))
    for key in entry:
        if key not in PERIOD_KEYS:
            raise doc.error(doc.key_line(key, start), f"unknown key {key!r} in [[period]]")
    return RulePeriod(
        id=field_text("id"),
        starts=day(doc, entry.get("from"), doc.key_line("from", start), "from"),
        label=field_text("label"),
        text=" ".join(field_text("text").split()),
        policy=reference("policy"),
        guidance=reference("guidance"),
        base=field_number("base"),
        targeting=field_number("targeting"),
        weights=MappingProxyType(weights),
        texts=MappingProxyType(texts),
    )
