"""The ReportLab renderer base class every document kind derives from.

Modelled on pretix's invoice renderer: the base owns the page (Letter, margins, fonts, letterhead,
running head, "Page x of y", metadata) and subclasses fill template methods — ``title()``,
``running_head()`` and ``build_story()``. Several renderers can share one PDF (a batch of
advisories): each keeps its own page numbering, so the third client's advisory says "Page 1 of 1",
not "Page 3 of 500".
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from io import BytesIO
from typing import Any

from PIL import UnidentifiedImageError
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    HRFlowable,
    Image,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from app.documents import styles as st
from app.documents.errors import Cancelled, DocumentError, TemplateError
from app.documents.fonts import BODY, markup, register_fonts
from app.documents.i18n import page_label
from app.documents.paging import PageMark, SectionedCanvas, SectionStart
from app.documents.templates import Block, BlockKind
from app.version import __version__

ProgressCallback = Callable[[int, int], bool | None]
"""Called as ``progress(done, total)``; returning False (or raising Cancelled) stops the batch."""

LONG_CELL_CHARS = 400  # a cell this long may outgrow a page: let such tables split inside a row

#: A PDF's title and subject, per kind. Generic on purpose: metadata shows in print queues, file
#: managers and desktop search, so it never carries a client's name, a docket or a date.
GENERIC_TITLES = {
    "client_advisory": "Court date advisory",
    "coalition_letter": "Letter to ICE field office",
    "court_request": "Motion to the court",
    "reminder_script": "Reminder calls",
    "recovery_kit": "Backup recovery kit",
    "staff_sheet": "Staff sheet",
}

#: The PDF Author of every kind but the office's own public letter. Document properties show in
#: file managers, print queues and desktop search on any computer the file reaches: an office's
#: name ("… Immigrant Legal Aid") there tells whoever finds a client's paper what it is about.
AUTHOR = "CourtSafe"
#: Kinds the office publishes under its own name, which may keep it as their Author.
OFFICE_AUTHORED_KINDS = frozenset({"coalition_letter"})


@dataclass(frozen=True)
class PdfMetadata:
    title: str
    author: str
    subject: str
    language: str
    stamp: date
    keywords: str = ""


class DocumentRenderer(ABC):
    """One document of one kind. Subclasses implement the template methods below."""

    #: stable name, also the template folder: resources/templates/<kind>/<lang>.md.j2
    kind: str = ""
    #: page size of this kind; a batch uses the first document's
    page_size: tuple[float, float] = st.PAGE_SIZE

    def __init__(self, office: Any, language: str = "en") -> None:
        register_fonts()
        self.office = office
        self.language = language
        self.styles = st.build_styles()

    @property
    def frame_width(self) -> float:
        return self.page_size[0] - st.MARGIN_LEFT - st.MARGIN_RIGHT

    @property
    def frame_height(self) -> float:
        return self.page_size[1] - st.MARGIN_TOP - st.MARGIN_BOTTOM

    # --- template methods -------------------------------------------------------------------

    @abstractmethod
    def title(self) -> str:
        """Title for the running head; the PDF metadata uses ``metadata_title()``."""

    def metadata_title(self) -> str:
        """The PDF's title and subject: the kind of document, nothing about whom it concerns."""
        return GENERIC_TITLES.get(self.kind, "Document")

    def running_head(self) -> str:
        """Small line at the top of continuation pages, so a loose page finds its document."""
        return f"{self.office.name} · {self.title()}"

    def document_date(self) -> date:
        """Date stamped into the PDF metadata."""
        return date(2000, 1, 1)

    @abstractmethod
    def build_story(self) -> list[Flowable]:
        """The flowables of this document, letterhead included."""

    # --- rendering ----------------------------------------------------------------------------

    def metadata(self) -> PdfMetadata:
        generic = self.metadata_title()
        author = self.office.name if self.kind in OFFICE_AUTHORED_KINDS else AUTHOR
        return PdfMetadata(generic, author, generic, self.language, self.document_date())

    def render(self) -> bytes:
        """The finished PDF as bytes; nothing touches the disk or the network."""
        return render_many([self], self.metadata())

    # --- building blocks for subclasses -------------------------------------------------------

    def para(self, text: str, style: Any = None) -> Paragraph:
        """A paragraph of plain text — the normal way user text enters a document."""
        return Paragraph(markup(text), style or self.styles.body)

    def para_markup(self, markup_text: str, style: Any, bullet: str | None = None) -> Paragraph:
        """A paragraph from markup the caller built with ``markup()`` around every value."""
        return Paragraph(markup_text, style, bulletText=bullet)

    def labelled(self, label: str, value: str, style: Any = None) -> Paragraph:
        """'Label: value' with a bold label; both parts are escaped here."""
        return Paragraph(f"<b>{markup(label)}</b> {markup(value)}", style or self.styles.body)

    def letterhead(self) -> list[Flowable]:
        """Office name, address, contact details and optional logo, over an accent rule."""
        office = self.office
        left: list[Flowable] = [self.para(office.name, self.styles.letterhead_name)]
        left += [self.para(line, self.styles.letterhead_line) for line in office.address_lines]
        right = [self.para(office.phone, self.styles.letterhead_right)]
        if office.email:
            right.append(self.para(office.email, self.styles.letterhead_right))
        logo = self._logo()
        cells: list[Any] = ([logo] if logo else []) + [left, right]
        right_width = _contact_width([office.phone, office.email], self.frame_width)
        logo_width = 0.95 * st.INCH if logo else 0.0
        widths = ([logo_width] if logo else []) + [self.frame_width - right_width - logo_width,
                                                   right_width]
        table = make_table([cells], widths, [
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ])
        rule = HRFlowable(width="100%", thickness=1.2, color=st.ACCENT, spaceBefore=6,
                          spaceAfter=12)
        return [table, rule]

    def _logo(self) -> Image | None:
        data = self.office.logo_png
        if not data:
            return None
        try:
            reader = ImageReader(BytesIO(data))
            width, height = reader.getSize()
        except (OSError, UnidentifiedImageError, ValueError):
            raise DocumentError("The office logo could not be read as an image.") from None
        box = 0.8 * st.INCH
        scale = min(box / width, box / height)
        return Image(BytesIO(data), width=width * scale, height=height * scale, hAlign="LEFT")

    def blocks_to_flowables(
        self, blocks: Sequence[Block], slots: Mapping[str, Callable[[], list[Flowable]]]
    ) -> list[Flowable]:
        """Lay out template blocks; consecutive facts and notices are grouped into one box."""
        story: list[Flowable] = []
        index = 0
        while index < len(blocks):
            block = blocks[index]
            if block.kind in (BlockKind.FACT, BlockKind.NOTICE):
                end = index
                while end < len(blocks) and blocks[end].kind is block.kind:
                    end += 1
                group = blocks[index:end]
                story.append(self._fact_table(group) if block.kind is BlockKind.FACT
                             else self._notice(group))
                index = end
                continue
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            if block.kind is BlockKind.SLOT and block.text in _SIGNATURE_SLOTS:
                _keep_closing_with_signatures(story)
            story += self._block_flowables(block, slots, following)
            index += 1
        return story

    def _block_flowables(
        self, block: Block, slots: Mapping[str, Callable[[], list[Flowable]]],
        following: Block | None,
    ) -> list[Flowable]:
        s = self.styles
        if block.kind is BlockKind.SLOT:
            if block.text not in slots:
                raise TemplateError(f"This document has no part called '{block.text}'.")
            return slots[block.text]()
        if block.kind is BlockKind.BULLET:
            last = following is None or following.kind is not BlockKind.BULLET
            return [Paragraph(markup(block.text), s.bullet_last if last else s.bullet,
                              bulletText=block.label or "•")]
        if block.kind is BlockKind.COMMAND:
            return [self.para(block.text, s.command)]
        style = {BlockKind.TITLE: s.title, BlockKind.HEADING: s.heading}.get(block.kind, s.body)
        if block.kind is BlockKind.PARAGRAPH and following is not None and following.kind in (
            BlockKind.SLOT, BlockKind.BULLET
        ):
            # "…the following incidents:" or "Sincerely," must not end a page alone.
            style = s.body_lead_in
        return [self.para(block.text, style)]

    def _fact_table(self, rows: Sequence[Block]) -> Flowable:
        data = [[self.para(row.label, self.styles.label), self.para(row.text, self.styles.value)]
                for row in rows]
        label_width = 1.45 * st.INCH
        table = make_table(data, [label_width, self.frame_width - label_width], [
            ("BACKGROUND", (0, 0), (-1, -1), st.SHADE),
            ("LINEBEFORE", (0, 0), (0, -1), 3, st.ACCENT),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            ("LEFTPADDING", (0, 0), (0, -1), 10),
        ])
        return KeepTogether([table, Spacer(1, 8)])

    def _notice(self, rows: Sequence[Block]) -> Flowable:
        cell = [self.para(row.text, self.styles.callout) for row in rows]
        for paragraph in cell[:-1]:
            paragraph.style = self.styles.callout.clone("callout_gap", spaceAfter=5)
        return boxed(cell, background=st.SHADE, border=st.ACCENT, width=self.frame_width)


