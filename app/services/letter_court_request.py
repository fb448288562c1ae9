"""A request to the court (remote appearance or protective measures) as a clerk would accept it.

The caption follows the court: the EOIR form ("In the Matter of ..., Respondent", A-number, "In
Removal Proceedings") for an immigration court; the prosecution against the accused in a criminal
court, with a victim or witness named in the body as someone who is not a party; the case's
parties for family and civil courts. The court is named, never the building. State laws protect
state courts only, so none is cited to an immigration court; before a state court each law in
force is cited with its own scope, and protection on the way to and from court is asked for only
under a law that gives it. Every request rests on an authority that holds whatever the state's
law: the court's power over its own proceedings, or, before an immigration judge, the regulation
on hearings by video and telephone.

Papers are served on the other side. Where that may be the person the client fears (the other
party in a family, protection-order, civil or housing case, or the accused when the client is a
victim or witness) the request is written on neutral grounds: see `_neutral_grounds`; it then
names the attorney but not the office, whose name may say whom it serves. Every other request
says the client fears immigration enforcement, so staff are asked to file it only with the
client's informed consent: see `staff_warnings`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.documents.data import (
    Attorney,
    CaseCaption,
    CourtRequestData,
    IncidentLine,
    RequestKind,
    StateLaw,
)
from app.domain.enums import (
    AppearanceMode,
    CaseKind,
    ClientRole,
    CourtKind,
    PartyKind,
    StaffRole,
)
from app.domain.errors import UserError
from app.domain.us_states import state_name, with_article
from app.services.court_names import (
    county_of,
    court_name,
    is_organisation,
    party_words,
    prosecution,
)
from app.services.letter_data import (
    SOURCE_LABELS,
    Built,
    court_address,
    hearing_words,
    load_hearing,
    office_info,
    person_name,
    policy_reference,
)
from app.storage.models import (
    Client,
    Courthouse,
    EnforcementIncident,
    Hearing,
    LegalCase,
    StaffMember,
)

COURT_NAME_LIMIT = 200
STATE_COURT_AUTHORITY = (
    "The Court has inherent authority to manage its own proceedings, including how and where "
    "those taking part appear and the order and security of its courtroom.",
)
# INA § 240(b)(2) and 8 C.F.R. § 1003.25(c), as the EOIR Immigration Court Practice Manual
# (ch. 4.6) states them.
IMMIGRATION_AUTHORITY = (
    "An immigration judge may conduct hearings by video conference, and by telephone "
    "conference, except that an evidentiary hearing on the merits may be held by telephone only "
    "with the respondent's consent. INA § 240(b)(2); 8 C.F.R. § 1003.25(c).",
)
EOIR_HEADING = (
    "UNITED STATES DEPARTMENT OF JUSTICE",
    "EXECUTIVE OFFICE FOR IMMIGRATION REVIEW",
    "IMMIGRATION COURT",
)
CRIMINAL_COURTS = (CourtKind.CRIMINAL, CourtKind.TRAFFIC)
FAMILY_CASES = (CaseKind.FAMILY, CaseKind.PROTECTION_ORDER)
SERVED_WARNING = (
    "This request will be served on {person}: check it reveals nothing about the client's "
    "immigration situation before filing. The office's name is left out of it; check that the "
    "address and e-mail in the signature block do not reveal it either."
)
CONSENT_WARNING_STATE = (
    "This request is a public court filing, served on the other side, that says the client "
    "fears civil immigration arrest at the courthouse: file it only with the client's informed "
    "consent."
)
CONSENT_WARNING_IMMIGRATION = (
    "This motion is filed with the immigration court and served on DHS, whose officers make "
    "immigration arrests: asking to appear by video or telephone tells them the client would "
    "rather not come to the courthouse. File it only with the client's informed consent."
)


@dataclass(frozen=True)
class Standing:
    """The caption and how the body names the client."""

    caption: CaseCaption
    role: str  # "the Defendant", "the victim", ...
    non_party: bool = False
    # Served on a person who may be the client's abuser: the name, for the staff warning.
    served_person: str = ""
    served_on: tuple[str, ...] = ()
    other_side: str = "the other party"
    # False when the other side is a business or agency: nobody to wait apart from.
    other_side_is_person: bool = True

    @property
    def neutral(self) -> bool:
        return bool(self.served_person)


def court_request(
    session: Session,
    hearing_id: int,
    kind: RequestKind,
    today: date,
    court_name_typed: str | None = None,
) -> Built:
    """The filing's data; `court_name_typed` is the court as the case papers name it, needed
    where the reference data cannot settle the name (and preferred over it when given)."""
    hearing = load_hearing(session, hearing_id)
    case = hearing.legal_case
    client = case.client
    court = hearing.courthouse
    immigration = hearing.court_kind is CourtKind.IMMIGRATION
    if kind is RequestKind.REMOTE_APPEARANCE and hearing.mode is AppearanceMode.REMOTE:
        raise UserError(
            "This hearing is already remote (by video or phone): there is no remote appearance "
            "to ask for. Check the joining details on the hearing instead."
        )
    if kind is RequestKind.PROTECTIVE_MEASURES and immigration:
        raise UserError(
            "A motion for protective measures rests on state-court protections, and no state law "
            "applies in a federal immigration court. Ask for a remote appearance instead, or "
            "draft the motion by hand."
        )
    if kind is RequestKind.PROTECTIVE_MEASURES and hearing.mode is AppearanceMode.REMOTE:
        raise UserError(
            "This hearing is remote (by video or phone): the client does not come to the "
            "courthouse, so there are no protective measures at the courthouse to ask for."
        )
    attorney = _attorney(session, case.assigned_staff_id)
    if not immigration:
        _check_admission(attorney, court.state)
    name = person_name(client.given_name, client.family_name)
    if immigration:
        standing = _immigration(client, case, court, name)
    else:
        standing = _state_court(
            hearing, case, court, name, court_name_typed or case.court_name
        )
    zone = ZoneInfo(court.time_zone)
    local_date = hearing.starts_at.astimezone(zone).date()
    # A neutral request names no immigration law and no enforcement: see _neutral_grounds.
    laws = () if immigration or standing.neutral else _state_laws(court.state, local_date)
    recent = [] if standing.neutral else _recent_incidents(session, court.id, today)
    data = CourtRequestData(
        caption=standing.caption,
        kind=kind,
        client_name=name,
        client_role=standing.role,
        hearing_starts_at=hearing.starts_at,
        time_zone=court.time_zone,
        hearing_type=hearing_words(hearing.hearing_type),
        courtroom="" if hearing.mode is AppearanceMode.REMOTE else hearing.courtroom,
        filed_on=today,
        attorney=Attorney(attorney.name, attorney.bar_number, office_info(session),
                          bar_state=_bar_state(attorney.bar_state)),
        grounds=(_neutral_grounds(name, standing, kind) if standing.neutral
                 else _grounds(name, standing, immigration, kind)),
        state_laws=laws,
        authorities=IMMIGRATION_AUTHORITY if immigration else STATE_COURT_AUTHORITY,
        served_on=_immigration_service() if immigration else standing.served_on,
        served_person=standing.served_person,
        other_side=standing.other_side,
        other_side_is_person=standing.other_side_is_person,
        recent_incidents=tuple(
            IncidentLine(i.occurred_at.astimezone(zone).date(), court.name, i.summary,
                         SOURCE_LABELS[i.source], i.markings or None)
            for i in recent
        ),
        non_party=standing.non_party,
    )
    return Built(
        data,
        f"Request to the court, hearing {hearing.id}",
        "en",
        hearing_ids=(hearing.id,),
        client_ids=(client.id,),
        incident_ids=tuple(i.id for i in recent),
        recipients=standing.caption.court_name,
    )


def format_a_number(raw: str) -> str:
    """'A098765432' -> 'A 098-765-432', as EOIR writes it; anything else as recorded."""
    digits = re.sub(r"\D", "", raw)
    if 8 <= len(digits) <= 9:
        digits = digits.zfill(9)
        return f"A {digits[:3]}-{digits[3:6]}-{digits[6:]}"
    return raw.strip()


def _immigration(client: Client, case: LegalCase, court: Courthouse, name: str) -> Standing:
    if case.client_role not in (ClientRole.DEFENDANT, ClientRole.PETITIONER):
        raise UserError(
            "In immigration court the client must be the respondent: CourtSafe writes this "
            "motion only for the person in removal proceedings."
        )
    a_number = (client.a_number or "").strip()
    if not a_number:
        raise UserError(
            "Enter the client's A-number before writing to the immigration court: the court "
            "files every paper under it."
        )
    place = ", ".join(p for p in (court.city.strip().upper(), state_name(court.state).upper()) if p)
    caption = CaseCaption(
        court_name=place,
        docket_number=format_a_number(a_number),
        plaintiff=name.upper(),
        plaintiff_role="Respondent",
        defendant="",
        defendant_role="",
        heading_lines=EOIR_HEADING,
        matter_of=True,
        proceeding="In Removal Proceedings",
        number_label="File No.",
    )
    return Standing(caption, "the Respondent")


def _state_court(
    hearing: Hearing, case: LegalCase, court: Courthouse, name: str, typed: str | None
) -> Standing:
    kind = hearing.court_kind
    if kind is CourtKind.JUVENILE:
        raise UserError(
            "Juvenile-court papers are confidential and captioned by the court's own rules: "
            "CourtSafe does not write them. Draft this request by hand."
        )
    heading = _court_heading(kind, court, case.docket_number, typed)
    address = court_address(court) if court.state.upper() == "CO" else ()
    role = case.client_role
    opposing = next((p.name.strip() for p in case.parties if p.kind is PartyKind.OPPOSING), "")
    client = name.upper()
    if role is ClientRole.FAMILY_COMPANION:
        raise UserError(
            "CourtSafe writes to the court only for a party, a victim or a witness; a family "
            "member who comes along is not one. Ask for the request in the party's own case."
        )
    if kind in CRIMINAL_COURTS or case.kind in (CaseKind.CRIMINAL, CaseKind.TRAFFIC):
        people = prosecution(court.state, court.name, court.city)
        prosecutor = f"Counsel for {people} (the prosecuting attorney's office)"
        if role is ClientRole.DEFENDANT:
            caption = CaseCaption(heading, case.docket_number, people, "Plaintiff", client,
                                  "Defendant", address)
            return Standing(caption, "the Defendant", served_on=(prosecutor, ""))
        if role in (ClientRole.VICTIM, ClientRole.WITNESS):
            accused = _required(opposing, "the defendant (the accused)")
            caption = CaseCaption(heading, case.docket_number, people, "Plaintiff",
                                  accused.upper(), "Defendant", address)
            # The accused's counsel is served too, and the accused reads what it says.
            return Standing(caption, "the victim" if role is ClientRole.VICTIM else "a witness",
                            non_party=True, served_person=accused,
                            served_on=(prosecutor, "", f"Counsel for {accused.upper()}, "
                                       "Defendant", ""),
                            other_side="the Defendant",
                            other_side_is_person=not is_organisation(accused))
        raise UserError(
            "In a criminal case the client is the defendant, the victim or a witness: correct "
            "the client's role on the case."
        )
    if role is ClientRole.WITNESS:
        raise UserError(
            "For a witness in a family or civil case CourtSafe does not know both parties' "
            "names: draft this request by hand."
        )
    recorded = _required(opposing, "the other party")
    other = recorded.upper()
    family = kind is CourtKind.FAMILY or case.kind in FAMILY_CASES
    first, second = party_words(court.state, case.kind, family)
    person = not is_organisation(recorded)
    if role is ClientRole.DEFENDANT:
        caption = CaseCaption(heading, case.docket_number, other, first, client, second, address)
        return Standing(caption, f"the {second}", served_person=recorded,
                        served_on=(f"{other}, {first}, or counsel of record", ""),
                        other_side=f"the {first}", other_side_is_person=person)
    if role is ClientRole.VICTIM and not family:
        raise UserError(
            "A victim is a party only in a family or protection-order case: correct the "
            "client's role on the case, or draft this request by hand."
        )
    caption = CaseCaption(heading, case.docket_number, client, first, other, second, address)
    return Standing(caption, f"the {first}", served_person=recorded,
                    served_on=(f"{other}, {second}, or counsel of record", ""),
                    other_side=f"the {second}", other_side_is_person=person)


def _court_heading(kind: CourtKind, court: Courthouse, docket: str, typed: str | None) -> str:
    text = " ".join((typed or "").split())
    if len(text) > COURT_NAME_LIMIT:
        raise UserError(f"The court's name is too long (up to {COURT_NAME_LIMIT} characters).")
    if text:
        return text.upper()
    found = court_name(kind, court.state, county_of(court.reference_key), court.name, docket)
    if found is None:
        raise UserError(
            f"CourtSafe cannot tell from its data which court at {court.name} hears this case. "
            "Record the court's name on the case (Cases, Edit, Court) as the case papers give "
            "it, for example \"COUNTY COURT, CITY AND COUNTY OF DENVER, COLORADO\", or type "
            "it for this request."
        )
    return found


def _required(name: str, who: str) -> str:
    if not name:
        raise UserError(
            f"Record {who} as the opposing party on the case before writing to the court: the "
            "caption names both sides."
        )
    return name


def _state_laws(state: str, when: date) -> tuple[StateLaw, ...]:
    """Every protection of the court's state in force on the hearing date, newest first."""
    return tuple(
        StateLaw(
            state=p.name,
            instrument=p.instrument,
            citation=p.citation,
            in_force=p.in_force,
            scope=p.scope,
            covers_travel=p.covers_travel,
            kind=p.kind,
        )
        for p in policy_reference().state_protections(state, when)
    )


