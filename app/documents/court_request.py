"""Request to the court for a remote appearance or protective measures.

Filed papers follow court conventions rather than letter ones: a caption (court, parties, case
number) instead of a letterhead, and the attorney's signature block with bar number at the end.
The caller chooses the caption for the court kind and the state laws in force on the hearing date
(none before an immigration court). The paragraph citing those laws is written here, not in the
template, so that an edited template can never claim one state's scope for another, and each
instrument is named for what it is: a statute, a court rule, or a directive of the state's
Supreme Court, claiming for it no more than its own terms.

Every filing ends with a certificate of service and, on a page of its own under the same caption,
a proposed order: both come from code, so an office's edited template cannot drop them. A request
served on someone who may be the client's abuser is always written from the shipped template,
whose neutral wording says nothing about immigration; it carries the attorney's name, bar, address
and telephone, but not the office's name, which may say whom the office serves ("Immigrant Legal
Aid"): neither in the signature block nor in the footer.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from reportlab.platypus import Flowable, HRFlowable, KeepTogether, PageBreak, Spacer

from app.documents import styles as st
from app.documents.base import DocumentRenderer, make_table
from app.documents.data import (
    Attorney,
    CaseCaption,
    CourtRequestData,
    IncidentLine,
    OfficeInfo,
    RequestKind,
    StateLaw,
)
from app.documents.fonts import markup
from app.documents.i18n import format_date, format_long_date, format_time, to_zone
from app.documents.templates import Slot, default_source, render_blocks

KIND = "court_request"
SLOTS = ("signature",)
# Kept out of the PDF metadata: print queues and desktop search show it, so it names no case.
PDF_TITLE = "Motion to the court"

KIND_PHRASES = {
    "statute": "A statute of {state}",
    "court rule": "A rule of the courts of {state}",
    "court directive": "A directive of the Supreme Court of {state}",
}
CLOSING_NAMES = {"statute": "this statute", "court rule": "this rule"}
# What a directive instructs, where the relief can say no more than that it is consistent with it.
DIRECTIVE_INSTRUCTIONS = {
    "N.J. Supreme Court Directive #07-19": "that, absent an emergency, enforcement should wait "
    "until the court proceeding ends",
}
BLANK = "_" * 34
SERVICE_METHODS = ("[ ] hand delivery", "[ ] first-class mail", "[ ] electronic service")

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
    caption = data.caption
    return {
        "remote": data.kind is RequestKind.REMOTE_APPEARANCE,
        "client_name": data.client_name,
        "client_role": data.client_role,
        "non_party": data.non_party,
        "filer": filer_phrase(data),
        "hearing_type": data.hearing_type,
        "hearing_date": format_long_date(local.date()),
        "hearing_time": format_time(local),
        "courtroom": data.courtroom,
        "docket_number": caption.docket_number,
        "number_label": caption.number_label,
        "court_name": caption.court_name,
        "immigration_court": caption.matter_of,
        "grounds": list(data.grounds),
        # Older office templates printed their own sentence about "the" state law after this
        # field; it stays empty so such a copy prints no law at all rather than a wrong one.
        "state_protection": "",
        "has_state_law": bool(data.state_laws),
        "has_authority": bool(data.state_laws or data.authorities),
        "neutral": data.neutral,
        "wait_apart": data.wait_apart,
        "other_side": data.other_side,
        "covers_travel": any(law.covers_travel for law in data.state_laws),
        "incident_count": count,
        "incident_count_phrase": f"{count} incident{'s' if count != 1 else ''}",
        "filed_on": format_date(data.filed_on),
        "attorney_name": data.attorney.name,
        "bar_number": data.attorney.bar_number,
        "incident_list": Slot("incident_list"),
        "applicable_law": Slot("applicable_law"),
        "signature": Slot("signature"),
    }


def filer_phrase(data: CourtRequestData) -> str:
    """Who asks: a party through counsel, or counsel for someone who is not a party."""
    if data.non_party:
        return f"Counsel for {data.client_name}, {data.client_role}, who is not a party,"
    return f"{data.client_name}, {data.client_role}, through counsel,"


def law_paragraph(law: StateLaw) -> str:
    """One instrument named for what it is, in its own words: citation, date in force and that
    state's own scope."""
    kind = KIND_PHRASES.get(law.kind, "An instrument of {state}").format(state=law.state)
    return (f"{kind}, {law.citation}, in force since {format_date(law.in_force)}. "
            f"It {law.scope.rstrip('.')}.")


def law_closing(laws: tuple[StateLaw, ...]) -> list[str]:
    """How the relief relates to the laws: a statute or rule is given effect within its scope;
    a directive instructs court staff and enforcement, so the relief is only consistent with it."""
    binding = [law for law in laws if law.kind != "court directive"]
    lines: list[str] = []
    if binding:
        named = (CLOSING_NAMES.get(binding[0].kind, "this provision") if len(binding) == 1
                 else "these provisions")
        lines.append(f"The relief requested asks the Court to give effect to {named} within "
                     "the scope set out above.")
    for law in laws:
        if law.kind == "court directive":
            instruction = DIRECTIVE_INSTRUCTIONS.get(law.citation)
            lines.append(
                f"The relief requested is consistent with the Directive's instruction "
                f"{instruction}." if instruction else
                "The relief requested is consistent with the Directive's terms set out above.")
    return lines


