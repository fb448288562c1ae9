"""What a client's hearing advisory says, built from the record and the hearing's flag.

Where or how to attend follows the hearing's mode (a remote hearing is joined, not travelled to);
what missing court means follows the court and the client's role; the advice follows the flag's
reasons and level. Whatever only staff may read (safe-contact instructions, missing join details)
is kept apart for the staff sheet and the screen.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.documents.data import (
    Advice,
    ClientAdvisoryData,
    CourtPlace,
    OfficeInfo,
    RemoteJoin,
    SafeContact,
    StateLaw,
)
from app.documents.i18n import language_name
from app.documents.missed_court import consequence
from app.domain.enums import (
    AppearanceMode,
    CourtKind,
    ImmigrationStatus,
    RiskLevel,
    label,
)
from app.domain.errors import UserError
from app.domain.risk_codes import (
    CITIZEN_IN_REMOVAL,
    EXPEDITED_REMOVAL,
    LPR_DRUG_OR_DV,
    LPR_IN_REMOVAL,
)
from app.domain.risk_inputs import Assessment
from app.services.letter_data import (
    Built,
    court_address,
    hearing_words,
    load_hearing,
    office_info,
    person_name,
    policy_reference,
)
from app.storage.models import Client, Courthouse, Hearing, LegalCase

ADVISORY_LANGUAGES = ("en", "es")
PROOF_OF_STATUS = {
    ImmigrationStatus.LAWFUL_PERMANENT_RESIDENT: Advice.PROOF_LPR,
    ImmigrationStatus.TPS: Advice.PROOF_TPS,
    ImmigrationStatus.DACA: Advice.PROOF_DACA,
    ImmigrationStatus.PAROLE_ACTIVE: Advice.PROOF_PAROLE,
    ImmigrationStatus.PENDING_ASYLUM: Advice.PROOF_ASYLUM,
}
#: Reasons that send the question to the attorney before the hearing (their texts say so):
#: fast-track removal, and a status or a record the hearing itself may put in question.
ATTORNEY_FIRST_REASONS = frozenset(
    {EXPEDITED_REMOVAL, LPR_IN_REMOVAL, CITIZEN_IN_REMOVAL, LPR_DRUG_OR_DV}
)
NOT_IN_CLIENT_LANGUAGE = (
    "The client's language is {language}. This advisory is in {advisory}: arrange an interpreter "
    "or a translation."
)
NO_JOIN_DETAILS = (
    "{mode} hearing with no join link or phone number recorded: the advisory tells the client to "
    "call the office for them. Add them to the hearing, or be ready to give them by phone."
)


def advisory(
    session: Session, hearing_id: int, language: str | None, today: date,
    assessment: Assessment | None,
) -> Built:
    hearing = load_hearing(session, hearing_id)
    return _built(hearing, language, today, office_info(session), assessment)


def advisories(
    session: Session, hearing_ids: Sequence[int], today: date,
    assessments: Mapping[int, Assessment | None],
) -> list[Built]:
    """Every hearing's advisory, in the order asked; all refused if one hearing is gone."""
    office = office_info(session)
    hearings = session.execute(
        select(Hearing)
        .where(Hearing.id.in_(list(hearing_ids)))
        .options(
            selectinload(Hearing.legal_case).selectinload(LegalCase.client),
            selectinload(Hearing.courthouse),
        )
    ).scalars().all()
    by_id = {h.id: h for h in hearings}
    missing = [str(i) for i in hearing_ids if i not in by_id]
    if missing:
        raise UserError(
            f"Hearing(s) {', '.join(missing)} no longer exist (deleted at another desk?). "
            "Refresh the list and try again; nothing was printed."
        )
    return [_built(by_id[i], None, today, office, assessments.get(i)) for i in hearing_ids]


def advisory_language(client: Client, wanted: str | None) -> str:
    language = wanted or client.preferred_language
    return language if language in ADVISORY_LANGUAGES else "en"


def unserved_language(client: Client, advisory_lang: str) -> str:
    """The client's own language when no advisory exists in it (e.g. "ht"), else ""."""
    own = (client.preferred_language or "").strip()
    return own if own and own not in ADVISORY_LANGUAGES and own != advisory_lang else ""


def _built(
    hearing: Hearing, language: str | None, today: date, office: OfficeInfo,
    assessment: Assessment | None,
) -> Built:
    client = hearing.legal_case.client
    data = advisory_data(hearing, client, language, today, office, assessment)
    return Built(
        data,
        f"Hearing advisory, hearing {hearing.id}",
        data.language,
        hearing_ids=(hearing.id,),
        client_ids=(client.id,),
        recipients=data.client_name,
    )


