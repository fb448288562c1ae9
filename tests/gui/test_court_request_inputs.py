"""The court-request form offers only what fits the hearing picked: a hearing that is already
remote is offered nothing, a hybrid one both requests, an immigration hearing a remote appearance
only."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.documents.data import RequestKind
from app.domain.enums import AppearanceMode, CourtKind, HearingStatus, HearingType
from app.services.hearings import HearingRow
from app.ui.pages.letters_inputs import CourtRequestInputs


def row(mode: AppearanceMode, court: CourtKind = CourtKind.CRIMINAL) -> HearingRow:
    return HearingRow(
        id=7, version=1, starts_at=datetime(2026, 12, 15, 16, 30, tzinfo=UTC),
        time_zone="America/Denver", client_id=1, client_name="Víctor Rodríguez", case_id=1,
        docket_number="26CR04417", courthouse_id=1, courthouse="Lindsey-Flanigan Courthouse",
        courtroom="3F", hearing_type=HearingType.PRE_TRIAL, court_kind=court,
        mode=mode, status=HearingStatus.SCHEDULED, outcome=None, advisory_sent_at=None,
        staff_name="Daniel Okafor",
    )


def offered(inputs: CourtRequestInputs) -> list[str]:
    return [inputs.kind.itemData(i) for i in range(inputs.kind.count())]


BOTH = [RequestKind.REMOTE_APPEARANCE.value, RequestKind.PROTECTIVE_MEASURES.value]


def test_a_remote_hearing_is_offered_nothing(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Nothing to make remote, and the client does not come to the courthouse (finding 5)."""
    inputs = CourtRequestInputs()
    qtbot.addWidget(inputs)
    assert offered(inputs) == BOTH
    inputs.hearing_chosen(row(AppearanceMode.REMOTE))
    assert offered(inputs) == [] and not inputs.kind.isEnabled()
    inputs.hearing_chosen(row(AppearanceMode.HYBRID))
    assert offered(inputs) == BOTH and inputs.kind.isEnabled()


def test_an_immigration_hearing_is_offered_a_remote_appearance_only(qtbot) -> None:  # type: ignore[no-untyped-def]
    inputs = CourtRequestInputs()
    qtbot.addWidget(inputs)
    inputs.hearing_chosen(row(AppearanceMode.IN_PERSON, CourtKind.IMMIGRATION))
    assert offered(inputs) == [RequestKind.REMOTE_APPEARANCE.value]


def test_the_form_refuses_any_request_for_a_remote_hearing(qtbot) -> None:  # type: ignore[no-untyped-def]
    inputs = CourtRequestInputs()
    qtbot.addWidget(inputs)
    with pytest.raises(ValueError, match="already remote"):
        inputs.job(None, row(AppearanceMode.REMOTE))  # type: ignore[arg-type]


def test_the_window_shows_the_warning_before_filing(demo_ui) -> None:  # type: ignore[no-untyped-def]
    """A request served on someone the client may fear: staff read the warning on screen."""
    from app.documents.court_request import render_court_request, sample_court_request
    from app.services.letters import Generated
    from app.ui.pages.letters import LettersPage

    page = demo_ui.window().show_page("letters")
    assert isinstance(page, LettersPage)
    demo_ui.settle()
    warning = ("This request will be served on Dmitri Volkov: check it reveals nothing about "
               "the client's immigration situation before filing.")
    made = Generated(letter_id=0, pdf=render_court_request(sample_court_request()),
                     sha256="0" * 64, title="Request to the court", warnings=(warning,))
    page._generated(made)
    demo_ui.settle()
    assert f"Before filing: {warning}" in page.status.text()
