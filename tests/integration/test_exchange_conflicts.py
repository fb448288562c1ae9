"""The conflict check against the real database: clients and parties, kept current after edits."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

from app.bootstrap import App
from app.cli.main import run
from app.domain.enums import CaseKind, ClientRole, PartyKind
from app.services.cases import CaseInput, PartyInput
from app.services.clients import ClientInput


def _seed(app: App) -> tuple[int, int]:
    clients = app.services.clients
    michael = clients.create(ClientInput(given_name="Michael", family_name="Brown"))
    jose = clients.create(ClientInput(given_name="José", family_name="Rodríguez"))
    case = app.services.cases.create(
        CaseInput(
            client_id=jose.id,
            kind=CaseKind.PROTECTION_ORDER,
            client_role=ClientRole.PETITIONER,
            opened_on=date(2026, 1, 5),
            docket_number="26PO0101",
            parties=(PartyInput(name="Nguyễn Văn Thắng", kind=PartyKind.OPPOSING),),
        )
    )
    return michael.id, case.id


def test_finds_clients_and_opposing_parties_with_case_and_reason(backend_app: App) -> None:
    _seed(backend_app)
    conflicts = backend_app.services.conflicts
    mike = conflicts.check("Mike Browne")
    assert [h.name for h in mike] == ["Brown, Michael"]
    assert "nickname Mike = Michael" in mike[0].reasons
    jose = conflicts.check("Jose Rodriguez")
    assert jose[0].kind == "client"
    assert jose[0].cases[0].docket_number == "26PO0101"
    assert jose[0].cases[0].role == "client, petitioner"
    party = conflicts.check("Nguyen Van Thang")
    assert party[0].kind == "opposing party"
    assert party[0].cases[0].client_name == "Rodríguez, José"
    assert "same name ignoring accents" in party[0].reasons


def test_index_follows_new_edited_and_deleted_people(backend_app: App) -> None:
    michael_id, case_id = _seed(backend_app)
    conflicts = backend_app.services.conflicts
    assert conflicts.check("Fatima Haddad") == []
    clients = backend_app.services.clients
    fatima = clients.create(ClientInput(given_name="Fatima", family_name="Haddad"))
    assert [h.client_id for h in conflicts.check("Fatima Hadad")] == [fatima.id]
    michael = clients.get(michael_id)
    clients.update(michael.id, michael.version, replace(michael, family_name="Okafor"))
    assert conflicts.check("Michael Brown") == []
    assert conflicts.check("Michael Okafor")[0].client_id == michael.id
    case = backend_app.services.cases.get(case_id)
    backend_app.services.cases.update(
        case.id, case.version, replace(case, parties=(PartyInput(name="Dmitri Volkov"),))
    )
    assert conflicts.check("Nguyen Van Thang") == []
    assert conflicts.check("Dmitry Volkov")[0].kind == "opposing party"
    clients.delete(fatima.id, fatima.version)
    assert conflicts.check("Fatima Haddad") == []


def test_excluding_the_record_being_edited(backend_app: App) -> None:
    michael_id, case_id = _seed(backend_app)
    conflicts = backend_app.services.conflicts
    assert conflicts.check("Michael Brown", exclude_client_id=michael_id) == []
    assert conflicts.check("Nguyen Van Thang", exclude_case_id=case_id) == []


def test_conflicts_command_prints_json(sqlite_app: App, capsys: object) -> None:
    _seed(sqlite_app)
    data_dir = sqlite_app.paths.data_dir
    sqlite_app.close()
    code = run(["--data-dir", str(data_dir), "conflicts", "Mike", "Browne", "--format", "json"])
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    assert code == 0
    rows = json.loads(out)
    assert rows[0]["name"] == "Brown, Michael"
    assert "nickname" in rows[0]["why"]
