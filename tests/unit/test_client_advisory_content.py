"""What a client's advisory says, per court kind, role, mode, state and language; the staff sheet;
PDF metadata of every kind; and the reading grade of the advisory."""

from __future__ import annotations

import dataclasses
import io
import subprocess
from datetime import date
from typing import Any

import pytest
import textstat
from pypdf import PdfReader

from app.documents.client_advisory import (
    render_advisory_batch,
    render_client_advisory,
    sample_client_advisory,
)
from app.documents.coalition_letter import render_coalition_letter, sample_coalition_letter
from app.documents.court_request import render_court_request, sample_court_request
from app.documents.data import Advice, ClientAdvisoryData, RemoteJoin, SafeContact
from app.documents.errors import TemplateError
from app.documents.missed_court import TEXTS, Consequence, consequence, missed_court_text
from app.documents.recovery_kit import render_recovery_kit, sample_recovery_kit
from app.documents.reminder_call_list import render_reminder_call_list, sample_reminder_call_list
from app.documents.staff_sheet import BANNER, render_staff_sheets
from app.documents.templates import default_source
from app.domain.enums import (
    AppearanceMode,
    CaseKind,
    ClientRole,
    CourtKind,
    HearingType,
    ImmigrationStatus,
)
from app.domain.enums import RiskLevel as Level
from app.domain.risk_codes import EXPEDITED_REMOVAL
from app.domain.risk_inputs import Assessment, Reason
from app.services.letter_advisory import advice_for, state_laws_for
from app.storage.models import Courthouse

SAFE_NOTE = "Do not leave voicemail: the abuser shares the phone"
JOIN = RemoteJoin("https://video.example.gov/j/7781", "(720) 555-0199", "778 1234 5678", "61-22")
HEARING_DAY = date(2026, 5, 12)


def pages(pdf: bytes) -> list[str]:
    """Each page's text, as pdftotext and pypdf see it, joined with whitespace squashed."""
    reader = PdfReader(io.BytesIO(pdf))
    found = []
    for number, page in enumerate(reader.pages, start=1):
        poppler = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", "-f", str(number), "-l", str(number), "-", "-"],
            input=pdf, capture_output=True, check=True,
        ).stdout.decode("utf-8")
        found.append(" ".join(f"{poppler}\n{page.extract_text()}".split()))
    return found


def text_of(pdf: bytes) -> str:
    return "\n".join(pages(pdf))


def advisory(language: str = "en", **changes: Any) -> ClientAdvisoryData:
    return dataclasses.replace(sample_client_advisory(language), **changes)


def _assessment(level: Level, *codes: str) -> Assessment:
    reasons = tuple(Reason(code, code, 1.0, "") for code in codes)
    return Assessment(level, 10.0, reasons, "test", "test")


def _laws(state: str, kind: CourtKind, mode: AppearanceMode = AppearanceMode.IN_PERSON,
          language: str = "en") -> Any:
    return state_laws_for(Courthouse(state=state), kind, mode, HEARING_DAY, language)


# --- staff-only words -------------------------------------------------------------------------


def test_no_client_page_carries_the_safe_contact_note_or_a_staff_warning() -> None:
    """The finding: the note printed at the top of the page the client takes home."""
    items = [
        advisory(lang, safe_contact=SafeContact(SAFE_NOTE, mail_allowed=False),
                 mode=AppearanceMode.REMOTE, staff_warnings=("Remote hearing with no join link",))
        for lang in ("en", "es")
    ]
    for pdf in (render_client_advisory(items[0]), render_advisory_batch(items)):
        for page in pages(pdf):
            assert "voicemail" not in page.lower() and "abuser" not in page.lower()
            assert "STAFF" not in page and "no join link" not in page
    staff = pages(render_staff_sheets(items))
    assert len(staff) == 2  # one sheet each, numbered on its own
    for page in staff:
        assert BANNER in page and SAFE_NOTE in page and "Page 1 of 1" in page
        assert "Nguyễn Văn Thắng" in page and "Tuesday, May 12, 2026" in page
        assert "Do not mail" in page and "no join link" in page


