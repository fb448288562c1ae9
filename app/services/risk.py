"""Upcoming hearings with their risk flags: one query for the window, pure assessment per row.

The rules come from resources/risk_rules.toml (loaded once, by the composition root) with the
office's adjusted weights and thresholds on top. Incidents are the office's whole log, indexed
once per call; client facts are read once per client however many hearings they have.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from app.domain.enums import HearingStatus, RiskLevel
from app.domain.errors import ValidationError
from app.domain.risk import assess
from app.domain.risk_incidents import IncidentIndex
from app.domain.risk_inputs import (
    Assessment,
    CaseFacts,
    ClientFacts,
    CourthouseFacts,
    CriminalEntry,
    HearingFacts,
    IncidentFacts,
)
from app.domain.risk_rules import RuleSet
from app.domain.risk_toml import RulesError
from app.services.context import ServiceContext
from app.services.gc_quiet import collector_paused
from app.services.hearings import LIST_COLUMNS, HearingRow, list_query, row_from
from app.services.office import OfficeService
from app.storage.models import (
    Client,
    Courthouse,
    CriminalHistoryEntry,
    EnforcementIncident,
    Hearing,
    LegalCase,
)

WEIGHTS_KEY = "risk.weights"
THRESHOLDS_KEY = "risk.thresholds"
ACTIVE = (HearingStatus.SCHEDULED, HearingStatus.CONTINUED)
ATTENTION = (RiskLevel.HIGH, RiskLevel.CRITICAL)
# Hearing ids bound per query: under SQLite's oldest limit of 999 parameters per statement.
ID_CHUNK = 900

_RISK_COLUMNS = (
    *LIST_COLUMNS,
    LegalCase.kind,
    LegalCase.client_role,
    Courthouse.city,
    Courthouse.state,
    Courthouse.screened_entry,
    Client.immigration_status,
    Client.entry_date,
    Client.entered_without_inspection,
    Client.final_removal_order,
    Client.prior_removal,
    Client.ice_detainer_history,
    Client.gang_allegation,
)
_BASE = len(LIST_COLUMNS)


class UpcomingItem:
    """A hearing with its assessment. The display row is built on first use: a 30-day window has
    tens of thousands of hearings, and the counts and filters need only the assessments."""

    __slots__ = ("_hearing", "_row", "assessment")

    def __init__(self, row: Any, assessment: Assessment) -> None:
        self._row = row
        self._hearing: HearingRow | None = row if isinstance(row, HearingRow) else None
        self.assessment = assessment

    @property
    def hearing(self) -> HearingRow:
        if self._hearing is None:
            self._hearing = row_from(self._row)
        return self._hearing

    @property
    def hearing_id(self) -> int:
        """The hearing's id without building its display row."""
        return self._hearing.id if self._hearing is not None else int(self._row[0])

    def __repr__(self) -> str:
        return f"UpcomingItem(hearing={self.hearing_id}, level={self.assessment.level.value})"

    @property
    def needs_attention(self) -> bool:
        return self.assessment.level in ATTENTION and self.hearing.advisory_sent_at is None

    @property
    def local_start(self) -> datetime:
        return self.hearing.starts_at.astimezone(_zone(self.hearing.time_zone))


@dataclass(frozen=True)
class UpcomingFilter:
    start: datetime
    days: int = 14
    min_level: RiskLevel = RiskLevel.NONE
    staff_id: int | None = None
    courthouse_id: int | None = None
    limit: int | None = None


def level_counts(items: Iterable[UpcomingItem]) -> dict[RiskLevel, int]:
    counts = Counter(item.assessment.level for item in items)
    return {level: counts.get(level, 0) for level in RiskLevel}


