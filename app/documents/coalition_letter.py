"""Coalition letter to an ICE field office director, modelled on the Denver officials' 2017 letter.

The Denver letter worked because it was concrete: dated incidents at named places, the memorandum it
relied on, the victims who stopped coming to court, the "POLICE" vests, and many signatures. This
module keeps that shape; the prose lives in ``resources/templates/coalition_letter/en.md.j2``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from reportlab.platypus import Flowable, HRFlowable, KeepTogether, Paragraph, Spacer

from app.documents import styles as st
from app.documents.base import DocumentRenderer, make_table
from app.documents.data import (
    CoalitionLetterData,
    IncidentLine,
    OfficeInfo,
    PolicyCitation,
    Recipient,
    Signatory,
    StateLawCitation,
)
from app.documents.fonts import markup
from app.documents.i18n import format_date
from app.documents.templates import Slot, default_source, render_blocks

KIND = "coalition_letter"
SLOTS = ("incident_list", "signatures")


def render_coalition_letter(
    data: CoalitionLetterData, *, template_source: str | None = None
) -> bytes:
    """The letter as PDF bytes; raises TemplateError before any output if the template is broken."""
    return CoalitionLetterRenderer(data, template_source).render()


_NUMBER_WORDS = (
    "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty",
)

# The survey behind the harm argument, cited as its authors reported it: a share of the judges
# who answered one 2017 survey, never "of judges" in general.
SURVEY_SENTENCE = (
    "In a 2017 national survey of about 100 judges by the ACLU and the National Immigrant "
    "Women's Advocacy Project, 54% of the judges surveyed reported court cases interrupted "
    "because immigrant crime victims feared coming to court (Freezing Out Justice, 2018)."
)


def in_words(number: int) -> str:
    """Numbers a letter spells out: "four victims"; large ones stay digits."""
    return _NUMBER_WORDS[number] if 0 <= number < len(_NUMBER_WORDS) else f"{number:,}"


def _count(number: int, singular: str, plural: str) -> str:
    return f"{in_words(number)} {singular if number == 1 else plural}"


def salutation(recipient: Recipient) -> str:
    """ "Dear Director NAME" (or "Acting Director"), or the title alone when no name is known."""
    if recipient.salutation:
        return recipient.salutation
    name = recipient.name.strip()
    if not name:
        return f"Dear {recipient.title.strip() or 'Field Office Director'}"
    acting = "acting" in recipient.title.casefold().split()
    return f"Dear {'Acting Director' if acting else 'Director'} {name}"


def our_office(data: CoalitionLetterData) -> str:
    """ "our office" when one organisation signs, "our offices" when several join."""
    organisations = {data.office.name.strip().casefold()}
    organisations |= {p.organisation.strip().casefold() for p in data.signatories if p.organisation}
    return "our office" if len(organisations) == 1 else "our offices"


def harm_counts(data: CoalitionLetterData) -> str:
    """The office's own count of people who stayed away, in words; empty when none recorded."""
    parts = [
        _count(number, singular, plural)
        for number, singular, plural in (
            (data.victims_declined, "victim", "victims"),
            (data.witnesses_declined, "witness", "witnesses"),
        )
        if number
    ]
    if not parts:
        return ""
    return (
        f"In the period of this letter, {' and '.join(parts)} in matters {our_office(data)} "
        f"{'handles' if our_office(data) == 'our office' else 'handle'} declined to appear in "
        "court because they feared immigration enforcement there."
    )


# Each state instrument named for what it is: a directive of a state's Supreme Court is not a
# law, and a letter to ICE that calls it one is wrong on its face.
_INSTRUMENT_NAMES = {
    "statute": "a state statute",
    "court rule": "a rule of the {state} courts",
    "court directive": "a directive of the Supreme Court of {state}",
}
# How the lead-in sentence speaks of each kind: (one, several).
_LEAD_NAMES = {
    "statute": ("state law", "state law"),
    "court rule": ("a court rule", "court rules"),
    "court directive": ("a court directive", "court directives"),
}


def state_law_line(law: StateLawCitation) -> str:
    """One instrument as the letter lists it: what it is, its citation and date, and what it does
    ("Colorado: a state statute, C.R.S. …, in force since …. It bars civil arrest of …")."""
    name = _INSTRUMENT_NAMES.get(law.kind, "a state instrument").format(state=law.state)
    since = "in effect" if law.kind == "court directive" else "in force"
    return (f"{law.state}: {name}, {law.citation}, {since} since {format_date(law.in_force)}. "
            f"It {law.scope.strip().rstrip('.')}.")


