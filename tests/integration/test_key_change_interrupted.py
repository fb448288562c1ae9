"""An interrupted `change-key` must leave an office that opens, and no stray readable copy.

A kill is simulated in-process by raising an exception that is not an `Exception` (nothing in
the key change may clean up after it, as nothing would after a kill), and once for real with a
subprocess that exits hard in the middle of the change.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from app.bootstrap import App, OpenOptions, open_app
from app.domain.errors import WrongKeyError
from app.security.errors import SecretStoreUnavailable
from app.security.secrets import SecretStore
from app.services import database
from app.services.clients import ClientInput
from app.storage import encryption
from app.storage.engine import DatabaseKey
from tests.conftest import fixed_clock

OLD = "old passphrase 1"
NEW = "new passphrase 2"


class Killed(BaseException):
    """Stands for kill -9: no `except Exception` and no clean-up code sees it."""


def no_keyring() -> SecretStore:
    raise SecretStoreUnavailable("no keyring on this desk")


def _open(data_dir: Path, passphrase: str | None = None, *, keyring: bool = False) -> App:
    return open_app(
        OpenOptions(
            data_dir=data_dir,
            passphrase=passphrase,
            clock=fixed_clock,
            actor="tester",
            **({} if keyring else {"secret_store": no_keyring}),
        )
    )


def _office(data_dir: Path, passphrase: str | None = None, *, keyring: bool = False) -> None:
    app = _open(data_dir, passphrase, keyring=keyring)
    try:
        app.services.clients.create(ClientInput(given_name="Ana", family_name="Lopez"))
    finally:
        app.close()


def _copies(data_dir: Path) -> list[Path]:
    return sorted(data_dir.glob("courtsafe.db.before-rekey-*"))


def _client_names(app: App) -> list[str]:
    return [row.name for row in app.services.clients.search("")]


def _kill_during_rekey(monkeypatch: pytest.MonkeyPatch) -> None:
    def killed(_engine: object, _key: DatabaseKey) -> None:
        raise Killed

    monkeypatch.setattr(encryption, "rekey", killed)


def _change(app: App, new_key: DatabaseKey) -> None:
    path = app.paths.database_file
    database.change_key(app.database.engine, path, new_key, secrets=app.secrets)


@pytest.fixture
def loose_umask() -> object:
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def test_copy_under_the_old_key_is_private_while_the_change_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, loose_umask: object
) -> None:
    data = tmp_path / "data"
    _office(data, OLD)
    app = _open(data, OLD)
    os.umask(0o022)  # whatever the app set, the copy must not depend on it
    _kill_during_rekey(monkeypatch)
    with pytest.raises(Killed):
        _change(app, DatabaseKey.from_passphrase(NEW))
    app.database.close()
    [copy] = _copies(data)
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600


def test_next_start_removes_the_copy_when_the_change_never_happened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    _office(data, OLD)
    app = _open(data, OLD)
    with monkeypatch.context() as patch:
        _kill_during_rekey(patch)
        with pytest.raises(Killed):
            _change(app, DatabaseKey.from_passphrase(NEW))
    app.database.close()
    assert _copies(data)

    reopened = _open(data, OLD)
    try:
        assert _client_names(reopened) == ["Lopez, Ana"]
    finally:
        reopened.close()
    assert _copies(data) == []


def test_a_copy_is_kept_and_named_while_the_file_opens_with_no_key_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Killed after the switch: the old passphrase no longer opens the file; keep the copy."""
    data = tmp_path / "data"
    _office(data, OLD)
    app = _open(data, OLD)
    with monkeypatch.context() as patch:
        patch.setattr(Path, "unlink", lambda *_a, **_k: (_ for _ in ()).throw(Killed()))
        with pytest.raises(Killed):
            _change(app, DatabaseKey.from_passphrase(NEW))
    app.database.close()
    [copy] = _copies(data)

    with pytest.raises(WrongKeyError) as refused:
        _open(data, OLD)
    message = str(refused.value)
    assert copy.name in message and "interrupted" in message
    assert _copies(data) == [copy]

    reopened = _open(data, NEW)
    try:
        assert _client_names(reopened) == ["Lopez, Ana"]
    finally:
        reopened.close()
    assert _copies(data) == []


def test_new_keyring_key_is_not_lost_when_killed_before_it_was_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    _office(data, keyring=True)
    app = _open(data, keyring=True)
    entry = database.key_name(app.paths.database_file)
    assert app.secrets is not None
    real_set = SecretStore.set

    def set_then_die(store: SecretStore, name: str, value: str) -> None:
        if name == entry:
            raise Killed
        real_set(store, name, value)

    with monkeypatch.context() as patch:
        patch.setattr(SecretStore, "set", set_then_die)
        with pytest.raises(Killed):
            _change(app, DatabaseKey.generate())
    app.database.close()

    reopened = _open(data, keyring=True)
    try:
        assert _client_names(reopened) == ["Lopez, Ana"]
    finally:
        reopened.close()
    assert _copies(data) == []
    again = _open(data, keyring=True)  # the keyring itself now holds the working key
    again.close()


def test_a_successful_change_leaves_no_copy_and_removes_an_older_one(tmp_path: Path) -> None:
    data = tmp_path / "data"
    _office(data, OLD)
    stale = data / "courtsafe.db.before-rekey-20260101T000000Z"
    stale.write_bytes((data / "courtsafe.db").read_bytes())
    app = _open(data, OLD)
    try:
        _change(app, DatabaseKey.from_passphrase(NEW))
    finally:
        app.database.close()
    assert _copies(data) == []
    reopened = _open(data, NEW)
    try:
        assert _client_names(reopened) == ["Lopez, Ana"]
    finally:
        reopened.close()


KILL_SCRIPT = textwrap.dedent(
    """
    import os, sys
    from app.storage import encryption
    def die(engine, key):
        os._exit(137)
    encryption.rekey = die
    from app.cli.main import run
    sys.exit(run(sys.argv[1:]))
    """
)


def test_change_key_killed_for_real_then_the_office_opens_clean(tmp_path: Path) -> None:
    data = tmp_path / "data"
    _office(data, OLD)
    new_file = tmp_path / "new-passphrase.txt"
    new_file.write_text(NEW, encoding="utf-8")
    env = {**os.environ, "COURTSAFE_PASSPHRASE": OLD, "PYTHON_KEYRING_BACKEND":
           "keyring.backends.fail.Keyring"}
    killed = subprocess.run(
        [sys.executable, "-c", KILL_SCRIPT, "--data-dir", str(data), "change-key",
         "--to-passphrase-file", str(new_file)],
        capture_output=True, text=True, env=env, timeout=120,
    )
    assert killed.returncode == 137, killed.stderr
    assert _copies(data)

    listed = subprocess.run(
        [sys.executable, "-m", "app", "--data-dir", str(data), "clients", "list"],
        capture_output=True, text=True, env=env, timeout=120,
    )
    assert listed.returncode == 0, listed.stderr
    assert "Lopez" in listed.stdout
    assert _copies(data) == []