class RiskService:
    def __init__(self, ctx: ServiceContext, base_rules: Callable[[], RuleSet]) -> None:
        self.ctx = ctx
        self._base_rules = base_rules
        self.office = OfficeService(ctx)

    # -- rules and the office's adjustments ------------------------------------------------
    def rules(self) -> RuleSet:
        weights = self.office.setting(WEIGHTS_KEY, {}) or {}
        thresholds = self.office.setting(THRESHOLDS_KEY, {}) or {}
        base = self._base_rules()
        if not weights and not thresholds:
            return base
        try:
            return base.with_overrides(weights, thresholds)
        except RulesError:
            # A newer rules file dropped a factor the office had adjusted: keep the adjustments
            # that still apply rather than leaving the Upcoming view without flags.
            known = base.default_weights()
            kept = {code: value for code, value in weights.items() if code.split(".")[-1] in known}
            try:
                return base.with_overrides(kept, thresholds)
            except RulesError:
                return base

    def default_weights(self) -> dict[str, float]:
        return self._base_rules().default_weights()

    def adjust(self, weights: Mapping[str, float], thresholds: Mapping[str, float]) -> RuleSet:
        """Save the office's weights and thresholds after checking the rules accept them."""
        try:
            rules = self._base_rules().with_overrides(weights, thresholds)
        except Exception as error:  # noqa: BLE001 - RulesError and ValueError both mean bad input
            raise ValidationError({"weights": str(error)}) from None
        self.office.set_setting(WEIGHTS_KEY, dict(weights))
        self.office.set_setting(THRESHOLDS_KEY, dict(thresholds))
        return rules

    def reset_to_defaults(self) -> None:
        self.office.delete_setting(WEIGHTS_KEY)
        self.office.delete_setting(THRESHOLDS_KEY)

    # -- assessments ----------------------------------------------------------------------
    def upcoming(self, request: UpcomingFilter) -> list[UpcomingItem]:
        return self._assessed(
            upcoming_query(request), min_level=request.min_level, limit=request.limit
        )

    def assess_hearing(self, hearing_id: int) -> UpcomingItem | None:
        """The flag of one hearing, whatever its date or status (detail panes, letters)."""
        items = self._assessed(list_query(*_RISK_COLUMNS).where(Hearing.id == hearing_id))
        return items[0] if items else None

    def assess_hearings(self, hearing_ids: Iterable[int]) -> dict[int, UpcomingItem]:
        """The flags of many hearings by id, each as `assess_hearing` gives it; unknown ids are
        left out. One pass: the rules, the incident log and the criminal histories are read once
        and the hearings in chunks, where one call per hearing reads them all each time."""
        ids = sorted(set(hearing_ids))
        if not ids:
            return {}
        chunks = [
            list_query(*_RISK_COLUMNS).where(Hearing.id.in_(ids[first : first + ID_CHUNK]))
            for first in range(0, len(ids), ID_CHUNK)
        ]
        return {item.hearing_id: item for item in self._assessed(*chunks)}

    def for_client(self, client_id: int) -> list[UpcomingItem]:
        """Every hearing of one client with its flag, newest first, in one query."""
        query = (
            list_query(*_RISK_COLUMNS)
            .where(Client.id == client_id)
            .order_by(Hearing.starts_at.desc(), Hearing.id.desc())
        )
        return self._assessed(query)

    def _assessed(
        self,
        *queries: Select[Any],
        min_level: RiskLevel = RiskLevel.NONE,
        limit: int | None = None,
    ) -> list[UpcomingItem]:
        """Run hearing queries with the risk columns and assess each row (facts read once)."""
        rules = self.rules()
        now = self.ctx.now()
        with collector_paused():
            with self.ctx.uow.read() as session:
                connection = session.connection()
                rows = [row for query in queries for row in connection.execute(query).all()]
                history = _criminal_history(session, {r[4] for r in rows})
                index = IncidentIndex.build(_incidents(session))
            return _assess_rows(rows, history, index, rules, now, min_level, limit)


