"""Reminder call list for a date range, with a call script per language on the list.

The script follows the reminder research in policy.md: date, time, where (or how to join), the
consequence of missing court, a prompt to plan the trip, and the office's number. Only the
client's *safe* phone number is printed, with the safe-contact notes beside it.

What protects the client is printed by this module, never left to a template an office may have
edited: the "before you say anything" box comes first in every script, and what missing court
means comes from the court kind and the client's role (app/documents/missed_court.py), in the
script's language. A remote hearing's row says how to join and carries no street address or
courtroom.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from reportlab.lib.pagesizes import landscape
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer

from app.documents import styles as st
from app.documents.base import DocumentRenderer, boxed, make_table
from app.documents.data import OfficeInfo, ReminderCallListData, ReminderEntry
from app.documents.fonts import markup
from app.documents.i18n import format_date, format_short_date, format_time, language_name, to_zone
from app.documents.missed_court import STAFF_LABELS, Consequence, missed_court_text
from app.documents.templates import (
    Block,
    BlockKind,
    available_languages,
    default_source,
    render_blocks,
)
from app.domain.enums import AppearanceMode

KIND = "reminder_script"
_COLUMNS = ("When", "Client", "Safe phone", "Where, or how to join", "If missed", "Notes", "Done")
_WIDTHS = (0.9, 1.75, 1.05, 2.35, 1.25, 1.2, 0.5)  # inches, on a landscape page: 9.0 in all


def render_reminder_call_list(
    data: ReminderCallListData, *, script_sources: dict[str, str] | None = None
) -> bytes:
    """The call list as PDF bytes; ``script_sources`` maps a language to an edited script."""
    return ReminderCallListRenderer(data, script_sources).render()


def script_context(office: OfficeInfo) -> dict[str, Any]:
    """The fields a call script template may use (the rest are [bracketed] blanks)."""
    return {"office_name": office.name, "office_phone": office.phone}


def safety_text(office_phone: str) -> str:
    """The first thing on every script: who may hear what."""
    return (
        "Before you say anything: confirm you are speaking with the client (lines 1 and 2). "
        "If someone else answers, or you reach voicemail: give only your first name and the "
        f"call-back number {office_phone}. Say nothing about the case, the court, immigration "
        "or the office's name."
    )


def missed_label(kind: Consequence) -> str:
    """The staff label without its 'Missing it:' lead, for the 'If missed' column."""
    return STAFF_LABELS[kind].removeprefix("Missing it:").strip().capitalize()


class ReminderCallListRenderer(DocumentRenderer):
    kind = KIND
    page_size = landscape(st.PAGE_SIZE)  # seven columns need the width

    def __init__(self, data: ReminderCallListData,
                 script_sources: dict[str, str] | None = None) -> None:
        super().__init__(data.office, "en")
        self.data = data
        self.script_sources = script_sources or {}
        self.scripted = set(available_languages(KIND)) | set(self.script_sources)

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
                      "shown, follow the notes, and read the script for the client's language "
                      "(its first box before anything else).", self.styles.body_small),
            Spacer(1, 6),
        ]
        story.append(self._table(entries) if entries
                     else self.para("No hearings in this period.", self.styles.body))
        consequences = _in_order({e.missed_court for e in entries if e.missed_court})
        for language in self._languages(entries):
            story += [CondPageBreak(2.5 * st.INCH), *self._script(language, consequences)]
        return story

    def _languages(self, entries: list[ReminderEntry]) -> list[str]:
        """English and Spanish always, then every other language on the list, in order of use."""
        seen = ["en", "es"]
        for entry in entries:
            if entry.language not in seen:
                seen.append(entry.language)
        return seen

    def needs_interpreter(self, entry: ReminderEntry) -> bool:
        """No script in the client's language: the caller reads another one with an interpreter."""
        return entry.language not in self.scripted

    # --- the table ----------------------------------------------------------------------------

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
        client = [f"<b>{markup(entry.client_name)}</b>", markup(language_name(entry.language))]
        if entry.ask_for:
            client.append(f"Ask for: <b>{markup(entry.ask_for)}</b>")
        if self.needs_interpreter(entry):
            client.append("<font color='#8a3b12'><b>Interpreter needed</b></font>")
        missed = missed_label(entry.missed_court) if entry.missed_court else ""
        return [
            self.para_markup(when, s.table_cell),
            self.para_markup("<br/>".join(client), s.table_cell),
            self.para(entry.safe_phone, s.table_cell),
            self.para_markup(where_markup(entry), s.table_cell),
            self.para(missed, s.table_cell),
            self.para(entry.notes, s.table_note),
            self.para("☐", s.table_box),
        ]

    # --- the scripts --------------------------------------------------------------------------

    def _script(self, language: str, consequences: list[Consequence]) -> list[Flowable]:
        name = language_name(language)
        source = self.script_sources.get(language)
        if source is None and language in available_languages(KIND):
            source = default_source(KIND, language)
        if source is None:
            return [
                self.para(f"Call script: {name}", self.styles.heading),
                self.para(f"There is no {name} script yet: use the English script with an "
                          "interpreter, or add a script in Settings.", self.styles.body),
            ]
        blocks = render_blocks(source, script_context(self.data.office))
        heading = f"Call script: {name}"
        if blocks and blocks[0].kind is BlockKind.HEADING:
            heading, blocks = blocks[0].text, blocks[1:]
        # One script on one page where it fits: a caller reads it with the phone in one hand.
        return [KeepTogether([
            self.para(heading, self.styles.heading),
            self._safety_box(),
            *self.blocks_to_flowables(_without_safety_notice(blocks), {}),
            *self._missed_court_box(language, consequences),
        ])]

    def _safety_box(self) -> Flowable:
        return boxed([self.para(safety_text(self.data.office.phone), self.styles.callout)],
                     background=st.STAFF_SHADE, border=st.STAFF_BORDER, width=self.frame_width)

    def _missed_court_box(self, language: str,
                          consequences: list[Consequence]) -> list[Flowable]:
        if not consequences:
            return []
        s = self.styles
        rows = [[self.para(missed_label(kind), s.label),
                 self.para(missed_court_text(kind, language), s.value)]
                for kind in consequences]
        label_width = 2.2 * st.INCH
        table = make_table(rows, [label_width, self.frame_width - label_width], [
            ("BACKGROUND", (0, 0), (-1, -1), st.SHADE),
            ("LINEBEFORE", (0, 0), (0, -1), 3, st.ACCENT),
            ("LINEBELOW", (0, 0), (-1, -2), 0.4, st.RULE),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ("LEFTPADDING", (0, 0), (0, -1), 10),
        ])
        lead = "If they miss court: read the sentence for the row's “If missed”"
        return [Spacer(1, 6), KeepTogether([
            self.para_markup(f"<b>{markup(lead)}</b>", s.body_lead_in), table, Spacer(1, 8)])]