def test_staff_sheet_says_so_when_nothing_was_recorded() -> None:
    page = pages(render_staff_sheets([advisory()]))[0]
    assert "No safe-contact instructions recorded." in page and "Risk level" not in page


# --- where and how ------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "es"])
def test_remote_hearing_says_how_to_join_and_never_sends_the_client_to_the_courthouse(
    language: str,
) -> None:
    text = text_of(render_client_advisory(advisory(language, mode=AppearanceMode.REMOTE,
                                                   join=JOIN)))
    for needle in (JOIN.url, JOIN.phone, JOIN.meeting_id, JOIN.passcode):
        assert needle in text
    assert "520 West Colfax" not in text and "3F" not in text
    assert "30 minutes" not in text and "30 minutos" not in text
    if language == "en":
        assert "Do not go to the courthouse." in text
        assert "Test the link or the phone number the day before." in text
        assert "What to have with you" in text and "Courtroom" not in text
    else:
        assert "No vaya al edificio de la corte." in text
        assert "Pruebe el enlace o el número de teléfono el día antes." in text
        assert "Sala" not in text


def test_remote_hearing_without_join_details_tells_the_client_to_call() -> None:
    text = text_of(render_client_advisory(advisory(mode=AppearanceMode.REMOTE)))
    assert "Call us at (303) 555-0142 to get the link or phone number." in text
    assert "520 West Colfax" not in text


def test_hybrid_hearing_gives_both_ways_clearly() -> None:
    text = text_of(render_client_advisory(advisory(mode=AppearanceMode.HYBRID, join=JOIN)))
    assert "You can go to the courthouse, or join by video or phone." in text
    assert "520 West Colfax Avenue" in text and JOIN.url in text
    assert "If you go in person:" in text and "If you join by video or phone:" in text
    assert "Ask us which way is best for you." in text


def test_in_person_hearing_keeps_address_courtroom_and_trip_plan() -> None:
    text = text_of(render_client_advisory(advisory()))
    assert "520 West Colfax Avenue" in text and "3F" in text
    assert "Arrive at least 30 minutes early" in text and "Video link" not in text


# --- what missing court means -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("court", "case", "role", "expected"),
    [
        (CourtKind.IMMIGRATION, CaseKind.IMMIGRATION_REMOVAL, ClientRole.DEFENDANT,
         Consequence.REMOVAL_IN_ABSENCE),
        (CourtKind.IMMIGRATION, CaseKind.IMMIGRATION_REMOVAL, ClientRole.FAMILY_COMPANION,
         Consequence.COMPANION),
        (CourtKind.CRIMINAL, CaseKind.CRIMINAL, ClientRole.DEFENDANT, Consequence.BENCH_WARRANT),
        (CourtKind.TRAFFIC, CaseKind.TRAFFIC, ClientRole.DEFENDANT, Consequence.BENCH_WARRANT),
        (CourtKind.CRIMINAL, CaseKind.CRIMINAL, ClientRole.VICTIM, Consequence.SUBPOENA),
        (CourtKind.CIVIL, CaseKind.CIVIL, ClientRole.WITNESS, Consequence.SUBPOENA),
        (CourtKind.FAMILY, CaseKind.FAMILY, ClientRole.PETITIONER, Consequence.DEFAULT),
        (CourtKind.FAMILY, CaseKind.PROTECTION_ORDER, ClientRole.PETITIONER,
         Consequence.PROTECTION_ENDS),
        (CourtKind.HOUSING, CaseKind.HOUSING, ClientRole.DEFENDANT, Consequence.DEFAULT),
        (CourtKind.SMALL_CLAIMS, CaseKind.SMALL_CLAIMS, ClientRole.DEFENDANT,
         Consequence.DEFAULT),
        (CourtKind.JUVENILE, CaseKind.JUVENILE, ClientRole.DEFENDANT, Consequence.JUVENILE),
    ],
)
def test_missing_court_means_what_it_means_in_that_court(
    court: CourtKind, case: CaseKind, role: ClientRole, expected: Consequence
) -> None:
    assert consequence(court, case, role) is expected


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("kind", list(Consequence))
def test_every_consequence_prints_in_every_language(kind: Consequence, language: str) -> None:
    sentence = missed_court_text(kind, language)
    assert sentence == TEXTS[language][kind]
    text = text_of(render_client_advisory(advisory(language, missed_court=kind)))
    assert " ".join(sentence.split()) in text
    warrant = {"en": "warrant for your arrest", "es": "orden de arresto"}[language]
    assert (warrant in text) == (kind is Consequence.BENCH_WARRANT)