_SIGNATURE_SLOTS = frozenset({"signature", "signatures"})


def _keep_closing_with_signatures(story: list[Flowable]) -> None:
    """The closing sentence and "Sincerely," move with the signatures: never signatures alone."""
    for flowable in story[-2:]:
        if isinstance(flowable, Paragraph):
            flowable.style = flowable.style.clone(f"{flowable.style.name}_closing",
                                                  keepWithNext=True)


def _contact_width(lines: Sequence[str], frame_width: float) -> float:
    """Wide enough that an e-mail address never breaks, yet never more than 45% of the page."""
    widest = max(float(stringWidth(line, BODY, 8.5)) for line in lines) if lines else 0.0
    return min(max(widest + 6, 1.6 * st.INCH), 0.45 * frame_width)


def boxed(content: list[Flowable], *, background: Any, border: Any,
          width: float = st.FRAME_WIDTH) -> Flowable:
    """A shaded box with a strong left edge: notices, staff notes."""
    table = make_table([[content]], [width], [
        ("BACKGROUND", (0, 0), (-1, -1), background),
        ("LINEBEFORE", (0, 0), (0, -1), 3, border),
        ("TOPPADDING", (0, 0), (-1, -1), 7),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
        ("LEFTPADDING", (0, 0), (-1, -1), 10),
        ("RIGHTPADDING", (0, 0), (-1, -1), 10),
    ])
    return KeepTogether([table, Spacer(1, 8)])


