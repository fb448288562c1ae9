"""Commands that manage the database itself: migrate, demo data, encryption and keys."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import Any

from app.bootstrap import App, OpenOptions, resolve_passphrase
from app.domain.errors import UserError
from app.security.secrets import SecretStore
from app.services.database import change_key, encrypt_plain_file, secret_store_or_none
from app.services.demo import DemoService
from app.storage import migrations
from app.storage.engine import DatabaseKey, sqlite_path


def register(commands: Any) -> None:
    migrate = commands.add_parser("migrate", help="bring the database schema up to date")
    migrate.set_defaults(handler=run_migrate)

    demo = commands.add_parser("demo", help="fill an empty database with realistic demo data")
    demo.add_argument("--clients", type=int, default=2000)
    demo.add_argument("--hearings", type=int, default=10000)
    demo.add_argument("--seed", type=int, default=1)
    demo.set_defaults(handler=run_demo)

    encrypt = commands.add_parser(
        "encrypt-database", help="convert an unencrypted SQLite file into an encrypted one"
    )
    encrypt.add_argument("plain", type=Path, metavar="PLAIN.db")
    encrypt.add_argument("--out", type=Path, required=True, metavar="NEW.db")
    encrypt.set_defaults(run_without_app=run_encrypt)

    rekey = commands.add_parser("change-key", help="re-encrypt the database with a new key")
    target = rekey.add_mutually_exclusive_group(required=True)
    target.add_argument(
        "--to-keyring", action="store_true", help="a new random key kept in the OS keyring"
    )
    target.add_argument(
        "--to-passphrase-file", type=Path, metavar="FILE", help="a new passphrase read from FILE"
    )
    rekey.set_defaults(handler=run_change_key)


def run_migrate(args: argparse.Namespace, app: App) -> int:
    print(f"Schema is at {migrations.current_revision(app.database.engine)} (latest).")
    return 0


def run_demo(args: argparse.Namespace, app: App) -> int:
    def progress(step: str, done: int, total: int) -> None:
        if sys.stderr.isatty():
            print(f"\r{step}: {done:,} of {total:,}", end="", file=sys.stderr, flush=True)

    summary = DemoService(app.ctx).generate(args.clients, args.hearings, args.seed, progress)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(
        f"Demo office ready: {summary.clients:,} clients, {summary.cases:,} cases, "
        f"{summary.hearings:,} hearings, {summary.incidents:,} incidents, "
        f"{summary.courthouses:,} courthouses in {summary.seconds:.1f} s."
    )
    return 0


def run_encrypt(args: argparse.Namespace) -> int:
    options = OpenOptions(passphrase_file=args.passphrase_file)
    secrets = secret_store_or_none(SecretStore.from_system)
    target = encrypt_plain_file(
        args.plain, args.out, secrets=secrets, passphrase=resolve_passphrase(options)
    )
    print(
        f"Encrypted copy written to {target}. The original file was not changed; delete it "
        "securely once you have checked the copy opens (courtsafe --database "
        f"sqlite:///{target} clients list)."
    )
    return 0


def run_change_key(args: argparse.Namespace, app: App) -> int:
    path = sqlite_path(app.database.url)
    if path is None:
        raise UserError("Only the embedded SQLite file has a key; a server has its own security.")
    if args.to_keyring:
        if app.secrets is None:
            raise UserError("This computer has no secure keyring; use --to-passphrase-file.")
        new_key = DatabaseKey.generate()
    else:
        new_key = DatabaseKey.from_passphrase(_read_passphrase(args.to_passphrase_file))
    change_key(app.database.engine, path, new_key, secrets=app.secrets)
    where = "the OS keyring" if args.to_keyring else "the new passphrase"
    print(f"The database is now encrypted with {where}.")
    return 0


def _read_passphrase(path: Path) -> str:
    if str(path) == "-":
        return getpass.getpass("New passphrase: ")
    try:
        text = path.read_text(encoding="utf-8").rstrip("\r\n")
    except OSError as error:
        raise UserError(f"{path} could not be read: {error.strerror}.") from None
    if len(text) < 8:
        raise UserError("Choose a passphrase of at least 8 characters.")
    return text