@pytest.mark.parametrize("role", [ClientRole.VICTIM, ClientRole.WITNESS])
def test_a_victim_at_a_sentencing_is_not_told_the_case_may_stop(role: ClientRole) -> None:
    """The finding: "Without you, the case may not go on" at a sentencing, which goes ahead."""
    kind = consequence(CourtKind.CRIMINAL, CaseKind.CRIMINAL, role, HearingType.SENTENCING)
    assert kind is Consequence.SENTENCING_UNHEARD
    assert consequence(CourtKind.CRIMINAL, CaseKind.CRIMINAL, role,
                       HearingType.TRIAL) is Consequence.SUBPOENA
    english = text_of(render_client_advisory(advisory(missed_court=kind)))
    assert "the judge will decide the sentence without hearing from you" in english
    assert "may not go on" not in english and "warrant" not in english
    spanish = text_of(render_client_advisory(advisory("es", missed_court=kind)))
    assert "el juez decidirá la sentencia sin escucharle" in spanish
    assert "seguir adelante" not in spanish


def test_spanish_speaks_to_every_client_without_a_gendered_pronoun() -> None:
    """The findings: "ordenar que lo lleven" (masculine, for a woman too), "le ordena venir"."""
    for kind in Consequence:
        sentence = missed_court_text(kind, "es")
        assert "que lo lleven" not in sentence and "ordena venir" not in sentence
    assert "le ordena ir" in missed_court_text(Consequence.SUBPOENA, "es")
    assert "la policía le lleve a la corte" in missed_court_text(Consequence.JUVENILE, "es")


def test_family_and_immigration_court_clients_are_not_told_of_an_arrest_warrant() -> None:
    """The finding: everyone was told "the judge may issue a warrant for your arrest"."""
    for kind in (Consequence.DEFAULT, Consequence.REMOVAL_IN_ABSENCE):
        text = text_of(render_client_advisory(advisory(missed_court=kind)))
        assert "warrant" not in text
    immigration = text_of(render_client_advisory(advisory(
        missed_court=Consequence.REMOVAL_IN_ABSENCE)))
    assert "the judge can order you deported even though you are not there" in immigration


# --- advice that follows the flag ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "proof"),
    [
        (ImmigrationStatus.TPS, "your work permit and your TPS approval notice"),
        (ImmigrationStatus.DACA, "your work permit and your DACA approval notice"),
        (ImmigrationStatus.PAROLE_ACTIVE, "the paper that shows your parole"),
        (ImmigrationStatus.PENDING_ASYLUM, "the receipt for your asylum application"),
    ],
)
def test_proof_of_status_is_on_the_list_to_bring(status: ImmigrationStatus, proof: str) -> None:
    advice = advice_for(AppearanceMode.IN_PERSON, status, None)
    text = text_of(render_client_advisory(advisory(advice=advice)))
    assert text.count(proof) == 2  # once, as both extractors see it


def test_no_proof_asked_of_someone_without_a_status_to_prove() -> None:
    for status in (ImmigrationStatus.ENTERED_WITHOUT_INSPECTION, ImmigrationStatus.NOT_ASKED,
                   ImmigrationStatus.PAROLE_REVOKED):
        assert advice_for(AppearanceMode.IN_PERSON, status, None) == ()


