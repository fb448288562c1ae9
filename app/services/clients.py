"""Clients: intake, edits with an audit trail, and diacritic-insensitive search as you type."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, delete, func, intersect, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.attributes import flag_modified

from app.domain.enums import ImmigrationStatus, OffenceClass
from app.domain.errors import UserError, ValidationError
from app.domain.field_limits import check_lengths
from app.domain.names import is_unspaced_script, name_tokens, prefix_upper_bound, words
from app.domain.validation import check_a_number, check_not_future, require
from app.services import audit, entity
from app.services.context import ServiceContext
from app.storage.models import Client, ClientNameToken, CriminalHistoryEntry

ENTITY = "client"
LANGUAGES = ("en", "es", "vi", "zh", "ar", "ht", "ru", "ko", "tl", "pt", "so", "am", "fr")


@dataclass(frozen=True, kw_only=True)
class CriminalEntryInput:
    offence: str
    offence_class: OffenceClass
    offence_date: date | None = None
    dui: bool = False
    pending: bool = False


@dataclass(frozen=True, kw_only=True)
class ClientInput:
    given_name: str
    family_name: str
    preferred_name: str = ""
    date_of_birth: date | None = None
    a_number: str | None = None
    preferred_language: str = "en"
    phone: str = ""
    email: str = ""
    address: str = ""
    safe_contact: str = ""
    # Nobody has asked yet: scored as unknown. Never "citizen" by default, which silences a flag.
    immigration_status: ImmigrationStatus = ImmigrationStatus.NOT_ASKED
    status_document: str = ""
    status_expires_on: date | None = None
    entry_date: date | None = None
    entered_without_inspection: bool = False
    final_removal_order: bool = False
    prior_removal: bool = False
    ice_detainer_history: bool = False
    gang_allegation: bool = False
    notes: str = ""
    criminal_history: tuple[CriminalEntryInput, ...] = ()


@dataclass(frozen=True, kw_only=True)
class ClientRecord(ClientInput):
    id: int
    version: int
    created_at: datetime

    @property
    def display_name(self) -> str:
        return display_name(self.given_name, self.family_name, self.preferred_name)


@dataclass(frozen=True)
class ClientRow:
    """One line of the client list: nothing sensitive, so a list can be shown over a shoulder."""

    id: int
    name: str
    preferred_language: str
    safe_contact: str
    date_of_birth: date | None = field(default=None, repr=False)


def display_name(given: str, family: str, preferred: str = "") -> str:
    if family and is_unspaced_script(family[0]):
        name = f"{family}{given}"  # 李小龙: family name first, no comma
    else:
        name = f"{family}, {given}" if given else family
    return f"{name} ({preferred})" if preferred else name


class ClientService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def create(self, data: ClientInput) -> ClientRecord:
        data = self._validated(data)
        with self.ctx.uow.session() as session:
            client = Client(**_columns(data), created_at=self.ctx.now())
            client.criminal_history = [_entry(e) for e in data.criminal_history]
            entity.create(self.ctx, session, client, ENTITY)
            _write_tokens(session, client)
            return _record(client)

    def update(self, client_id: int, expected_version: int, data: ClientInput) -> ClientRecord:
        data = self._validated(data)
        with self.ctx.uow.session() as session:
            client = entity.fetch_for_update(session, Client, client_id, expected_version, ENTITY)
            if _history_changed(client, data.criminal_history):
                client.criminal_history = [_entry(e) for e in data.criminal_history]
                flag_modified(client, "family_name")  # bumps the version like any edit
                audit.record(
                    session,
                    actor=self.ctx.actor,
                    at=self.ctx.now(),
                    entity=ENTITY,
                    entity_id=client.id,
                    action="update",
                    changes={"criminal_history": [audit.MASK, audit.MASK]},
                )
            changes = entity.update(self.ctx, session, client, _columns(data), ENTITY)
            if {"given_name", "family_name", "preferred_name"} & set(changes):
                _write_tokens(session, client)
            session.flush()
            return _record(client)

    def get(self, client_id: int) -> ClientRecord:
        with self.ctx.uow.read() as session:
            client = session.execute(
                select(Client)
                .options(selectinload(Client.criminal_history))
                .where(Client.id == client_id)
            ).scalar_one_or_none()
            if client is None:
                entity.fetch(session, Client, client_id, ENTITY)
            assert client is not None
            return _record(client)

    def delete(self, client_id: int, expected_version: int) -> None:
        try:
            with self.ctx.uow.session() as session:
                client = entity.fetch_for_update(
                    session, Client, client_id, expected_version, ENTITY
                )
                entity.delete(self.ctx, session, client, ENTITY)
        except IntegrityError:
            raise UserError(
                "This client still has cases. Close or delete the cases first."
            ) from None

    def search(self, text: str = "", *, limit: int = 200, offset: int = 0) -> list[ClientRow]:
        """Clients whose every typed word starts one of their name tokens, by family name."""
        with self.ctx.uow.read() as session:
            rows = session.connection().execute(_search_query(text).limit(limit).offset(offset))
            return [
                ClientRow(
                    r.id,
                    display_name(r.given_name, r.family_name, r.preferred_name),
                    r.preferred_language,
                    r.safe_contact,
                    r.date_of_birth,
                )
                for r in rows
            ]

    def count(self, text: str = "") -> int:
        with self.ctx.uow.read() as session:
            return int(
                session.execute(
                    select(func.count()).select_from(_search_query(text).subquery())
                ).scalar_one()
            )

    def history(self, client_id: int) -> list[audit.AuditRow]:
        with self.ctx.uow.read() as session:
            return audit.history(session, ENTITY, client_id)

    def _validated(self, data: ClientInput) -> ClientInput:
        problems: dict[str, str] = {}
        require(problems, "family_name", data.family_name, "Family name")
        check_lengths(problems, "client", vars(data))
        a_number = check_a_number(problems, "a_number", data.a_number)
        today = self.ctx.now().date()
        check_not_future(problems, "date_of_birth", data.date_of_birth, today)
        check_not_future(problems, "entry_date", data.entry_date, today)
        if data.preferred_language not in LANGUAGES:
            problems["preferred_language"] = f"unknown language code '{data.preferred_language}'"
        if data.email and "@" not in data.email:
            problems["email"] = "an e-mail address needs an @"
        for index, item in enumerate(data.criminal_history, start=1):
            if not item.offence.strip():
                problems[f"criminal_history[{index}].offence"] = "describe the offence"
            check_lengths(problems, "criminal_history", vars(item), f"criminal_history[{index}].")
            check_not_future(
                problems, f"criminal_history[{index}].offence_date", item.offence_date, today
            )
        if problems:
            raise ValidationError(problems)
        return replace(
            data,
            given_name=data.given_name.strip(),
            family_name=data.family_name.strip(),
            preferred_name=data.preferred_name.strip(),
            a_number=a_number,
        )


def _search_query(text: str) -> Select[*tuple[Any, ...]]:
    columns = (
        Client.id,
        Client.given_name,
        Client.family_name,
        Client.preferred_name,
        Client.preferred_language,
        Client.safe_contact,
        Client.date_of_birth,
    )
    query = select(*columns).order_by(Client.family_name, Client.given_name, Client.id)
    terms = words(text)
    if not terms:
        return query
    per_word = [
        select(ClientNameToken.client_id).where(
            ClientNameToken.token >= term, ClientNameToken.token < prefix_upper_bound(term)
        )
        for term in terms[:6]
    ]
    matching = per_word[0] if len(per_word) == 1 else intersect(*per_word)
    return query.where(Client.id.in_(matching))


def _columns(data: ClientInput) -> dict[str, Any]:
    values = {
        name: getattr(data, name)
        for name in entity.column_names(Client)
        if hasattr(data, name) and name != "created_at"
    }
    return values


def _entry(item: CriminalEntryInput) -> CriminalHistoryEntry:
    return CriminalHistoryEntry(
        offence=item.offence.strip(),
        offence_date=item.offence_date,
        offence_class=item.offence_class,
        dui=item.dui,
        pending=item.pending,
    )


def _entry_input(row: CriminalHistoryEntry) -> CriminalEntryInput:
    return CriminalEntryInput(
        offence=row.offence,
        offence_class=row.offence_class,
        offence_date=row.offence_date,
        dui=row.dui,
        pending=row.pending,
    )


def _history_changed(client: Client, wanted: tuple[CriminalEntryInput, ...]) -> bool:
    return tuple(_entry_input(r) for r in client.criminal_history) != wanted


def _write_tokens(session: Session, client: Client) -> None:
    session.execute(delete(ClientNameToken).where(ClientNameToken.client_id == client.id))
    tokens = name_tokens(client.family_name, client.given_name, client.preferred_name)
    session.add_all(ClientNameToken(client_id=client.id, token=t) for t in sorted(tokens))


def _record(client: Client) -> ClientRecord:
    values = {name: getattr(client, name) for name in entity.column_names(Client)}
    return ClientRecord(
        id=client.id,
        version=client.version,
        criminal_history=tuple(_entry_input(r) for r in client.criminal_history),
        **values,
    )
