"""`courtsafe letter` and `courtsafe letters`: the documents of the Letters page, from a script."""

from __future__ import annotations

import argparse
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from app.bootstrap import App
from app.cli.data_commands import office_zone
from app.cli.dates import parse_date, start_of
from app.cli.output import FORMATS, emit
from app.documents.data import RequestKind, Signatory
from app.domain.enums import RiskLevel
from app.domain.errors import UserError
from app.services.atomic_files import write_atomically
from app.services.letters import KINDS, Generated, LetterService
from app.services.risk import UpcomingFilter


def register(commands: Any) -> None:
    letter = commands.add_parser("letter", help="produce one document as a PDF")
    letter.add_argument("kind", choices=KINDS)
    letter.add_argument("--hearing", type=int, metavar="ID")
    letter.add_argument(
        "--client", type=int, metavar="ID", help="advisory for the client's next hearing"
    )
    letter.add_argument("--from", dest="start", type=parse_date, metavar="DATE")
    letter.add_argument("--to", dest="end", type=parse_date, metavar="DATE")
    letter.add_argument(
        "--lang",
        choices=("en", "es"),
        help="advisory language (default: the client's preferred language)",
    )
    letter.add_argument("--field-office", metavar="KEY", help="e.g. denver (coalition letter)")
    letter.add_argument("--recipient-name", metavar="NAME")
    letter.add_argument("--signatory", action="append", default=[], metavar="NAME|TITLE|ORG")
    letter.add_argument(
        "--include-unverified",
        action="store_true",
        help="coalition letter: also list unverified incident reports, marked (unverified)",
    )
    letter.add_argument(
        "--request",
        choices=[k.value for k in RequestKind],
        default=RequestKind.REMOTE_APPEARANCE.value,
    )
    letter.add_argument(
        "--court-name",
        metavar="NAME",
        help="court request: the court as the case papers name it, where CourtSafe cannot tell",
    )
    letter.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    letter.add_argument(
        "--staff-sheets", type=Path, metavar="FILE.pdf",
        help="advisory: also write the staff sheet (safe-contact notes) to this separate file",
    )
    letter.set_defaults(handler=run_letter)

    letters = commands.add_parser("letters", help="batches, the record of documents, reprints")
    actions = letters.add_subparsers(dest="subcommand", metavar="ACTION", required=True)
    batch = actions.add_parser("batch", help="advisories for upcoming hearings in one PDF")
    batch.add_argument("--kind", choices=("advisory",), default="advisory")
    batch.add_argument("--days", type=int, default=7)
    batch.add_argument(
        "--min-level",
        type=RiskLevel,
        choices=list(RiskLevel),
        default=RiskLevel.HIGH,
        metavar="LEVEL",
    )
    batch.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    batch.add_argument(
        "--staff-sheets", type=Path, metavar="FILE.pdf",
        help="also write every staff sheet (safe-contact notes) to this separate file",
    )
    batch.set_defaults(handler=run_batch)
    listing = actions.add_parser("list", help="documents produced, newest first")
    listing.add_argument("--format", choices=FORMATS, default="table")
    listing.set_defaults(handler=run_list)
    reprint = actions.add_parser("reprint", help="write a recorded document again")
    reprint.add_argument("letter_id", type=int, metavar="ID")
    reprint.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    reprint.set_defaults(handler=run_reprint)


def _signatory(text: str) -> Signatory:
    parts = [p.strip() for p in text.split("|")]
    if len(parts) != 3 or not all(parts):
        raise UserError(f"--signatory '{text}': write NAME|TITLE|ORGANISATION.")
    return Signatory(*parts)


def run_letter(args: argparse.Namespace, app: App) -> int:
    _check_pdf_paths(args)
    service = LetterService(app.ctx, app.services.risk)
    zone = office_zone(app)
    today = app.ctx.now().astimezone(ZoneInfo(zone)).date()
    kind = args.kind
    generated: Generated
    if kind in ("advisory", "court-request"):
        hearing_id = args.hearing or _next_hearing(app, args.client)
        if kind == "advisory":
            _check_staff_path(args)
            generated = service.advisory(
                hearing_id, args.lang, staff_sheet=args.staff_sheets is not None
            )
        else:
            generated = service.court_request(
                hearing_id, RequestKind(args.request), court_name=args.court_name
            )
    elif kind == "coalition":
        start = args.start or today - timedelta(days=90)
        generated = service.coalition(
            start,
            args.end or today,
            field_office_key=args.field_office,
            signatories=[_signatory(s) for s in args.signatory],
            recipient_name=args.recipient_name,
            include_unverified=args.include_unverified,
        )
    else:
        start = args.start or today
        generated = service.reminder_call_list(start, args.end or start + timedelta(days=6))
    if args.staff_sheets is not None and kind != "advisory":
        raise UserError("--staff-sheets goes with an advisory.")
    write_atomically(args.out, generated.pdf)
    print(
        f"{generated.title}: {args.out} (letter {generated.letter_id}, "
        f"SHA-256 {generated.sha256[:16]}…)"
    )
    _report_staff_words(args, generated, 1)
    for warning in generated.warnings:
        print(f"Before filing: {warning}", file=sys.stderr)
    return 0