def test_advice_follows_level_reasons_and_mode() -> None:
    unknown = ImmigrationStatus.UNKNOWN
    assert advice_for(AppearanceMode.IN_PERSON, unknown, _assessment(Level.LOW)) == ()
    assert advice_for(AppearanceMode.IN_PERSON, unknown, _assessment(Level.ELEVATED)) == (
        Advice.ASK_REMOTE,)
    assert advice_for(AppearanceMode.IN_PERSON, unknown, _assessment(Level.HIGH)) == (
        Advice.ASK_REMOTE, Advice.FAMILY_PLAN)
    # A hearing that already is remote is never offered a remote appearance.
    assert advice_for(AppearanceMode.REMOTE, unknown, _assessment(Level.CRITICAL)) == (
        Advice.FAMILY_PLAN,)
    assert Advice.ASK_REMOTE not in advice_for(AppearanceMode.HYBRID, unknown,
                                               _assessment(Level.HIGH))
    expedited = advice_for(AppearanceMode.IN_PERSON, unknown,
                           _assessment(Level.CRITICAL, EXPEDITED_REMOVAL))
    assert expedited == (Advice.ASK_REMOTE, Advice.ATTORNEY_FIRST, Advice.FAMILY_PLAN)
    text = text_of(render_client_advisory(advisory(advice=expedited)))
    assert "Talk to your lawyer before this hearing" in text
    assert "Who will pick up your children" in text
    assert "Ask us if you can take part by video or phone" in text


@pytest.mark.parametrize(("status", "code"), [
    (ImmigrationStatus.LAWFUL_PERMANENT_RESIDENT, "lpr_in_removal_proceedings"),
    (ImmigrationStatus.CITIZEN, "citizen_in_removal_proceedings"),
    (ImmigrationStatus.LAWFUL_PERMANENT_RESIDENT, "lpr_drug_or_dv_conviction"),
])
def test_a_reason_that_says_ask_the_attorney_prints_talk_to_your_lawyer(
    status: ImmigrationStatus, code: str
) -> None:
    """The finding: a permanent resident in removal proceedings (adv-229, critical) had no
    "Talk to your lawyer before this hearing", though the reason said "Ask the attorney"."""
    advice = advice_for(AppearanceMode.IN_PERSON, status, _assessment(Level.CRITICAL, code))
    assert Advice.ATTORNEY_FIRST in advice
    text = text_of(render_client_advisory(advisory(advice=advice)))
    assert "Talk to your lawyer before this hearing" in text
    spanish = text_of(render_client_advisory(advisory("es", advice=advice)))
    assert "Hable con su abogado antes de esta audiencia" in spanish


def test_colorado_state_court_cites_its_law_in_plain_words() -> None:
    laws = _laws("CO", CourtKind.CRIMINAL)
    assert len(laws) == 1 and laws[0].citation == "C.R.S. §§ 13-1-401–404"
    assert laws[0].covers_travel
    text = text_of(render_client_advisory(advisory(state_laws=laws)))
    assert "A Colorado law gives you some protection" in text
    assert ("It protects you at the courthouse and the area around it, and on your way to and "
            "from court.") in text
    assert "(For your lawyer: C.R.S. §§ 13-1-401–404.)" in text
    assert "It may not stop every arrest" in text
    assert "environs" not in text and "writ" not in text and "damages" not in text
    es_laws = _laws("CO", CourtKind.CRIMINAL, language="es")
    spanish = text_of(render_client_advisory(advisory("es", state_laws=es_laws)))
    assert "Una ley de Colorado" in spanish
    assert "y en el camino de ida y vuelta a la corte." in spanish
    assert "(Para su abogado: C.R.S. §§ 13-1-401–404.)" in spanish
    assert " to 404" not in spanish


def test_california_law_covers_the_courthouse_only_said_once() -> None:
    """The finding: "travel to and from court is not covered. It does not cover your trip…"."""
    laws = _laws("CA", CourtKind.FAMILY)
    assert laws and not any(law.covers_travel for law in laws)
    text = text_of(render_client_advisory(advisory(state_laws=laws)))
    assert "Civ. Code" in text and "also covers your trip" not in text
    assert text.count("It does not cover your trip to and from court.") == 2  # two extractors
    assert "travel to and from court is not covered" not in text


