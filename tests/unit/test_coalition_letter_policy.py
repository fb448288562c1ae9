"""The coalition letter's policy, state-law and harm paragraphs, read from the printed PDF.

A letter to an ICE field office director is signed by attorneys and read by ICE: it must state the
policy in force on the letter's date (history only as history), the law of the states the field
office covers (each with its own scope), and the harm argument with its source; CourtSafe's own
inferences never print.
"""

from __future__ import annotations

import dataclasses
import io
import json
from datetime import date
from functools import cache

import pytest
from pypdf import PdfReader

from app.documents.coalition_letter import (
    render_coalition_letter,
    salutation,
    sample_coalition_letter,
)
from app.documents.data import CoalitionLetterData, Recipient, Signatory
from app.domain.risk_policy import PolicyReference, load_policy_reference
from app.paths import resources_dir
from app.services.letter_coalition import (
    policies_in_force,
    policy_history,
    state_laws_in_area,
)

LETTER_2017 = date(2017, 4, 6)
LETTER_2022 = date(2022, 6, 1)
LETTER_2026 = date(2026, 12, 6)


@cache
def reference() -> PolicyReference:
    return load_policy_reference()


@cache
def area_states(field_office: str) -> tuple[str, ...]:
    path = resources_dir() / "reference" / "ice_field_offices.json"
    offices = json.loads(path.read_text(encoding="utf-8"))["field_offices"]
    return tuple(next(o for o in offices if o["id"] == field_office)["states"])


def letter(field_office: str, when: date, **changes: object) -> CoalitionLetterData:
    """The sample letter re-dated and re-addressed, its policy computed as the service does."""
    base = sample_coalition_letter()
    data = dataclasses.replace(
        base,
        letter_date=when,
        recipient=dataclasses.replace(base.recipient, title="Field Office Director"),
        policies=policies_in_force(reference(), when),
        policy_history=policy_history(reference(), when),
        state_laws=state_laws_in_area(reference(), area_states(field_office), when),
    )
    return dataclasses.replace(data, **changes)  # type: ignore[arg-type]


@cache
def printed(field_office: str, when: date) -> str:
    return text_of(render_coalition_letter(letter(field_office, when)))


def text_of(pdf: bytes) -> str:
    pages = PdfReader(io.BytesIO(pdf)).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


FIELD_OFFICES = ("new-york-city", "san-francisco", "denver", "newark", "seattle", "chicago",
                 "houston")
DATES = (LETTER_2017, LETTER_2022, LETTER_2026)

# What each letter must say about state law, by field office and date (None: no state section):
# the lead-in first, true for the kinds of instrument it lists, then each instrument's line.
STATE_LAW = {
    ("new-york-city", LETTER_2022): ["In the area of your office, state law limits civil arrest "
                                     "at state courts:",
                                     "New York: a state statute, N.Y. Civil Rights Law §28, in "
                                     "force since December 15, 2020. It bars civil arrest of a "
                                     "person attending a state court proceeding"],
    ("san-francisco", LETTER_2022): ["In the area of your office, state law limits civil arrest "
                                     "at state courts:",
                                     "California: a state statute, Cal. Civ. Code §43.54, in "
                                     "force since January 1, 2020. It bars civil arrest of a "
                                     "person in a courthouse while the person is attending a "
                                     "court proceeding or has legal business there."],
    ("denver", LETTER_2022): ["In the area of your office, state law limits civil arrest at "
                              "state courts:",
                              "Colorado: a state statute, C.R.S. §§ 13-1-401–404, in force since "
                              "March 23, 2020. It bars civil arrest of a person at a courthouse"],
    ("newark", LETTER_2022): ["In the area of your office, a court directive limits civil arrest "
                              "at state courts:",
                              "New Jersey: a directive of the Supreme Court of New Jersey, N.J. "
                              "Supreme Court Directive #07-19, in effect since May 23, 2019."],
    ("seattle", LETTER_2022): ["In the area of your office, state law and a court rule limit "
                               "civil arrest at state courts:",
                               "Oregon: a state statute, Or. Laws 2021, ch. 550 (HB 3265), in "
                               "force since July 19, 2021.", "while going to or returning from "
                               "court", "Oregon: a rule of the Oregon courts, Or. UTCR 3.190, in "
                               "force since November 14, 2019. It requires a judicial warrant",
                               "Washington: a state statute, RCW 2.28.300–2.28.330, in force since "
                               "June 11, 2020."],
    ("chicago", LETTER_2022): None,  # the Illinois act came in December 2025
    ("chicago", LETTER_2026): ["In the area of your office, state law limits civil arrest at "
                               "state courts:",
                               "Illinois: a state statute, 705 ILCS 96/10-15 (P.A. 104-440), in "
                               "force since December 9, 2025.", "1,000 feet"],
    ("houston", LETTER_2022): None,
    ("houston", LETTER_2026): None,
}


