"""Hearings as an iCalendar file (RFC 5545) that Thunderbird, Outlook, Apple Calendar or khal open.

Privacy by default: a calendar ends up on phones and in shared accounts, so an event says only the
client's initials, the hearing type and the courthouse. Full names, the docket and risk levels are
added only when the user asks for them; immigration status, risk reasons' sources and notes are
never written. A remote hearing's link, phone number, meeting ID and passcode let anyone into the
client's hearing: they go into an event only with the client details, never by default. A remote
hearing's LOCATION is never the courthouse's street (a calendar's map would send the client
there), and its description says to test the link the day before.

Each event's UID is `hearing-<id>@<installation id>` and its SEQUENCE the hearing's version, so a
calendar that imports a newer export updates its events instead of duplicating them. Start times
carry the courthouse's TZID with a VTIMEZONE for each zone used.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from app.domain.enums import AppearanceMode, HearingStatus, label
from app.domain.errors import UserError
from app.domain.names import is_unspaced_script
from app.services.atomic_files import write_atomically
from app.services.context import ServiceContext
from app.services.hearings import list_query
from app.services.office import OfficeService
from app.services.risk import RiskService, UpcomingFilter
from app.storage.models import Client, Courthouse, Hearing, LegalCase, StaffMember

INSTALLATION_KEY = "office.installation_id"
AUTO_EXPORT_KEY = "calendar.auto_export_path"
PRODID = "-//CourtSafe//Hearings//EN"
MAX_DAYS = 3 * 366

if TYPE_CHECKING:
    from icalendar import Event


@dataclass(frozen=True)
class IcsOptions:
    start: date
    end: date  # last day included
    staff_name: str | None = None
    include_names: bool = False
    include_risk: bool = False
    zone: str = "America/Denver"  # the office's zone: where "a day" starts and ends


@dataclass(frozen=True)
class IcsResult:
    path: Path | None
    events: int
    data: bytes


_COLUMNS = (
    Hearing.id,
    Hearing.version,
    Hearing.starts_at,
    Hearing.duration_minutes,
    Hearing.hearing_type,
    Hearing.mode,
    Hearing.status,
    Hearing.courtroom,
    Hearing.judge,
    Hearing.join_url,
    Hearing.join_phone,
    Hearing.meeting_id,
    Hearing.passcode,
    Courthouse.name,
    Courthouse.address,
    Courthouse.city,
    Courthouse.state,
    Courthouse.postal_code,
    Courthouse.time_zone,
    Client.given_name,
    Client.family_name,
    Client.preferred_name,
    LegalCase.docket_number,
)


def initials(given: str, family: str) -> str:
    """'Víctor Manuel', 'Rodríguez-Covarrubias' -> 'V.M.R.'; 小龙 李 -> 李."""
    if family and is_unspaced_script(family[0]):
        return family[0]
    letters = [part[0].upper() for part in (given + " " + family).replace("-", " ").split()]
    return ".".join(letters) + "." if letters else "?"


class CalendarExportService:
    def __init__(self, ctx: ServiceContext, risk: RiskService | None = None) -> None:
        self.ctx = ctx
        self.office = OfficeService(ctx)
        self.risk = risk

    def installation_id(self) -> str:
        """A random id made once per office: it keeps UIDs stable and unique to this office."""
        value = self.office.setting(INSTALLATION_KEY)
        if isinstance(value, str) and value:
            return value
        value = uuid.uuid4().hex[:16]
        self.office.set_setting(INSTALLATION_KEY, value)
        return value

    def build(self, options: IcsOptions) -> tuple[bytes, int]:
        if options.end < options.start:
            raise UserError("The last day is before the first day.")
        if (options.end - options.start).days > MAX_DAYS:
            raise UserError("Export at most three years of hearings at a time.")
        zone = ZoneInfo(options.zone)
        start = datetime.combine(options.start, time.min, tzinfo=zone)
        end = datetime.combine(options.end + timedelta(days=1), time.min, tzinfo=zone)
        query = (
            list_query(*_COLUMNS)
            .where(Hearing.starts_at >= start, Hearing.starts_at < end)
            .order_by(Hearing.starts_at, Hearing.id)
        )
        with self.ctx.uow.read() as session:
            if options.staff_name:
                staff_ids = (
                    session.execute(
                        select(StaffMember.id).where(
                            func.lower(StaffMember.name) == options.staff_name.strip().lower()
                        )
                    )
                    .scalars()
                    .all()
                )
                if not staff_ids:
                    known = session.execute(select(StaffMember.name).order_by(StaffMember.name))
                    names = ", ".join(n for (n,) in known) or "none yet"
                    raise UserError(
                        f"No staff member is called '{options.staff_name}'. Staff: {names}."
                    )
                query = query.where(LegalCase.assigned_staff_id.in_(staff_ids))
            rows = session.execute(query).all()
        risk = self._risk(start, end) if options.include_risk else {}
        stamp = self.ctx.now()
        from icalendar import Calendar  # not needed to start the window

        calendar = Calendar()
        calendar.add("prodid", PRODID)
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("x-wr-calname", "CourtSafe hearings")
        domain = self.installation_id()
        for row in rows:
            calendar.add_component(_event(row, domain, stamp, options, risk.get(row[0])))
        calendar.add_missing_timezones(
            first_date=options.start - timedelta(days=366),
            last_date=options.end + timedelta(days=366),
        )
        return calendar.to_ical(), len(rows)

    def export(self, path: Path, options: IcsOptions) -> IcsResult:
        data, count = self.build(options)
        write_atomically(path, data)
        return IcsResult(path, count, data)

    def auto_export_path(self) -> Path | None:
        value = self.office.setting(AUTO_EXPORT_KEY)
        return Path(value) if isinstance(value, str) and value else None

    def set_auto_export_path(self, path: Path | None) -> None:
        if path is None:
            self.office.delete_setting(AUTO_EXPORT_KEY)
        else:
            self.office.set_setting(AUTO_EXPORT_KEY, str(path))

    def refresh_auto_export(
        self, *, days_back: int = 30, days_ahead: int = 365
    ) -> IcsResult | None:
        """Rewrite the chosen file after a change (the GUI calls this after each save)."""
        path = self.auto_export_path()
        if path is None:
            return None
        office = self.office.get()
        zone = office.time_zone if office is not None else "America/Denver"
        today = self.ctx.now().astimezone(ZoneInfo(zone)).date()
        options = IcsOptions(
            start=today - timedelta(days=days_back),
            end=today + timedelta(days=days_ahead),
            zone=zone,
        )
        return self.export(path, options)

    def _risk(self, start: datetime, end: datetime) -> dict[int, str]:
        if self.risk is None:
            return {}
        found: dict[int, str] = {}
        cursor = start
        while cursor < end:
            days = min(366, max(1, (end - cursor).days))
            for item in self.risk.upcoming(UpcomingFilter(start=cursor, days=days)):
                found[item.hearing.id] = label(item.assessment.level)
            cursor += timedelta(days=days)
        return found


def _event(
    row: Sequence[Any], domain: str, stamp: datetime, options: IcsOptions, risk: str | None
) -> Event:
    (
        hearing_id,
        version,
        starts_at,
        minutes,
        hearing_type,
        mode,
        status,
        courtroom,
        judge,
        join_url,
        join_phone,
        meeting_id,
        passcode,
        court,
        address,
        city,
        state,
        postal,
        zone_name,
        given,
        family,
        preferred,
        docket,
    ) = row
    zone = ZoneInfo(zone_name)
    local_start = starts_at.astimezone(zone)
    who = f"{given} {family}".strip() if options.include_names else initials(given, family)
    summary = f"{who} – {label(hearing_type)} – {court}"
    if mode == AppearanceMode.REMOTE:
        summary += " (remote)"
    if risk is not None:
        summary += f" [risk: {risk.lower()}]"
    from icalendar import Event

    event = Event()
    event.add("uid", f"hearing-{hearing_id}@{domain}")
    event.add("dtstamp", stamp)
    event.add("dtstart", local_start)
    event.add("dtend", local_start + timedelta(minutes=int(minutes)))
    event.add("sequence", int(version))
    event.add("summary", summary)
    remote = mode == AppearanceMode.REMOTE
    join = _join_lines(join_url, join_phone, meeting_id, passcode) if options.include_names else []
    if remote:
        location = join_url if options.include_names and join_url else f"Remote – {court}"
    else:
        place = ", ".join(p for p in (address, city, f"{state} {postal}".strip()) if p)
        location = f"{court}, {place}" if place else court
        if courtroom:
            location += f" – Courtroom {courtroom}"
    event.add("location", location)
    lines = [f"{label(hearing_type)} at {court}"]
    if courtroom and not remote:
        lines.append(f"Courtroom: {courtroom}")
    if mode != AppearanceMode.IN_PERSON:
        lines += _remote_lines(remote, join, options.include_names)
    if judge:
        lines.append(f"Judge: {judge}")
    if options.include_names and docket:
        lines.append(f"Docket: {docket}")
    if risk is not None:
        lines.append(f"Risk level: {risk}")
    event.add("description", "\n".join(lines))
    event.add("status", "CANCELLED" if status == HearingStatus.VACATED else "CONFIRMED")
    event.add("transp", "OPAQUE")
    return event


def _join_lines(url: str, phone: str, meeting_id: str, passcode: str) -> list[str]:
    pairs = (("Video", url), ("Phone", phone), ("Meeting ID", meeting_id), ("Passcode", passcode))
    return [f"{name}: {value.strip()}" for name, value in pairs if value and value.strip()]


def _remote_lines(remote: bool, join: list[str], details_asked: bool) -> list[str]:
    """How a remote or hybrid hearing is joined, as far as this export may say."""
    lines = [
        "Remote hearing (video or phone): do not go to the courthouse."
        if remote
        else "Hybrid hearing: the client may attend in person or join remotely."
    ]
    if join:
        lines += join
    elif details_asked:
        lines.append("How to join: not recorded yet; ask the court.")
    else:
        lines.append("How to join: in CourtSafe (not exported).")
    lines.append("Test the link or phone number the day before.")
    return lines