STAFF_WORDS = ("environs", "writ", "damages", "statutory", "absent", "penalties", "judicial",
               "civil arrest of", "court facility", "; ", " to 404", "A Illinois", "A Oregon")


@pytest.mark.parametrize("state", ["NY", "CA", "CO", "NJ", "WA", "OR", "IL"])
@pytest.mark.parametrize("language", ["en", "es"])
def test_every_state_law_reads_as_plain_sentences(state: str, language: str) -> None:
    """The findings: staff fragments ("environs… writ of protection; damages") on client pages,
    the travel sentence twice, "A Illinois law", "Una ley de New York"."""
    laws = _laws(state, CourtKind.CRIMINAL, language=language)
    assert laws
    text = text_of(render_client_advisory(advisory(language, state_laws=laws)))
    for word in STAFF_WORDS:
        assert word not in text, word
    for law in laws:
        assert law.client_scope and law.client_scope in text
        assert law.citation in text
        said = law.client_scope.count("ida y vuelta") + law.client_scope.count("to and from")
        assert said <= 1
    if language == "es":
        for english in ("New York", "New Jersey", "Oregon "):
            assert english not in text


@pytest.mark.parametrize(("state", "english", "spanish"), [
    ("NJ", "A directive of the New Jersey Supreme Court gives you",
     "Una directiva de la Corte Suprema de Nueva Jersey le da"),
    ("IL", "An Illinois law gives you", "Una ley de Illinois le da"),
    ("NY", "A New York law gives you", "Una ley de Nueva York le da"),
    ("OR", "An Oregon court rule gives you", "Una regla de las cortes de Oregón le da"),
])
def test_the_instrument_is_named_by_its_kind(state: str, english: str, spanish: str) -> None:
    """The finding: "A New Jersey law" for a Supreme Court directive; "A Illinois law"."""
    when = {"OR": date(2020, 5, 1)}.get(state, HEARING_DAY)
    for lang, expected in (("en", english), ("es", spanish)):
        laws = state_laws_for(Courthouse(state=state), CourtKind.CRIMINAL,
                              AppearanceMode.IN_PERSON, when, lang)
        assert expected in text_of(render_client_advisory(advisory(lang, state_laws=laws)))


def test_washington_covers_the_way_to_and_from_court() -> None:
    """The finding: RCW 2.28.330(2) takes "going to" and "returning from" to include a mile
    around the court, yet the advisory said the trip was not covered."""
    (law,) = _laws("WA", CourtKind.CRIMINAL)
    assert law.covers_travel and law.citation == "RCW 2.28.300–2.28.330"
    text = text_of(render_client_advisory(advisory(state_laws=(law,))))
    assert "It also protects you on your way to and from court" in text
    assert "within one mile of the court" in text
    assert "does not cover your trip" not in text


def test_illinois_says_where_the_act_protects() -> None:
    """The finding: "It also covers your trip to and from court" with no word of the 1,000 feet
    the act names (705 ILCS 96/10-15)."""
    (law,) = _laws("IL", CourtKind.FAMILY)
    text = text_of(render_client_advisory(advisory(state_laws=(law,))))
    assert "within 1,000 feet of the courthouse" in text
    assert "It also covers your trip" not in text


@pytest.mark.parametrize(("language", "zone", "beyond"), [
    ("en", "The law names the streets and sidewalks within 1,000 feet of the courthouse.",
     "Farther away, officers may not respect it."),
    ("es", "La ley nombra las calles y aceras a menos de 1,000 pies",
     "Más lejos, puede que los agentes no la respeten."),
])
def test_illinois_names_its_1000_feet_and_warns_beyond_them(
    language: str, zone: str, beyond: str
) -> None:
    """705 ILCS 96/10-15(a) protects "while going to, remaining at, and returning from" court,
    "including" public ways within 1,000 feet. "This includes the streets…" let a client think a
    bus stop farther away was as safe; "only within 1,000 feet" would understate the statute.
    The sentence says what the act names, and that beyond it officers may not respect it."""
    (law,) = _laws("IL", CourtKind.FAMILY, language=language)
    text = text_of(render_client_advisory(advisory(language, state_laws=(law,))))
    assert zone in text and beyond in text
    assert "only within" not in text and "solo a menos" not in text
    assert "This includes the streets" not in text and "Esto incluye las calles" not in text


