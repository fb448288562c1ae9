"""Calendar export read back by a real calendar program (Debian's khal), and privacy by default."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from sqlalchemy import update

from app.bootstrap import App
from app.domain.enums import (
    AppearanceMode,
    CaseKind,
    ClientRole,
    CourtKind,
    HearingType,
    ImmigrationStatus,
    StaffRole,
)
from app.domain.errors import UserError
from app.services.calendar_export import IcsOptions
from app.services.cases import CaseInput
from app.services.clients import ClientInput
from app.services.courthouses import CourthouseInput
from app.services.hearings import HearingInput
from app.services.staff import StaffInput
from app.storage.models import Hearing

DENVER = ZoneInfo("America/Denver")
NEW_YORK = ZoneInfo("America/New_York")
RANGE = IcsOptions(start=date(2026, 12, 1), end=date(2026, 12, 31))


def _seed(app: App) -> dict[str, int]:
    s = app.services
    attorney = s.staff.create(StaffInput(name="Ana Ortega", role=StaffRole.ATTORNEY))
    other = s.staff.create(StaffInput(name="Tom Reyes", role=StaffRole.PARALEGAL))
    denver = s.courthouses.create(
        CourthouseInput(
            name="Lindsey-Flanigan Courthouse",
            court_kinds="criminal",
            address="520 W Colfax Ave",
            city="Denver",
            state="CO",
            postal_code="80204",
            time_zone="America/Denver",
        )
    )
    manhattan = s.courthouses.create(
        CourthouseInput(
            name="Manhattan Criminal Court",
            court_kinds="criminal",
            address="100 Centre St",
            city="New York",
            state="NY",
            time_zone="America/New_York",
        )
    )
    client = s.clients.create(
        ClientInput(
            given_name="Víctor Manuel",
            family_name="Rodríguez-Covarrubias",
            immigration_status=ImmigrationStatus.EXPIRED_VISA,
            notes="Fears arrest at court",
            a_number="A098765432",
        )
    )
    case = s.cases.create(
        CaseInput(
            client_id=client.id,
            kind=CaseKind.CRIMINAL,
            client_role=ClientRole.DEFENDANT,
            opened_on=date(2026, 1, 1),
            docket_number="26CR1234",
            assigned_staff_id=attorney.id,
        )
    )
    other_client = s.clients.create(ClientInput(given_name="Rosa", family_name="Martínez"))
    other_case = s.cases.create(
        CaseInput(
            client_id=other_client.id,
            kind=CaseKind.CRIMINAL,
            client_role=ClientRole.DEFENDANT,
            opened_on=date(2026, 1, 1),
            docket_number="26CR9",
            assigned_staff_id=other.id,
        )
    )
    first = s.hearings.create(
        HearingInput(
            case_id=case.id,
            courthouse_id=denver.id,
            starts_at=datetime(2026, 12, 3, 9, 0, tzinfo=DENVER),
            hearing_type=HearingType.ARRAIGNMENT,
            court_kind=CourtKind.CRIMINAL,
            courtroom="3F",
            notes="Bring passport copy",
        )
    )
    second = s.hearings.create(
        HearingInput(
            case_id=other_case.id,
            courthouse_id=manhattan.id,
            starts_at=datetime(2026, 12, 4, 9, 0, tzinfo=NEW_YORK),
            hearing_type=HearingType.TRIAL,
            court_kind=CourtKind.CRIMINAL,
            duration_minutes=120,
        )
    )
    return {"first": first.id, "second": second.id}


def _events(data: bytes) -> dict[str, dict[str, str]]:
    calendar = Calendar.from_ical(data)
    return {
        str(e["UID"]): {
            k: str(v)
            for k, v in e.items()
            if k in ("SUMMARY", "LOCATION", "DESCRIPTION", "SEQUENCE")
        }
        for e in calendar.walk("VEVENT")
    }


def test_default_export_keeps_names_status_and_notes_private(backend_app: App) -> None:
    ids = _seed(backend_app)
    data, count = backend_app.services.calendar.build(RANGE)
    assert count == 2
    text = data.decode()
    for secret in (
        "Rodríguez",
        "Víctor",
        "expired",
        "Fears arrest",
        "passport",
        "A098765432",
        "26CR1234",
    ):
        assert secret not in text, secret
    events = _events(data)
    first = next(e for uid, e in events.items() if uid.startswith(f"hearing-{ids['first']}@"))
    assert first["SUMMARY"] == "V.M.R.C. – Arraignment – Lindsey-Flanigan Courthouse"
    assert first["LOCATION"] == (
        "Lindsey-Flanigan Courthouse, 520 W Colfax Ave, Denver, CO 80204 – Courtroom 3F"
    )


def test_names_and_risk_only_when_asked(backend_app: App) -> None:
    _seed(backend_app)
    options = IcsOptions(start=RANGE.start, end=RANGE.end, include_names=True, include_risk=True)
    text = backend_app.services.calendar.build(options)[0].decode()
    unfolded = text.replace("\r\n ", "")
    assert "Víctor Manuel Rodríguez-Covarrubias – Arraignment" in unfolded
    assert "Docket: 26CR1234" in unfolded
    assert "[risk: " in unfolded
    assert "expired" not in unfolded and "Fears arrest" not in unfolded


def test_uids_are_stable_and_sequence_follows_edits(backend_app: App, tmp_path: Path) -> None:
    ids = _seed(backend_app)
    calendar = backend_app.services.calendar
    before = _events(calendar.build(RANGE)[0])
    hearings = backend_app.services.hearings
    record = hearings.get(ids["first"])
    hearings.update(
        record.id,
        record.version,
        HearingInput(
            **{
                **{f: getattr(record, f) for f in HearingInput.__dataclass_fields__},
                "courtroom": "5B",
            }
        ),
    )
    after = _events(calendar.build(RANGE)[0])
    assert set(before) == set(after)
    uid = next(u for u in after if u.startswith(f"hearing-{ids['first']}@"))
    assert int(after[uid]["SEQUENCE"]) == int(before[uid]["SEQUENCE"]) + 1
    assert after[uid]["LOCATION"].endswith("Courtroom 5B")


def test_one_staff_members_hearings_and_unknown_staff(backend_app: App) -> None:
    _seed(backend_app)
    calendar = backend_app.services.calendar
    options = IcsOptions(start=RANGE.start, end=RANGE.end, staff_name="ana ortega")
    data, count = calendar.build(options)
    assert count == 1 and "Lindsey-Flanigan" in data.decode()
    with pytest.raises(UserError, match="Ana Ortega, Tom Reyes"):
        calendar.build(IcsOptions(start=RANGE.start, end=RANGE.end, staff_name="Nobody"))


def test_atomic_write_and_auto_export_setting(backend_app: App, tmp_path: Path) -> None:
    _seed(backend_app)
    calendar = backend_app.services.calendar
    folder = tmp_path / "calendars"
    folder.mkdir()
    assert calendar.export(folder / "court.ics", RANGE).events == 2
    assert [p.name for p in folder.iterdir()] == ["court.ics"]  # no temporary file left
    calendar.set_auto_export_path(tmp_path / "auto.ics")
    result = calendar.refresh_auto_export()
    assert result is not None and (tmp_path / "auto.ics").read_bytes() == result.data
    calendar.set_auto_export_path(None)
    assert calendar.refresh_auto_export() is None


def test_khal_imports_the_file_and_shows_local_times(sqlite_app: App, tmp_path: Path) -> None:
    assert shutil.which("khal"), "khal is missing: scripts/setup.sh installs it"
    _seed(sqlite_app)
    ics = tmp_path / "hearings.ics"
    sqlite_app.services.calendar.export(ics, RANGE)
    home = tmp_path / "khal"
    (home / "config" / "khal").mkdir(parents=True)
    (home / "data" / "court").mkdir(parents=True)
    (home / "config" / "khal" / "config").write_text(
        "[calendars]\n[[court]]\n"
        f"path = {home / 'data' / 'court'}\ntype = calendar\n"
        "[locale]\ntimeformat = %H:%M\ndateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\n"
        "datetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\n"
        "local_timezone = America/Denver\ndefault_timezone = America/Denver\n",
        encoding="utf-8",
    )
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "TZ": "America/Denver",
    }

    def khal(*args: str) -> str:
        done = subprocess.run(["khal", *args], capture_output=True, text=True, env=env, timeout=60)
        assert done.returncode == 0, done.stderr
        return done.stdout

    khal("import", "--batch", "-a", "court", str(ics))
    listing = khal("list", "2026-12-01", "2026-12-31", "--format", "{start} {end} {title}")
    lines = [line for line in listing.splitlines() if re.match(r"\d{4}-", line)]
    # Denver 9:00 stays 9:00; New York 9:00 is 7:00 in Denver.
    assert (
        "2026-12-03 09:00 2026-12-03 10:00 V.M.R.C. – Arraignment – Lindsey-Flanigan "
        "Courthouse" in lines
    )
    assert "2026-12-04 07:00 2026-12-04 09:00 R.M. – Trial – Manhattan Criminal Court" in lines
    # Re-importing a newer export updates the events instead of adding copies.
    sqlite_app.services.calendar.export(ics, RANGE)
    khal("import", "--batch", "-a", "court", str(ics))
    again = khal("list", "2026-12-01", "2026-12-31", "--format", "{start} {title}")
    assert sum(1 for line in again.splitlines() if "Arraignment" in line) == 1
    assert len(list((home / "data" / "court").iterdir())) == 2


# --- remote and hybrid hearings ------------------------------------------------------------------

JOIN = {
    "join_url": "https://example.test/eoir/denver-5512",
    "join_phone": "(303) 555-0100",
    "meeting_id": "555 014 5512",
    "passcode": "975310",
}


def _seed_remote(app: App, mode: AppearanceMode) -> int:
    """An immigration-court hearing by video (or hybrid), with how to join it recorded."""
    s = app.services
    court = s.courthouses.create(
        CourthouseInput(
            name="Denver Immigration Court",
            court_kinds="immigration",
            address="1961 Stout St",
            city="Denver",
            state="CO",
            postal_code="80294",
            time_zone="America/Denver",
        )
    )
    client = s.clients.create(ClientInput(given_name="Rosa", family_name="Martínez"))
    case = s.cases.create(
        CaseInput(
            client_id=client.id,
            kind=CaseKind.IMMIGRATION_REMOVAL,
            client_role=ClientRole.DEFENDANT,
            opened_on=date(2026, 1, 1),
            docket_number="A123456789",
        )
    )
    hearing = s.hearings.create(
        HearingInput(
            case_id=case.id,
            courthouse_id=court.id,
            starts_at=datetime(2026, 12, 10, 8, 30, tzinfo=DENVER),
            hearing_type=HearingType.MASTER_CALENDAR,
            court_kind=CourtKind.IMMIGRATION,
            courtroom="4",
            mode=mode,
        )
    )
    with app.ctx.uow.session() as session:
        session.execute(update(Hearing).where(Hearing.id == hearing.id).values(**JOIN))
    return hearing.id


def _event_of(data: bytes, hearing_id: int) -> dict[str, str]:
    events = _events(data)
    found = next(e for uid, e in events.items() if uid.startswith(f"hearing-{hearing_id}@"))
    return {k: v.replace("\r\n ", "") for k, v in found.items()}


def test_remote_hearing_is_never_located_at_the_courthouse(sqlite_app: App) -> None:
    hearing_id = _seed_remote(sqlite_app, AppearanceMode.REMOTE)
    data, _ = sqlite_app.services.calendar.build(RANGE)
    event = _event_of(data, hearing_id)
    assert event["LOCATION"] == "Remote – Denver Immigration Court"
    assert "1961 Stout" not in data.decode() and "Courtroom" not in event["DESCRIPTION"]
    assert "do not go to the courthouse" in event["DESCRIPTION"]
    assert "Test the link or phone number the day before." in event["DESCRIPTION"]


def test_join_details_stay_out_of_a_default_export(sqlite_app: App) -> None:
    hearing_id = _seed_remote(sqlite_app, AppearanceMode.REMOTE)
    data, _ = sqlite_app.services.calendar.build(RANGE)
    unfolded = data.decode().replace("\r\n ", "")
    for secret in JOIN.values():
        assert secret not in unfolded, secret
    assert "How to join: in CourtSafe (not exported)." in _event_of(data, hearing_id)["DESCRIPTION"]


def test_join_details_with_client_details_when_asked(sqlite_app: App) -> None:
    hearing_id = _seed_remote(sqlite_app, AppearanceMode.REMOTE)
    options = IcsOptions(start=RANGE.start, end=RANGE.end, include_names=True)
    event = _event_of(sqlite_app.services.calendar.build(options)[0], hearing_id)
    assert event["LOCATION"] == JOIN["join_url"]
    for line in (
        f"Video: {JOIN['join_url']}",
        "Phone: (303) 555-0100",
        "Meeting ID: 555 014 5512",
        "Passcode: 975310",
        "Test the link or phone number the day before.",
    ):
        assert line in event["DESCRIPTION"], line


def test_hybrid_hearing_keeps_its_courthouse_and_says_it_may_be_joined(sqlite_app: App) -> None:
    hearing_id = _seed_remote(sqlite_app, AppearanceMode.HYBRID)
    event = _event_of(sqlite_app.services.calendar.build(RANGE)[0], hearing_id)
    assert event["LOCATION"].startswith("Denver Immigration Court, 1961 Stout St")
    assert "Hybrid hearing: the client may attend in person or join remotely." in (
        event["DESCRIPTION"]
    )
    assert JOIN["passcode"] not in event["DESCRIPTION"]
