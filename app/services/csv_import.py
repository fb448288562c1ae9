"""CSV import: clients, cases, hearings, courthouses and incidents, all or nothing.

Two passes with bounded memory. The first streams the file, checks every row against the mapping,
the database and the rows before it, and spools the rows it accepts to a temporary file; every
problem is kept with its spreadsheet row and column. If there is any problem (or on a dry run)
nothing is written. Otherwise the second pass reads the spool and inserts in batches with Core
inside one transaction, so a failure half-way leaves the database as it was.
"""

from __future__ import annotations

import json
import pickle
import tempfile
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import IO, Literal

from sqlalchemy import Connection, insert, select

from app.domain.errors import UserError
from app.services.context import ServiceContext
from app.services.csv_import_commit import Committer, Op
from app.services.csv_import_fields import (
    FieldSpec,
    detect_mapping,
    fields_of,
    repeated_header,
)
from app.services.csv_import_kinds import Converter, Planned
from app.services.csv_import_reader import FileShape, Record, inspect, records
from app.services.csv_import_rows import Lookups, Problem, RowReader
from app.services.office import OfficeService
from app.storage.models import AuditEvent, Hearing

OnDuplicate = Literal["error", "skip", "merge"]
Progress = Callable[[str, int, int], None]
MAPPING_KEY = "import.mapping.{kind}"
MAX_PROBLEMS = 1000
SPOOL_BATCH = 5000


@dataclass(frozen=True)
class ImportReport:
    kind: str
    encoding: str
    rows: int
    created: int
    merged: int
    skipped: int
    new_clients: int
    new_cases: int
    problems: tuple[Problem, ...]
    problem_count: int
    ignored_headers: tuple[str, ...]
    dry_run: bool
    committed: bool

    @property
    def ok(self) -> bool:
        return self.problem_count == 0

    def summary(self) -> str:
        verb = "Imported" if self.committed else "Would import"
        text = f"{verb} {self.created} {self.kind} from {self.rows} rows"
        extras = [
            f"{self.merged} merged" if self.merged else "",
            f"{self.skipped} duplicates skipped" if self.skipped else "",
            f"{self.new_clients} new clients" if self.new_clients else "",
            f"{self.new_cases} new cases" if self.new_cases else "",
        ]
        extra = ", ".join(e for e in extras if e)
        return text + (f" ({extra})." if extra else ".")


class ImportProblems(UserError):
    """The file has problems; nothing was imported. The report lists each by row and column."""

    def __init__(self, report: ImportReport) -> None:
        self.report = report
        first = report.problems[0] if report.problems else None
        where = ""
        if first is not None and first.row is not None:
            where = f"row {first.row}" + (f", {first.column}" if first.column else "") + ": "
        detail = f" First: {where}{first.message}." if first is not None else ""
        super().__init__(
            f"Nothing was imported: the file has {report.problem_count} problem(s).{detail}"
        )


@dataclass(frozen=True)
class Preview:
    kind: str
    encoding: str
    delimiter: str
    headers: tuple[str, ...]
    mapping: dict[str, str]
    fields: tuple[FieldSpec, ...]
    sample: tuple[tuple[str, ...], ...]


@dataclass
class _Pass:
    rows: int = 0
    created: int = 0
    merged: int = 0
    skipped: int = 0
    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0
    seen: dict[Hashable, tuple[int, int]] = field(default_factory=dict)  # key -> (row, seq)
    row_merges: int = 0

    def add(self, problems: list[Problem]) -> None:
        self.problem_count += len(problems)
        room = MAX_PROBLEMS - len(self.problems)
        if room > 0:
            self.problems.extend(problems[:room])


