"""Client hearing advisory in the client's language, and batches of them.

Always at full size: body text never shrinks below 10 points to fit one page. A second page is
better than small print for a client who may read poorly or without glasses.

The reminder research behind the wording (policy.md, "Court-date reminders"): naming the
consequence of missing court and prompting the person to plan the trip cut failures to appear the
most. The prose lives in ``resources/templates/client_advisory/<lang>.md.j2``; this module adds
what must never be left to a template, as slots the template places: where or how to attend
(a remote hearing never gets a street address), what missing *this* court means, getting ready,
the advice the flag calls for, and an address block that says nothing about immigration.

Nothing for staff prints here: the safe-contact note and staff warnings go on the staff sheet
(app.documents.staff_sheet), a separate document that is never interleaved with client pages.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

from reportlab.platypus import Flowable, Paragraph

from app.documents import advisory_words as words
from app.documents import styles as st
from app.documents.base import (
    AUTHOR,
    DocumentRenderer,
    PdfMetadata,
    ProgressCallback,
    make_table,
    render_many,
)
from app.documents.data import (
    ClientAdvisoryData,
    CourtPlace,
    OfficeInfo,
    SafeContact,
)
from app.documents.errors import DocumentError, TemplateError
from app.documents.fonts import markup
from app.documents.i18n import format_date, format_long_date, format_time, to_zone
from app.documents.missed_court import Consequence, missed_court_text
from app.documents.templates import Block, BlockKind, Slot, default_source, render_blocks
from app.domain.enums import AppearanceMode

KIND = "client_advisory"
#: Parts built in code; a template (an office's edit too) must place every one.
SLOTS = ("hearing_facts", "missed_court", "getting_ready", "advice")

_TITLES = {"en": "Court date advisory", "es": "Aviso de fecha en la corte"}
_BATCH_TITLE = "Court date advisories"
#: The fewest lines the last page may hold when an advisory runs onto a second page.
TAIL_LINES = 4


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
        title=_BATCH_TITLE, author=AUTHOR,
        subject=_BATCH_TITLE, language=first.language, stamp=first.issued_on,
    )
    return render_many(renderers, metadata, progress)


def template_context(data: ClientAdvisoryData) -> dict[str, Any]:
    """The fields an advisory template may use (the slots are parts built in code)."""
    local = to_zone(data.starts_at, data.time_zone)
    lang = data.language
    remote = data.mode is AppearanceMode.REMOTE
    proof = words.PROOF.get(lang, words.PROOF["en"])
    return {
        "client_name": data.client_name,
        "office_name": data.office.name,
        "office_phone": data.office.phone,
        "hearing_date": format_long_date(local.date(), lang),
        "hearing_time": format_time(local, lang),
        "court_name": data.place.court_name,
        "court_address": "" if remote else ", ".join(data.place.address_lines),
        "courtroom": "" if remote else data.place.courtroom,
        "docket_number": data.docket_number,
        "hearing_type": data.hearing_type,
        "remote": remote,
        "bring_heading": words.BRING_HEADING.get(lang, words.BRING_HEADING["en"])[remote],
        "bring_items": [*(proof[a] for a in data.advice if a in proof), *data.bring_items],
        "issued_on": format_date(data.issued_on, lang),
        **{name: Slot(name) for name in SLOTS},
    }


class ClientAdvisoryRenderer(DocumentRenderer):
    kind = KIND

    def __init__(self, data: ClientAdvisoryData, template_source: str | None = None) -> None:
        super().__init__(data.office, data.language)
        for style in (self.styles.body, self.styles.body_lead_in, self.styles.bullet,
                      self.styles.bullet_last):
            style.allowWidows = 0  # a paragraph's last line never starts a page alone
        self.data = data
        self.source = (template_source if template_source is not None
                       else default_source(KIND, data.language))

    def title(self) -> str:
        return _TITLES.get(self.language, _TITLES["en"])

    def running_head(self) -> str:
        return f"{self.title()}: {self.data.client_name}"

    def document_date(self) -> date:
        return self.data.issued_on

    def build_story(self) -> list[Flowable]:
        blocks = render_blocks(self.source, template_context(self.data))
        _require_slots(blocks)
        slots = {
            "hearing_facts": self._hearing_facts,
            "missed_court": self._missed_court,
            "getting_ready": self._getting_ready,
            "advice": self._advice,
        }
        story = [
            *self.letterhead(),
            self._address_and_date(),
            *self.blocks_to_flowables(blocks, slots),
        ]
        _no_lone_lines(story, self.frame_width)
        return story

    # -- the parts built in code ------------------------------------------------------------

    def _hearing_facts(self) -> list[Flowable]:
        """When, and where or how: a remote hearing carries no street address or courtroom."""
        data, lang = self.data, self.language
        label = words.words(words.LABELS, lang)
        local = to_zone(data.starts_at, data.time_zone)
        rows = [(label["when"], f"{format_long_date(local.date(), lang)}, {label['at']} "
                                f"{format_time(local, lang)}")]
        if data.mode is not AppearanceMode.IN_PERSON:
            rows.append((label["how"], words.HOW.get(lang, words.HOW["en"])[data.mode]))
        rows.append((label["court"], data.place.court_name))
        if data.mode is not AppearanceMode.REMOTE:
            rows.append((label["address"], ", ".join(data.place.address_lines)))
            if data.place.courtroom:
                rows.append((label["courtroom"], data.place.courtroom))
        if data.mode is not AppearanceMode.IN_PERSON:
            rows += self._join_rows(label)
        if data.docket_number:
            rows.append((label["case"], data.docket_number))
        if data.hearing_type:
            rows.append((label["hearing"], data.hearing_type))
        return [self._fact_table([Block(BlockKind.FACT, value, name) for name, value in rows
                                  if value])]

    def _join_rows(self, label: dict[str, str]) -> list[tuple[str, str]]:
        join = self.data.join
        if not join.given:
            phone = self.data.office.phone
            return [(label["join"], words.NO_JOIN_DETAILS.get(
                self.language, words.NO_JOIN_DETAILS["en"]).format(phone=phone))]
        return [(label["link"], join.url), (label["phone"], join.phone),
                (label["meeting_id"], join.meeting_id), (label["passcode"], join.passcode)]

    def _missed_court(self) -> list[Flowable]:
        """What missing *this* court means for this person, and whom to call instead."""
        lang = self.language
        remote = self.data.mode is AppearanceMode.REMOTE
        call = words.CANNOT_GO.get(lang, words.CANNOT_GO["en"])[remote]
        return [self._notice([
            Block(BlockKind.NOTICE, missed_court_text(self.data.missed_court, lang)),
            Block(BlockKind.NOTICE, call.format(phone=self.data.office.phone)),
        ])]

    def _getting_ready(self) -> list[Flowable]:
        lang = self.language
        heading, paragraphs = words.GETTING_READY.get(lang, words.GETTING_READY["en"])[
            self.data.mode]
        story: list[Flowable] = [self.para(heading, self.styles.heading)]
        story += [self.para(text.format(phone=self.data.office.phone)) for text in paragraphs]
        return story

    def _advice(self) -> list[Flowable]:
        """What to do before court, following the flag; nothing when the flag asks nothing."""
        lang = self.language
        to_do = words.TO_DO.get(lang, words.TO_DO["en"])
        items = [words.state_law_text(law, lang) for law in self.data.state_laws]
        items += [to_do[advice] for advice in self.data.advice if advice in to_do]
        if not items:
            return []
        story: list[Flowable] = [self.para(words.ADVICE_HEADING.get(lang, words.ADVICE_HEADING[
            "en"]), self.styles.heading)]
        for index, text in enumerate(items):
            style = self.styles.bullet_last if index == len(items) - 1 else self.styles.bullet
            story.append(self.para_markup(markup(text), style, bullet="•"))
        return story

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


def _no_lone_lines(story: list[Flowable], width: float) -> None:
    """Keep the last paragraphs together so a second page never holds a line or two.

    "Your rights" may split across the pages (its heading stays with its first lines), but the
    closing lines move as one group of at least TAIL_LINES lines: a page with only "Questions?"
    on it looks like a page printed by mistake, and a client may set it aside unread.
    """
    lines = 0
    for index in range(len(story) - 1, -1, -1):
        flowable = story[index]
        if not isinstance(flowable, Paragraph):
            return
        if lines:
            style = flowable.style
            flowable.style = style.clone(f"{style.name}_tail", keepWithNext=True)
        _, height = flowable.wrap(width, 10_000)
        lines += max(1, round(height / flowable.style.leading))
        if lines >= TAIL_LINES:
            return


def _require_slots(blocks: list[Block]) -> None:
    """An edited template that lost a part built in code would print a wrong or missing address
    or consequence: refuse it with the line to add back."""
    present = {block.text for block in blocks if block.kind is BlockKind.SLOT}
    missing = [name for name in SLOTS if name not in present]
    if missing:
        raise TemplateError(
            f"The advisory template must keep the line {{{{ {missing[0]} }}}} on a line of its "
            "own (it prints where and how to attend, and what missing court means). Add it back "
            "in Edit template…, or reset the template to the default."
        )


def sample_client_advisory(language: str = "en", client_name: str = "Nguyễn Văn Thắng"
                           ) -> ClientAdvisoryData:
    """Realistic sample data for template previews, tests and benchmarks."""
    bring = {"en": ("your green card or work permit, if you have one",),
             "es": ("su tarjeta de residencia o permiso de trabajo, si lo tiene",)}
    hearing_type = {"en": "pre-trial conference", "es": "conferencia previa al juicio"}
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
        missed_court=Consequence.BENCH_WARRANT,
    )
