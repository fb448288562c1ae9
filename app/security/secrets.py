"""The only way CourtSafe touches the OS secret store.

Secrets live in the OS keyring under the service name "CourtSafe". When the keyring has no secure
backend (no desktop session, the `fail`/`null` backends, or a plaintext backend such as the ones
in `keyrings.alt`) the store refuses with `SecretStoreUnavailable`; it never writes a plain file.
"""

from __future__ import annotations

import keyring
import keyring.errors
from keyring.backend import KeyringBackend
from keyring.compat import properties

from app.security.errors import SecretStoreUnavailable

SERVICE_NAME = "CourtSafe"

OFFICE_BACKUP_IDENTITY = "backup-office-identity"
"""Secret name of the office's age identity (AGE-SECRET-KEY-1...)."""

DATABASE_KEY = "database-key"
"""Secret name of the SQLCipher key of the embedded database."""

_NO_SECURE_STORE = (
    "No secure secret store is available on this computer ({detail}). CourtSafe will not keep "
    "secrets in a plain file. Sign in to a desktop session with a keyring (GNOME Keyring, KWallet, "
    "macOS Keychain or Windows Credential Manager) and try again; meanwhile backups still work and "
    "a restore asks for the recovery key."
)
_LOCKED = "The system keyring is locked. Unlock it (or sign in again) and try again."

_INSECURE_MODULES = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")


def is_secure_backend(backend: KeyringBackend) -> bool:
    """True for backends that keep secrets encrypted or in memory, never in a plain file."""
    module = type(backend).__module__
    if any(module == name or module.startswith(name + ".") for name in _INSECURE_MODULES):
        return False
    if module == "keyring.backends.chainer":
        return False  # a chain may fall through to a plaintext member; unwrap it first
    return True


def _secure_backend(backend: KeyringBackend) -> KeyringBackend:
    """Return the backend to use, unwrapping a chainer to its most preferred secure member."""
    if type(backend).__module__ == "keyring.backends.chainer":
        members: list[KeyringBackend] = list(getattr(backend, "backends", []))
        for member in members:
            if is_secure_backend(member):
                return member
        raise SecretStoreUnavailable(_NO_SECURE_STORE.format(detail="no secure keyring backend"))
    if not is_secure_backend(backend):
        name = f"{type(backend).__module__}.{type(backend).__name__}"
        raise SecretStoreUnavailable(_NO_SECURE_STORE.format(detail=f"keyring backend {name}"))
    return backend


class SecretStore:
    """Get, set and delete named secrets of CourtSafe in one keyring backend.

    The backend is resolved when the store is created (from the composition root), not at import.
    """

    def __init__(self, backend: KeyringBackend, service: str = SERVICE_NAME) -> None:
        self._backend = _secure_backend(backend)
        self._service = service

    @classmethod
    def from_system(cls, service: str = SERVICE_NAME) -> SecretStore:
        """The store over the keyring's configured backend; raises if it is not secure."""
        try:
            backend = keyring.get_keyring()
        except keyring.errors.KeyringError as exc:
            raise SecretStoreUnavailable(_NO_SECURE_STORE.format(detail=str(exc))) from exc
        return cls(backend, service)

    @property
    def backend_name(self) -> str:
        return f"{type(self._backend).__module__}.{type(self._backend).__name__}"

    def get(self, name: str) -> str | None:
        """The secret, or None when it was never stored."""
        try:
            return self._backend.get_password(self._service, name)
        except keyring.errors.KeyringError as exc:
            raise _unavailable(exc) from exc

    def set(self, name: str, value: str) -> None:
        if not value:
            raise ValueError("refusing to store an empty secret")
        try:
            self._backend.set_password(self._service, name, value)
        except keyring.errors.KeyringError as exc:
            raise _unavailable(exc) from exc

    def delete(self, name: str) -> bool:
        """Delete the secret; False when there was nothing to delete."""
        try:
            if self._backend.get_password(self._service, name) is None:
                return False
            self._backend.delete_password(self._service, name)
        except keyring.errors.PasswordDeleteError:
            return False
        except keyring.errors.KeyringError as exc:
            raise _unavailable(exc) from exc
        return True


def _unavailable(exc: keyring.errors.KeyringError) -> SecretStoreUnavailable:
    if isinstance(exc, keyring.errors.KeyringLocked):
        return SecretStoreUnavailable(_LOCKED)
    return SecretStoreUnavailable(_NO_SECURE_STORE.format(detail=str(exc) or type(exc).__name__))


class MemoryKeyring(KeyringBackend):
    """A keyring backend that keeps secrets in this process only: for tests.

    Its priority raises, which makes keyring's discovery skip it: the class exists as soon as this
    module is imported, and keyring would otherwise pick it as the default and lose every key
    when the process ends. It is only ever installed explicitly (`install_memory_keyring`).
    """

    @properties.classproperty
    def priority(cls) -> float:  # noqa: N805 - keyring's classproperty
        raise RuntimeError("the in-memory keyring is installed explicitly, never discovered")

    def __init__(self) -> None:
        self.set_properties_from_env()  # what KeyringBackend.__init__ does (it is untyped)
        self._secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        try:
            del self._secrets[(service, username)]
        except KeyError:
            raise keyring.errors.PasswordDeleteError("no such secret") from None


def install_memory_keyring() -> MemoryKeyring:
    """Make a fresh in-memory backend the process-wide keyring and return it."""
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    return backend