def _grounds(
    name: str, standing: Standing, immigration: bool, kind: RequestKind
) -> tuple[str, ...]:
    first = (
        f"{name} is {standing.role} in these proceedings and intends to attend every hearing."
        if immigration
        else f"{name} is {standing.role} in this case and intends to take part in this hearing."
    )
    if immigration:
        return (
            first,
            f"Appearing by video or telephone lets {name} take part in the hearing in full.",
            "Granting the motion does not delay the proceedings: the hearing can go ahead on the "
            "date set.",
        )
    second = (
        "The prospect of civil immigration arrest at or near the courthouse deters parties, "
        "victims and witnesses from coming to court, and so obstructs the Court's proceedings."
    )
    if kind is RequestKind.REMOTE_APPEARANCE:
        second += f" A remote appearance lets {name} take part without that risk."
    return first, second


def _neutral_grounds(name: str, standing: Standing, kind: RequestKind) -> tuple[str, ...]:
    """Grounds that the other side may read without learning anything about the client's
    immigration situation.

    The request is served on the other party, and in a family, protection-order, civil or housing
    case (or on the accused, when the client is a victim or witness) that may be the person who
    harmed the client and who would use a fear of immigration arrest against them. So these
    grounds speak only of the client's safety and full participation, which the Court may weigh
    under its power over its own proceedings, and the request names no immigration law and lists
    no enforcement incidents: even framed as conditions at the courthouse, a list of immigration
    arrests in a paper filed for this client tells the reader what the client fears. Staff are
    warned to read the request before filing (see `staff_warnings`). Waiting apart is asked for
    only from a person: a company or agency on the other side has nobody to wait apart from.
    """
    first = f"{name} is {standing.role} in this case and intends to take part in this hearing."
    if kind is RequestKind.REMOTE_APPEARANCE:
        return (
            first,
            f"Appearing by video or telephone would let {name} take part in the hearing in full "
            "while addressing concerns for personal safety in travelling to, waiting at and "
            "leaving the courthouse.",
        )
    apart = (f", and waiting apart from {standing.other_side}," if standing.other_side_is_person
             else "")
    return (
        first,
        f"Entering and leaving the courthouse by a secure route{apart} would let {name} attend "
        "safely and take part in the hearing in full.",
    )


