"""The coalition letter's data: the office's incidents in a field office's area, the harm counted
from hearing outcomes, the policy in force, the signatories.

The policy paragraph is computed for the letter's date from the reference data: what was in force
that day, and what had ended recalled as history (so a 2026 letter never presents the 2011
sensitive-locations memo as in force). Only an instrument's public summary is used; CourtSafe's
internal notes are for staff and never reach a letter. State law comes from the states of the
field office's area, not from the office's own state.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from app.documents.data import (
    CoalitionLetterData,
    IncidentLine,
    PolicyCitation,
    Recipient,
    Signatory,
    StateLawCitation,
)
from app.documents.i18n import format_date
from app.domain.enums import (
    ClientRole,
    HearingOutcome,
    StaffRole,
)
from app.domain.errors import UserError
from app.domain.risk_policy import PolicyReference
from app.services.letter_data import SOURCE_LABELS, Built, office_info, policy_reference
from app.storage.models import (
    Courthouse,
    EnforcementIncident,
    Hearing,
    IceFieldOffice,
    LegalCase,
    Office,
    StaffMember,
)


def coalition(
    session: Session,
    start: date,
    end: date,
    today: date,
    *,
    field_office_key: str | None,
    signatories: Sequence[Signatory],
    recipient_name: str | None,
    include_unverified: bool = False,
) -> Built:
    """The letter's data; unverified incident reports are left out unless asked for."""
    if end < start:
        raise UserError("The period ends before it starts.")
    office = office_info(session)
    office_row = session.execute(select(Office).limit(1)).scalar_one()
    field_office = _field_office(session, field_office_key, office_row.state)
    zone = ZoneInfo(office_row.time_zone)
    first = datetime.combine(start, time.min, tzinfo=zone).astimezone(UTC)
    last = datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone).astimezone(UTC)
    key = field_office.reference_key
    whole_states = _states_covered_alone(session, field_office)
    rows = session.execute(
        select(EnforcementIncident, Courthouse.name)
        .outerjoin(Courthouse, Courthouse.id == EnforcementIncident.courthouse_id)
        .where(
            EnforcementIncident.occurred_at >= first,
            EnforcementIncident.occurred_at < last,
            # At a courthouse: that courthouse's field office. Elsewhere: the state, but only
            # where this office alone covers it (NY, TX and CA are split between offices).
            or_(
                Courthouse.ice_field_office_key == key,
                and_(Courthouse.id.is_(None), EnforcementIncident.state.in_(whole_states)),
            ),
            *(() if include_unverified else (EnforcementIncident.verified.is_(True),)),
        )
        .order_by(EnforcementIncident.occurred_at)
    ).all()
    incidents = tuple(
        IncidentLine(
            i.occurred_at.astimezone(zone).date(),
            ", ".join(p for p in (name or i.location_text, i.city) if p),
            i.summary,
            SOURCE_LABELS[i.source],
            f'vests or gear marked "{i.markings}"' if i.markings else None,
            verified=i.verified,
            people_arrested=i.people_arrested,
        )
        for i, name in rows
    )
    declined = dict(
        session.execute(
            select(LegalCase.client_role, func.count())
            .join(Hearing, Hearing.case_id == LegalCase.id)
            .join(Courthouse, Courthouse.id == Hearing.courthouse_id)
            .where(
                and_(
                    Hearing.outcome == HearingOutcome.DECLINED_FEAR.value,
                    Hearing.starts_at >= first,
                    Hearing.starts_at < last,
                    Courthouse.ice_field_office_key == key,
                )
            )
            .group_by(LegalCase.client_role)
        ).all()
    )
    if not signatories:
        signatories = _default_signatories(session, office.name)
    reference = policy_reference()
    data = CoalitionLetterData(
        office=office,
        letter_date=today,
        recipient=Recipient(
            name=recipient_name or "",
            title=field_office.director_title,
            office=f"U.S. Immigration and Customs Enforcement, {field_office.name}",
            address_lines=tuple(
                p
                for p in (
                    field_office.address,
                    f"{field_office.city}, {field_office.state} {field_office.postal_code}".strip(),
                )
                if p.strip(" ,")
            ),
        ),
        subject="Respecting courthouses, schools and other sensitive locations",
        period_start=start,
        period_end=end,
        incidents=incidents,
        policies=policies_in_force(reference, today),
        policy_history=policy_history(reference, today),
        state_laws=state_laws_in_area(reference, field_office.area_states.split(","), today),
        victims_declined=int(declined.get(ClientRole.VICTIM, 0)),
        witnesses_declined=int(declined.get(ClientRole.WITNESS, 0)),
        signatories=tuple(signatories),
    )
    return Built(
        data,
        f"Coalition letter to the {field_office.name}, {start} to {end}",
        "en",
        incident_ids=tuple(i.id for i, _ in rows),
        recipients=f"{field_office.director_title}, {field_office.name}",
    )