def _check_pdf_paths(args: argparse.Namespace) -> None:
    """Every file written is a PDF, and named so: a PDF saved as notes.txt opens as gibberish
    or gets pasted somewhere as text."""
    for option, path in (("--out", args.out), ("--staff-sheets", getattr(args, "staff_sheets",
                                                                          None))):
        if path is not None and path.suffix.lower() != ".pdf":
            raise UserError(f"{option} {path}: the file is a PDF, so its name must end in .pdf.")


def _check_staff_path(args: argparse.Namespace) -> None:
    """Staff sheets go to a file of their own, never into the client's document."""
    staff = args.staff_sheets
    if staff is not None and staff.resolve() == args.out.resolve():
        raise UserError("--staff-sheets must name a different file from --out.")


def _report_staff_words(args: argparse.Namespace, generated: Generated, hearings: int) -> None:
    """Say that staff notes exist and where they went, never what they say.

    A terminal is read over a shoulder and its output lands in logs and job mail: a safe-contact
    note ("the abuser reads her texts") printed there reaches people it must not. The words go
    only into the staff-sheet PDF.
    """
    if generated.staff_pdf is not None and args.staff_sheets is not None:
        write_atomically(args.staff_sheets, generated.staff_pdf)
    if not generated.staff_notes:
        return
    with_notes = _hearings_with_staff_notes(generated, hearings)
    print(f"Staff notes (safe contact, warnings) for {with_notes} of {hearings} "
          f"hearing{'s' if hearings != 1 else ''}: not shown here.")
    if args.staff_sheets is not None:
        print(f"Staff sheets (keep them; not for the client): {args.staff_sheets}")
    else:
        print("Use --staff-sheets FILE.pdf to print them on staff sheets.")


def _hearings_with_staff_notes(generated: Generated, hearings: int) -> int:
    """How many hearings carry staff notes: a batch starts each note with the client's name."""
    if hearings <= 1:
        return 1
    return len({note.split(": ", 1)[0] for note in generated.staff_notes})


def _next_hearing(app: App, client_id: int | None) -> int:
    if client_id is None:
        raise UserError("Give --hearing ID (or --client ID for the client's next hearing).")
    now = app.ctx.now()
    upcoming = [h for h in app.services.hearings.for_client(client_id) if h.starts_at >= now]
    if not upcoming:
        app.services.clients.get(client_id)  # a clear message if the client does not exist
        raise UserError(f"Client {client_id} has no upcoming hearing.")
    return min(upcoming, key=lambda h: h.starts_at).id


def run_batch(args: argparse.Namespace, app: App) -> int:
    _check_pdf_paths(args)
    zone = office_zone(app)
    first = app.ctx.now().astimezone(ZoneInfo(zone)).date()
    items = app.services.risk.upcoming(
        UpcomingFilter(start=start_of(first, zone), days=args.days, min_level=args.min_level)
    )
    if not items:
        raise UserError(
            f"No hearings at level {args.min_level.value} or above in the next {args.days} days."
        )

    def progress(done: int, total: int) -> None:
        if sys.stderr.isatty():
            print(f"\r{done} of {total}", end="", file=sys.stderr, flush=True)

    _check_staff_path(args)
    letters = LetterService(app.ctx, app.services.risk)
    generated = letters.advisory_batch(
        [i.hearing_id for i in items], progress, mark_advised=False,
        staff_sheets=args.staff_sheets is not None,
        assessments={i.hearing_id: i.assessment for i in items},
    )
    write_atomically(args.out, generated.pdf)
    letters.mark_letter_advised(generated.letter_id)  # only once the file really exists
    print(
        f"{len(items)} advisories in {args.out} (letter {generated.letter_id}); those hearings "
        "are now marked as advised."
    )
    _report_staff_words(args, generated, len(items))
    return 0


def run_list(args: argparse.Namespace, app: App) -> int:
    rows = [
        {
            "id": r.id,
            "created_at": r.created_at.isoformat(timespec="seconds"),
            "kind": r.kind,
            "title": r.title,
            "language": r.language,
            "by": r.created_by,
            "template": r.template_version,
            "sha256": r.sha256,
        }
        for r in LetterService(app.ctx).find()
    ]
    emit(
        rows,
        ["id", "created_at", "kind", "title", "language", "by", "template", "sha256"],
        args.format,
    )
    return 0


def run_reprint(args: argparse.Namespace, app: App) -> int:
    _check_pdf_paths(args)
    write_atomically(args.out, LetterService(app.ctx).pdf(args.letter_id))
    print(f"Letter {args.letter_id} written to {args.out}.")
    return 0
