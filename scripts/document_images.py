"""Render the README's document images from a throwaway demo office.

    .venv/bin/python scripts/document_images.py [--out docs/images]

Every document is produced through the same services the window and the command line use, from a
reproducible demo office built in a temporary folder (deleted afterwards), then its first page is
turned into a PNG with poppler's pdftoppm. Nothing touches a real office.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import select

from app.bootstrap import App, OpenOptions, open_app
from app.documents.data import RequestKind
from app.documents.recovery_kit import render_recovery_kit, sample_recovery_kit
from app.domain.enums import AppearanceMode, ClientRole, CourtKind, StaffRole
from app.services.demo import DemoService
from app.services.letters import LetterService
from app.storage.models import Client, Courthouse, Hearing, LegalCase, StaffMember

PASSPHRASE = "document-images"  # a throwaway office of synthetic people


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("docs/images"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        app = open_app(OpenOptions(data_dir=Path(folder), passphrase=PASSPHRASE))
        try:
            DemoService(app.ctx).generate(300, 1500, seed=1)
            for name, pdf in documents(app):
                write_png(pdf, args.out / f"document-{name}.png", Path(folder))
        finally:
            app.close()
    return 0


def documents(app: App) -> list[tuple[str, bytes]]:
    letters = LetterService(app.ctx)
    today = app.ctx.now().date()
    state_court = first_hearing(app, lambda h, c, case, court: (
        court.state == "CO" and h.court_kind is CourtKind.CRIMINAL
        and h.mode is AppearanceMode.IN_PERSON and case.client_role is ClientRole.DEFENDANT
        and c.preferred_language == "es"))
    remote = first_hearing(app, lambda h, c, case, court: (
        h.court_kind is CourtKind.IMMIGRATION and h.mode is AppearanceMode.REMOTE
        and bool(h.join_url) and bool(c.a_number)))
    in_person_immigration = first_hearing(app, lambda h, c, case, court: (
        h.court_kind is CourtKind.IMMIGRATION and h.mode is AppearanceMode.IN_PERSON
        and bool(c.a_number)), attorney=True)
    with_note = first_hearing(app, lambda h, c, case, court: bool(c.safe_contact.strip()))
    made = [
        ("client-advisory-es", letters.advisory(state_court, "es").pdf),
        ("client-advisory-en", letters.advisory(remote, "en").pdf),
        ("staff-sheet", letters.advisory(with_note, staff_sheet=True).staff_pdf or b""),
        ("court-request", letters.court_request(
            in_person_immigration, RequestKind.REMOTE_APPEARANCE).pdf),
        ("coalition-letter", letters.coalition(today - timedelta(days=365), today,
                                               field_office_key="denver").pdf),
        ("reminder-call-list", letters.reminder_call_list(today, today + timedelta(days=6)).pdf),
        ("recovery-kit", render_recovery_kit(sample_recovery_kit())),
    ]
    return made


Match = Callable[[Hearing, Client, LegalCase, Courthouse], bool]


def first_hearing(app: App, match: Match, *, attorney: bool = False) -> int:
    """The first upcoming scheduled hearing that fits, so every image shows a live case."""
    start = app.ctx.now()
    with app.ctx.uow.read() as session:
        rows = session.execute(
            select(Hearing, Client, LegalCase, Courthouse)
            .join(LegalCase, LegalCase.id == Hearing.case_id)
            .join(Client, Client.id == LegalCase.client_id)
            .join(Courthouse, Courthouse.id == Hearing.courthouse_id)
            .outerjoin(StaffMember, StaffMember.id == LegalCase.assigned_staff_id)
            .where(StaffMember.role == StaffRole.ATTORNEY.value if attorney else True)
            .where(Hearing.starts_at >= start, Hearing.starts_at < start + timedelta(days=120))
            .order_by(Hearing.starts_at)
        ).all()
        for hearing, client, case, court in rows:
            if match(hearing, client, case, court):
                return hearing.id
    raise SystemExit("The demo office has no hearing of that kind: change the seed.")


def write_png(pdf: bytes, target: Path, scratch: Path) -> None:
    source = scratch / "page.pdf"
    source.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1", "-singlefile",
                    str(source), str(target.with_suffix(""))], check=True)
    print(f"{target}  ({date.today().isoformat()})")


if __name__ == "__main__":
    sys.exit(main())
