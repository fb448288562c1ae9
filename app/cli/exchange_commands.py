"""Data exchange on the command line: conflict check, calendar and CSV export, CSV import."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from app.bootstrap import App
from app.cli.dates import parse_date
from app.cli.output import emit
from app.domain.errors import UserError
from app.services.calendar_export import IcsOptions
from app.services.csv_import import ImportProblems, ImportReport
from app.services.csv_import_fields import KINDS


def register(commands: Any) -> None:
    conflicts = commands.add_parser("conflicts", help="check a name against clients and parties")
    conflicts.add_argument("name", nargs="+", help="the name to check, e.g. Mike Browne")
    conflicts.add_argument("--limit", type=int, default=20)
    conflicts.add_argument("--format", choices=("table", "json"), default="table")
    conflicts.set_defaults(handler=run_conflicts)

    export = commands.add_parser("export", help="write hearings as .ics or a list as CSV")
    formats = export.add_subparsers(dest="subcommand", metavar="FORMAT", required=True)
    ics = formats.add_parser("ics", help="hearings as an iCalendar file")
    ics.add_argument("--out", type=Path, required=True, metavar="FILE")
    ics.add_argument("--staff", metavar="NAME", help="only this staff member's hearings")
    ics.add_argument("--from", dest="start", type=parse_date, metavar="DATE")
    ics.add_argument(
        "--to",
        dest="end",
        type=parse_date,
        metavar="DATE",
        help="last day included (default: a year after --from)",
    )
    ics.add_argument(
        "--include-names",
        action="store_true",
        help="full client names and docket numbers instead of initials",
    )
    ics.add_argument("--include-risk", action="store_true", help="add each hearing's risk level")
    ics.set_defaults(handler=run_export_ics)
    table = formats.add_parser("csv", help="a list as CSV (opens in Excel and LibreOffice)")
    table.add_argument("--kind", choices=KINDS, required=True)
    table.add_argument("--out", type=Path, required=True, metavar="FILE")
    table.add_argument(
        "--include-sensitive",
        action="store_true",
        help="also write sensitive columns (immigration status, A-number, ...)",
    )
    table.set_defaults(handler=run_export_csv)

    imports = commands.add_parser("import", help="read clients, cases, hearings, ... from CSV")
    sources = imports.add_subparsers(dest="subcommand", metavar="FORMAT", required=True)
    source = sources.add_parser("csv", help="import a CSV file (all rows or none)")
    source.add_argument("file", type=Path)
    source.add_argument("--kind", choices=KINDS, required=True)
    source.add_argument("--dry-run", action="store_true", help="check only; import nothing")
    source.add_argument(
        "--on-duplicate",
        choices=("skip", "merge"),
        help="what to do with rows that repeat a record (default: report them)",
    )
    source.add_argument(
        "--mapping",
        type=Path,
        metavar="FILE.json",
        help='columns to use: {"family_name": "Surname", ...}',
    )
    source.add_argument(
        "--save-mapping",
        action="store_true",
        help="remember the mapping for the next import of this kind",
    )
    source.set_defaults(handler=run_import_csv)


def run_conflicts(args: argparse.Namespace, app: App) -> int:
    name = " ".join(args.name)
    hits = app.services.conflicts.check(name, limit=max(1, args.limit))
    rows = [
        {
            "score": round(hit.score, 2),
            "name": hit.name,
            "kind": hit.kind,
            "cases": hit.case_text,
            "why": hit.explanation,
        }
        for hit in hits
    ]
    if args.format == "json":
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        emit(rows, ["score", "name", "kind", "cases", "why"], "table")
    return 0


def _office_zone(app: App) -> str:
    office = app.services.office.get()
    return office.time_zone if office is not None else "America/Denver"


def run_export_ics(args: argparse.Namespace, app: App) -> int:
    zone = _office_zone(app)
    first = args.start or app.ctx.now().astimezone(ZoneInfo(zone)).date()
    last = args.end or first + timedelta(days=365)
    options = IcsOptions(
        start=first,
        end=last,
        staff_name=args.staff,
        include_names=args.include_names,
        include_risk=args.include_risk,
        zone=zone,
    )
    result = app.services.calendar.export(args.out, options)
    print(f"Wrote {result.events} hearings to {args.out}.")
    return 0


def run_export_csv(args: argparse.Namespace, app: App) -> int:
    result = app.services.csv_export.export(
        args.kind, args.out, include_sensitive=args.include_sensitive
    )
    print(f"Wrote {result.rows} {args.kind} to {args.out}.")
    return 0


def run_import_csv(args: argparse.Namespace, app: App) -> int:
    mapping = _mapping(args.mapping) if args.mapping else None
    service = app.services.csv_import
    try:
        report = service.run(
            args.file,
            args.kind,
            mapping=mapping,
            dry_run=args.dry_run,
            on_duplicate=args.on_duplicate or "error",
        )
    except ImportProblems as error:
        print_problems(error.report)
        raise
    if args.save_mapping and mapping is not None:
        service.save_mapping(args.kind, mapping)
    if report.problem_count:
        print_problems(report)
        print(f"{report.summary()} Nothing was imported (dry run).")
        return 1
    print(report.summary() + (" Nothing was written (dry run)." if args.dry_run else ""))
    if report.ignored_headers:
        print("Columns not used: " + ", ".join(report.ignored_headers))
    return 0


def print_problems(report: ImportReport) -> None:
    for problem in report.problems:
        where = f"row {problem.row}" if problem.row is not None else "file"
        column = f", {problem.column}" if problem.column else ""
        print(f"{where}{column}: {problem.message}", file=sys.stderr)
    hidden = report.problem_count - len(report.problems)
    if hidden > 0:
        print(f"... and {hidden:,} more problems.", file=sys.stderr)


def _mapping(path: Path) -> dict[str, str]:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise UserError(f"The mapping file {path} could not be read: {error}") from None
    if not isinstance(raw, dict) or not all(isinstance(v, str) for v in raw.values()):
        raise UserError(
            f'The mapping file {path} must be a JSON object like {{"family_name": "Surname"}}.'
        )
    return {str(k): v for k, v in raw.items()}
