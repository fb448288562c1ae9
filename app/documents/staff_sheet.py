"""The staff sheet of a client advisory: what the person handing the advisory over must know.

Safe-contact instructions ("do not leave voicemail: the abuser shares the phone") and warnings
such as "no join details recorded" must never reach a page the client takes home, where an abuser
or an officer could read them. They print here instead: a document of its own, marked on every
page, numbered on its own, and in a batch kept after all the client pages (or in a file of its
own), never between them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from reportlab.platypus import Flowable, Paragraph, Spacer

from app.documents import styles as st
from app.documents.base import (
    DocumentRenderer,
    PdfMetadata,
    ProgressCallback,
    boxed,
    render_many,
)
from app.documents.data import ClientAdvisoryData
from app.documents.errors import DocumentError
from app.documents.fonts import markup
from app.documents.i18n import format_date, format_long_date, format_time, language_name, to_zone
from app.documents.missed_court import STAFF_LABELS
from app.documents.templates import Block, BlockKind
from app.domain.enums import AppearanceMode

KIND = "staff_sheet"
TITLE = "Staff sheet"
BANNER = "STAFF ONLY. Do not give this page to the client."
_MODES = {
    AppearanceMode.IN_PERSON: "In person",
    AppearanceMode.REMOTE: "Remote (video or phone): the client does not go to the courthouse",
    AppearanceMode.HYBRID: "Hybrid: in person, or by video or phone",
}


def has_staff_words(data: ClientAdvisoryData) -> bool:
    """True when this advisory comes with something only staff may read."""
    return bool(data.safe_contact.staff_note or data.staff_warnings)


def render_staff_sheets(
    advisories: Sequence[ClientAdvisoryData], *, progress: ProgressCallback | None = None
) -> bytes:
    """One staff sheet per advisory, each numbered on its own, in one PDF for staff."""
    if not advisories:
        raise DocumentError("There are no staff sheets to print.")
    renderers = [StaffSheetRenderer(item) for item in advisories]
    first = advisories[0]
    metadata = PdfMetadata(title=TITLE, author=first.office.name, subject=TITLE,
                           language="en", stamp=first.issued_on)
    return render_many(renderers, metadata, progress)


class StaffSheetRenderer(DocumentRenderer):
    """Always in English: it is read by the office, whatever the client's language."""

    kind = KIND

    def __init__(self, data: ClientAdvisoryData) -> None:
        super().__init__(data.office, "en")
        self.data = data

    def title(self) -> str:
        return TITLE

    def running_head(self) -> str:
        return f"{BANNER} {self.data.client_name}"

    def document_date(self) -> date:
        return self.data.issued_on

    def build_story(self) -> list[Flowable]:
        s = self.styles
        data = self.data
        banner = boxed([self.para(BANNER, s.staff)], background=st.STAFF_SHADE,
                       border=st.STAFF_BORDER, width=self.frame_width)
        story: list[Flowable] = [
            banner,
            self.para(f"{TITLE}: court date advisory", s.title),
            self.para(f"Prepared {format_date(data.issued_on)}. Keep it in the office or "
                      "shred it; the client's advisory is a separate document.", s.body_small),
            Spacer(1, 6),
            *self._facts(),
            self.para("Safe contact", s.heading),
            self.para(data.safe_contact.staff_note
                      or "No safe-contact instructions recorded.", s.body),
        ]
        if not data.safe_contact.mail_allowed:
            story.append(self.para("Do not mail: the advisory carries no postal address.",
                                   s.body))
        if data.staff_warnings:
            story.append(self.para("Before handing over", s.heading))
            story += [Paragraph(markup(text), s.bullet, bulletText="•")
                      for text in data.staff_warnings]
        return story

    def _facts(self) -> list[Flowable]:
        data = self.data
        local = to_zone(data.starts_at, data.time_zone)
        rows = [
            ("Client", data.client_name),
            ("Language", _language(data)),
            ("Hearing", f"{format_long_date(local.date())}, {format_time(local)}"),
            ("Court", data.place.court_name),
            ("Mode", _MODES[data.mode]),
            ("Case number", data.docket_number),
            ("Risk level", data.risk_level),
            ("If missed", STAFF_LABELS[data.missed_court].removeprefix("Missing it: ")),
        ]
        return [self._fact_table([Block(BlockKind.FACT, value, label)
                                  for label, value in rows if value])]


def _language(data: ClientAdvisoryData) -> str:
    """The client's real language: "Haitian Creole (advisory in English)" when no advisory
    exists in it, so nobody takes the English page for one the client can read."""
    advisory = language_name(data.language)
    if data.client_language and data.client_language != data.language:
        own = language_name(data.client_language)
        return f"{own} (advisory in {advisory})"
    return advisory
