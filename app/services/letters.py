"""Letters and advisories: render, record (bytes + SHA-256, who, when, links), list, reprint.

Every document handed out is kept exactly as printed, with the template version that produced
it, so the office can show later what a client or the field office director was sent.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from app import documents  # the renderers load when a letter is first made
from app.documents.data import ClientAdvisoryData as AdvisoryData
from app.documents.data import RequestKind, Signatory
from app.documents.errors import Cancelled, DocumentError
from app.domain.errors import NotFoundError, UserError
from app.domain.risk_inputs import Assessment
from app.domain.risk_rules import load_rules
from app.services import (
    letter_advisory,
    letter_coalition,
    letter_court_request,
    letter_reminders,
)
from app.services.context import ServiceContext
from app.services.letter_data import Built
from app.services.letter_templates import TemplateStore
from app.services.office import OfficeService
from app.services.risk import RiskService
from app.storage.models import Hearing, Letter, LetterLink

KINDS = ("advisory", "coalition", "court-request", "reminders")
TEMPLATE_OF = {
    "advisory": "client_advisory",
    "coalition": "coalition_letter",
    "court-request": "court_request",
    "reminders": "reminder_script",
}


@dataclass(frozen=True)
class LetterRow:
    id: int
    kind: str
    title: str
    language: str
    created_at: datetime
    created_by: str
    template_version: str
    sha256: str
    size: int


@dataclass(frozen=True)
class Generated:
    """A recorded document. For advisories, ``staff_notes`` are for the screen and
    ``staff_pdf`` (when asked for) is the staff sheets: a separate file, never recorded as sent."""

    letter_id: int
    pdf: bytes
    sha256: str
    title: str
    staff_notes: tuple[str, ...] = ()
    staff_pdf: bytes | None = None
    # What staff must check before the document leaves the office (e.g. a request to the court
    # served on someone who may be the client's abuser); shown on screen, never printed.
    warnings: tuple[str, ...] = ()


_shipped_rules = cache(load_rules)


class LetterService:
    def __init__(self, ctx: ServiceContext, risk: RiskService | None = None) -> None:
        self.ctx = ctx
        self.templates = TemplateStore(ctx)
        self.risk = risk or RiskService(ctx, _shipped_rules)

    def advisory(
        self, hearing_id: int, language: str | None = None, *, staff_sheet: bool = False
    ) -> Generated:
        """The client's advisory. Staff-only words never print on it: they come back as
        ``staff_notes`` and, with ``staff_sheet``, as a separate staff-sheet PDF."""
        item = self.risk.assess_hearing(hearing_id)
        assessment = item.assessment if item is not None else None
        with self.ctx.uow.read() as session:
            built = letter_advisory.advisory(
                session, hearing_id, language, self._today(), assessment
            )
        template = self.templates.active("client_advisory", built.language)
        data: AdvisoryData = built.data  # type: ignore[assignment]
        pdf = _render(
            lambda: documents.render_client_advisory(data, template_source=template.source)
        )
        staff_pdf = _render(lambda: documents.render_staff_sheets([data])) if staff_sheet else None
        made = self._record("advisory", "client_advisory", template.version, built, pdf)
        return replace(made, staff_notes=letter_advisory.staff_lines(data), staff_pdf=staff_pdf)

    def coalition(
        self,
        start: date,
        end: date,
        *,
        field_office_key: str | None = None,
        signatories: Sequence[Signatory] = (),
        recipient_name: str | None = None,
        include_unverified: bool = False,
    ) -> Generated:
        with self.ctx.uow.read() as session:
            built = letter_coalition.coalition(
                session,
                start,
                end,
                self._today(),
                field_office_key=field_office_key,
                signatories=signatories,
                recipient_name=recipient_name,
                include_unverified=include_unverified,
            )
        template = self.templates.active("coalition_letter", "en")
        pdf = _render(
            lambda: documents.render_coalition_letter(
                built.data,  # type: ignore[arg-type]
                template_source=template.source,
            )
        )
        return self._record("coalition", "coalition_letter", template.version, built, pdf)

    def court_request(
        self,
        hearing_id: int,
        kind: RequestKind = RequestKind.REMOTE_APPEARANCE,
        *,
        court_name: str | None = None,
    ) -> Generated:
        """`court_name`: the court as the case papers name it, where CourtSafe cannot tell."""
        with self.ctx.uow.read() as session:
            built = letter_court_request.court_request(
                session, hearing_id, kind, self._today(), court_name
            )
        template = self.templates.active("court_request", "en")
        pdf = _render(
            lambda: documents.render_court_request(
                built.data,  # type: ignore[arg-type]
                template_source=template.source,
            )
        )
        made = self._record("court-request", "court_request", template.version, built, pdf)
        warnings = letter_court_request.staff_warnings(built.data)  # type: ignore[arg-type]
        return replace(made, warnings=warnings)

    def reminder_call_list(self, start: date, end: date) -> Generated:
        with self.ctx.uow.read() as session:
            built = letter_reminders.reminder_list(session, start, end, self._today())
        sources = {lang: self.templates.source("reminder_script", lang) for lang in ("en", "es")}
        version = ",".join(
            self.templates.active("reminder_script", lang).version for lang in ("en", "es")
        )
        pdf = _render(
            lambda: documents.render_reminder_call_list(
                built.data,  # type: ignore[arg-type]
                script_sources=sources,
            )
        )
        return self._record("reminders", "reminder_script", version, built, pdf)

    def advisory_batch(
        self,
        hearing_ids: Sequence[int],
        progress: Callable[[int, int], bool | None] | None = None,
        *,
        mark_advised: bool = True,
        staff_sheets: bool = False,
        assessments: Mapping[int, Assessment] | None = None,
    ) -> Generated:
        """All advisories in one PDF; hearings are marked as advised only when it is complete.

        `mark_advised=False` leaves the marking to `mark_letter_advised`, for callers that mark
        only once the document has really been saved or printed. The client PDF holds client
        pages only; `staff_sheets` adds every staff sheet as a separate PDF (`staff_pdf`), so a
        staff page can never sit between two clients' pages. `assessments` (by hearing id) spares
        assessing again hearings the caller has just listed with their flags.
        """
        if not hearing_ids:
            raise UserError("No hearings to write advisories for.")
        flags = dict(assessments or {})
        missing = [hearing_id for hearing_id in hearing_ids if hearing_id not in flags]
        for hearing_id, item in self.risk.assess_hearings(missing).items():
            flags[hearing_id] = item.assessment
        with self.ctx.uow.read() as session:
            built = letter_advisory.advisories(session, hearing_ids, self._today(), flags)
        sources = {
            lang: self.templates.source("client_advisory", lang)
            for lang in {b.language for b in built}
        }
        pdf = _render(
            lambda: documents.render_advisory_batch(
                [b.data for b in built],  # type: ignore[misc]
                progress=progress,
                template_sources=sources,
            )
        )
        batch = Built(
            None,
            f"{len(built)} hearing advisories",
            "multi",
            hearing_ids=tuple(h for b in built for h in b.hearing_ids),
            client_ids=tuple(sorted({c for b in built for c in b.client_ids})),
        )
        version = ",".join(
            sorted(
                f"{lang}:{self.templates.active('client_advisory', lang).version}"
                for lang in sources
            )
        )
        datas: list[AdvisoryData] = [b.data for b in built]  # type: ignore[misc]
        notes = tuple(n for d in datas for n in letter_advisory.staff_lines(d, with_name=True))
        staff_pdf = None
        if staff_sheets:
            staff_pdf = _render(lambda: documents.render_staff_sheets(datas))
        made = self._record(
            "advisory-batch", "client_advisory", version, batch, pdf, mark_advised=mark_advised
        )
        return replace(made, staff_notes=notes, staff_pdf=staff_pdf)

    def mark_letter_advised(self, letter_id: int) -> int:
        """Mark every hearing a recorded advisory letter concerned as advised; returns how many."""
        with self.ctx.uow.session() as session:
            ids = list(
                session.execute(
                    select(LetterLink.entity_id).where(
                        LetterLink.letter_id == letter_id, LetterLink.entity == "hearing"
                    )
                ).scalars()
            )
            if ids:
                _mark_advised(session, ids, self.ctx.now())
            return len(ids)

    def find(self, kind: str | None = None, limit: int = 500) -> list[LetterRow]:
        query = (
            select(
                Letter.id,
                Letter.kind,
                Letter.title,
                Letter.language,
                Letter.created_at,
                Letter.created_by,
                Letter.template_version,
                Letter.sha256,
            )
            .order_by(Letter.created_at.desc(), Letter.id.desc())
            .limit(limit)
        )
        if kind:
            query = query.where(Letter.kind == kind)
        with self.ctx.uow.read() as session:
            return [LetterRow(*row, size=0) for row in session.connection().execute(query)]

    def pdf(self, letter_id: int) -> bytes:
        with self.ctx.uow.read() as session:
            letter = session.get(Letter, letter_id)
            if letter is None:
                raise NotFoundError(f"There is no letter with id {letter_id}.")
            if hashlib.sha256(letter.pdf).hexdigest() != letter.sha256:
                raise UserError(f"Letter {letter_id} no longer matches its recorded checksum.")
            return letter.pdf

    def _record(
        self,
        kind: str,
        template: str,
        version: str,
        built: Built,
        pdf: bytes,
        *,
        mark_advised: bool = False,
    ) -> Generated:
        digest = hashlib.sha256(pdf).hexdigest()
        now = self.ctx.now()
        with self.ctx.uow.session() as session:
            letter = Letter(
                kind=kind,
                template_name=template,
                template_version=version,
                language=built.language,
                recipients=built.recipients,
                signatories=json.dumps(_signatories(built), ensure_ascii=False),
                title=built.title,
                created_by=self.ctx.actor,
                created_at=now,
                pdf=pdf,
                sha256=digest,
            )
            session.add(letter)
            session.flush()
            links: list[dict[str, Any]] = (
                [
                    {"letter_id": letter.id, "entity": "hearing", "entity_id": i}
                    for i in built.hearing_ids
                ]
                + [
                    {"letter_id": letter.id, "entity": "client", "entity_id": i}
                    for i in built.client_ids
                ]
                + [
                    {"letter_id": letter.id, "entity": "incident", "entity_id": i}
                    for i in built.incident_ids
                ]
            )
            if links:
                session.execute(insert(LetterLink), links)
            if mark_advised and built.hearing_ids:
                _mark_advised(session, built.hearing_ids, now)
            letter_id = letter.id
        return Generated(letter_id, pdf, digest, built.title)

    def _today(self) -> date:
        """Today in the office's time zone: a letter written at 8 pm in Denver is dated that day."""
        office = OfficeService(self.ctx).get()
        zone = ZoneInfo(office.time_zone) if office is not None else UTC
        return self.ctx.now().astimezone(zone).date()


def _mark_advised(session: Session, hearing_ids: Sequence[int], now: datetime) -> None:
    session.execute(
        update(Hearing)
        .where(Hearing.id.in_(list(hearing_ids)), Hearing.advisory_sent_at.is_(None))
        .values(advisory_sent_at=now, version=Hearing.version + 1)
        .execution_options(synchronize_session=False)
    )


def _signatories(built: Built) -> list[dict[str, str]]:
    signatories = getattr(built.data, "signatories", ())
    return [{"name": s.name, "title": s.title, "organisation": s.organisation} for s in signatories]


def _render(action: Callable[[], bytes]) -> bytes:
    try:
        return action()
    except Cancelled:
        raise
    except DocumentError as error:
        raise UserError(str(error)) from None