def test_no_state_law_before_an_immigration_court_or_for_a_remote_hearing() -> None:
    assert _laws("NY", CourtKind.IMMIGRATION) == ()
    assert _laws("CO", CourtKind.IMMIGRATION) == ()
    assert _laws("CO", CourtKind.CRIMINAL, AppearanceMode.REMOTE) == ()
    assert _laws("TX", CourtKind.CRIMINAL) == ()  # a state with no protection
    text = text_of(render_client_advisory(advisory(missed_court=Consequence.REMOVAL_IN_ABSENCE)))
    assert "law gives you some protection" not in text


# --- print size ---------------------------------------------------------------------------------


def _font_sizes(pdf: bytes) -> dict[str, float]:
    """Each text run's printed size in points (font size times every scale applied to it)."""
    sizes: dict[str, float] = {}
    for page in PdfReader(io.BytesIO(pdf)).pages:
        def visit(text: str, cm: Any, tm: Any, font: Any, size: float) -> None:
            if text.strip():
                printed = size * abs(tm[3]) * abs(cm[3])
                sizes[text.strip()] = min(printed, sizes.get(text.strip(), printed))
        page.extract_text(visitor_text=visit)
    return sizes


def test_a_long_advisory_keeps_full_size_text_over_two_pages() -> None:
    """The finding: body text shrank to 8.8 pt and table text to about 7.5 pt to fit a page."""
    long = advisory(
        "es", mode=AppearanceMode.HYBRID, join=JOIN, state_laws=_laws("OR", CourtKind.CRIMINAL,
                                                                        language="es"),
        advice=(Advice.PROOF_TPS, Advice.ASK_REMOTE, Advice.ATTORNEY_FIRST, Advice.FAMILY_PLAN),
        mailing_address_lines=("4410 Josephine Street, Apt. 2", "Building C, Door 3",
                               "Denver, CO 80216"))
    pdf = render_client_advisory(long)
    assert len(PdfReader(io.BytesIO(pdf)).pages) >= 2
    sizes = _font_sizes(pdf)
    footer = ("Aviso de fecha en la corte:", "Página")  # the running head, 8 pt by design
    body = [size for text, size in sizes.items() if len(text) > 40 and not text.startswith(footer)]
    assert body and min(body) >= 10 - 0.01
    labels = [sizes[text] for text in sizes if text.startswith(("Contraseña", "Cuándo"))]
    assert labels and min(labels) >= 9 - 0.01


LONG_ADVICE = (Advice.PROOF_TPS, Advice.ASK_REMOTE, Advice.ATTORNEY_FIRST, Advice.FAMILY_PLAN)


def _last_page_lines(pdf: bytes) -> list[str]:
    """The text lines of the last page, without its running head and footer."""
    last = len(PdfReader(io.BytesIO(pdf)).pages)
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", "-layout", "-f", str(last), "-l",
                           str(last), "-", "-"], input=pdf, capture_output=True, check=True
                          ).stdout.decode("utf-8")
    return [line for line in text.splitlines() if line.strip()][1:-1]


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("mode", list(AppearanceMode))
@pytest.mark.parametrize("advice", [(), (Advice.ASK_REMOTE,), LONG_ADVICE])
@pytest.mark.parametrize("state", ["", "CO", "OR"])
def test_a_second_page_never_holds_only_a_line_or_two(
    language: str, mode: AppearanceMode, advice: tuple[Advice, ...], state: str
) -> None:
    """The finding: page 2 held one bullet of "Your rights" and "Questions?" (adv-1225, adv-229)."""
    laws = _laws(state, CourtKind.CRIMINAL, mode, language) if state else ()
    pdf = render_client_advisory(advisory(language, mode=mode, join=JOIN, advice=advice,
                                          state_laws=laws))
    if len(PdfReader(io.BytesIO(pdf)).pages) > 1:
        assert len(_last_page_lines(pdf)) >= 4
    footer = ("Court date advisory:", "Aviso de fecha en la corte:", "Page", "Página")
    body = [size for text, size in _font_sizes(pdf).items()
            if len(text) > 40 and not text.startswith(footer)]
    assert body and min(body) >= 10 - 0.01


