"""The court-request form offers only what fits the hearing picked: a hearing that is already
remote is not offered a remote appearance; a hybrid one is."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.documents.data import RequestKind
from app.domain.enums import AppearanceMode, CourtKind, HearingStatus, HearingType
from app.services.hearings import HearingRow
from app.ui.pages.letters_inputs import CourtRequestInputs


def row(mode: AppearanceMode) -> HearingRow:
    return HearingRow(
        id=7, version=1, starts_at=datetime(2026, 12, 15, 16, 30, tzinfo=UTC),
        time_zone="America/Denver", client_id=1, client_name="Víctor Rodríguez", case_id=1,
        docket_number="26CR04417", courthouse_id=1, courthouse="Lindsey-Flanigan Courthouse",
        courtroom="3F", hearing_type=HearingType.PRE_TRIAL, court_kind=CourtKind.CRIMINAL,
        mode=mode, status=HearingStatus.SCHEDULED, outcome=None, advisory_sent_at=None,
        staff_name="Daniel Okafor",
    )


def offered(inputs: CourtRequestInputs) -> list[str]:
    return [inputs.kind.itemData(i) for i in range(inputs.kind.count())]


def test_a_remote_hearing_is_offered_protective_measures_only(qtbot) -> None:  # type: ignore[no-untyped-def]
    inputs = CourtRequestInputs()
    qtbot.addWidget(inputs)
    assert RequestKind.REMOTE_APPEARANCE.value in offered(inputs)
    inputs.hearing_chosen(row(AppearanceMode.REMOTE))
    assert offered(inputs) == [RequestKind.PROTECTIVE_MEASURES.value]
    inputs.hearing_chosen(row(AppearanceMode.HYBRID))
    assert RequestKind.REMOTE_APPEARANCE.value in offered(inputs)


def test_the_form_refuses_a_remote_request_for_a_remote_hearing(qtbot) -> None:  # type: ignore[no-untyped-def]
    inputs = CourtRequestInputs()
    qtbot.addWidget(inputs)
    with pytest.raises(ValueError, match="already remote"):
        inputs.job(None, row(AppearanceMode.REMOTE))  # type: ignore[arg-type]
