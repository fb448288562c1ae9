"""Turn what the office recorded into the plain data each document kind prints.

One function per document kind, each reading in one session; the renderers in app/documents never
see the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.documents.data import (
    OfficeInfo,
)
from app.domain.enums import (
    HearingType,
    IncidentSource,
)
from app.domain.errors import NotFoundError, UserError
from app.domain.names import is_unspaced_script
from app.domain.risk_policy import PolicyReference, load_policy_reference
from app.storage.models import (
    Courthouse,
    Hearing,
    LegalCase,
    Office,
)

SOURCE_LABELS = {
    IncidentSource.STAFF_REPORT: "Staff report",
    IncidentSource.NEWS: "News report",
    IncidentSource.COMMUNITY_REPORT: "Community report",
}


@cache
def policy_reference() -> PolicyReference:
    return load_policy_reference()


@dataclass(frozen=True)
class Built:
    """Document data plus what the letter record links to."""

    data: object
    title: str
    language: str
    hearing_ids: tuple[int, ...] = ()
    client_ids: tuple[int, ...] = ()
    incident_ids: tuple[int, ...] = ()
    recipients: str = ""


# Hearing types as a sentence names them ("the pre-trial conference set for …"), per language:
# advisories and requests to the court print the same words.
HEARING_WORDS: dict[str, dict[HearingType, str]] = {
    "en": {
        HearingType.ARRAIGNMENT: "arraignment",
        HearingType.PRE_TRIAL: "pre-trial conference",
        HearingType.TRIAL: "trial",
        HearingType.SENTENCING: "sentencing hearing",
        HearingType.PROTECTION_ORDER: "protection-order hearing",
        HearingType.MASTER_CALENDAR: "master calendar hearing",
        HearingType.INDIVIDUAL_MERITS: "individual (merits) hearing",
        HearingType.STATUS_CONFERENCE: "status conference",
        HearingType.MOTION: "motion hearing",
        HearingType.OTHER: "hearing",
    },
    "es": {
        HearingType.ARRAIGNMENT: "lectura de cargos",
        HearingType.PRE_TRIAL: "conferencia previa al juicio",
        HearingType.TRIAL: "juicio",
        HearingType.SENTENCING: "audiencia de sentencia",
        HearingType.PROTECTION_ORDER: "audiencia de orden de protección",
        HearingType.MASTER_CALENDAR: "audiencia preliminar de calendario (master calendar)",
        HearingType.INDIVIDUAL_MERITS: "audiencia individual de fondo",
        HearingType.STATUS_CONFERENCE: "audiencia de estado del caso",
        HearingType.MOTION: "audiencia de mociones",
        HearingType.OTHER: "audiencia",
    },
}


def hearing_words(kind: HearingType, language: str = "en") -> str:
    words = HEARING_WORDS.get(language, HEARING_WORDS["en"])
    return words.get(kind, words[HearingType.OTHER])


def person_name(given: str, family: str) -> str:
    """The name as the person writes it: 'Víctor Rodríguez', '李小龙'."""
    if family and is_unspaced_script(family[0]):
        return f"{family}{given}"
    return f"{given} {family}".strip()


def office_info(session: Session) -> OfficeInfo:
    office = session.execute(select(Office).order_by(Office.id).limit(1)).scalar()
    if office is None:
        raise UserError("Enter the office's name and address in Settings before printing letters.")
    lines = tuple(line.strip() for line in office.address.splitlines() if line.strip())
    return OfficeInfo(office.name, lines, office.phone, office.email, office.letterhead_logo)


def court_address(court: Courthouse) -> tuple[str, ...]:
    city_line = f"{court.city}, {court.state} {court.postal_code}".strip(" ,")
    return tuple(part for part in (court.address.strip(), city_line) if part)


def load_hearing(session: Session, hearing_id: int) -> Hearing:
    hearing = session.execute(
        select(Hearing)
        .where(Hearing.id == hearing_id)
        .options(
            selectinload(Hearing.legal_case).selectinload(LegalCase.client),
            selectinload(Hearing.legal_case).selectinload(LegalCase.parties),
            selectinload(Hearing.courthouse),
        )
    ).scalar_one_or_none()
    if hearing is None:
        raise NotFoundError(f"There is no hearing with id {hearing_id}.")
    return hearing

