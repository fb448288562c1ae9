"""The second pass of an import: insert the checked rows in batches inside one transaction.

Clients and cases the rows created on the way go in first (their placeholder ids are negative);
then the spooled rows, batch by batch, with Core `executemany`; then merges, each filling only the
empty fields of the existing record, bumping its version and writing an audit event.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import Enum
from typing import Any

from sqlalchemy import Connection, Table, delete, insert, select, update

from app.domain.enums import ImmigrationStatus, PartyKind
from app.domain.names import fold, name_tokens
from app.services import audit
from app.services.csv_import_rows import Pending
from app.storage.models import (
    AuditEvent,
    Base,
    CaseParty,
    Client,
    ClientNameToken,
    Courthouse,
    EnforcementIncident,
    Hearing,
    LegalCase,
)
from app.storage.types import EnumText, UTCDateTime

MODELS: dict[str, tuple[type[Base], str]] = {
    "clients": (Client, "client"),
    "cases": (LegalCase, "legal_case"),
    "hearings": (Hearing, "hearing"),
    "courthouses": (Courthouse, "courthouse"),
    "incidents": (EnforcementIncident, "enforcement_incident"),
}
Progress = Callable[[str, int, int], None]
# What a merge treats as "nothing recorded": an immigration status nobody asked about is filled
# from the file, and a file's "not asked" never overwrites a status someone did record.
UNRECORDED: tuple[Any, ...] = (None, "", False, ImmigrationStatus.NOT_ASKED)


@dataclass
class Op:
    action: str  # "insert" or "merge"
    target: int | tuple[str, int]  # insert: sequence number; merge: id or ("row", sequence)
    keys: tuple[str, ...]  # column names, shared by every row of a kind
    row: tuple[Any, ...]
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def of(
        cls,
        action: str,
        target: int | tuple[str, int],
        values: dict[str, Any],
        extra: dict[str, Any],
    ) -> Op:
        return cls(action, target, tuple(values), tuple(values.values()), extra)

    @property
    def values(self) -> dict[str, Any]:
        return dict(zip(self.keys, self.row, strict=True))


def _table(model: type[Base]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


def _enum_value(value: Any) -> Any:
    return value.value if value.__class__ is not str and isinstance(value, Enum) else value


def _sqlite_datetime(value: datetime) -> str:
    """What SQLAlchemy's SQLite DATETIME stores for UTCDateTime: naive UTC, microseconds."""
    text = _SQLITE_TIMES.get(value)
    if text is None:
        text = value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
        if len(_SQLITE_TIMES) > 50_000:
            _SQLITE_TIMES.clear()
        _SQLITE_TIMES[value] = text
    return text


_SQLITE_TIMES: dict[datetime, str] = {}