def policies_in_force(reference: PolicyReference, when: date) -> tuple[PolicyCitation, ...]:
    """The federal policies in force on the letter's date, by their public summaries."""
    return tuple(
        PolicyCitation(period.instrument, period.starts, period.public_summary)
        for period in reference.policies_in_force(when)
    )


def policy_history(reference: PolicyReference, when: date) -> tuple[str, ...]:
    """Ended instruments a letter recalls, each as history with the day it ended.

    "In 2011 ICE itself recognized ..." is how the Denver letter argued; after the memo ended the
    argument stays, told in the past tense, never as a policy in force.
    """
    return tuple(
        f"{period.history}: {period.instrument}, {format_date(period.starts)}. "
        f"It was {period.ended_how} on {format_date(period.ends)}."
        for period in reference.ended_before(when)
        if period.history and period.ends is not None
    )


def state_laws_in_area(
    reference: PolicyReference, area_states: Sequence[str], when: date
) -> tuple[StateLawCitation, ...]:
    """Every state protection in force on `when` in the field office's area, each its own scope."""
    return tuple(
        StateLawCitation(law.name, law.citation, law.in_force, law.scope, law.covers_travel,
                         law.kind)
        for code in sorted({s.strip().upper() for s in area_states if s.strip()})
        for law in reference.state_protections(code, when)
    )


def _states_covered_alone(session: Session, office: IceFieldOffice) -> list[str]:
    """The states in this office's area that no other field office shares."""
    counts: dict[str, int] = {}
    for areas in session.execute(select(IceFieldOffice.area_states)).scalars():
        for state in filter(None, areas.split(",")):
            counts[state] = counts.get(state, 0) + 1
    return [s for s in filter(None, office.area_states.split(",")) if counts.get(s) == 1]


def _field_office(session: Session, key: str | None, state: str) -> IceFieldOffice:
    offices = session.execute(select(IceFieldOffice)).scalars().all()
    if key:
        for office in offices:
            if office.reference_key == key:
                return office
        raise UserError(
            f"There is no ICE field office '{key}'. Known: "
            + ", ".join(sorted(o.reference_key for o in offices))
        )
    covering = [o for o in offices if state and state in o.area_states.split(",")]
    if len(covering) == 1:
        return covering[0]
    if covering:
        names = ", ".join(f"{o.name} ({o.reference_key})" for o in covering)
        raise UserError(f"Several ICE field offices cover {state}: {names}. Choose one.")
    raise UserError("Choose the ICE field office to write to (the office's state has none).")


def _default_signatories(session: Session, organisation: str) -> list[Signatory]:
    staff = (
        session.execute(
            select(StaffMember)
            .where(
                StaffMember.active.is_(True),
                StaffMember.role.in_([StaffRole.MANAGER.value, StaffRole.ATTORNEY.value]),
            )
            .order_by(StaffMember.role.desc(), StaffMember.name)
        )
        .scalars()
        .all()
    )
    titles = {StaffRole.MANAGER: "Director", StaffRole.ATTORNEY: "Attorney"}
    return [Signatory(s.name, titles[s.role], organisation) for s in staff[:4]]