def _assess_rows(
    rows: Sequence[Any],
    history: dict[int, tuple[CriminalEntry, ...]],
    index: IncidentIndex,
    rules: RuleSet,
    now: datetime,
    min_level: RiskLevel,
    limit: int | None,
) -> list[UpcomingItem]:
    """Assess each row; facts shared by many rows (client, courthouse, case kind) built once.

    Incidents are dated, and aged, by the calendar at the courthouse: an arrest at 17:30 in
    Denver happened that day, not the next one as UTC would have it.
    """
    items = []
    every_level = min_level is RiskLevel.NONE
    clients: dict[int, ClientFacts] = {}
    courts: dict[int, tuple[CourthouseFacts, tuple[IncidentFacts, ...], ZoneInfo, date]] = {}
    cases: dict[tuple[Any, Any], CaseFacts] = {}
    for r in rows:
        client = clients.get(r[4])
        if client is None:
            client = clients[r[4]] = _client_facts(r, history.get(r[4], ()))
        court = courts.get(r[10])
        if court is None:
            facts = CourthouseFacts(r[10], r[11], r[_BASE + 2], r[_BASE + 3], r[_BASE + 4], r[3])
            zone = _zone(r[3])
            court = courts[r[10]] = (facts, index.near(facts), zone, now.astimezone(zone).date())
        case_key = (r[_BASE], r[_BASE + 1])
        case = cases.get(case_key)
        if case is None:
            case = cases[case_key] = CaseFacts(*case_key)
        hearing = HearingFacts(r[2].astimezone(court[2]), r[13], r[15], r[14])
        assessment = assess(hearing, client, case, court[0], court[1], rules, court[3])
        if every_level or assessment.level.rank >= min_level.rank:
            items.append(UpcomingItem(r, assessment))
            if limit is not None and len(items) >= limit:
                break
    return items


def upcoming_query(request: UpcomingFilter) -> Select[Any]:
    """The hearings of the window with every column the list and the assessment read."""
    if request.days < 1 or request.days > 366:
        raise ValidationError({"days": "choose between 1 and 366 days"})
    end = request.start + timedelta(days=request.days)
    query = (
        list_query(*_RISK_COLUMNS)
        .where(
            Hearing.starts_at >= request.start,
            Hearing.starts_at < end,
            Hearing.status.in_([s.value for s in ACTIVE]),
        )
        .order_by(Hearing.starts_at, Hearing.id)
    )
    if request.staff_id is not None:
        query = query.where(LegalCase.assigned_staff_id == request.staff_id)
    if request.courthouse_id is not None:
        query = query.where(Hearing.courthouse_id == request.courthouse_id)
    if request.limit is not None and request.min_level is RiskLevel.NONE:
        query = query.limit(request.limit)
    return query


@cache
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def _client_facts(r: Any, history: tuple[CriminalEntry, ...]) -> ClientFacts:
    return ClientFacts(
        immigration_status=r[_BASE + 5],
        entry_date=r[_BASE + 6],
        entered_without_inspection=r[_BASE + 7],
        final_removal_order=r[_BASE + 8],
        prior_removal=r[_BASE + 9],
        ice_detainer_history=r[_BASE + 10],
        gang_allegation=r[_BASE + 11],
        criminal_history=history,
    )


def _criminal_history(
    session: Session, client_ids: set[int]
) -> dict[int, tuple[CriminalEntry, ...]]:
    found: dict[int, list[CriminalEntry]] = {}
    ids = sorted(client_ids)
    for first in range(0, len(ids), 5000):
        chunk = ids[first : first + 5000]
        rows = session.connection().execute(
            select(
                CriminalHistoryEntry.client_id,
                CriminalHistoryEntry.offence,
                CriminalHistoryEntry.offence_date,
                CriminalHistoryEntry.offence_class,
                CriminalHistoryEntry.dui,
                CriminalHistoryEntry.pending,
            )
            .where(CriminalHistoryEntry.client_id.in_(chunk))
            .order_by(CriminalHistoryEntry.client_id, CriminalHistoryEntry.id)
        )
        for client_id, offence, when, klass, dui, pending in rows:
            found.setdefault(client_id, []).append(
                CriminalEntry(offence, when, klass, dui, pending)
            )
    return {key: tuple(value) for key, value in found.items()}


def _incidents(session: Session) -> list[IncidentFacts]:
    rows = session.execute(
        select(EnforcementIncident, Courthouse.name).outerjoin(
            Courthouse, Courthouse.id == EnforcementIncident.courthouse_id
        )
    )
    return [
        IncidentFacts(
            i.id,
            i.occurred_at,
            i.courthouse_id,
            i.city or None,
            i.state or None,
            i.location_kind,
            name or i.location_text,
            i.summary,
            i.verified,
        )
        for i, name in rows
    ]