def test_the_rights_section_splits_with_its_heading_on_its_first_lines() -> None:
    """Page 1 is used: "Your rights" starts there with its heading, and the rest follows."""
    pdf = render_client_advisory(advisory(advice=(Advice.ASK_REMOTE,), state_laws=()))
    first, *rest = pages(pdf)
    assert rest, "this advisory runs onto a second page"
    assert "Your rights" in first and "This is general information" in first
    assert "Questions? Call" in rest[-1] and "Your rights" not in rest[-1]


def test_spanish_fact_labels_stay_on_one_line() -> None:
    """The finding: the label column wrapped "Código de / acceso"."""
    from app.documents.advisory_words import LABELS

    for join in (JOIN, RemoteJoin()):
        pdf = render_client_advisory(advisory("es", mode=AppearanceMode.HYBRID, join=join))
        lines = subprocess.run(["pdftotext", "-enc", "UTF-8", "-layout", "-", "-"], input=pdf,
                               capture_output=True, check=True).stdout.decode("utf-8")
        shown = [label for key, label in LABELS["es"].items() if key != "at"
                 and label in " ".join(lines.split())]
        assert len(shown) >= 8
        for label in shown:
            assert any(line.strip().startswith(label) for line in lines.splitlines()), label


def test_staff_sheet_names_the_clients_own_language() -> None:
    """The finding: "Language: English" for a Haitian Creole speaker given an English page."""
    page = pages(render_staff_sheets([advisory(client_language="ht")]))[0]
    assert "Haitian Creole (advisory in English)" in page


# --- templates ----------------------------------------------------------------------------------


def test_an_edited_template_without_the_hearing_facts_is_refused() -> None:
    old = default_source("client_advisory", "en").replace("{{ hearing_facts }}", "")
    with pytest.raises(TemplateError, match="hearing_facts"):
        render_client_advisory(advisory(), template_source=old)


# --- metadata -----------------------------------------------------------------------------------


def _meta(pdf: bytes) -> Any:
    return PdfReader(io.BytesIO(pdf)).metadata


def test_no_kind_puts_a_name_docket_or_date_in_the_pdf_metadata() -> None:
    """The finding: the client's full name in the title (print queues, desktop search)."""
    name = "Víctor Manuel Rodríguez-Covarrubias"
    made = {
        "Court date advisory": render_client_advisory(advisory("es", client_name=name)),
        "Court date advisories": render_advisory_batch([advisory(client_name=name)]),
        "Staff sheet": render_staff_sheets([advisory(client_name=name)]),
        "Letter to ICE field office": render_coalition_letter(sample_coalition_letter()),
        "Motion to the court": render_court_request(sample_court_request()),
        "Reminder calls": render_reminder_call_list(sample_reminder_call_list(3)),
        "Backup recovery kit": render_recovery_kit(sample_recovery_kit()),
    }
    for title, pdf in made.items():
        meta = _meta(pdf)
        assert meta.title == title and meta.subject == title
        values = " ".join(str(meta.get(key, "")) for key in
                          ("/Title", "/Subject", "/Keywords", "/Author"))
        for leak in ("Rodríguez", "Nguyễn", "26M01234", "2026", "Lynch"):
            assert leak not in values.replace("CourtSafe", ""), (title, leak)


# --- reading grade ------------------------------------------------------------------------------