class Committer:
    def __init__(
        self,
        connection: Connection,
        kind: str,
        now: datetime,
        actor: str,
        progress: Progress,
        *,
        need_row_ids: bool = False,
    ) -> None:
        self.connection = connection
        self.kind = kind
        self.now = now
        self.actor = actor
        self.progress = progress
        self.model, self.entity = MODELS[kind]
        self.clients: dict[int, int] = {}
        self.cases: dict[int, int] = {}
        self.rows: dict[int, int] = {}
        self.need_row_ids = need_row_ids  # a later row merges into an earlier new one

    def commit(self, pending: Pending, batches: Iterable[list[Op]], total: int) -> None:
        self.clients = dict(
            zip(
                range(-1, -len(pending.clients) - 1, -1),
                self._insert_clients(pending.clients),
                strict=True,
            )
        )
        cases = [self._resolved(values) for values in pending.cases]
        self.cases = dict(
            zip(
                range(-1, -len(cases) - 1, -1),
                self._insert_returning(LegalCase, cases),
                strict=True,
            )
        )
        merges: list[Op] = []
        done = 0
        for batch in batches:
            inserts = [op for op in batch if op.action == "insert"]
            merges.extend(op for op in batch if op.action == "merge")
            self._insert_batch(inserts)
            done += len(batch)
            self.progress("Importing", done, total)
        for op in merges:
            self._merge(op)

    # -- inserts --------------------------------------------------------------------------
    def _resolved(self, values: dict[str, Any]) -> dict[str, Any]:
        client = values.get("client_id")
        if isinstance(client, int) and client < 0:
            values = {**values, "client_id": self.clients[client]}
        case = values.get("case_id")
        if isinstance(case, int) and case < 0:
            values = {**values, "case_id": self.cases[case]}
        return values

    def _insert_returning(self, model: type[Base], rows: list[dict[str, Any]]) -> list[int]:
        if not rows:
            return []
        table = _table(model)
        result = self.connection.execute(
            insert(table).returning(table.c.id, sort_by_parameter_order=True), rows
        )
        return [int(i) for i in result.scalars()]

    def _insert_clients(self, rows: list[dict[str, Any]]) -> list[int]:
        ids = self._insert_returning(Client, rows)
        tokens = [
            {"client_id": cid, "token": token}
            for cid, row in zip(ids, rows, strict=True)
            for token in sorted(
                name_tokens(row["family_name"], row["given_name"], row.get("preferred_name", ""))
            )
        ]
        if tokens:
            self.connection.execute(insert(ClientNameToken), tokens)
        return ids

    def _insert_batch(self, ops: list[Op]) -> None:
        if not ops:
            return
        if self.kind not in ("clients", "cases") and not self.need_row_ids:
            self._insert_plain(ops)
            return
        rows = [self._resolved(op.values) for op in ops]
        if self.kind == "clients":
            ids = self._insert_clients(rows)
        elif self.kind == "cases":
            ids = self._insert_returning(LegalCase, rows)
            self._add_parties(
                (cid, op.extra.get("parties", [])) for cid, op in zip(ids, ops, strict=True)
            )
        elif self.need_row_ids:
            ids = self._insert_returning(self.model, rows)
        else:
            self._insert_plain(ops)
            return
        for op, new_id in zip(ops, ids, strict=True):
            assert isinstance(op.target, int)
            self.rows[op.target] = new_id

    def _insert_plain(self, ops: list[Op]) -> None:
        """Rows straight to the driver's executemany, each value already as the column stores
        it: the bulk of a 100,000-row import, where per-value type processing would dominate."""
        keys = ops[0].keys
        first = ops[0].row
        convert = [
            (index, fn)
            for index, fn in enumerate(
                self._storage(name, sample) for name, sample in zip(keys, first, strict=True)
            )
            if fn is not None
        ]
        references = [
            (i, self.clients if name == "client_id" else self.cases)
            for i, name in enumerate(keys)
            if name in ("client_id", "case_id") and (self.clients or self.cases)
        ]
        rows: list[tuple[Any, ...]] = []
        for op in ops:
            assert op.keys == keys, "every row of one kind has the same columns"
            if not convert and not references:
                rows.append(op.row)
                continue
            row = list(op.row)
            for index, fn in convert:
                value = row[index]
                if value is not None:
                    row[index] = fn(value)
            for index, mapping in references:
                value = row[index]
                if isinstance(value, int) and value < 0:
                    row[index] = mapping[value]
            rows.append(tuple(row))
        table = _table(self.model).name
        marker = "?" if self.connection.dialect.paramstyle == "qmark" else "%s"
        sql = f"INSERT INTO {table} ({', '.join(keys)}) VALUES ({', '.join(marker for _ in keys)})"
        self.connection.exec_driver_sql(sql, rows)

    def _storage(self, name: str, sample: Any) -> Callable[[Any], Any] | None:
        column = _table(self.model).columns[name]
        if isinstance(column.type, EnumText):
            return _enum_value if isinstance(sample, Enum) or sample is None else None
        if isinstance(column.type, UTCDateTime) and self.connection.dialect.name == "sqlite":
            return _sqlite_datetime
        return None

    def _add_parties(self, items: Iterable[tuple[int, list[tuple[str, PartyKind]]]]) -> None:
        rows = [
            {"case_id": case_id, "name": name, "kind": kind, "relationship_note": "", "version": 1}
            for case_id, parties in items
            for name, kind in parties
        ]
        if rows:
            self.connection.execute(insert(CaseParty), rows)

    # -- merges ---------------------------------------------------------------------------
    def _merge(self, op: Op) -> None:
        target = self.rows[op.target[1]] if isinstance(op.target, tuple) else op.target
        table = _table(self.model)
        current = (
            self.connection.execute(select(table).where(table.c.id == target)).mappings().one()
        )
        values = self._resolved(op.values)
        filled = {
            key: value
            for key, value in values.items()
            if key not in ("version", "created_at", "id")
            and value not in UNRECORDED
            and current.get(key) in UNRECORDED
        }
        if self.kind == "cases":
            self._merge_parties(target, op.extra.get("parties", []))
        if not filled:
            return
        self.connection.execute(
            update(table).where(table.c.id == target).values(**filled, version=table.c.version + 1)
        )
        if self.kind == "clients" and {"given_name", "family_name", "preferred_name"} & set(filled):
            merged = {**dict(current), **filled}
            self.connection.execute(
                delete(ClientNameToken).where(ClientNameToken.client_id == target)
            )
            self._tokens(target, merged)
        before = {k: audit.plain(current.get(k)) for k in filled}
        after = {k: audit.plain(v) for k, v in filled.items()}
        changes = audit.diff(before, after, audit.sensitive_columns(self.model))
        self.connection.execute(
            insert(AuditEvent),
            {
                "at": self.now,
                "actor": self.actor,
                "entity": self.entity,
                "entity_id": target,
                "action": "update",
                "changes": json.dumps(changes, ensure_ascii=False, sort_keys=True),
            },
        )

    def _tokens(self, client_id: int, row: dict[str, Any]) -> None:
        tokens = name_tokens(row["family_name"], row["given_name"], row.get("preferred_name", ""))
        if tokens:
            self.connection.execute(
                insert(ClientNameToken),
                [{"client_id": client_id, "token": t} for t in sorted(tokens)],
            )

    def _merge_parties(self, case_id: int, parties: list[tuple[str, PartyKind]]) -> None:
        known = {
            fold(name)
            for name in self.connection.execute(
                select(CaseParty.name).where(CaseParty.case_id == case_id)
            ).scalars()
        }
        self._add_parties([(case_id, [(n, k) for n, k in parties if fold(n) not in known])])
