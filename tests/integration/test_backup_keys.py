"""Backup keys: the recovery key opens everything (also with stock `age`), rotation, no keyring."""

from __future__ import annotations

import shutil
import subprocess
import tarfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from app.bootstrap import App, OpenOptions, open_app
from app.security.errors import SecretStoreUnavailable, WrongKeyError
from app.security.secrets import SecretStore
from app.services.backup import RecoveryKeyNeededError
from app.services.backup_keys import BackupKeysExistError, BackupNotSetUpError
from app.services.demo import DemoService
from app.storage.backup_format import VerifiedBy, verify_backup
from app.storage.models import Client
from tests.conftest import fixed_clock
from tests.integration.test_backup_support import live_key, services, snapshot

PASSPHRASE = "no keyring on this desk"


def _client_names(app: App) -> list[str]:
    with app.ctx.uow.read() as session:
        rows = session.execute(select(Client.family_name, Client.given_name).limit(20)).all()
    return [name for row in rows for name in row if len(name) >= 5]


def test_backups_need_keys_first_and_the_recovery_key_is_shown_once(sqlite_app: App) -> None:
    keys, backups, _ = services(sqlite_app)
    with pytest.raises(BackupNotSetUpError, match="recovery kit"):
        backups.create()
    setup = keys.set_up()
    assert setup.recovery is not None and setup.office_public_key is not None
    assert "keyring" in setup.note
    with pytest.raises(BackupKeysExistError, match="shown once"):
        keys.set_up()
    stored = [sqlite_app.services.office.setting(k) for k in
              ("backup.office_recipient", "backup.recovery_recipient")]
    assert stored == [setup.office_public_key, setup.recovery.public_key]
    with sqlite_app.database.engine.connect() as conn:  # the secret is nowhere in the database
        dump = "\n".join(str(row) for row in conn.exec_driver_sql("SELECT * FROM office_setting"))
    assert setup.recovery.identity.secret_key not in dump


def test_stock_age_decrypts_a_backup_with_the_recovery_key_file(
    sqlite_app: App, tmp_path: Path
) -> None:
    assert shutil.which("age"), "the age command is missing: scripts/setup.sh installs it"
    DemoService(sqlite_app.ctx).generate(30, 150)
    keys, backups, _ = services(sqlite_app)
    recovery = keys.set_up().recovery
    assert recovery is not None
    key_file = tmp_path / "recovery-key.txt"
    key_file.write_text(recovery.file_text())
    result = backups.create()
    plain = tmp_path / "backup.tar"
    done = subprocess.run(["age", "-d", "-i", str(key_file), "-o", str(plain), str(result.path)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    with tarfile.open(plain) as archive:
        names = archive.getnames()
    assert names[0] == "courtsafe-backup.json" and names[-1] == "manifest.json"
    assert "tables/hearing/part-0001.jsonl.gz" in names


def test_no_client_name_appears_in_a_backup_file(sqlite_app: App) -> None:
    DemoService(sqlite_app.ctx).generate(30, 150)
    keys, backups, _ = services(sqlite_app)
    keys.set_up()
    data = backups.create().path.read_bytes()
    names = _client_names(sqlite_app)
    assert names
    for name in names:
        assert name.encode() not in data and name.lower().encode() not in data


def test_rotated_office_key_still_opens_older_backups(sqlite_app: App) -> None:
    keys, backups, restorer = services(sqlite_app)
    recovery = keys.set_up().recovery
    assert recovery is not None
    old = backups.create()
    new_key = keys.rotate_office_key()
    assert keys.recipients()[0].public_key == new_key
    assert len(keys.office_identities()) == 2  # the old secret kept under its own name
    backups.verify(old.path)
    newer = backups.create()
    assert newer.verified_by is VerifiedBy.DECRYPTION
    keys.rotate_office_key(forget_old=True)
    # the first office key is still kept; the second was forgotten ...
    assert len(keys.office_identities()) == 2
    # ... and the recovery key opens every backup
    for path in (old.path, newer.path):
        restorer.inspect(path, [recovery.identity])
    restorer.restore_here(newer.path, [recovery.identity], database_key=live_key(sqlite_app))


def test_a_new_recovery_key_for_new_backups_the_old_one_for_old_ones(sqlite_app: App) -> None:
    keys, backups, _ = services(sqlite_app)
    first = keys.set_up().recovery
    assert first is not None
    old = backups.create()
    second = keys.rotate_recovery_key()
    new = backups.create()
    backups.verify(old.path, [first.identity])
    backups.verify(new.path, [second.identity])
    with pytest.raises(WrongKeyError):
        verify_backup(new.path, first.identity)


# -- no keyring ---------------------------------------------------------------------------------


def _no_keyring() -> SecretStore:
    raise SecretStoreUnavailable("no keyring on this desk")


@pytest.fixture
def keyless_app(tmp_path: Path) -> Iterator[App]:
    app = open_app(OpenOptions(data_dir=tmp_path / "data", passphrase=PASSPHRASE,
                               secret_store=_no_keyring, clock=fixed_clock))
    yield app
    app.close()


def test_without_a_keyring_backups_work_and_restore_needs_the_recovery_key(
    keyless_app: App, tmp_path: Path
) -> None:
    app = keyless_app
    assert app.secrets is None
    DemoService(app.ctx).generate(30, 150)
    keys, backups, restorer = services(app)
    setup = keys.set_up()
    assert setup.office_public_key is None and setup.recovery is not None
    assert "no secure keyring" in setup.note and "recovery key" in setup.note
    assert [r.public_key for r in keys.recipients()] == [setup.recovery.public_key]
    result = backups.create()
    assert result.verified_by is VerifiedBy.READBACK
    assert backups.status().last_verified is None  # read back, not decrypted: not counted

    with pytest.raises(RecoveryKeyNeededError, match="recovery key"):
        restorer.inspect(result.path)
    with pytest.raises(RecoveryKeyNeededError):
        backups.verify(result.path)
    backups.verify(result.path, [setup.recovery.identity])
    assert backups.days_since_last_verified() == 0
    before = snapshot(app.database.engine)

    key = live_key(app, PASSPHRASE)
    restorer.restore_here(result.path, [setup.recovery.identity], database_key=key)
    assert snapshot(app.database.engine) == before

    # Nothing in the data folder holds a client's name in plaintext.
    names = [n.encode() for n in _client_names(app)]
    app.close()
    assert names
    for path in app.paths.data_dir.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert not any(name in data for name in names), path
