"""Request to the court for a remote appearance or protective measures.

Filed papers follow court conventions rather than letter ones: a caption (court, parties, case
number) instead of a letterhead, and the attorney's signature block with bar number at the end.
The state protection cited is the one in force on the hearing date, chosen by the caller.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from reportlab.platypus import Flowable, HRFlowable, KeepTogether, Spacer

from app.documents import styles as st
from app.documents.base import DocumentRenderer, make_table
from app.documents.data import (
    Attorney,
    CaseCaption,
    CourtRequestData,
    IncidentLine,
    OfficeInfo,
    RequestKind,
)
from app.documents.fonts import markup
from app.documents.i18n import format_date, format_long_date, format_time, to_zone
from app.documents.templates import Slot, default_source, render_blocks

KIND = "court_request"
SLOTS = ("signature",)

_TITLES = {
    RequestKind.REMOTE_APPEARANCE: "Motion to Permit Remote Appearance",
    RequestKind.PROTECTIVE_MEASURES: "Motion for Protective Measures",
}


def render_court_request(data: CourtRequestData, *, template_source: str | None = None) -> bytes:
    """The filing as PDF bytes."""
    return CourtRequestRenderer(data, template_source).render()


def template_context(data: CourtRequestData) -> dict[str, Any]:
    """The fields a court request template may use."""
    local = to_zone(data.hearing_starts_at, data.time_zone)
    count = len(data.recent_incidents)
    return {
        "remote": data.kind is RequestKind.REMOTE_APPEARANCE,
        "client_name": data.client_name,
        "client_role": data.client_role,
        "hearing_type": data.hearing_type,
        "hearing_date": format_long_date(local.date()),
        "hearing_time": format_time(local),
        "courtroom": data.courtroom,
        "docket_number": data.caption.docket_number,
        "court_name": data.caption.court_name,
        "grounds": list(data.grounds),
        "state_protection": data.state_protection or "",
        "incident_count": count,
        "incident_count_phrase": f"{count} incident{'s' if count != 1 else ''}",
        "filed_on": format_date(data.filed_on),
        "attorney_name": data.attorney.name,
        "bar_number": data.attorney.bar_number,
        "incident_list": Slot("incident_list"),
        "signature": Slot("signature"),
    }


class CourtRequestRenderer(DocumentRenderer):
    kind = KIND

    def __init__(self, data: CourtRequestData, template_source: str | None = None) -> None:
        super().__init__(data.attorney.office, "en")
        self.data = data
        self.source = template_source if template_source is not None else default_source(KIND, "en")

    def title(self) -> str:
        return f"{_TITLES[self.data.kind]}, Case No. {self.data.caption.docket_number}"

    def running_head(self) -> str:
        caption = self.data.caption
        return f"Case No. {caption.docket_number} · {_TITLES[self.data.kind]}"

    def document_date(self) -> date:
        return self.data.filed_on

    def build_story(self) -> list[Flowable]:
        blocks = render_blocks(self.source, template_context(self.data))
        slots = {"signature": self._signature, "incident_list": self._incidents}
        return [*self._caption(), *self.blocks_to_flowables(blocks, slots)]

    def _caption(self) -> list[Flowable]:
        """Court name across the top; parties left, case number right, boxed like a pleading."""
        c = self.data.caption
        s = self.styles
        court = [self.para(c.court_name, s.caption_center)]
        court += [self.para(line, s.caption_address) for line in c.court_address_lines]
        parties = [
            self.para(c.plaintiff, s.signature_name),
            self.para(f"{c.plaintiff_role},", s.signature),
            Spacer(1, 6), self.para("v.", s.signature), Spacer(1, 6),
            self.para(c.defendant, s.signature_name),
            self.para(f"{c.defendant_role}.", s.signature),
        ]
        number = [self.para("Case No.", s.label), self.para(c.docket_number, s.signature_name)]
        split = self.frame_width * 0.62
        table = make_table([[court, ""], [parties, number]], [split, self.frame_width - split], [
            ("SPAN", (0, 0), (1, 0)),
            ("BOX", (0, 0), (-1, -1), 0.8, st.INK),
            ("LINEBELOW", (0, 0), (1, 0), 0.8, st.INK),
            ("LINEBEFORE", (1, 1), (1, 1), 0.8, st.INK),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 8),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ("LEFTPADDING", (0, 0), (-1, -1), 10),
        ])
        return [table, Spacer(1, 16)]

    def _incidents(self) -> list[Flowable]:
        return [self._incident(number, incident)
                for number, incident in enumerate(self.data.recent_incidents, start=1)]

    def _incident(self, number: int, incident: IncidentLine) -> Flowable:
        s = self.styles
        text = (f"<b>{markup(format_date(incident.date))}</b> — {markup(incident.place)}: "
                f"{markup(incident.summary)} <i>(Source: {markup(incident.source)})</i>")
        return self.para_markup(text, s.incident_head, bullet=f"{number}.")

    def _signature(self) -> list[Flowable]:
        attorney = self.data.attorney
        office = attorney.office
        s = self.styles
        lines: list[Flowable] = [
            Spacer(1, 26),
            HRFlowable(width=3.2 * st.INCH, thickness=0.6, color=st.INK, hAlign="LEFT",
                       spaceAfter=3),
            self.para(attorney.name, s.signature_name),
            self.para(f"Bar No. {attorney.bar_number}", s.signature),
            self.para(office.name, s.signature),
        ]
        lines += [self.para(line, s.signature) for line in office.address_lines]
        contact = " · ".join(part for part in (office.phone, office.email) if part)
        lines.append(self.para(contact, s.signature))
        lines.append(self.para(f"Attorney for {self.data.client_name}", s.signature_muted))
        return [KeepTogether(lines)]


def sample_court_request(kind: RequestKind = RequestKind.REMOTE_APPEARANCE) -> CourtRequestData:
    """Realistic sample data for template previews, tests and benchmarks."""
    office = OfficeInfo(
        name="Front Range Immigrant Legal Defense",
        address_lines=("1250 Federal Boulevard, Suite 300", "Denver, CO 80204"),
        phone="(303) 555-0142", email="office@frontrange-legal.example",
    )
    return CourtRequestData(
        caption=CaseCaption(
            court_name="COUNTY COURT, CITY AND COUNTY OF DENVER, COLORADO",
            docket_number="26M01234",
            plaintiff="THE PEOPLE OF THE STATE OF COLORADO", plaintiff_role="Plaintiff",
            defendant="VÍCTOR MANUEL RODRÍGUEZ-COVARRUBIAS", defendant_role="Defendant",
            court_address_lines=("520 West Colfax Avenue, Denver, CO 80204",),
        ),
        kind=kind,
        client_name="Víctor Manuel Rodríguez-Covarrubias",
        client_role="the Defendant",
        hearing_starts_at=datetime(2026, 5, 12, 15, 30, tzinfo=UTC),
        time_zone="America/Denver",
        hearing_type="pre-trial conference",
        courtroom="3F",
        filed_on=date(2026, 4, 28),
        attorney=Attorney("Daniel Okafor", "54321", office),
        grounds=(
            "The Defendant has appeared at every prior setting and intends to appear at this one.",
            "Civil immigration arrests at or near courthouses deter defendants, victims and "
            "witnesses from attending court, and undermine the Court's ability to hear the case.",
        ),
        state_protection="C.R.S. 13-1-401 to 13-1-404 (SB20-083, in force since March 23, 2020)",
        recent_incidents=(IncidentLine(
            date(2026, 4, 2), "Lindsey-Flanigan Courthouse, 520 West Colfax Avenue",
            "Agents in plain clothes detained a man leaving a courtroom.", "Staff report"),),
    )