def where_markup(entry: ReminderEntry) -> str:
    """The courthouse for an in-person hearing; how to join, and no street, for a remote one."""
    court = markup(entry.courthouse)
    place = [court, markup(entry.courthouse_address),
             f"Courtroom <b>{markup(entry.courtroom)}</b>" if entry.courtroom else ""]
    if entry.mode is AppearanceMode.IN_PERSON:
        return "<br/>".join(part for part in place if part)
    lines = (["<b>Remote</b> (video or phone): not at the courthouse", court]
             if entry.mode is AppearanceMode.REMOTE
             else ["<b>Hybrid</b>: in person or remote (ask which)", *place])
    join = [(label, value) for label, value in (
        ("Video", entry.join_url), ("Phone", entry.join_phone),
        ("Meeting ID", entry.meeting_id), ("Passcode", entry.passcode)) if value]
    # A link goes on a line of its own in a smaller size, so most fit without a break.
    lines += [f"{label}:<br/><font size='7.5'>{markup(value)}</font>" if label == "Video"
              else f"{label}: {markup(value)}" for label, value in join]
    lines.append("Test the link or number the day before" if join
                 else "<b>How to join not recorded: ask the court before calling</b>")
    return "<br/>".join(line for line in lines if line)


def _without_safety_notice(blocks: list[Block]) -> list[Block]:
    """An older edited script ends with its own 'if someone else answers' box: the program's
    box, printed first, replaces it rather than repeating it last."""
    return [b for b in blocks
            if not (b.kind is BlockKind.NOTICE and "someone else answers" in b.text.lower())]


def _in_order(kinds: set[Consequence]) -> list[Consequence]:
    return [kind for kind in Consequence if kind in kinds]


def sample_reminder_call_list(count: int = 6) -> ReminderCallListData:
    """Realistic sample data for template previews, tests and benchmarks."""
    people = [
        ("Nguyễn Văn Thắng", "Thắng", "vi", "(720) 555-0101", "Text first; works nights",
         Consequence.BENCH_WARRANT, AppearanceMode.IN_PERSON),
        ("María José Hernández", "María José", "es", "(303) 555-0177", "Do not call home number",
         Consequence.PROTECTION_ENDS, AppearanceMode.HYBRID),
        ("Dmitriy Volkov (Дмитрий Волков)", "Dmitriy", "ru", "(720) 555-0190", "",
         Consequence.REMOVAL_IN_ABSENCE, AppearanceMode.REMOTE),
        ("Víctor Manuel Rodríguez-Covarrubias", "Víctor", "es", "(303) 555-0123",
         "Cell only, after 5 pm", Consequence.BENCH_WARRANT, AppearanceMode.IN_PERSON),
        ("李小龙", "小龙", "zh", "(720) 555-0145", "Daughter interprets",
         Consequence.DEFAULT, AppearanceMode.IN_PERSON),
        ("Ali & <Sons> O'Brien", "Ali", "en", "(303) 555-0111", "",
         Consequence.SUBPOENA, AppearanceMode.IN_PERSON),
    ]
    entries = []
    for index in range(count):
        name, ask_for, language, phone, notes, missed, mode = people[index % len(people)]
        joins = mode is not AppearanceMode.IN_PERSON
        remote = mode is AppearanceMode.REMOTE
        entries.append(ReminderEntry(
            starts_at=datetime(2026, 5, 11 + index % 5, 15 + index % 3, 30, tzinfo=UTC),
            time_zone="America/Denver", client_name=name, safe_phone=phone, language=language,
            courthouse="Denver Immigration Court" if remote else "Lindsey-Flanigan Courthouse",
            courthouse_address="" if remote else "520 W Colfax Ave, Denver",
            courtroom="" if remote else f"{3 + index % 3}F", notes=notes, ask_for=ask_for,
            mode=mode, missed_court=missed,
            join_url=f"https://example.test/hearing/{4100 + index}" if joins else "",
            join_phone="(303) 555-0100" if joins else "",
            meeting_id=f"555 014 {2000 + index}" if joins else "",
            passcode="000000" if joins else "",
        ))
    return ReminderCallListData(
        office=OfficeInfo("Front Range Immigrant Legal Defense",
                          ("1250 Federal Boulevard, Suite 300", "Denver, CO 80204"),
                          "(303) 555-0142", "office@frontrange-legal.example"),
        period_start=date(2026, 5, 11), period_end=date(2026, 5, 17),
        prepared_on=date(2026, 5, 8), entries=tuple(entries),
    )
