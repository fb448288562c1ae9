"""The conflict check at intake: a name against every client and every opposing or related party.

Matching runs in memory (`app.domain.conflicts.NameIndex`): the index is built on the first check
of the process (about a second for 100,000 people) and then kept current cheaply. Before each check
one small query reads a fingerprint — the newest audit event and the row count and highest id of
clients and parties. Services audit every change, so new audit events name exactly the clients and
cases to reload; a change that bypassed the services (demo data, a restore) changes the counts and
rebuilds the index. Another desk's edit on a shared server is seen the same way.

Only hits are then read from the database with their cases, so what is shown is always current.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.conflicts import NameIndex, NameMatch, describe
from app.domain.enums import PartyKind, label
from app.services.clients import display_name
from app.services.context import ServiceContext
from app.storage.models import AuditEvent, CaseParty, Client, LegalCase

INCREMENTAL_LIMIT = 2000
TRACKED = ("client", "legal_case")


@dataclass(frozen=True)
class CaseRef:
    case_id: int
    docket_number: str
    role: str  # "defendant" for a client, "opposing party" for a party
    client_name: str  # whose case it is


@dataclass(frozen=True)
class ConflictHit:
    score: float
    name: str
    kind: str  # "client", "opposing party" or "related party"
    client_id: int | None
    party_id: int | None
    cases: tuple[CaseRef, ...]
    reasons: tuple[str, ...]
    explanation: str

    @property
    def case_text(self) -> str:
        return "; ".join(f"{c.docket_number or f'case {c.case_id}'} ({c.role})" for c in self.cases)


@dataclass(frozen=True)
class _Fingerprint:
    audit_id: int
    clients: int
    client_max: int
    parties: int
    party_max: int


def client_handle(client_id: int) -> int:
    return client_id * 2


def party_handle(party_id: int) -> int:
    return party_id * 2 + 1


class ConflictService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self._lock = threading.Lock()
        self._index: NameIndex | None = None
        self._seen: _Fingerprint | None = None
        self._parties_of_case: dict[int, set[int]] = defaultdict(set)
        self._clients = 0
        self._parties = 0

    def check(
        self,
        name: str,
        *,
        limit: int = 20,
        exclude_client_id: int | None = None,
        exclude_case_id: int | None = None,
    ) -> list[ConflictHit]:
        """People the office knows whose name matches `name`, best first."""
        if not name.strip():
            return []
        with self._lock, self.ctx.uow.read() as session:
            index = self._current(session)
            matches = index.search(name, limit=limit + 5)
            hits = _resolve(session, matches)
        kept = [
            hit
            for hit in hits
            if not (exclude_client_id is not None and hit.client_id == exclude_client_id)
            and not (
                exclude_case_id is not None
                and hit.party_id is not None
                and any(c.case_id == exclude_case_id for c in hit.cases)
            )
        ]
        return kept[:limit]

    def warm(self) -> int:
        """Build the index now (a dialog opening), so the first keystroke is fast."""
        with self._lock, self.ctx.uow.read() as session:
            return len(self._current(session))

    def invalidate(self) -> None:
        with self._lock:
            self._index = None
            self._seen = None

    def _current(self, session: Session) -> NameIndex:
        now = _fingerprint(session)
        if self._index is not None and self._seen == now:
            return self._index
        if self._index is None or self._seen is None or not self._apply_changes(session, now):
            self._rebuild(session)
        self._seen = now
        assert self._index is not None
        return self._index

    def _rebuild(self, session: Session) -> None:
        index = NameIndex()
        self._parties_of_case = defaultdict(set)
        clients = session.execute(
            select(Client.id, Client.given_name, Client.family_name, Client.preferred_name)
        )
        count = 0
        for row in clients:
            index.add(client_handle(row[0]), _client_name(row[1], row[2], row[3]))
            count += 1
        self._clients = count
        count = 0
        for party_id, case_id, name in session.execute(
            select(CaseParty.id, CaseParty.case_id, CaseParty.name)
        ):
            index.add(party_handle(party_id), name)
            self._parties_of_case[case_id].add(party_id)
            count += 1
        self._parties = count
        self._index = index

    def _apply_changes(self, session: Session, now: _Fingerprint) -> bool:
        """Reload only what new audit events name; False when a full rebuild is needed."""
        assert self._index is not None and self._seen is not None
        if now.audit_id < self._seen.audit_id:
            return False
        events = session.execute(
            select(AuditEvent.entity, AuditEvent.entity_id)
            .where(AuditEvent.id > self._seen.audit_id, AuditEvent.entity.in_(TRACKED))
            .limit(INCREMENTAL_LIMIT + 1)
        ).all()
        if len(events) > INCREMENTAL_LIMIT:
            return False
        client_ids = {entity_id for entity, entity_id in events if entity == "client"}
        case_ids = {entity_id for entity, entity_id in events if entity == "legal_case"}
        self._reload_clients(session, client_ids)
        self._reload_parties(session, case_ids)
        return (self._clients, self._parties) == (now.clients, now.parties)

    def _reload_clients(self, session: Session, client_ids: set[int]) -> None:
        assert self._index is not None
        if not client_ids:
            return
        found = session.execute(
            select(Client.id, Client.given_name, Client.family_name, Client.preferred_name).where(
                Client.id.in_(client_ids)
            )
        ).all()
        for client_id in client_ids:
            if client_handle(client_id) in self._index:
                self._index.remove(client_handle(client_id))
                self._clients -= 1
        for row in found:
            self._index.add(client_handle(row[0]), _client_name(row[1], row[2], row[3]))
            self._clients += 1

    def _reload_parties(self, session: Session, case_ids: set[int]) -> None:
        assert self._index is not None
        if not case_ids:
            return
        for case_id in case_ids:
            for party_id in self._parties_of_case.pop(case_id, set()):
                self._index.remove(party_handle(party_id))
                self._parties -= 1
        for party_id, case_id, name in session.execute(
            select(CaseParty.id, CaseParty.case_id, CaseParty.name).where(
                CaseParty.case_id.in_(case_ids)
            )
        ):
            self._index.add(party_handle(party_id), name)
            self._parties_of_case[case_id].add(party_id)
            self._parties += 1


def _client_name(given: str, family: str, preferred: str) -> str:
    name = f"{given} {family}"
    return f"{name} {preferred}" if preferred and preferred not in given else name


def _fingerprint(session: Session) -> _Fingerprint:
    row = session.execute(
        select(
            select(func.coalesce(func.max(AuditEvent.id), 0)).scalar_subquery(),
            select(func.count()).select_from(Client).scalar_subquery(),
            select(func.coalesce(func.max(Client.id), 0)).scalar_subquery(),
            select(func.count()).select_from(CaseParty).scalar_subquery(),
            select(func.coalesce(func.max(CaseParty.id), 0)).scalar_subquery(),
        )
    ).one()
    return _Fingerprint(*(int(value) for value in row))


def _resolve(session: Session, matches: list[NameMatch]) -> list[ConflictHit]:
    client_ids = [m.person // 2 for m in matches if m.person % 2 == 0]
    party_ids = [m.person // 2 for m in matches if m.person % 2 == 1]
    clients = _clients(session, client_ids)
    parties = _parties(session, party_ids)
    hits: list[ConflictHit] = []
    for match in matches:
        found = (clients if match.person % 2 == 0 else parties).get(match.person // 2)
        if found is None:
            continue  # deleted since the index was read
        name, kind, client_id, party_id, cases = found
        hits.append(
            ConflictHit(
                score=match.score,
                name=name,
                kind=kind,
                client_id=client_id,
                party_id=party_id,
                cases=cases,
                reasons=match.reasons,
                explanation=describe(match),
            )
        )
    return hits


_Found = tuple[str, str, int | None, int | None, tuple[CaseRef, ...]]


def _clients(session: Session, ids: list[int]) -> dict[int, _Found]:
    if not ids:
        return {}
    rows = session.execute(
        select(
            Client.id,
            Client.given_name,
            Client.family_name,
            Client.preferred_name,
            LegalCase.id,
            LegalCase.docket_number,
            LegalCase.client_role,
        )
        .outerjoin(LegalCase, LegalCase.client_id == Client.id)
        .where(Client.id.in_(ids))
        .order_by(Client.id, LegalCase.opened_on.desc(), LegalCase.id)
    )
    found: dict[int, _Found] = {}
    cases: dict[int, list[CaseRef]] = defaultdict(list)
    for r in rows:
        name = display_name(r[1], r[2], r[3])
        found.setdefault(r[0], (name, "client", r[0], None, ()))
        if r[4] is not None:
            cases[r[0]].append(CaseRef(r[4], r[5], f"client, {label(r[6]).lower()}", name))
    return {
        key: (name, kind, cid, pid, tuple(cases[key]))
        for key, (name, kind, cid, pid, _) in found.items()
    }


def _parties(session: Session, ids: list[int]) -> dict[int, _Found]:
    if not ids:
        return {}
    rows = session.execute(
        select(
            CaseParty.id,
            CaseParty.name,
            CaseParty.kind,
            CaseParty.relationship_note,
            LegalCase.id,
            LegalCase.docket_number,
            Client.given_name,
            Client.family_name,
            Client.preferred_name,
        )
        .join(LegalCase, LegalCase.id == CaseParty.case_id)
        .join(Client, Client.id == LegalCase.client_id)
        .where(CaseParty.id.in_(ids))
    )
    found: dict[int, _Found] = {}
    for r in rows:
        kind = _party_kind(r[2])
        role = f"{kind}, {r[3]}" if r[3] else kind
        ref = CaseRef(r[4], r[5], role, display_name(r[6], r[7], r[8]))
        found[r[0]] = (r[1], kind, None, r[0], (ref,))
    return found


def _party_kind(kind: Any) -> str:
    return "opposing party" if kind == PartyKind.OPPOSING else "related party"