def staff_warnings(data: CourtRequestData) -> tuple[str, ...]:
    """What staff must check before filing; shown on screen, never printed on the request.

    A request served on someone the client may fear is neutral, and staff check that nothing in
    it, the signature block included, gives the client away. Every other request tells the court
    and the other side that the client fears immigration enforcement (before an immigration
    court, the other side is DHS itself): that is the client's decision to make.
    """
    if data.served_person:
        return (SERVED_WARNING.format(person=data.served_person),)
    if data.caption.matter_of:
        return (CONSENT_WARNING_IMMIGRATION,)
    return (CONSENT_WARNING_STATE,)


def _immigration_service() -> tuple[str, ...]:
    """DHS is the other party in removal proceedings: its counsel is served. CourtSafe holds no
    address for the local OPLA office, so the line is left for staff to fill in."""
    return ("DHS / ICE Office of the Principal Legal Advisor", "")


def _check_admission(attorney: _Signer, court_state: str) -> None:
    """A state court hears only attorneys admitted in its state (an immigration court, being
    federal, hears a member of any state's bar)."""
    if attorney.bar_state.strip().upper() != court_state.strip().upper():
        court = _bar_state(court_state)
        raise UserError(
            f"{attorney.name} is admitted in {_bar_state(attorney.bar_state)}; a request to "
            f"{with_article(court)} court needs an attorney admitted in {court}: assign one on "
            "the case."
        )


