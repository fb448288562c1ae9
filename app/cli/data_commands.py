"""List commands: clients and hearings (risk, letters and exports register their own).

A list shows no column the models mark sensitive (a safe-contact note, an A-number) unless
`--include-sensitive` asks for it, as a CSV export does: a terminal is scrolled back, piped into
files and pasted into tickets.
"""

from __future__ import annotations

import argparse
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from app.bootstrap import App
from app.cli.dates import parse_date, start_of
from app.cli.output import FORMATS, emit
from app.domain.enums import label
from app.domain.errors import UserError
from app.services.csv_export import export_fields


def register(commands: Any) -> None:
    clients = commands.add_parser("clients", help="list and search clients")
    client_commands = clients.add_subparsers(dest="subcommand", metavar="ACTION", required=True)
    listing = client_commands.add_parser("list", help="list clients (search as in the app)")
    listing.add_argument("--search", default="", metavar="TEXT")
    listing.add_argument("--limit", type=int, default=200)
    listing.add_argument("--format", choices=FORMATS, default="table")
    listing.add_argument(
        "--include-sensitive",
        action="store_true",
        help="also show columns marked sensitive (the safe-contact note)",
    )
    listing.set_defaults(handler=list_clients)

    hearings = commands.add_parser("hearings", help="list hearings")
    hearing_commands = hearings.add_subparsers(dest="subcommand", metavar="ACTION", required=True)
    listing = hearing_commands.add_parser("list", help="hearings in a date range")
    listing.add_argument("--from", dest="start", type=parse_date, metavar="DATE")
    listing.add_argument(
        "--to",
        dest="end",
        type=parse_date,
        metavar="DATE",
        help="last day included (default: 30 days after --from)",
    )
    listing.add_argument("--format", choices=FORMATS, default="table")
    listing.set_defaults(handler=list_hearings)


def office_zone(app: App) -> str:
    office = app.services.office.get()
    return office.time_zone if office is not None else "America/Denver"


def list_clients(args: argparse.Namespace, app: App) -> int:
    if args.limit <= 0:
        raise UserError("--limit must be a positive number.")
    rows = app.services.clients.search(args.search, limit=args.limit)
    data = [
        {
            "id": r.id,
            "name": r.name,
            "language": r.preferred_language,
            "safe_contact": r.safe_contact,
        }
        for r in rows
    ]
    columns = ["id", "name", "language", "safe_contact"]
    if not args.include_sensitive:
        hidden = sensitive_columns("clients")
        columns = [c for c in columns if c not in hidden]
        data = [{k: v for k, v in row.items() if k not in hidden} for row in data]
    emit(data, columns, args.format)
    return 0


def sensitive_columns(kind: str) -> frozenset[str]:
    """The kind's columns the models mark sensitive: the same ones a plain CSV export leaves out."""
    shown = {spec.key for spec in export_fields(kind, include_sensitive=False)}
    every = export_fields(kind, include_sensitive=True)
    return frozenset(spec.key for spec in every if spec.key not in shown)


def list_hearings(args: argparse.Namespace, app: App) -> int:
    zone = office_zone(app)
    first = args.start or app.ctx.now().astimezone(ZoneInfo(zone)).date()
    last = args.end or first + timedelta(days=30)
    if last < first:
        raise UserError("--to is before --from.")
    rows = app.services.hearings.between(
        start_of(first, zone), start_of(last + timedelta(days=1), zone)
    )
    data = [
        {
            "id": r.id,
            "starts_at": r.starts_at.astimezone(ZoneInfo(r.time_zone)).isoformat(),
            "client": r.client_name,
            "courthouse": r.courthouse,
            "courtroom": r.courtroom,
            "type": label(r.hearing_type),
            "court_kind": r.court_kind.value,
            "mode": r.mode.value,
            "status": r.status.value,
        }
        for r in rows
    ]
    emit(
        data,
        [
            "id",
            "starts_at",
            "client",
            "courthouse",
            "courtroom",
            "type",
            "court_kind",
            "mode",
            "status",
        ],
        args.format,
    )
    return 0
