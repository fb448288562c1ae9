"""Reminder call list for a date range, with a call script per language on the list.

The script follows the reminder research in policy.md: date, time, address, courtroom, the
consequence of missing court, a prompt to plan the trip, and the office's number. Only the
client's *safe* phone number is printed, with the safe-contact notes beside it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from reportlab.lib.pagesizes import landscape
from reportlab.platypus import CondPageBreak, Flowable, Spacer

from app.documents import styles as st
from app.documents.base import DocumentRenderer, make_table
from app.documents.data import OfficeInfo, ReminderCallListData, ReminderEntry
from app.documents.fonts import markup
from app.documents.i18n import format_date, format_short_date, format_time, language_name, to_zone
from app.documents.templates import available_languages, default_source, render_blocks

KIND = "reminder_script"
_COLUMNS = ("When", "Client", "Safe phone", "Court", "Notes", "Done")
_WIDTHS = (1.1, 2.0, 1.2, 2.6, 1.6, 0.5)  # inches, on a landscape page


def render_reminder_call_list(
    data: ReminderCallListData, *, script_sources: dict[str, str] | None = None
) -> bytes:
    """The call list as PDF bytes; ``script_sources`` maps a language to an edited script."""
    return ReminderCallListRenderer(data, script_sources).render()


def script_context(office: OfficeInfo) -> dict[str, Any]:
    """The fields a call script template may use (the rest are [bracketed] blanks)."""
    return {"office_name": office.name, "office_phone": office.phone}


class ReminderCallListRenderer(DocumentRenderer):
    kind = KIND
    page_size = landscape(st.PAGE_SIZE)  # six columns need the width

    def __init__(self, data: ReminderCallListData,
                 script_sources: dict[str, str] | None = None) -> None:
        super().__init__(data.office, "en")
        self.data = data
        self.script_sources = script_sources or {}

    def title(self) -> str:
        return (f"Reminder calls, {format_date(self.data.period_start)} to "
                f"{format_date(self.data.period_end)}")

    def document_date(self) -> date:
        return self.data.prepared_on

    def build_story(self) -> list[Flowable]:
        entries = sorted(self.data.entries, key=lambda e: e.starts_at)
        story: list[Flowable] = [
            *self.letterhead(),
            self.para(self.title(), self.styles.title),
            self.para(f"Prepared {format_date(self.data.prepared_on)} · {len(entries)} "
                      f"hearing{'s' if len(entries) != 1 else ''}. Call only the safe number "
                      "shown, and follow the notes.", self.styles.body_small),
            Spacer(1, 6),
        ]
        story.append(self._table(entries) if entries
                     else self.para("No hearings in this period.", self.styles.body))
        for language in self._languages(entries):
            story += [CondPageBreak(2.5 * st.INCH), Spacer(1, 10), *self._script(language)]
        return story

    def _languages(self, entries: list[ReminderEntry]) -> list[str]:
        """English and Spanish always, then every other language on the list, in order of use."""
        seen = ["en", "es"]
        for entry in entries:
            if entry.language not in seen:
                seen.append(entry.language)
        return seen

    def _table(self, entries: list[ReminderEntry]) -> Flowable:
        s = self.styles
        head = [self.para(label, s.table_head) for label in _COLUMNS]
        rows = [head] + [self._row(entry) for entry in entries]
        style: list[tuple[Any, ...]] = [
            ("BACKGROUND", (0, 0), (-1, 0), st.ACCENT),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 1), (-1, -1), 0.4, st.RULE),
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ]
        style += [("BACKGROUND", (0, i), (-1, i), st.SHADE) for i in range(2, len(rows), 2)]
        return make_table(rows, [w * st.INCH for w in _WIDTHS], style, repeat_rows=1)

    def _row(self, entry: ReminderEntry) -> list[Any]:
        s = self.styles
        local = to_zone(entry.starts_at, entry.time_zone)
        when = f"<b>{format_short_date(local.date())}</b><br/>{markup(format_time(local))}"
        client = (f"<b>{markup(entry.client_name)}</b><br/>"
                  f"{markup(language_name(entry.language))}")
        court = (f"{markup(entry.courthouse)}<br/>{markup(entry.courthouse_address)}<br/>"
                 f"Courtroom <b>{markup(entry.courtroom)}</b>")
        return [
            self.para_markup(when, s.table_cell),
            self.para_markup(client, s.table_cell),
            self.para(entry.safe_phone, s.table_cell),
            self.para_markup(court, s.table_cell),
            self.para(entry.notes, s.table_note),
            self.para("☐", s.table_box),
        ]

    def _script(self, language: str) -> list[Flowable]:
        source = self.script_sources.get(language)
        if source is None and language in available_languages(KIND):
            source = default_source(KIND, language)
        if source is None:
            name = language_name(language)
            return [
                self.para(f"Call script: {name}", self.styles.heading),
                self.para(f"There is no {name} script yet: use the English script with an "
                          "interpreter, or add a script in Settings.", self.styles.body),
            ]
        blocks = render_blocks(source, script_context(self.data.office))
        return self.blocks_to_flowables(blocks, {})


def sample_reminder_call_list(count: int = 6) -> ReminderCallListData:
    """Realistic sample data for template previews, tests and benchmarks."""
    people = [
        ("Nguyễn Văn Thắng", "vi", "(720) 555-0101", "Text first; works nights"),
        ("María José Hernández", "es", "(303) 555-0177", "Do not call home number"),
        ("Dmitriy Volkov (Дмитрий Волков)", "ru", "(720) 555-0190", ""),
        ("Víctor Manuel Rodríguez-Covarrubias", "es", "(303) 555-0123", "Cell only, after 5 pm"),
        ("李小龙", "zh", "(720) 555-0145", "Daughter interprets"),
        ("Ali & <Sons> O'Brien", "en", "(303) 555-0111", ""),
    ]
    entries = []
    for index in range(count):
        name, language, phone, notes = people[index % len(people)]
        entries.append(ReminderEntry(
            starts_at=datetime(2026, 5, 11 + index % 5, 15 + index % 3, 30, tzinfo=UTC),
            time_zone="America/Denver", client_name=name, safe_phone=phone, language=language,
            courthouse="Lindsey-Flanigan Courthouse", courthouse_address="520 W Colfax Ave, Denver",
            courtroom=f"{3 + index % 3}F", notes=notes,
        ))
    return ReminderCallListData(
        office=OfficeInfo("Front Range Immigrant Legal Defense",
                          ("1250 Federal Boulevard, Suite 300", "Denver, CO 80204"),
                          "(303) 555-0142", "office@frontrange-legal.example"),
        period_start=date(2026, 5, 11), period_end=date(2026, 5, 17),
        prepared_on=date(2026, 5, 8), entries=tuple(entries),
    )