class ImportService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.office = OfficeService(ctx)

    # -- mapping --------------------------------------------------------------------------
    def saved_mapping(self, kind: str) -> dict[str, str]:
        fields_of(kind)
        value = self.office.setting(MAPPING_KEY.format(kind=kind), {})
        return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}

    def save_mapping(self, kind: str, mapping: dict[str, str]) -> None:
        known = {spec.key for spec in fields_of(kind)}
        self.office.set_setting(
            MAPPING_KEY.format(kind=kind), {k: v for k, v in mapping.items() if k in known and v}
        )

    def preview(self, path: Path, kind: str, rows: int = 5) -> Preview:
        specs = fields_of(kind)
        shape = inspect(path)
        found = records(path, shape)
        header = next(found, None)
        if header is None or header.cells is None:
            raise UserError(f"{path.name} has no header row CourtSafe can read.")
        sample: list[tuple[str, ...]] = []
        for record in found:
            if len(sample) >= rows:
                break
            if record.cells is not None:
                sample.append(tuple(record.cells))
        headers = tuple(_clean_header(h) for h in header.cells)
        mapping = detect_mapping(kind, headers, self.saved_mapping(kind))
        return Preview(
            kind, shape.encoding, shape.delimiter, headers, mapping, specs, tuple(sample)
        )

    # -- import ---------------------------------------------------------------------------
    def run(
        self,
        path: Path,
        kind: str,
        *,
        mapping: dict[str, str] | None = None,
        dry_run: bool = False,
        on_duplicate: OnDuplicate = "error",
        progress: Progress | None = None,
    ) -> ImportReport:
        """Check the whole file; unless `dry_run`, import it in one transaction.

        Raises `ImportProblems` (nothing written) when any row has a problem and this is no
        dry run; a dry run returns the report with every problem instead.
        """
        specs = fields_of(kind)
        report_progress = progress or (lambda _s, _d, _t: None)
        path = Path(path)
        shape = inspect(path)
        found = records(path, shape)
        header = next(found, None)
        if header is None:
            raise UserError(f"{path.name} is empty: there is nothing to import.")
        state = _Pass()
        if header.cells is None:
            state.add([Problem(1, "", f"the header row cannot be read: {header.problem}")])
            return _checked(self._report(kind, shape, state, (), 0, 0, dry_run, False))
        headers = [_clean_header(h) for h in header.cells]
        chosen = (
            mapping
            if mapping is not None
            else detect_mapping(kind, headers, self.saved_mapping(kind))
        )
        columns, file_problems = _columns(kind, specs, headers, chosen)
        ignored = tuple(h for h in headers if h and h not in chosen.values())
        if file_problems:
            state.add(file_problems)
            return _checked(self._report(kind, shape, state, ignored, 0, 0, dry_run, False))
        with tempfile.TemporaryFile(prefix="courtsafe-import-") as spool:
            converter = self._converter(kind, columns)
            spooled = self._first_pass(
                found, columns, converter, state, on_duplicate, spool, report_progress
            )
            if state.rows == 0 and not state.problem_count:
                state.add([Problem(None, "", "the file has a header row but no data rows")])
            new_clients = len(converter.pending.clients)
            new_cases = len(converter.pending.cases)
            if state.problem_count or dry_run:
                return _checked(
                    self._report(
                        kind, shape, state, ignored, new_clients, new_cases, dry_run, False
                    )
                )
            spool.seek(0)
            with self.ctx.uow.engine.begin() as connection:
                committer = Committer(
                    connection,
                    kind,
                    self.ctx.now(),
                    self.ctx.actor,
                    report_progress,
                    need_row_ids=state.row_merges > 0,
                )
                committer.commit(converter.pending, _read_spool(spool), spooled)
                self._audit(connection, kind, path, state)
        return self._report(kind, shape, state, ignored, new_clients, new_cases, False, True)

    def _converter(self, kind: str, columns: Iterable[str]) -> Converter:
        office = self.office.get()
        zone = office.time_zone if office is not None else "America/Denver"
        with_clients = kind != "hearings" or any(key.startswith("client_") for key in columns)
        with self.ctx.uow.read() as session:
            lookups = Lookups.load(session, kind, with_clients=with_clients)
        return Converter(kind, lookups, self.ctx.now(), zone, self._hearing_keys())

    def _hearing_keys(self) -> Callable[[int, datetime], bool]:
        """Existing hearings by month, read when a row first needs that month (one index
        range scan each): a file of next week's hearings reads a few thousand keys, not all."""
        months: dict[tuple[int, int], set[tuple[int, datetime]]] = {}

        def exists(case_id: int, starts_at: datetime) -> bool:
            month = (starts_at.year, starts_at.month)
            keys = months.get(month)
            if keys is None:
                first = datetime(starts_at.year, starts_at.month, 1, tzinfo=UTC)
                last = (first + timedelta(days=32)).replace(day=1)
                with self.ctx.uow.read() as session:
                    keys = months[month] = {
                        (case, start)
                        for case, start in session.execute(
                            select(Hearing.case_id, Hearing.starts_at).where(
                                Hearing.starts_at >= first, Hearing.starts_at < last
                            )
                        )
                    }
            return (case_id, starts_at) in keys

        return exists

    def _first_pass(
        self,
        found: Iterator[Record],
        columns: dict[str, tuple[int, FieldSpec, str]],
        converter: Converter,
        state: _Pass,
        on_duplicate: OnDuplicate,
        spool: IO[bytes],
        progress: Progress,
    ) -> int:
        batch: list[Op] = []
        spooled = 0
        today = self.ctx.now().date()
        for record in found:
            if record.cells is None:
                state.rows += 1
                state.add([Problem(record.row, "", record.problem)])
                continue
            if not any(cell.strip() for cell in record.cells):
                continue  # blank lines between blocks of a spreadsheet
            state.rows += 1
            reader = RowReader(record.row, record.cells, columns, today)
            planned = converter.convert(reader)
            if planned is None:
                state.add(reader.problems)
                continue
            op = _decide(record.row, planned, state, on_duplicate, spooled)
            if op is not None:
                batch.append(op)
                spooled += 1
                if len(batch) >= SPOOL_BATCH:
                    _spool(spool, batch)
                    batch = []
            if state.rows % 2000 == 0:
                progress("Checking rows", state.rows, 0)
        if batch:
            _spool(spool, batch)
        return spooled

    def _audit(self, connection: Connection, kind: str, path: Path, state: _Pass) -> None:
        connection.execute(
            insert(AuditEvent),
            {
                "at": self.ctx.now(),
                "actor": self.ctx.actor,
                "entity": "import",
                "entity_id": 0,
                "action": "import",
                "changes": json.dumps(
                    {
                        "kind": [None, kind],
                        "file": [None, path.name],
                        "created": [None, state.created],
                        "merged": [None, state.merged],
                        "skipped": [None, state.skipped],
                    },
                    sort_keys=True,
                ),
            },
        )

    def _report(
        self,
        kind: str,
        shape: FileShape,
        state: _Pass,
        ignored: tuple[str, ...],
        new_clients: int,
        new_cases: int,
        dry_run: bool,
        committed: bool,
    ) -> ImportReport:
        return ImportReport(
            kind=kind,
            encoding="UTF-8" if shape.encoding == "utf-8-sig" else "Windows-1252",
            rows=state.rows,
            created=state.created,
            merged=state.merged,
            skipped=state.skipped,
            new_clients=new_clients,
            new_cases=new_cases,
            problems=tuple(state.problems),
            problem_count=state.problem_count,
            ignored_headers=ignored,
            dry_run=dry_run,
            committed=committed,
        )