@pytest.mark.parametrize("field_office", FIELD_OFFICES)
def test_2017_letter_cites_the_2011_memo_as_in_force_as_denver_did(field_office: str) -> None:
    text = printed(field_office, LETTER_2017)
    assert "As of April 6, 2017, the following federal guidance applies" in text
    assert ("ICE Policy 10029.2 (Morton), \"Enforcement actions at or focused on sensitive "
            "locations\" (in effect since October 24, 2011)") in text
    assert "It was superseded" not in text
    assert "In the area of your office" not in text  # no state instrument before 2019


@pytest.mark.parametrize("field_office", FIELD_OFFICES)
def test_2022_letter_recalls_the_2011_memo_only_as_history(field_office: str) -> None:
    text = printed(field_office, LETTER_2022)
    assert "(in effect since October 24, 2011)" not in text
    assert ("In 2011 ICE itself recognized that enforcement at sensitive locations such as "
            "schools, hospitals and places of worship should not take place without prior "
            "approval: ICE Policy 10029.2") in text
    assert "It was superseded on October 27, 2021." in text
    assert "ICE/CBP joint memo (Johnson/Miller)" in text
    assert "(in effect since April 27, 2021)" in text
    assert "DHS memo (Mayorkas)" in text


@pytest.mark.parametrize("field_office", FIELD_OFFICES)
def test_2026_letter_names_only_what_is_in_force_and_recalls_the_rest(field_office: str) -> None:
    text = printed(field_office, LETTER_2026)
    assert "As of December 6, 2026, the following federal guidance applies" in text
    assert "DHS rescission of the protected-areas guidance (Acting Secretary Huffman) (in effect "\
        "since January 20, 2025)" in text
    assert "ICE memo (Lyons), civil immigration enforcement actions in or near courthouses (in "\
        "effect since May 27, 2025)" in text
    assert "(in effect since October 24, 2011)" not in text
    assert "(in effect since April 27, 2021)" not in text
    assert "In April 2021 ICE and CBP limited civil immigration enforcement" in text
    assert "It was superseded on January 21, 2025." in text
    assert "applies to the 2011" not in text and "10029.2 applies" not in text


@pytest.mark.parametrize(("field_office", "when"), list(STATE_LAW))
def test_state_law_comes_from_the_field_office_area(field_office: str, when: date) -> None:
    text = printed(field_office, when)
    expected = STATE_LAW[(field_office, when)]
    if expected is None:
        assert "In the area of your office" not in text
    else:
        for phrase in expected:
            assert phrase in text
    if field_office != "denver":  # the office is in Denver; the law is the field office's
        policy_section = text.split("The policy in force")[1].split("Our request")[0]
        assert "C.R.S." not in text and "Colorado" not in policy_section


def test_no_letter_prints_an_internal_note_or_the_old_wording() -> None:
    notes = [p.internal_note for p in reference().periods if p.internal_note]
    assert notes, "the reference data keeps CourtSafe's inferences as internal notes"
    for field_office in FIELD_OFFICES:
        for when in DATES:
            text = printed(field_office, when)
            for note in notes:
                assert note not in text
            for phrase in ("weaker in practice", "inference", "CourtSafe", "54 percent of judges",
                           "going to, attending and returning from court"):
                assert phrase not in text, (field_office, when, phrase)


def test_harm_paragraph_is_there_without_recorded_outcomes() -> None:
    data = letter("denver", LETTER_2026, victims_declined=0, witnesses_declined=0)
    text = text_of(render_coalition_letter(data))
    assert "The harm to victims, witnesses and the courts" in text
    assert ("In a 2017 national survey of about 100 judges by the ACLU and the National Immigrant "
            "Women's Advocacy Project, 54% of the judges surveyed reported court cases "
            "interrupted because immigrant crime victims feared coming to court (Freezing Out "
            "Justice, 2018).") in text
    assert "declined to appear" not in text