def prose(data: ClientAdvisoryData) -> str:
    """The sentences the client reads, as the advisory prints them (fact table and headings
    aside: they are labels, not sentences). A bullet counts as one sentence."""
    from app.documents import advisory_words as words
    from app.documents.client_advisory import template_context
    from app.documents.templates import BlockKind, render_blocks

    lang, phone = data.language, data.office.phone
    remote = data.mode is AppearanceMode.REMOTE
    parts = [missed_court_text(data.missed_court, lang),
             words.CANNOT_GO[lang][remote].format(phone=phone),
             *(p.format(phone=phone) for p in words.GETTING_READY[lang][data.mode][1]),
             *(words.state_law_text(law, lang) for law in data.state_laws),
             *(words.TO_DO[lang][a] for a in data.advice if a in words.TO_DO[lang])]
    blocks = render_blocks(default_source("client_advisory", lang), template_context(data))
    for block in blocks:
        if block.kind in (BlockKind.PARAGRAPH, BlockKind.BULLET, BlockKind.NOTICE):
            text = block.text[0].upper() + block.text[1:]
            parts.append(text if text[-1] in ".?!:" else f"{text}.")
    return "\n".join(parts)


def reading_scenarios(language: str) -> dict[str, ClientAdvisoryData]:
    laws = _laws("CO", CourtKind.CRIMINAL, language=language)
    high = (Advice.PROOF_TPS, Advice.ASK_REMOTE, Advice.FAMILY_PLAN)
    return {
        "criminal defendant, CO, in person, high": advisory(
            language, state_laws=laws, advice=high),
        "immigration respondent, remote, critical": advisory(
            language, mode=AppearanceMode.REMOTE, join=JOIN,
            missed_court=Consequence.REMOVAL_IN_ABSENCE,
            advice=(Advice.PROOF_ASYLUM, Advice.ATTORNEY_FIRST, Advice.FAMILY_PLAN)),
        "protection order petitioner, CA, hybrid": advisory(
            language, mode=AppearanceMode.HYBRID, join=JOIN, state_laws=_laws(
                "CA", CourtKind.FAMILY, language=language),
            missed_court=Consequence.PROTECTION_ENDS),
        "family court, no flag": advisory(language, missed_court=Consequence.DEFAULT),
        "crime victim, in person, elevated": advisory(
            language, missed_court=Consequence.SUBPOENA, advice=(Advice.ASK_REMOTE,)),
    }


@pytest.mark.parametrize("scenario", list(reading_scenarios("en")))
def test_english_advisory_reads_at_grade_eight_or_below(scenario: str) -> None:
    textstat.set_lang("en")
    grade = textstat.flesch_kincaid_grade(prose(reading_scenarios("en")[scenario]))
    assert grade <= 8, f"{scenario}: Flesch-Kincaid grade {grade}"


@pytest.mark.parametrize("scenario", list(reading_scenarios("es")))
def test_spanish_advisory_reads_as_easy_or_normal(scenario: str) -> None:
    """Fernández Huerta: 60 and above is "normal" to "easy" (sixth- to seventh-grade text)."""
    textstat.set_lang("es")
    try:
        score = textstat.fernandez_huerta(prose(reading_scenarios("es")[scenario]))
    finally:
        textstat.set_lang("en")
    assert score >= 60, f"{scenario}: Fernández Huerta {score}"


def test_a_pre_trial_conference_is_named_as_spanish_courts_name_it() -> None:
    from app.domain.enums import HearingType
    from app.services.letter_data import hearing_words

    assert hearing_words(HearingType.PRE_TRIAL, "es") == "conferencia previa al juicio"
    text = text_of(render_client_advisory(advisory("es")))
    assert "conferencia previa al juicio" in text and "audiencia preliminar" not in text


def test_the_article_before_a_state_follows_its_sound() -> None:
    from datetime import date as day

    from app.documents.advisory_words import instrument_phrase
    from app.documents.data import StateLaw

    def law(state: str) -> StateLaw:
        return StateLaw(state, "act", "cite", day(2020, 1, 1), "bars civil arrest")

    assert instrument_phrase(law("Illinois"), "en").startswith("An Illinois")
    assert instrument_phrase(law("Utah"), "en").startswith("A Utah")
    assert instrument_phrase(law("Colorado"), "en").startswith("A Colorado")