def order_relief(data: CourtRequestData) -> str:
    """What the proposed order grants: exactly what the motion asks for."""
    local = to_zone(data.hearing_starts_at, data.time_zone)
    hearing = (f"the {data.hearing_type} set for {format_long_date(local.date())} at "
               f"{format_time(local)}")
    name = data.client_name
    if data.kind is RequestKind.REMOTE_APPEARANCE:
        return f"{name} may appear by video or telephone at {hearing} and at any continued date."
    if data.neutral:
        apart = f", and wait apart from {data.other_side}," if data.wait_apart else ""
        return f"{name} may enter and leave the courthouse by a secure route{apart} for {hearing}."
    if any(law.covers_travel for law in data.state_laws):
        return (f"{name} shall not be subjected to civil arrest in the courthouse, its environs "
                f"or on the way to or from {hearing}, and may enter and leave the courthouse by "
                "a secure route.")
    return (f"{name} shall not be subjected to civil arrest in the courthouse while attending "
            f"{hearing}, and may enter and leave the courthouse by a secure route.")


def served_footer(data: CourtRequestData) -> str:
    """The footer of a request served on someone the client may fear: the case and the kind of
    paper, 'Case No. FV-07-001234-26 · Motion to the court', and nothing of the office."""
    caption = data.caption
    return f"{caption.number_label} {caption.docket_number} · {PDF_TITLE}"


def bar_line(attorney: Attorney) -> str:
    """'Colorado Bar No. 54321'; the state is left out only when it was never recorded."""
    return f"{attorney.bar_state} Bar No. {attorney.bar_number}".strip()