def _checked(report: ImportReport) -> ImportReport:
    """A report with problems is an error unless it was a dry run: nothing was written."""
    if report.problem_count and not report.dry_run:
        raise ImportProblems(report)
    return report


def _clean_header(text: str) -> str:
    return text.replace("\ufeff", "").strip()


def _columns(
    kind: str, specs: tuple[FieldSpec, ...], headers: list[str], mapping: dict[str, str]
) -> tuple[dict[str, tuple[int, FieldSpec, str]], list[Problem]]:
    by_key = {spec.key: spec for spec in specs}
    positions = {h: i for i, h in reversed(list(enumerate(headers)))}
    columns: dict[str, tuple[int, FieldSpec, str]] = {}
    repeated = repeated_header(headers)
    if repeated is not None:
        return columns, [Problem(1, "", repeated)]
    problems: list[Problem] = []
    for key, header in mapping.items():
        spec = by_key.get(key)
        if spec is None or not header:
            continue
        if header not in positions:
            problems.append(
                Problem(
                    1, header, f"the mapping names a column '{header}' that this file does not have"
                )
            )
            continue
        columns[key] = (positions[header], spec, header)
    for spec in specs:
        if spec.required and spec.key not in columns:
            looked = ", ".join((spec.header, *spec.aliases[:5]))
            problems.append(Problem(1, "", f"no column for {spec.header} (looked for: {looked})"))
    if kind == "cases" and not {"client_family_name", "client_name", "client_a_number"} & set(
        columns
    ):
        problems.append(Problem(1, "", "no column names the client (Last Name, Client or A#)"))
    return columns, problems


def _decide(
    row: int, planned: Planned, state: _Pass, on_duplicate: OnDuplicate, seq: int
) -> Op | None:
    """Insert, skip or merge a row that may repeat an earlier row or an existing record."""
    earlier = next(((state.seen[k], why) for k, why in planned.keys if k in state.seen), None)
    if earlier is None and planned.existing is None:
        for key, _ in planned.keys:
            state.seen[key] = (row, seq)
        state.created += 1
        return Op.of("insert", seq, planned.values, planned.extra)
    if earlier is not None:
        (first_row, first_seq), why = earlier
        text = f"repeats row {first_row} ({why})"
        target: int | tuple[str, int] = ("row", first_seq)
        if on_duplicate == "merge":
            state.row_merges += 1
    else:
        assert planned.existing is not None
        text = f"already in CourtSafe ({planned.why})"
        target = planned.existing
    if on_duplicate == "error":
        state.add([Problem(row, "", f"{text}; choose to skip or merge duplicates")])
        return None
    if on_duplicate == "skip":
        state.skipped += 1
        return None
    state.merged += 1
    return Op.of("merge", target, planned.values, planned.extra)


def _spool(spool: IO[bytes], batch: list[Op]) -> None:
    """Tuples with one shared tuple of column names: pickles several times faster than dicts."""
    shared: dict[tuple[str, ...], tuple[str, ...]] = {}
    packed = [
        (op.action, op.target, shared.setdefault(op.keys, op.keys), op.row, op.extra or None)
        for op in batch
    ]
    pickle.dump(packed, spool, protocol=pickle.HIGHEST_PROTOCOL)


def _read_spool(spool: IO[bytes]) -> Iterator[list[Op]]:
    while True:
        try:
            packed = pickle.load(spool)  # noqa: S301 - our own temporary file
        except EOFError:
            return
        yield [
            Op(action, target, keys, row, extra or {})
            for action, target, keys, row, extra in packed
        ]
