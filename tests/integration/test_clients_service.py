"""Client intake, edits, search and conflicts between desks, on SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from app.bootstrap import App
from app.domain.enums import ImmigrationStatus, OffenceClass
from app.domain.errors import ConflictError, NotFoundError, ValidationError
from app.services.clients import ClientInput, ClientService, CriminalEntryInput

VICTOR = ClientInput(
    given_name="Víctor Manuel",
    family_name="Rodríguez-Covarrubias",
    a_number="A-098-765-432",
    immigration_status=ImmigrationStatus.EXPIRED_VISA,
    preferred_language="es",
    criminal_history=(
        CriminalEntryInput(offence="DUI", offence_class=OffenceClass.MISDEMEANOR, dui=True),
    ),
)


def test_created_client_reads_back_with_normalised_a_number(backend_app: App) -> None:
    clients = backend_app.services.clients
    created = clients.create(VICTOR)
    loaded = clients.get(created.id)
    assert loaded.a_number == "A098765432"
    assert loaded.family_name == "Rodríguez-Covarrubias"
    assert loaded.criminal_history == VICTOR.criminal_history
    assert loaded.version == 1


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("rodriguez", "Rodríguez-Covarrubias"),
        ("RODRÍ", "Rodríguez-Covarrubias"),
        ("covarr", "Rodríguez-Covarrubias"),
        ("victor rod", "Rodríguez-Covarrubias"),
        ("nguyen thang", "Nguyễn Văn"),
        ("小龙", "李"),
        ("李小", "李"),
    ],
)
def test_search_ignores_accents_case_and_word_order(
    backend_app: App, typed: str, expected: str
) -> None:
    clients = backend_app.services.clients
    clients.create(VICTOR)
    clients.create(ClientInput(given_name="Thắng", family_name="Nguyễn Văn"))
    clients.create(ClientInput(given_name="小龙", family_name="李"))
    clients.create(ClientInput(given_name="Rosa", family_name="Martínez"))
    found = clients.search(typed)
    assert [row.name.split(",")[0].removesuffix("小龙") for row in found] == [expected]


def test_search_finds_nothing_for_unrelated_text(backend_app: App) -> None:
    backend_app.services.clients.create(VICTOR)
    assert backend_app.services.clients.search("zzz") == []


def test_invalid_input_lists_every_problem_and_saves_nothing(backend_app: App) -> None:
    clients = backend_app.services.clients
    with pytest.raises(ValidationError) as caught:
        clients.create(
            ClientInput(given_name="X", family_name=" ", a_number="B1234",
                        date_of_birth=date(2999, 1, 1), preferred_language="xx")
        )
    assert set(caught.value.problems) == {
        "family_name", "a_number", "date_of_birth", "preferred_language"
    }
    assert "A followed by 8 or 9 digits" in caught.value.problems["a_number"]
    assert clients.count() == 0


def test_second_desk_saving_an_old_version_gets_a_conflict(backend_app: App) -> None:
    clients = backend_app.services.clients
    created = clients.create(VICTOR)
    desk_a = ClientService(backend_app.ctx)
    desk_b = ClientService(backend_app.ctx)
    desk_a.update(created.id, created.version, replace(VICTOR, phone="(720) 555-0100"))
    with pytest.raises(ConflictError, match="Someone else saved"):
        desk_b.update(created.id, created.version, replace(VICTOR, phone="(720) 555-0999"))
    assert clients.get(created.id).phone == "(720) 555-0100"


def test_audit_trail_masks_sensitive_values(backend_app: App) -> None:
    clients = backend_app.services.clients
    created = clients.create(VICTOR)
    clients.update(created.id, created.version,
                   replace(VICTOR, given_name="Víctor", a_number="A111222333"))
    latest = clients.history(created.id)[0]
    assert latest.actor == "tester"
    assert latest.changes["given_name"] == ["Víctor Manuel", "Víctor"]
    assert latest.changes["a_number"] == ["•••", "•••"]
    assert "A111222333" not in str(clients.history(created.id))


def test_unknown_client_is_a_clear_error(backend_app: App) -> None:
    with pytest.raises(NotFoundError, match="no client with id 999"):
        backend_app.services.clients.get(999)