class CourtRequestRenderer(DocumentRenderer):
    kind = KIND

    def __init__(self, data: CourtRequestData, template_source: str | None = None) -> None:
        # The page decoration prints the office's name; a neutral request gives it the case line
        # instead, and nothing else of the office.
        office = (OfficeInfo(served_footer(data), (), "") if data.neutral
                  else data.attorney.office)
        super().__init__(office, "en")
        self.data = data
        # A neutral request never uses an edited copy: an office's wording may name the very
        # fear the other party must not learn.
        use_edited = template_source is not None and not data.neutral
        self.source = (template_source or "") if use_edited else default_source(KIND, "en")

    def title(self) -> str:
        return PDF_TITLE

    def running_head(self) -> str:
        caption = self.data.caption
        return f"{caption.number_label} {caption.docket_number} · {_TITLES[self.data.kind]}"

    def document_date(self) -> date:
        return self.data.filed_on

    def build_story(self) -> list[Flowable]:
        blocks = render_blocks(self.source, template_context(self.data))
        slots = {"signature": self._signature, "incident_list": self._incidents,
                 "applicable_law": self._applicable_law}
        return [*self._caption(), *self.blocks_to_flowables(blocks, slots),
                *self._certificate(), PageBreak(), *self._caption(), *self._order()]

    def _caption(self) -> list[Flowable]:
        """Court name across the top; parties left, case number right, boxed like a pleading."""
        c = self.data.caption
        s = self.styles
        court = [self.para(line, s.caption_center) for line in (*c.heading_lines, c.court_name)]
        court += [self.para(line, s.caption_address) for line in c.court_address_lines]
        parties = self._matter() if c.matter_of else self._parties()
        number = [self.para(c.number_label, s.label),
                  self.para(c.docket_number, s.signature_name)]
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

    def _parties(self) -> list[Flowable]:
        c = self.data.caption
        s = self.styles
        return [
            self.para(c.plaintiff, s.signature_name),
            self.para(f"{c.plaintiff_role},", s.signature),
            Spacer(1, 6), self.para("v.", s.signature), Spacer(1, 6),
            self.para(c.defendant, s.signature_name),
            self.para(f"{c.defendant_role}.", s.signature),
        ]

    def _matter(self) -> list[Flowable]:
        """The EOIR form: 'In the Matter of: NAME, Respondent. In Removal Proceedings'."""
        c = self.data.caption
        s = self.styles
        lines: list[Flowable] = [
            self.para("In the Matter of:", s.signature),
            Spacer(1, 4),
            self.para(f"{c.plaintiff},", s.signature_name),
            self.para(f"{c.plaintiff_role}.", s.signature),
        ]
        if c.proceeding:
            lines += [Spacer(1, 6), self.para(c.proceeding, s.signature)]
        return lines

    def _applicable_law(self) -> list[Flowable]:
        laws = self.data.state_laws
        texts = [law_paragraph(law) for law in laws] + law_closing(laws)
        return [self.para(text) for text in (*texts, *self.data.authorities)]

    def _certificate(self) -> list[Flowable]:
        """Proof that the other side was served: date and method left for the person serving."""
        s = self.styles
        served = [self.para(line or f"Address: {BLANK}", s.signature)
                  for line in self.data.served_on or ("",)]
        block: list[Flowable] = [
            Spacer(1, 22),
            self.para("CERTIFICATE OF SERVICE", s.heading),
            self.para(f"I certify that on {BLANK[:20]} (date) I served a copy of this motion "
                      "and the proposed order on:"),
            *served,
            Spacer(1, 8),
            self.para("by " + "   ".join(SERVICE_METHODS) + f"   [ ] other: {BLANK[:14]}"),
            Spacer(1, 22),
            HRFlowable(width=3.2 * st.INCH, thickness=0.6, color=st.INK, hAlign="LEFT",
                       spaceAfter=3),
            self.para(self.data.attorney.name, s.signature_name),
        ]
        return [KeepTogether(block)]

    def _order(self) -> list[Flowable]:
        """The order the judge signs, on its own page under the same caption."""
        s = self.styles
        judge = "Immigration Judge" if self.data.caption.matter_of else "Judge"
        title = _TITLES[self.data.kind]
        lines: list[Flowable] = [
            self.para("[PROPOSED] ORDER", s.title),
            self.para(f"The Court has considered the {title} filed on behalf of "
                      f"{self.data.client_name}, {self.data.client_role}, and any response to "
                      "it. The motion is:"),
            Spacer(1, 4),
            self.para(f"[  ] GRANTED. IT IS ORDERED that {order_relief(self.data)}"),
            self.para("[  ] DENIED."),
            Spacer(1, 40),
        ]
        signing = make_table(
            [[self.para(BLANK[:24], s.signature), self.para(BLANK, s.signature)],
             [self.para("Date", s.signature_muted), self.para(judge, s.signature_muted)]],
            [self.frame_width * 0.4, self.frame_width * 0.6],
            [("LEFTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0)],
        )
        return [*lines, KeepTogether([signing])]

    def _incidents(self) -> list[Flowable]:
        return [self._incident(number, incident)
                for number, incident in enumerate(self.data.recent_incidents, start=1)]

    def _incident(self, number: int, incident: IncidentLine) -> Flowable:
        s = self.styles
        text = (f"<b>{markup(format_date(incident.date))}</b> — {markup(incident.place)}: "
                f"{markup(incident.summary)} <i>(Source: {markup(incident.source)})</i>")
        return self.para_markup(text, s.incident_head, bullet=f"{number}.")

    def _signature(self) -> list[Flowable]:
        """The block, each line kept with the next: the page layout then keeps the closing
        paragraphs before it too, so the signature never stands alone on a page."""
        attorney = self.data.attorney
        office = attorney.office
        s = self.styles
        lines: list[Flowable] = [
            Spacer(1, 26),
            HRFlowable(width=3.2 * st.INCH, thickness=0.6, color=st.INK, hAlign="LEFT",
                       spaceAfter=3),
            self.para(attorney.name, s.signature_name),
            self.para(bar_line(attorney), s.signature),
        ]
        if not self.data.neutral:
            lines.append(self.para(office.name, s.signature))
        lines += [self.para(line, s.signature) for line in office.address_lines]
        contact = " · ".join(part for part in (office.phone, office.email) if part)
        lines.append(self.para(contact, s.signature))
        role = (f"Counsel for {self.data.client_name}, {self.data.client_role}"
                if self.data.non_party else f"Attorney for {self.data.client_name}")
        lines.append(self.para(role, s.signature_muted))
        for line in lines[:-1]:
            line.keepWithNext = True
        return lines


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
        attorney=Attorney("Daniel Okafor", "54321", office, bar_state="Colorado"),
        grounds=(
            "The Defendant has appeared at every prior setting and intends to appear at this one.",
            "Civil immigration arrests at or near courthouses deter defendants, victims and "
            "witnesses from attending court, and undermine the Court's ability to hear the case.",
        ),
        state_laws=(StateLaw(
            state="Colorado", instrument="SB20-083", citation="C.R.S. 13-1-401 to 404",
            in_force=date(2020, 3, 23),
            scope="bars civil arrest of a person at a courthouse or on its environs, or while "
                  "going to, attending or coming from a court proceeding",
            covers_travel=True),),
        authorities=("The Court has inherent authority to manage its own proceedings, including "
                     "how and where those taking part appear and the order and security of its "
                     "courtroom.",),
        served_on=("Counsel for THE PEOPLE OF THE STATE OF COLORADO (the prosecuting attorney's "
                   "office)", ""),
        recent_incidents=(IncidentLine(
            date(2026, 4, 2), "520 West Colfax Avenue, Denver",
            "Agents in plain clothes detained a man leaving a courtroom.", "Staff report"),),
    )