def test_harm_paragraph_adds_the_office_counts_in_words() -> None:
    text = printed("denver", LETTER_2026)
    assert ("four victims and two witnesses in matters our offices handle declined to appear in "
            "court") in text


def test_ask_carries_the_judicial_warrant_carve_out() -> None:
    assert "does not take place absent a judicial warrant" in printed("newark", LETTER_2026)


def test_unverified_reports_are_labelled_and_arrests_counted() -> None:
    text = printed("denver", LETTER_2017)
    assert "Denver County Court, parking area (unverified)" in text
    assert "People arrested: one" in text
    assert "Lindsey-Flanigan Courthouse, 520 West Colfax Avenue (unverified)" not in text


@pytest.mark.parametrize(
    ("name", "title", "expected"),
    [
        ("Jeffrey D. Lynch", "Acting Field Office Director",
         "Dear Acting Director Jeffrey D. Lynch"),
        ("Nguyễn Văn Thắng", "Field Office Director", "Dear Director Nguyễn Văn Thắng"),
        ("", "Field Office Director", "Dear Field Office Director"),
    ],
)
def test_salutation(name: str, title: str, expected: str) -> None:
    assert salutation(Recipient(name, title, "ICE", ())) == expected


def test_one_organisation_writes_our_office() -> None:
    base = sample_coalition_letter()
    alone = tuple(Signatory(p.name, p.title, base.office.name) for p in base.signatories)
    text = text_of(render_coalition_letter(dataclasses.replace(base, signatories=alone)))
    assert "Our office recorded 3 incidents" in text
    assert "our offices" not in text.casefold()
    assert "the organizations that join this letter" not in text


def state_section(field_office: str, when: date) -> str:
    """The letter's state-instrument paragraph and list, as printed (the list bullet, which the
    PDF reader gives as U+007F, as "•"; the page's running foot cut off)."""
    section = printed(field_office, when).split("The policy in force")[1].split("Our request")[0]
    section = "In the area of your office" + section.split("In the area of your office", 1)[1]
    return section.split(" Page ")[0].replace("\x7f", "•").strip()


def test_newark_letter_names_the_directive_as_a_directive() -> None:
    """The finding: "State law in the area of your office also limits civil arrest… N.J. Supreme
    Court Directive #07-19": a directive of the state's Supreme Court, which asks enforcement to
    wait, was listed as a law."""
    assert state_section("newark", LETTER_2026) == (
        "In the area of your office, a court directive limits civil arrest at state courts: "
        "• New Jersey: a directive of the Supreme Court of New Jersey, N.J. Supreme Court "
        "Directive #07-19, in effect since May 23, 2019. It provides that courthouse security "
        "should ask immigration officers to show their warrant and that, absent an emergency, an "
        "arrest should wait until the court proceeding has ended, and limits the immigration "
        "information the courts collect to what a legitimate court purpose needs.")
    assert "State law" not in printed("newark", LETTER_2026)


def test_denver_letter_states_colorado_law_as_a_sentence() -> None:
    """The finding: "the courthouse, its environs, and travel to and from court; writ of
    protection; damages." printed as raw data in a letter attorneys sign."""
    assert state_section("denver", LETTER_2026) == (
        "In the area of your office, state law limits civil arrest at state courts: • Colorado: "
        "a state statute, C.R.S. §§ 13-1-401–404, in force since March 23, 2020. It bars civil "
        "arrest of a person at a courthouse or on its environs, or while going to, attending or "
        "coming from a court proceeding, and provides for a writ of protection from a judge or "
        "magistrate and for damages for false imprisonment against anyone who knowingly "
        "violates it.")


def test_a_statute_and_a_court_rule_in_one_area_are_each_named() -> None:
    text = state_section("seattle", LETTER_2026)
    assert text.startswith("In the area of your office, state law and a court rule limit civil "
                           "arrest at state courts:")
    assert "Oregon: a rule of the Oregon courts, Or. UTCR 3.190" in text
    assert "court directive" not in text
