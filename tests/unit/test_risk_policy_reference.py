"""The machine-readable policy reference: what applied on a date, and errors with line numbers."""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache
from pathlib import Path

import pytest

from app.documents.coalition_letter import state_law_line
from app.documents.court_request import law_paragraph
from app.documents.data import StateLaw, StateLawCitation
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
        ("CA", date(2020, 1, 1), "Cal. Civ. Code §43.54 (CA, in force 2020-01-01)"),
        ("co", date(2020, 3, 23), "C.R.S. §§ 13-1-401–404 (CO, in force 2020-03-23)"),
        ("NJ", date(2019, 5, 23), "N.J. Supreme Court Directive #07-19 (NJ, in force 2019-05-23)"),
        ("WA", date(2020, 6, 11), "RCW 2.28.300–2.28.330 (WA, in force 2020-06-11)"),
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


def test_every_entry_carries_citation_in_force_scope_source_and_check_date() -> None:
    for period in reference().periods:
        assert period.citation and period.scope and period.public_summary, period.id
        assert period.provenance.reference and period.provenance.checked_on, period.id
        if not period.provenance.verified:
            assert period.provenance.check_note, f"{period.id}: say what was not confirmed"
    for state in reference().states:
        assert state.citation and state.scope and state.in_force and state.reference, state.code
        assert state.checked_on is not None, state.code


@pytest.mark.parametrize(
    ("period_id", "until", "how"),
    [
        ("ice-10029.2", date(2021, 10, 27), "superseded"),
        ("ice-11072.1", date(2021, 4, 27), "superseded"),
        ("dhs-2021-10-27", date(2025, 1, 20), "rescinded"),
        ("ice-2025-01-21", date(2025, 5, 27), "superseded"),
    ],
)
def test_ended_instruments_carry_their_end(period_id: str, until: date, how: str) -> None:
    period = reference().get(period_id)
    assert period is not None and period.ends == until and period.ended_how == how
    assert period.in_force_on(until - timedelta(days=1)) and not period.in_force_on(until)


def test_the_2011_memo_is_not_in_force_after_2021_10_26() -> None:
    in_force = {p.id for p in reference().policies_in_force(date(2026, 12, 6))}
    assert in_force == {"dhs-2025-01-20", "ice-2025-05-27"}
    assert "ice-10029.2" in {p.id for p in reference().policies_in_force(date(2021, 10, 26))}


def test_inference_is_an_internal_note_never_a_public_summary() -> None:
    memo = reference().get("ice-2025-05-27")
    assert memo is not None
    assert "weaker in practice" in memo.internal_note
    assert "weaker" not in memo.public_summary and "inference" not in memo.public_summary


def test_oregon_has_a_court_rule_then_a_wider_statute() -> None:
    before = reference().state_protections("OR", date(2021, 7, 18))
    after = reference().state_protections("OR", date(2021, 7, 19))
    assert [s.citation for s in before] == ["Or. UTCR 3.190"]
    assert [s.citation for s in after] == ["Or. Laws 2021, ch. 550 (HB 3265)", "Or. UTCR 3.190"]
    assert after[0].covers_travel and not after[1].covers_travel
    newest = reference().state_protection("OR", date(2026, 1, 1))
    assert newest is not None and newest.citation == "Or. Laws 2021, ch. 550 (HB 3265)"


@pytest.mark.parametrize(
    ("state", "citation", "kind", "travel", "words"),
    [
        ("CA", "Cal. Civ. Code §43.54", "statute", False, "in a courthouse"),
        ("NJ", "N.J. Supreme Court Directive #07-19", "court directive", False, "warrant"),
        ("NY", "N.Y. Civil Rights Law §28", "statute", True, "judicial warrant"),
        ("IL", "705 ILCS 96/10-15 (P.A. 104-440)", "statute", True, "1,000 feet"),
        ("WA", "RCW 2.28.300–2.28.330", "statute", True, "within one mile"),
    ],
)
def test_state_rows_as_corrected(
    state: str, citation: str, kind: str, travel: bool, words: str
) -> None:
    found = reference().state_protection(state, date(2026, 12, 6))
    assert found is not None
    assert (found.citation, found.kind, found.covers_travel) == (citation, kind, travel)
    assert words in found.scope


def test_new_york_note_records_the_dismissed_suit() -> None:
    found = reference().state_protection("NY", date(2026, 12, 6))
    assert found is not None and "dismissed on 2025-11-17" in found.note


def test_illinois_act_is_cited_by_its_code_section_and_public_act() -> None:
    """705 ILCS 96/10-15 (P.A. 104-440, eff. 2025-12-09), checked on lrb.ilga.gov."""
    found = reference().state_protection("IL", date(2026, 12, 6))
    assert found is not None and found.verified
    assert found.citation == "705 ILCS 96/10-15 (P.A. 104-440)"
    assert "lrb.ilga.gov" in found.reference and found.in_force == date(2025, 12, 9)


