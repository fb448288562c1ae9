"""The keyring wrapper refuses every backend that would keep a secret in plaintext."""

from __future__ import annotations

from collections.abc import Iterator

import keyring
import keyring.backends.fail
import keyring.backends.null
import keyring.errors
import pytest
from keyring.backend import KeyringBackend

from app.security.errors import SecretStoreUnavailable
from app.security.secrets import (
    SERVICE_NAME,
    MemoryKeyring,
    SecretStore,
    install_memory_keyring,
    is_secure_backend,
)


@pytest.fixture(autouse=True)
def restore_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    yield
    keyring.set_keyring(previous)


def test_set_get_delete_round_trip() -> None:
    backend = install_memory_keyring()
    store = SecretStore.from_system()
    assert store.get("office") is None
    store.set("office", "AGE-SECRET-KEY-1XYZ")
    assert store.get("office") == "AGE-SECRET-KEY-1XYZ"
    assert backend.get_password(SERVICE_NAME, "office") == "AGE-SECRET-KEY-1XYZ"
    assert store.delete("office") is True
    assert store.delete("office") is False
    assert store.get("office") is None


def test_empty_secret_is_refused() -> None:
    store = SecretStore(MemoryKeyring())
    with pytest.raises(ValueError):
        store.set("office", "")


@pytest.mark.parametrize(
    "backend", [keyring.backends.fail.Keyring(), keyring.backends.null.Keyring()], ids=type
)
def test_fail_and_null_backends_are_refused_with_advice(backend: KeyringBackend) -> None:
    keyring.set_keyring(backend)
    with pytest.raises(SecretStoreUnavailable) as caught:
        SecretStore.from_system()
    assert "plain file" in caught.value.message
    assert "keyring" in caught.value.message.lower()
    assert "recovery key" in caught.value.message


def _plaintext_backend() -> KeyringBackend:
    """A stand-in for keyrings.alt.file.PlaintextKeyring without installing keyrings.alt."""

    class PlaintextKeyring(MemoryKeyring):
        pass

    PlaintextKeyring.__module__ = "keyrings.alt.file"
    return PlaintextKeyring()


def test_plaintext_backend_is_refused() -> None:
    backend = _plaintext_backend()
    assert not is_secure_backend(backend)
    with pytest.raises(SecretStoreUnavailable):
        SecretStore(backend)


def test_chainer_uses_its_secure_member_and_skips_plaintext() -> None:
    secure = MemoryKeyring()

    class ChainerBackend(MemoryKeyring):
        backends = [_plaintext_backend(), secure]

    ChainerBackend.__module__ = "keyring.backends.chainer"
    store = SecretStore(ChainerBackend())
    store.set("office", "s3cret")
    assert secure.get_password(SERVICE_NAME, "office") == "s3cret"
    assert all(b.get_password(SERVICE_NAME, "office") is None for b in ChainerBackend.backends[:1])


def test_chainer_with_only_plaintext_members_is_refused() -> None:
    class ChainerBackend(MemoryKeyring):
        backends = [_plaintext_backend()]

    ChainerBackend.__module__ = "keyring.backends.chainer"
    with pytest.raises(SecretStoreUnavailable):
        SecretStore(ChainerBackend())


class _LockedKeyring(MemoryKeyring):
    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringLocked("locked")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.PasswordSetError("cannot set")


def test_backend_errors_become_user_facing() -> None:
    store = SecretStore(_LockedKeyring())
    with pytest.raises(SecretStoreUnavailable, match="locked"):
        store.get("office")
    with pytest.raises(SecretStoreUnavailable):
        store.set("office", "value")


def test_memory_keyring_delete_missing_raises_keyring_error() -> None:
    with pytest.raises(keyring.errors.PasswordDeleteError):
        MemoryKeyring().delete_password(SERVICE_NAME, "nothing")