def _recent_incidents(session: Session, court_id: int, today: date) -> list[EnforcementIncident]:
    since = datetime.combine(today - timedelta(days=365), time.min, tzinfo=UTC)
    return list(
        session.execute(
            select(EnforcementIncident)
            .where(
                EnforcementIncident.courthouse_id == court_id,
                EnforcementIncident.occurred_at >= since,
            )
            .order_by(EnforcementIncident.occurred_at.desc())
            .limit(5)
        ).scalars()
    )


@dataclass(frozen=True)
class _Signer:
    name: str
    bar_number: str
    bar_state: str


def _attorney(session: Session, staff_id: int | None) -> _Signer:
    staff = session.get(StaffMember, staff_id) if staff_id is not None else None
    if staff is None or staff.role is not StaffRole.ATTORNEY:
        # A filing carries a bar number: never sign it with whichever attorney sorts first.
        raise UserError(
            "Assign an attorney (with a bar number) to this case before writing to the court."
        )
    if not staff.bar_number.strip() or not staff.bar_state.strip():
        raise UserError(
            f"Enter {staff.name}'s bar number and the state of that bar (Staff) before "
            "writing to the court."
        )
    return _Signer(staff.name, staff.bar_number.strip(), staff.bar_state.strip())


def _bar_state(code: str) -> str:
    """'CO' -> 'Colorado' (printed as 'Colorado Bar No. ...'); the D.C. Bar by its own name."""
    if not code:
        return ""
    if code.upper() == "DC":
        return "D.C."
    return state_name(code).removeprefix("the ")

