"""Which hearings each court holds: the table the form, the service and the importer share."""

from __future__ import annotations

from app.domain.enums import CourtKind, HearingType
from app.domain.hearing_kinds import HEARING_TYPES, court_kind_problem, hearing_type_problem

CRIMINAL_ONLY = {HearingType.ARRAIGNMENT, HearingType.SENTENCING}
IMMIGRATION_ONLY = {HearingType.MASTER_CALENDAR, HearingType.INDIVIDUAL_MERITS}


def test_every_court_kind_offers_other_so_nothing_real_is_unrecordable() -> None:
    assert set(HEARING_TYPES) == set(CourtKind)
    assert all(HearingType.OTHER in types for types in HEARING_TYPES.values())


def test_immigration_and_criminal_hearings_never_cross() -> None:
    assert not CRIMINAL_ONLY & set(HEARING_TYPES[CourtKind.IMMIGRATION])
    for kind in set(CourtKind) - {CourtKind.IMMIGRATION}:
        assert not IMMIGRATION_ONLY & set(HEARING_TYPES[kind]), kind
    for kind in (CourtKind.FAMILY, CourtKind.CIVIL, CourtKind.HOUSING, CourtKind.SMALL_CLAIMS):
        assert not CRIMINAL_ONLY & set(HEARING_TYPES[kind]), kind


def test_the_refusal_names_the_court_and_what_it_holds() -> None:
    assert hearing_type_problem(CourtKind.IMMIGRATION, HearingType.ARRAIGNMENT) == (
        "an immigration court holds no arraignment hearing; choose one of: master calendar, "
        "individual merits, status conference, motion, other"
    )
    assert hearing_type_problem(CourtKind.FAMILY, HearingType.PROTECTION_ORDER) is None


def test_a_courthouse_without_recorded_courts_accepts_any_court() -> None:
    assert court_kind_problem(CourtKind.FAMILY, "Annex", ()) is None
    assert court_kind_problem(CourtKind.FAMILY, "Annex", (CourtKind.FAMILY,)) is None
    assert court_kind_problem(CourtKind.CRIMINAL, "Annex", (CourtKind.FAMILY,)) is not None
