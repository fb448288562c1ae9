"""`courtsafe --self-test`: does this installation work, end to end, on this machine?

Runs offscreen against a temporary database locked with a throwaway passphrase (the desk's keyring
and real data are never touched): migrate, demo data, risk flags, one document of each kind, an
encrypted backup verified by decryption, and every page of the window rendered. One line per check;
the exit code is the number of failed checks (0: all good).
"""

from __future__ import annotations

import os
import tempfile
import time
import traceback
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from app.bootstrap import App, OpenOptions, open_app
from app.security.errors import SecretStoreUnavailable
from app.security.secrets import SecretStore
from app.version import __version__

PASSPHRASE = "courtsafe self-test"


def _no_keyring() -> SecretStore:
    raise SecretStoreUnavailable("the self-test never touches the desk's keyring")


class SelfTest:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.failures = 0
        self.app: App | None = None

    def check(self, name: str, action: Callable[[], str]) -> None:
        started = time.perf_counter()
        try:
            detail = action()
        except Exception as error:  # noqa: BLE001 - every failure is reported, none stops the run
            self.failures += 1
            last = traceback.extract_tb(error.__traceback__)[-1:]
            where = f" ({Path(last[0].filename).name}:{last[0].lineno})" if last else ""
            print(f"FAIL  {name}: {type(error).__name__}: {error}{where}", flush=True)
            return
        elapsed = (time.perf_counter() - started) * 1000
        print(f"ok    {name}: {detail} [{elapsed:.0f} ms]", flush=True)

    @property
    def opened(self) -> App:
        if self.app is None:
            raise RuntimeError("the database did not open")
        return self.app

    # -- checks ------------------------------------------------------------------------------
    def open_database(self) -> str:
        self.app = open_app(
            OpenOptions(
                data_dir=self.folder / "data",
                passphrase=PASSPHRASE,
                secret_store=_no_keyring,
                actor="self-test",
            )
        )
        from app.storage import migrations

        revision = migrations.current_revision(self.app.database.engine)
        if revision != migrations.head_revision():
            raise RuntimeError(f"schema at {revision}, expected {migrations.head_revision()}")
        data = (self.folder / "data" / "courtsafe.db").read_bytes()
        if data.startswith(b"SQLite format 3"):
            raise RuntimeError("the database file is not encrypted")
        return f"encrypted SQLite, schema {revision}"

    def demo_data(self) -> str:
        from app.services.demo import DemoService

        summary = DemoService(self.opened.ctx).generate(200, 1000, seed=1)
        return f"{summary.clients} clients, {summary.hearings} hearings"

    def risk(self) -> str:
        from app.domain.enums import RiskLevel
        from app.services.risk import UpcomingFilter

        app = self.opened
        items = app.services.risk.upcoming(UpcomingFilter(start=app.ctx.now(), days=14))
        denver = [i for i in items if "Rodríguez-Covarrubias" in i.hearing.client_name]
        if not denver or denver[0].assessment.level.rank < RiskLevel.HIGH.rank:
            raise RuntimeError("the Denver scenario client is not flagged high or critical")
        return f"{len(items)} hearings assessed; Denver client {denver[0].assessment.level.value}"

    def documents(self) -> str:
        from app.documents import render_recovery_kit
        from app.documents.data import RecoveryKitData
        from app.services.letter_data import office_info
        from app.services.letters import LetterService

        app = self.opened
        letters = LetterService(app.ctx)
        hearing = next(
            h
            for h in app.services.hearings.for_client(
                app.services.clients.search("rodriguez covarrubias")[0].id
            )
        )
        today = app.ctx.now().date()
        with app.ctx.uow.read() as session:
            office = office_info(session)
        made = [
            letters.advisory(hearing.id).pdf,
            letters.court_request(hearing.id).pdf,
            letters.coalition(date(2017, 1, 1), today, field_office_key="denver").pdf,
            letters.reminder_call_list(today, today + timedelta(days=2)).pdf,
            render_recovery_kit(RecoveryKitData(office, "AGE-SECRET-KEY-1" + "Q" * 58, today)),
        ]
        bad = [index for index, pdf in enumerate(made) if not pdf.startswith(b"%PDF")]
        if bad:
            raise RuntimeError(f"documents {bad} are not PDFs")
        return f"{len(made)} kinds rendered, {sum(len(p) for p in made) // 1024} KB"

    def backup(self) -> str:
        tools = self.opened.backup_tools()
        recovery = tools.keys.new_recovery_key()
        tools.keys.set_up(recovery)
        result = tools.backups.create(self.folder / "backups")
        described = tools.backups.verify(result.path, [recovery.identity])
        return (
            f"{result.path.name}, {result.size // 1024} KB, decrypted and checked "
            f"({described.total_rows} rows)"
        )

    def pages(self) -> str:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from app.cli.gui_commands import PAGES
        from app.ui.screenshot import render_page

        for page in PAGES:
            out = render_page(self.opened, page, self.folder / f"{page}.png", (1280, 800))
            if not Path(out).exists() or Path(out).stat().st_size < 5000:
                raise RuntimeError(f"page {page} rendered empty")
        return f"{len(PAGES)} pages rendered offscreen"


def run_self_test() -> int:
    print(f"CourtSafe {__version__} self-test")
    with tempfile.TemporaryDirectory(prefix="courtsafe-self-test-") as folder:
        test = SelfTest(Path(folder))
        test.check("database", test.open_database)
        test.check("demo data", test.demo_data)
        test.check("risk flags", test.risk)
        test.check("documents", test.documents)
        test.check("backup", test.backup)
        test.check("window pages", test.pages)
        if test.app is not None:
            test.app.close()
    print("all checks passed" if not test.failures else f"{test.failures} checks failed")
    return min(test.failures, 100)