def state_laws_lead(laws: tuple[StateLawCitation, ...]) -> str:
    """The sentence before the list, true for the kinds it lists: "state law limits …" for
    statutes only, "a court directive limits …" for New Jersey's, and so on; empty for none."""
    kinds = [law.kind if law.kind in _LEAD_NAMES else "statute" for law in laws]
    names = [_LEAD_NAMES[kind][kinds.count(kind) > 1] for kind in _LEAD_NAMES if kind in kinds]
    if not names:
        return ""
    subject = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    singular = len(names) == 1 and (names[0] == "state law" or names[0].startswith("a "))
    verb = "limits" if singular else "limit"
    return f"In the area of your office, {subject} {verb} civil arrest at state courts:"


def template_context(data: CoalitionLetterData) -> dict[str, Any]:
    """The fields a coalition letter template may use (also the list shown to template editors)."""
    marked = [incident for incident in data.incidents if incident.markings]
    markings = sorted({incident.markings for incident in marked if incident.markings})
    recipient = data.recipient
    return {
        "office_name": data.office.name,
        "office_phone": data.office.phone,
        "office_email": data.office.email,
        "recipient_name": recipient.name,
        "recipient_title": recipient.title,
        "recipient_office": recipient.office,
        "salutation": salutation(recipient),
        "our_office": our_office(data),
        "letter_date": format_date(data.letter_date),
        "period_start": format_date(data.period_start),
        "period_end": format_date(data.period_end),
        "incident_count": len(data.incidents),
        "incident_count_phrase": f"{len(data.incidents)} "
        + ("incident" if len(data.incidents) == 1 else "incidents"),
        "harm_counts": harm_counts(data),
        "survey": SURVEY_SENTENCE,
        "victims_declined": data.victims_declined,
        "witnesses_declined": data.witnesses_declined,
        "victims_phrase": _count(data.victims_declined, "victim", "victims"),
        "witnesses_phrase": _count(data.witnesses_declined, "witness", "witnesses"),
        "markings_seen": bool(marked),
        "marked_phrase": ("one of the incidents" if len(marked) == 1
                          else f"{len(marked)} of the incidents"),
        "markings": " / ".join(markings),
        "policies": [
            {"citation": p.citation, "since": format_date(p.effective), "summary": p.summary}
            for p in data.policies
        ],
        # Older office templates printed one sentence for every state after this value; it
        # stays empty so they print nothing rather than a scope that is wrong for most states.
        "state_protection": "",
        "policy_history": list(data.policy_history),
        "state_laws_lead": state_laws_lead(data.state_laws),
        "state_laws": [
            {"state": law.state, "citation": law.citation, "since": format_date(law.in_force),
             "scope": law.scope, "kind": law.kind, "line": state_law_line(law)}
            for law in data.state_laws
        ],
        "incident_list": Slot("incident_list"),
        "signatures": Slot("signatures"),
    }


