"""Client hearing advisory in the client's language, one page where possible, and batches of them.

The reminder research behind the wording (policy.md, "Court-date reminders"): naming the
consequence of missing court and prompting the person to plan the trip cut failures to appear the
most. The prose lives in ``resources/templates/client_advisory/<lang>.md.j2``; this module adds
what must never be left to a template: the staff-only note and an address block that says nothing
about immigration.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

from reportlab.platypus import Flowable

from app.documents import styles as st
from app.documents.base import (
    DocumentRenderer,
    PdfMetadata,
    ProgressCallback,
    boxed,
    make_table,
    render_many,
)
from app.documents.data import ClientAdvisoryData, CourtPlace, OfficeInfo, SafeContact
from app.documents.errors import DocumentError
from app.documents.i18n import format_date, format_long_date, format_time, to_zone
from app.documents.templates import default_source, render_blocks

KIND = "client_advisory"

_TITLES = {"en": "Court date advisory", "es": "Aviso de fecha en la corte"}
_BATCH_TITLE = "Client advisories"


def render_client_advisory(
    data: ClientAdvisoryData, *, template_source: str | None = None
) -> bytes:
    """One advisory as PDF bytes, in ``data.language``."""
    return ClientAdvisoryRenderer(data, template_source).render()


def render_advisory_batch(
    advisories: Sequence[ClientAdvisoryData],
    *,
    progress: ProgressCallback | None = None,
    template_sources: dict[str, str] | None = None,
) -> bytes:
    """Many advisories in ONE PDF, each with its own "Page x of y", for printing in one go.

    ``progress(done, total)`` is called as advisories are laid out; return False (or raise
    Cancelled) to stop — Cancelled is then raised and no PDF is returned. ``template_sources``
    maps a language to an office's edited template, used instead of the default.
    """
    if not advisories:
        raise DocumentError("There are no advisories to print.")
    sources = template_sources or {}
    renderers = [ClientAdvisoryRenderer(item, sources.get(item.language)) for item in advisories]
    first = advisories[0]
    metadata = PdfMetadata(
        title=f"{_BATCH_TITLE} ({len(advisories)})", author=first.office.name,
        subject=_BATCH_TITLE, language=first.language, stamp=first.issued_on,
    )
    return render_many(renderers, metadata, progress)


def template_context(data: ClientAdvisoryData) -> dict[str, Any]:
    """The fields an advisory template may use."""
    local = to_zone(data.starts_at, data.time_zone)
    lang = data.language
    return {
        "client_name": data.client_name,
        "office_name": data.office.name,
        "office_phone": data.office.phone,
        "hearing_date": format_long_date(local.date(), lang),
        "hearing_time": format_time(local, lang),
        "court_name": data.place.court_name,
        "court_address": ", ".join(data.place.address_lines),
        "courtroom": data.place.courtroom,
        "docket_number": data.docket_number,
        "hearing_type": data.hearing_type,
        "bring_items": list(data.bring_items),
        "issued_on": format_date(data.issued_on, lang),
    }


class ClientAdvisoryRenderer(DocumentRenderer):
    kind = KIND

    def __init__(self, data: ClientAdvisoryData, template_source: str | None = None) -> None:
        super().__init__(data.office, data.language)
        self.data = data
        self.source = (template_source if template_source is not None
                       else default_source(KIND, data.language))

    def title(self) -> str:
        return f"{_TITLES.get(self.language, _TITLES['en'])}: {self.data.client_name}"

    def running_head(self) -> str:
        return self.title()

    def document_date(self) -> date:
        return self.data.issued_on

    def build_story(self) -> list[Flowable]:
        blocks = render_blocks(self.source, template_context(self.data))
        return self.one_page_if_close([
            *self._staff_note(),
            *self.letterhead(),
            self._address_and_date(),
            *self.blocks_to_flowables(blocks, {}),
        ])

    def _staff_note(self) -> list[Flowable]:
        """Safe-contact instructions for whoever hands the page over; printed above everything."""
        note = self.data.safe_contact.staff_note
        if not note:
            return []
        text = f"FOR STAFF — remove this note before handing over: {note}"
        return [boxed([self.para(text, self.styles.staff)], background=st.STAFF_SHADE,
                      border=st.STAFF_BORDER)]

    def _address_and_date(self) -> Flowable:
        """Client's postal address (left) and the date (right).

        Only the name and address: what shows through an envelope window reveals nothing else. No
        address at all when safe-contact instructions rule out mail.
        """
        data = self.data
        lines: list[Flowable] = []
        if data.safe_contact.mail_allowed and data.mailing_address_lines:
            lines = [self.para(line, self.styles.signature)
                     for line in (data.client_name, *data.mailing_address_lines)]
        issued = self.para(format_date(data.issued_on, self.language), self.styles.date_right)
        date_width = 2.2 * st.INCH
        return make_table([[lines, issued]], [self.frame_width - date_width, date_width], [
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ])


def sample_client_advisory(language: str = "en", client_name: str = "Nguyễn Văn Thắng"
                           ) -> ClientAdvisoryData:
    """Realistic sample data for template previews, tests and benchmarks."""
    bring = {"en": ("your green card or work permit, if you have one",),
             "es": ("su tarjeta de residencia o permiso de trabajo, si lo tiene",)}
    hearing_type = {"en": "pre-trial conference", "es": "audiencia preliminar"}
    return ClientAdvisoryData(
        office=OfficeInfo(
            name="Front Range Immigrant Legal Defense",
            address_lines=("1250 Federal Boulevard, Suite 300", "Denver, CO 80204"),
            phone="(303) 555-0142", email="office@frontrange-legal.example",
        ),
        language=language,
        client_name=client_name,
        starts_at=datetime(2026, 5, 12, 15, 30, tzinfo=UTC),
        time_zone="America/Denver",
        place=CourtPlace("Denver County Court, Lindsey-Flanigan Courthouse",
                         ("520 West Colfax Avenue", "Denver, CO 80204"), "3F"),
        issued_on=date(2026, 4, 28),
        docket_number="26M01234",
        hearing_type=hearing_type.get(language, ""),
        bring_items=bring.get(language, ()),
        mailing_address_lines=("4410 Josephine Street, Apt. 2", "Denver, CO 80216"),
        safe_contact=SafeContact(),
    )
