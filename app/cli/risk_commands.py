"""`courtsafe risk`: the Upcoming view's flags for scripts and morning e-mails."""

from __future__ import annotations

import argparse
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from app.bootstrap import App
from app.cli.data_commands import office_zone
from app.cli.dates import parse_date, start_of
from app.cli.output import FORMATS, emit
from app.domain.enums import RiskLevel
from app.services.risk import UpcomingFilter, UpcomingItem, level_counts

COLUMNS = [
    "hearing_id",
    "starts_at",
    "client_name",
    "courthouse",
    "court_kind",
    "level",
    "score",
    "advisory_sent",
    "reasons",
]


def register(commands: Any) -> None:
    risk = commands.add_parser(
        "risk", help="upcoming hearings with their enforcement-risk flags and reasons"
    )
    risk.add_argument("--days", type=int, default=14)
    risk.add_argument(
        "--from",
        dest="start",
        type=parse_date,
        metavar="DATE",
        help="first day (default: today in the office's time zone)",
    )
    risk.add_argument(
        "--min-level",
        type=RiskLevel,
        choices=list(RiskLevel),
        default=RiskLevel.NONE,
        metavar="LEVEL",
        help="none, low, elevated, high or critical",
    )
    risk.add_argument("--format", choices=FORMATS, default="table")
    risk.set_defaults(handler=run_risk)


def as_dict(item: UpcomingItem) -> dict[str, Any]:
    return {
        "hearing_id": item.hearing.id,
        "starts_at": item.local_start.isoformat(),
        "client_name": item.hearing.client_name,
        "courthouse": item.hearing.courthouse,
        "court_kind": item.hearing.court_kind.value,
        "level": item.assessment.level.value,
        "score": item.assessment.score,
        "reasons": [
            {"code": r.code, "text": r.text, "weight": r.weight, "source": r.source}
            for r in item.assessment.reasons
        ],
        "advisory_sent": item.hearing.advisory_sent_at is not None,
    }


def run_risk(args: argparse.Namespace, app: App) -> int:
    zone = office_zone(app)
    first = args.start or app.ctx.now().astimezone(ZoneInfo(zone)).date()
    items = app.services.risk.upcoming(
        UpcomingFilter(start=start_of(first, zone), days=args.days, min_level=args.min_level)
    )
    rows = [as_dict(item) for item in items]
    if args.format == "table":
        for row in rows:
            row["reasons"] = "; ".join(r["code"] for r in row["reasons"])
    elif args.format == "csv":
        for row in rows:
            row["reasons"] = " | ".join(f"{r['text']} [{r['source']}]" for r in row["reasons"])
    emit(rows, COLUMNS, args.format)
    if args.format == "table":
        counts = level_counts(items)
        summary = ", ".join(
            f"{counts[level]} {level.value}" for level in reversed(RiskLevel) if counts[level]
        )
        last = first + timedelta(days=args.days - 1)
        print(
            f"\n{len(items)} hearings {first} to {last}: {summary or 'none'}. Flags are a "
            "heuristic to prompt a conversation with the client, not legal advice."
        )
    return 0