def make_table(data: list[list[Any]], widths: Sequence[float], style: list[tuple[Any, ...]],
               repeat_rows: int = 0) -> Table:
    """A Table that never raises LayoutError on a freakishly long value.

    Rows normally move whole to the next page (clean breaks); only when some cell holds a very
    long text (a 2,000-character name) may a row split inside, because it could not fit any page.
    """
    split_inside = any(_cell_chars(cell) > LONG_CELL_CHARS for row in data for cell in row)
    table = Table(data, colWidths=list(widths), repeatRows=repeat_rows, splitByRow=1,
                  splitInRow=1 if split_inside else 0, hAlign="LEFT")
    table.setStyle(TableStyle(style))
    return table


def _cell_chars(cell: Any) -> int:
    if isinstance(cell, list | tuple):
        return sum(_cell_chars(item) for item in cell)
    if isinstance(cell, Paragraph):
        return len(cell.text)
    if isinstance(cell, str):
        return len(cell)
    return 0


def _page_template(page_size: tuple[float, float]) -> PageTemplate:
    width, height = page_size
    frame = Frame(st.MARGIN_LEFT, st.MARGIN_BOTTOM, width - st.MARGIN_LEFT - st.MARGIN_RIGHT,
                  height - st.MARGIN_TOP - st.MARGIN_BOTTOM,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
    return PageTemplate(id="page", frames=[frame], pagesize=page_size)


class _Decorator:
    """Draws running head and footer on each held page once the section totals are known."""

    def __init__(self, renderers: Sequence[DocumentRenderer]) -> None:
        self.renderers = renderers
        self.footer_style = renderers[0].styles.footer

    def __call__(self, canvas: Canvas, mark: PageMark) -> None:
        renderer = self.renderers[mark.section]
        width, height = renderer.page_size
        canvas.saveState()
        canvas.setStrokeColor(st.RULE)
        canvas.setLineWidth(0.5)
        canvas.line(st.MARGIN_LEFT, 0.68 * st.INCH, width - st.MARGIN_RIGHT, 0.68 * st.INCH)
        canvas.setFont(BODY, 8)
        canvas.setFillColor(st.MUTED)
        canvas.drawRightString(width - st.MARGIN_RIGHT, 0.5 * st.INCH,
                               page_label(mark.number, mark.total, renderer.language))
        line_width = renderer.frame_width - 1.3 * st.INCH
        self._line(canvas, _clip(renderer.office.name), 0.5 * st.INCH, line_width)
        if mark.number > 1:
            self._line(canvas, _clip(renderer.running_head(), 110), height - 0.5 * st.INCH,
                       line_width)
        canvas.restoreState()

    def _line(self, canvas: Canvas, text: str, y: float, width: float) -> None:
        paragraph = Paragraph(markup(text), self.footer_style)
        paragraph.wrapOn(canvas, width, 20)
        paragraph.drawOn(canvas, st.MARGIN_LEFT, y - 2)


def _clip(text: str, limit: int = 80) -> str:
    """Footers are one line: the full text is in the letterhead or the body."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _author(metadata: PdfMetadata, renderers: Sequence[DocumentRenderer]) -> str:
    """The Author to write: AUTHOR, whoever built the metadata, unless every document is one the
    office publishes under its own name. A person's or an office's name stays off the others."""
    if all(renderer.kind in OFFICE_AUTHORED_KINDS for renderer in renderers):
        return metadata.author
    return AUTHOR


def render_many(renderers: Sequence[DocumentRenderer], metadata: PdfMetadata,
                progress: ProgressCallback | None = None) -> bytes:
    """Render one or more documents into a single PDF, each numbered on its own.

    ``progress(done, total)`` is called as documents are laid out, from the calling thread; a False
    return or a raised Cancelled stops the work and raises Cancelled (no partial PDF is returned).
    """
    if not renderers:
        raise DocumentError("There is nothing to print.")
    total = len(renderers)

    def report(done: int) -> None:
        if progress is not None and progress(done, total) is False:
            raise Cancelled()

    report(0)
    story: list[Flowable] = []
    for index, renderer in enumerate(renderers):
        if index:
            story.append(PageBreak())
        story.append(SectionStart(index, report))
        story += renderer.build_story()
    buffer = BytesIO()
    page_size = renderers[0].page_size
    doc = BaseDocTemplate(
        buffer, pagesize=page_size, title=metadata.title, author=_author(metadata, renderers),
        subject=metadata.subject, creator=f"CourtSafe {__version__}", keywords=metadata.keywords,
        lang=metadata.language, invariant=1, leftMargin=st.MARGIN_LEFT,
        rightMargin=st.MARGIN_RIGHT, topMargin=st.MARGIN_TOP, bottomMargin=st.MARGIN_BOTTOM,
    )
    doc.addPageTemplates([_page_template(page_size)])
    decorate = _Decorator(renderers)

    def canvas_maker(*args: Any, **kwargs: Any) -> Canvas:
        return SectionedCanvas(*args, decorate=decorate, stamp=metadata.stamp, **kwargs)

    doc.build(story, canvasmaker=canvas_maker)
    report(total)
    return buffer.getvalue()


__all__ = [
    "AUTHOR",
    "GENERIC_TITLES",
    "OFFICE_AUTHORED_KINDS",
    "DocumentRenderer",
    "PageMark",
    "PdfMetadata",
    "ProgressCallback",
    "boxed",
    "make_table",
    "render_many",
]