class CoalitionLetterRenderer(DocumentRenderer):
    kind = KIND

    def __init__(self, data: CoalitionLetterData, template_source: str | None = None) -> None:
        super().__init__(data.office, "en")
        self.data = data
        self.source = template_source if template_source is not None else default_source(KIND, "en")

    def title(self) -> str:
        return self.data.subject

    def running_head(self) -> str:
        data = self.data
        who = ", ".join(p for p in (data.recipient.name, data.recipient.title) if p)
        return f"{who} · {format_date(data.letter_date)}"

    def document_date(self) -> date:
        return self.data.letter_date

    def build_story(self) -> list[Flowable]:
        blocks = render_blocks(self.source, template_context(self.data))
        slots = {"incident_list": self._incident_list, "signatures": self._signatures}
        return [
            *self.letterhead(),
            self.para(format_date(self.data.letter_date)),
            Spacer(1, 8),
            *self._address_block(),
            Spacer(1, 10),
            self.labelled("Re:", self.data.subject, self.styles.callout),
            Spacer(1, 12),
            *self.blocks_to_flowables(blocks, slots),
            *self._copies(),
        ]

    def _address_block(self) -> list[Flowable]:
        recipient = self.data.recipient
        lines = [recipient.name, recipient.title, recipient.office, *recipient.address_lines]
        style = self.styles.signature
        return [KeepTogether([self.para(line, style) for line in lines if line])]

    def _incident_list(self) -> list[Flowable]:
        return [self._incident(number, incident)
                for number, incident in enumerate(self.data.incidents, start=1)]

    def _incident(self, number: int, incident: IncidentLine) -> Flowable:
        s = self.styles
        unverified = " <i>(unverified)</i>" if incident.verified is False else ""
        head = Paragraph(
            f"<b>{markup(format_date(incident.date))}</b> — {markup(incident.place)}{unverified}",
            s.incident_head, bulletText=f"{number}.",
        )
        parts: list[Flowable] = [head, self.para(incident.summary, s.incident_body)]
        source = f"<i>Source:</i> {markup(incident.source)}"
        if incident.people_arrested is not None:
            arrested = in_words(incident.people_arrested) if incident.people_arrested else "none"
            source += f" · <i>People arrested:</i> {markup(arrested)}"
        if incident.markings:
            source += f" · <i>Agents' markings:</i> {markup(incident.markings)}"
        parts.append(Paragraph(source, s.incident_source))
        return KeepTogether(parts)

    def _signatures(self) -> list[Flowable]:
        """Two columns of signature blocks: a line to sign on, then name, title, organisation."""
        cells = [self._signature_cell(person) for person in self.data.signatories]
        if len(cells) % 2:
            cells.append([])
        rows = [cells[i:i + 2] for i in range(0, len(cells), 2)]
        half = self.frame_width / 2
        table = make_table(rows, [half, half], [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 18),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 10),
        ])
        return [table]

    def _signature_cell(self, person: Signatory) -> list[Flowable]:
        s = self.styles
        cell: list[Flowable] = [
            Spacer(1, 28),
            HRFlowable(width="92%", thickness=0.6, color=st.INK, hAlign="LEFT", spaceAfter=3),
            self.para(person.name, s.signature_name),
        ]
        cell += [self.para(text, s.signature_muted) for text in (person.title, person.organisation)
                 if text]
        return cell

    def _copies(self) -> list[Flowable]:
        if not self.data.cc:
            return []
        return [Spacer(1, 6), self.labelled("cc:", "; ".join(self.data.cc), self.styles.body_small)]


def sample_coalition_letter(incident_count: int = 3) -> CoalitionLetterData:
    """Realistic sample data for template previews, tests and benchmarks."""
    organisation = "Front Range Immigrant Legal Defense"
    office = OfficeInfo(
        name=organisation,
        address_lines=("1250 Federal Boulevard, Suite 300", "Denver, CO 80204"),
        phone="(303) 555-0142",
        email="office@frontrange-legal.example",
    )
    base = [
        IncidentLine(date(2017, 3, 14),
                     "Near Colorado High School Charter, Race Street and East 48th Avenue, Denver",
                     "Agents arrested a man in plain view of parents and children arriving at the "
                     "school.", "News report and video", 'vests marked "POLICE"',
                     verified=True, people_arrested=1),
        IncidentLine(date(2017, 2, 23), "Lindsey-Flanigan Courthouse, 520 West Colfax Avenue",
                     "Agents were filmed waiting in the courthouse hallway outside a courtroom.",
                     "Staff report", verified=True, people_arrested=0),
        IncidentLine(date(2017, 3, 2), "Denver County Court, parking area",
                     "A witness in a domestic-violence case was approached by plain-clothes agents "
                     "after her hearing.", "Community report", verified=False),
    ]
    incidents = tuple(base[i % len(base)] for i in range(incident_count))
    return CoalitionLetterData(
        office=office,
        letter_date=date(2017, 4, 6),
        recipient=Recipient(
            name="Jeffrey D. Lynch", title="Acting Field Office Director",
            office="U.S. Immigration and Customs Enforcement, Denver Field Office",
            address_lines=("12445 East Caley Avenue", "Centennial, CO 80111"),
        ),
        subject="Respecting courthouses, schools and other sensitive locations",
        period_start=date(2017, 1, 1),
        period_end=date(2017, 3, 31),
        incidents=incidents,
        policies=(PolicyCitation(
            "ICE Policy 10029.2, Enforcement Actions at or Focused on Sensitive Locations",
            date(2011, 10, 24),
            "enforcement at schools, hospitals, places of worship, religious ceremonies and public "
            "demonstrations requires prior approval; courthouses are not listed."),),
        victims_declined=4,
        witnesses_declined=2,
        signatories=(
            Signatory("Maria Elena Ortiz", "Executive Director", organisation),
            Signatory("Daniel Okafor", "Managing Attorney", organisation),
            Signatory("Rev. Anne Lindqvist", "Pastor", "Five Points Community Church"),
        ),
    )