def test_washington_travel_is_what_rcw_2_28_330_says() -> None:
    """The finding: covers_travel = false, though RCW 2.28.330(2) takes "going to" and
    "returning from" to include the area within one mile of the court facility."""
    found = reference().state_protection("WA", date(2026, 12, 6))
    assert found is not None and found.covers_travel
    assert "returning from" in found.scope and "one mile" in found.scope
    assert "app.leg.wa.gov/RCW/default.aspx?cite=2.28.330" in found.reference
    assert found.checked_on == date(2026, 12, 6)


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_state_entry_has_plain_client_sentences(language: str) -> None:
    """A client reads these (the staff `scope` is legal shorthand): each state's own, in both
    shipped languages, true to whether the trip to court is covered, and never legal words."""
    no_trip = {"en": "does not cover your trip", "es": "No le protege en el camino"}[language]
    for state in reference().states:
        sentence = state.client_scope(language)
        assert sentence and sentence != state.scope and sentence.endswith(".")
        assert (no_trip in sentence) == (not state.covers_travel), state.citation
        for word in ("environs", "writ", "damages", "statutory", "absent", "penalt", ";"):
            assert word not in sentence.lower(), (state.citation, word)
        assert max(len(s.split()) for s in sentence.split(". ")) <= 25
    spanish = {s.code: s.local_name("es") for s in reference().states}
    assert spanish["NY"] == "Nueva York" and spanish["NJ"] == "Nueva Jersey"
    assert spanish["OR"] == "Oregón" and spanish["WA"] == "Washington"


def test_citations_read_in_any_language() -> None:
    """The finding: "(C.R.S. 13-1-401 to 404)" kept the English "to" in a Spanish advisory."""
    for state in reference().states:
        assert " to " not in state.citation, state.citation


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("verified = true", 'verified = "yes"', "must be true or false"),
        ("checked = 2026-12-06", 'checked = "today"', "YYYY-MM-DD"),
        ('ended_how = "superseded"', 'ended_how = "replaced"', "ended_how must be one of"),
        ("covers_travel = true", "covers_travel = 1", "must be true or false"),
    ],
)
def test_bad_provenance_names_the_line(tmp_path: Path, old: str, new: str, message: str) -> None:
    text = POLICY_PATH.read_text(encoding="utf-8")
    edited = text.replace(old, new, 1)
    path = tmp_path / "policy.toml"
    path.write_text(edited, encoding="utf-8")
    line = next(i for i, raw in enumerate(edited.splitlines(), start=1) if new in raw)
    with pytest.raises(RulesError) as caught:
        load_policy_reference(path)
    assert f"policy.toml, line {line}:" in str(caught.value)
    assert message in str(caught.value)


# A fragment that read as raw data where it was printed: "…; writ of protection; damages."
FRAGMENT_ENDINGS = ("; damages", "; writ of protection", "; statutory damages",
                    "; civil and criminal penalties", "is not covered")


def test_every_scope_is_a_clause_that_follows_it() -> None:
    """The finding: scopes printed as fragments in risk reasons, requests to the court and
    letters to ICE. Each is one clause an attorney can sign after "It ": "It bars civil arrest
    of …", saying what the instrument does (never what it leaves out: `covers_travel` says so)."""
    for state in reference().states:
        scope = state.scope
        assert scope.split()[0] in ("bars", "requires", "provides"), state.citation
        assert not scope.endswith((".", ";", ",")), state.citation
        for ending in FRAGMENT_ENDINGS:
            assert not scope.endswith(ending), (state.citation, ending)
        for part in scope.split(";")[1:]:
            assert part.split()[0] == "it", (state.citation, part)  # a clause, not a noun
        assert "not covered" not in scope and "does not cover" not in scope


@pytest.mark.parametrize("state", sorted({s.code for s in load_policy_reference().states}))
def test_every_scope_reads_as_a_sentence_where_it_is_printed(state: str) -> None:
    """The request to the court and the letter to ICE print each scope after "It "."""
    for found in reference().state_protections(state, date(2026, 12, 6)):
        request = law_paragraph(StateLaw(found.name, found.instrument, found.citation,
                                         found.in_force, found.scope, found.covers_travel,
                                         found.kind))
        letter = state_law_line(StateLawCitation(found.name, found.citation, found.in_force,
                                                 found.scope, found.covers_travel, found.kind))
        for printed in (request, letter):
            assert f". It {found.scope}." in printed, printed
            assert "Its scope:" not in printed and "Its terms:" not in printed
        assert "state law" not in letter  # each named for its kind: statute, rule, directive