def advisory_data(
    hearing: Hearing,
    client: Client,
    language: str | None,
    today: date,
    office: OfficeInfo,
    assessment: Assessment | None,
) -> ClientAdvisoryData:
    lang = advisory_language(client, language)
    court = hearing.courthouse
    case = hearing.legal_case
    safe = client.safe_contact.strip()
    # Any safe-contact instruction keeps the home address off the advisory: a note such as
    # "abuser opens the post" must never be missed because of its wording.
    mail_allowed = not safe
    hearing_type = hearing_words(hearing.hearing_type, lang)
    join = RemoteJoin(hearing.join_url.strip(), hearing.join_phone.strip(),
                      hearing.meeting_id.strip(), hearing.passcode.strip())
    local_day = hearing.starts_at.astimezone(ZoneInfo(court.time_zone)).date()
    own_language = unserved_language(client, lang)
    return ClientAdvisoryData(
        office=office,
        language=lang,
        client_name=person_name(client.given_name, client.family_name),
        starts_at=hearing.starts_at,
        time_zone=court.time_zone,
        place=CourtPlace(court.name, court_address(court), hearing.courtroom),
        issued_on=today,
        docket_number=case.docket_number,
        hearing_type=hearing_type,
        mailing_address_lines=tuple(
            line.strip() for line in client.address.splitlines() if line.strip()
        ) if mail_allowed else (),
        safe_contact=SafeContact(staff_note=safe or None, mail_allowed=mail_allowed),
        mode=hearing.mode,
        join=join,
        missed_court=consequence(hearing.court_kind, case.kind, case.client_role,
                                 hearing.hearing_type),
        advice=advice_for(hearing.mode, client.immigration_status, assessment),
        state_laws=state_laws_for(court, hearing.court_kind, hearing.mode, local_day, lang),
        staff_warnings=_language_warning(own_language, lang) + _staff_warnings(hearing.mode, join),
        risk_level=assessment.level.value if assessment is not None else "",
        client_language=own_language,
    )


def advice_for(
    mode: AppearanceMode, status: ImmigrationStatus, assessment: Assessment | None
) -> tuple[Advice, ...]:
    """The advice the flag calls for, in the order it prints."""
    advice: list[Advice] = []
    proof = PROOF_OF_STATUS.get(status)
    if proof is not None:
        advice.append(proof)
    if assessment is None:
        return tuple(advice)
    rank = assessment.level.rank
    codes = {reason.code for reason in assessment.reasons}
    if mode is AppearanceMode.IN_PERSON and rank >= RiskLevel.ELEVATED.rank:
        advice.append(Advice.ASK_REMOTE)
    if codes & ATTORNEY_FIRST_REASONS:
        advice.append(Advice.ATTORNEY_FIRST)
    if rank >= RiskLevel.HIGH.rank:
        advice.append(Advice.FAMILY_PLAN)
    return tuple(advice)


def state_laws_for(
    court: Courthouse, court_kind: CourtKind, mode: AppearanceMode, on: date,
    language: str = "en",
) -> tuple[StateLaw, ...]:
    """The state's laws in force that day, newest first, each with its own scope and the plain
    sentences a client reads in `language` (the state named in that language too).

    None before a federal immigration court, which no state law binds, and none for a hearing
    the client joins from elsewhere.
    """
    if court_kind is CourtKind.IMMIGRATION or mode is AppearanceMode.REMOTE:
        return ()
    return tuple(
        StateLaw(p.local_name(language), p.instrument, p.citation, p.in_force, p.scope,
                 p.covers_travel, kind=p.kind, client_scope=p.client_scope(language))
        for p in policy_reference().state_protections(court.state, on)
    )


def _language_warning(own_language: str, advisory_lang: str) -> tuple[str, ...]:
    if not own_language:
        return ()
    return (NOT_IN_CLIENT_LANGUAGE.format(language=language_name(own_language),
                                          advisory=language_name(advisory_lang)),)


def _staff_warnings(mode: AppearanceMode, join: RemoteJoin) -> tuple[str, ...]:
    if mode is AppearanceMode.IN_PERSON or join.given:
        return ()
    return (NO_JOIN_DETAILS.format(mode=label(mode)),)


def staff_lines(data: ClientAdvisoryData, *, with_name: bool = False) -> tuple[str, ...]:
    """What staff must see on screen about one advisory (never printed for the client)."""
    lines = []
    if data.safe_contact.staff_note:
        lines.append(f"Safe contact: {data.safe_contact.staff_note}")
    lines += data.staff_warnings
    if with_name:
        return tuple(f"{data.client_name}: {line}" for line in lines)
    return tuple(lines)
